import type { OutletRepository } from '../adapters/dynamodb/outlet-repository.js';
import type { Outlet, Region } from '../domain/outlet.js';

const TTL_MS = 60_000;

/**
 * Outlets and regions as the public pages need them, cached in memory for a minute: the survey
 * page's outlet look-up and the rating's outlet check then cost no DynamoDB read on a warm
 * Lambda. An admin's change (rename, deactivation) reaches every instance within that minute.
 */
export class OutletDirectory {
  private readonly outlets = new Map<string, { at: number; outlet: Outlet | undefined }>();
  private regions: { at: number; regions: Map<string, Region> } | undefined;
  private all: { at: number; outlets: Outlet[] } | undefined;

  constructor(
    private readonly repository: OutletRepository,
    private readonly clock: () => number = Date.now,
  ) {}

  async outlet(id: string): Promise<Outlet | undefined> {
    const cached = this.outlets.get(id);
    if (cached && this.clock() - cached.at < TTL_MS) return cached.outlet;
    const outlet = await this.repository.get(id);
    if (this.outlets.size > 20_000) this.outlets.clear();
    this.outlets.set(id, { at: this.clock(), outlet });
    return outlet;
  }

  async region(id: string): Promise<Region | undefined> {
    if (!this.regions || this.clock() - this.regions.at >= TTL_MS) {
      const regions = await this.repository.listRegions();
      this.regions = { at: this.clock(), regions: new Map(regions.map((r) => [r.id, r])) };
    }
    return this.regions.regions.get(id);
  }

  /** Every outlet, closed ones too (their history still counts); cached like the rest. */
  async allOutlets(): Promise<Outlet[]> {
    if (!this.all || this.clock() - this.all.at >= TTL_MS) {
      this.all = { at: this.clock(), outlets: await this.repository.list() };
    }
    return this.all.outlets;
  }

  /** Every active outlet, for the customers' outlet picker. */
  async activeOutlets(): Promise<Outlet[]> {
    return (await this.allOutlets()).filter((o) => o.active);
  }

  forget(id: string) {
    this.all = undefined;
    this.outlets.delete(id);
  }
}
