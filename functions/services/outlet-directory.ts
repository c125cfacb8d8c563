import type { OutletRepository } from '../adapters/dynamodb/outlet-repository.js';
import type { Outlet, Region } from '../domain/outlet.js';

const TTL_MS = 60_000;

/**
 * Outlets and regions as the pages need them, cached in memory for a minute: the survey page's
 * outlet look-up and the rating's outlet check then cost no DynamoDB read on a warm Lambda, and
 * a statistics page names the outlets it shows with one BatchGet at most. An admin's change
 * (rename, deactivation) reaches every instance within that minute. Only the customers' outlet
 * picker reads the whole directory (`allOutlets`).
 */
export class OutletDirectory {
  private readonly outlets = new Map<string, { at: number; outlet: Outlet | undefined }>();
  private regionCache: { at: number; regions: Map<string, Region> } | undefined;
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

  /**
   * The outlets of these ids (a page's, never the directory's), from the cache or one BatchGet
   * per 100 missing; an id without an outlet is absent from the answer.
   */
  async outletsOf(ids: readonly string[]): Promise<Map<string, Outlet>> {
    const now = this.clock();
    const found = new Map<string, Outlet>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.outlets.get(id);
      if (cached && now - cached.at < TTL_MS) {
        if (cached.outlet) found.set(id, cached.outlet);
      } else missing.push(id);
    }
    if (missing.length > 0) {
      const read = new Map((await this.repository.getMany(missing)).map((o) => [o.id, o]));
      if (this.outlets.size + missing.length > 20_000) this.outlets.clear();
      for (const id of missing) {
        const outlet = read.get(id);
        this.outlets.set(id, { at: now, outlet });
        if (outlet) found.set(id, outlet);
      }
    }
    return found;
  }

  async region(id: string): Promise<Region | undefined> {
    return (await this.regionMap()).get(id);
  }

  /** Every region (a bank has tens of them: one Query, cached like the rest). */
  async regions(): Promise<Region[]> {
    return [...(await this.regionMap()).values()];
  }

  private async regionMap(): Promise<Map<string, Region>> {
    if (!this.regionCache || this.clock() - this.regionCache.at >= TTL_MS) {
      const regions = await this.repository.listRegions();
      this.regionCache = { at: this.clock(), regions: new Map(regions.map((r) => [r.id, r])) };
    }
    return this.regionCache.regions;
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
