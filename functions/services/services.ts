import type { Dependencies } from '../dependencies.js';
import { OutletAccess } from './outlet-access.js';
import { OutletDirectory } from './outlet-directory.js';
import { RoutingRulesService } from './routing-rules-service.js';

/**
 * Use cases both functions need, built once per app. The public and the staff use cases are
 * built in modules of their own (public-services.ts, staff-services.ts), so each Lambda bundle
 * holds only its own.
 */
export function createSharedServices(deps: Dependencies) {
  const directory = new OutletDirectory(deps.repositories.outlets);
  return {
    directory,
    access: new OutletAccess(deps, directory),
    routingRules: new RoutingRulesService(deps, directory),
  };
}

export type SharedServices = ReturnType<typeof createSharedServices>;
