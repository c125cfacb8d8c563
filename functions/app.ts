import { createHttpApp } from './apps/http-app.js';
import { mountPublicRoutes } from './apps/public-app.js';
import { documentApi, mountStaffRoutes } from './apps/staff-app.js';
import type { Dependencies } from './dependencies.js';
import { createRouter } from './http/app-env.js';
import { createSharedServices } from './services/services.js';

export { API_PREFIX } from './apps/http-app.js';

/**
 * The whole API in one app: the local server and the tests run this. In AWS the same routes are
 * split by trust boundary between the public function (apps/public-app.ts) and the staff
 * function (apps/staff-app.ts), built from these same mount functions.
 */
export function createApp(deps: Dependencies) {
  const shared = createSharedServices(deps);
  return createHttpApp(deps, createRouter(), (api, root) => {
    mountPublicRoutes(api, deps, shared);
    mountStaffRoutes(api, deps, shared);
    documentApi(api, root);
  });
}

export type App = ReturnType<typeof createApp>;
