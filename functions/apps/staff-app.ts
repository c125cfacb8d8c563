import type { Dependencies } from '../dependencies.js';
import { createRouter, type Router } from '../http/app-env.js';
import { apiDocsPage } from '../http/docs-page.js';
import { pageContentSecurityPolicy } from '../http/security-headers.js';
import { adminOutletRoutes } from '../routes/admin-outlets.js';
import { adminRoutingRoutes } from '../routes/admin-routing.js';
import { authConfigRoutes } from '../routes/auth-config.js';
import { staffRoutes } from '../routes/staff.js';
import { statsRoutes } from '../routes/stats.js';
import { supervisionRoutes } from '../routes/supervision.js';
import { createSharedServices, type SharedServices } from '../services/services.js';
import { createStaffServices } from '../services/staff-services.js';
import { API_PREFIX, createHttpApp, type RootApp } from './http-app.js';

/**
 * The signed-in side of the API (the staff function): the inbox and complaint actions, outlets,
 * routing rules, statistics, sign-in configuration, and the API's own document.
 */
export function mountStaffRoutes(api: Router, deps: Dependencies, shared: SharedServices) {
  const services = createStaffServices(deps, shared);
  api.route('/', adminOutletRoutes(services));
  api.route('/', adminRoutingRoutes(services));
  api.route('/', staffRoutes(deps, services));
  api.route('/', statsRoutes(deps, services));
  api.route('/', supervisionRoutes(services));
  api.route('/', authConfigRoutes(deps));
}

/**
 * Serves the OpenAPI document of the whole API at /api/v1/openapi.json and its reference page at
 * /api/docs: the staff routes as `@hono/zod-openapi` registered them, the customers' routes from
 * their `zod/mini` declarations. The document is written at its first request, not at a cold
 * start: the customers' route declarations and the conversion of their schemas (7–16 ms of the
 * staff function's start on the bench machine) load only then. It is kept, as nothing in it
 * changes while the function runs.
 */
export function documentApi(api: Router, root: RootApp) {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  let document: Promise<unknown> | undefined;
  api.get('/openapi.json', async (c) => {
    document ??= writeDocument(api);
    return c.json(await document);
  });
  root.get('/api/docs', (c) =>
    c.html(apiDocsPage(`${API_PREFIX}/openapi.json`), 200, {
      'content-security-policy': pageContentSecurityPolicy(),
    }),
  );
}

async function writeDocument(api: Router) {
  const [{ documentPublicRoutes }, { publicRoutes }] = await Promise.all([
    import('./public-api-docs.js'),
    import('./public-app.js'),
  ]);
  documentPublicRoutes(api, publicRoutes);
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    servers: [{ url: API_PREFIX, description: 'This deployment' }],
    info: {
      title: 'Branch feedback and complaint platform',
      version: '1',
      description: 'Customer ratings and complaints for the outlets of a bank, and their handling.',
    },
  });
}

export function createStaffApp(deps: Dependencies) {
  const shared = createSharedServices(deps);
  return createHttpApp(deps, createRouter(), (api, root) => {
    mountStaffRoutes(api, deps, shared);
    documentApi(api, root);
  });
}
