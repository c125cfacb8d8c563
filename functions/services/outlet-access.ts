import type { Dependencies } from '../dependencies.js';
import { forbidden, notFound } from '../domain/errors.js';
import type { Outlet } from '../domain/outlet.js';
import { verifyOutletKey } from '../domain/outlet-key.js';
import type { OutletDirectory } from './outlet-directory.js';

/** The customer-facing gate: an active outlet, reached through the key printed in its QR code. */
export class OutletAccess {
  constructor(
    private readonly deps: Dependencies,
    readonly directory: OutletDirectory,
  ) {}

  async outletForCustomer(outletId: string, key: string | undefined): Promise<Outlet> {
    const outlet = await this.directory.outlet(outletId);
    if (!outlet?.active) throw notFound('notFound.outletOutOfService');
    const secrets = await this.deps.secrets.qrSecrets();
    if (!verifyOutletKey(secrets, outletId, key, this.deps.now(), this.deps.config.QR_SECRET_GRACE_DAYS)) {
      throw forbidden('forbidden.qrKey');
    }
    return outlet;
  }
}
