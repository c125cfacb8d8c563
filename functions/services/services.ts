import type { Dependencies } from '../dependencies.js';
import { FeedbackService } from './feedback-service.js';
import { OutletAccess } from './outlet-access.js';
import { OutletAdmin } from './outlet-admin.js';
import { OutletDirectory } from './outlet-directory.js';

/** The app's use cases, built once per app from its dependencies. */
export function createServices(deps: Dependencies) {
  const directory = new OutletDirectory(deps.table);
  const access = new OutletAccess(deps, directory);
  return {
    directory,
    access,
    feedback: new FeedbackService(deps, access),
    outletAdmin: new OutletAdmin(deps, directory),
  };
}

export type Services = ReturnType<typeof createServices>;
