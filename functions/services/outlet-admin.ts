import type { Dependencies } from '../dependencies.js';
import { conflict, invalid, notFound } from '../domain/errors.js';
import { message } from '../domain/messages.js';
import type { Outlet } from '../domain/outlet.js';
import { outletLinks } from '../domain/outlet-links.js';
import type { OutletDirectory } from './outlet-directory.js';

export type OutletFields = Omit<Outlet, 'id' | 'createdAt' | 'updatedAt'>;
export type OutletWithLinks = Outlet & { surveyUrl: string; complaintUrl: string };

/** What admins do with outlets: keep the list, and print the QR codes that lead to them. */
export class OutletAdmin {
  constructor(
    private readonly deps: Dependencies,
    private readonly directory: OutletDirectory,
  ) {}

  private get repository() {
    return this.deps.repositories.outlets;
  }

  async list(regionId?: string): Promise<OutletWithLinks[]> {
    const outlets = await this.repository.list(regionId);
    const secret = (await this.deps.secrets.qrSecrets()).current;
    return outlets.map((o) => this.withLinks(o, secret));
  }

  async get(id: string): Promise<OutletWithLinks> {
    const outlet = await this.repository.get(id);
    if (!outlet) throw notFound('notFound.outlet');
    return this.withLinks(outlet, (await this.deps.secrets.qrSecrets()).current);
  }

  async create(id: string, fields: OutletFields): Promise<OutletWithLinks> {
    await this.assertRegion(fields.regionId);
    const at = this.deps.now().toISOString();
    const outlet: Outlet = { id, ...fields, createdAt: at, updatedAt: at };
    if (!(await this.repository.put(outlet, 'create')))
      throw conflict(message('conflict.outletExists', { id }));
    this.directory.forget(id);
    return this.withLinks(outlet, (await this.deps.secrets.qrSecrets()).current);
  }

  async update(id: string, fields: OutletFields): Promise<OutletWithLinks> {
    await this.assertRegion(fields.regionId);
    const existing = await this.repository.get(id);
    if (!existing) throw notFound('notFound.outlet');
    const outlet: Outlet = { ...existing, ...fields, id, updatedAt: this.deps.now().toISOString() };
    if (!(await this.repository.put(outlet, 'replace'))) throw notFound('notFound.outlet');
    this.directory.forget(id);
    return this.withLinks(outlet, (await this.deps.secrets.qrSecrets()).current);
  }

  async regions() {
    return this.repository.listRegions();
  }

  /** An outlet's QR code (the survey, or the complaint form) as SVG (print) or PNG (documents, chat). */
  async qrCode(
    id: string,
    format: 'svg' | 'png',
    target: 'survey' | 'complaint' = 'survey',
  ): Promise<string | Buffer> {
    const links = await this.get(id);
    const surveyUrl = target === 'survey' ? links.surveyUrl : links.complaintUrl;
    // Loaded on first use: only admins print codes, so no other cold start pays for it.
    const { default: QRCode } = await import('qrcode');
    const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
    return format === 'svg'
      ? QRCode.toString(surveyUrl, { ...options, type: 'svg' })
      : QRCode.toBuffer(surveyUrl, { ...options, type: 'png', width: 1024 });
  }

  private async assertRegion(regionId: string) {
    if (!(await this.directory.region(regionId))) {
      throw invalid({ regionId: 'field.region.unknown' });
    }
  }

  private withLinks(outlet: Outlet, secret: string): OutletWithLinks {
    return { ...outlet, ...outletLinks(this.deps.config.PUBLIC_BASE_URL, outlet.id, secret) };
  }
}
