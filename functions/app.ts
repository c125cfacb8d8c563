import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Dependencies } from './dependencies.js';
import { type AppEnv, createRouter } from './http/app-env.js';
import { authenticate } from './http/auth.js';
import { apiDocsPage } from './http/docs-page.js';
import { ApiError, errorResponse } from './http/errors.js';
import { adminOutletRoutes } from './routes/admin-outlets.js';
import { adminRoutingRoutes } from './routes/admin-routing.js';
import { authConfigRoutes } from './routes/auth-config.js';
import { complaintRoutes } from './routes/complaints.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { publicOutletRoutes } from './routes/public-outlets.js';
import { staffRoutes } from './routes/staff.js';
import { createServices } from './services/services.js';

export const API_PREFIX = '/api/v1';

/**
 * The one HTTP application. Lambda serves it through hono/aws-lambda, the local server through
 * @hono/node-server, tests through `app.request`. Adapters are chosen by whoever builds `deps`.
 */
export function createApp(deps: Dependencies) {
  const services = createServices(deps);
  const api = createRouter();
  api.use(authenticate(deps.verifyToken));
  api.route('/', healthRoutes(deps));
  api.route('/', publicOutletRoutes(services));
  api.route('/', feedbackRoutes(deps, services));
  api.route('/', adminOutletRoutes(services));
  api.route('/', complaintRoutes(deps, services));
  api.route('/', adminRoutingRoutes(deps, services));
  api.route('/', staffRoutes(deps, services));
  api.route('/', authConfigRoutes(deps));

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: API_PREFIX, description: 'This deployment' }],
    info: {
      title: 'Branch feedback and complaint platform',
      version: '1',
      description: 'Customer ratings and complaints for the outlets of a bank, and their handling.',
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });

  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'The request body is larger than 64 KB');
      },
    }),
  );
  app.route(API_PREFIX, api);
  app.get('/api/docs', (c) => c.html(apiDocsPage(`${API_PREFIX}/openapi.json`)));
  app.notFound((c) => c.json({ error: 'not_found', message: 'No such route' }, 404));
  app.onError((err, c) =>
    errorResponse(c, err, (e) =>
      deps.logger.error('Unhandled error', { error: e as Error, path: c.req.path }),
    ),
  );
  return app;
}

export type App = ReturnType<typeof createApp>;
