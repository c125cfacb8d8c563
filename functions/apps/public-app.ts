import type { Dependencies } from '../dependencies.js';
import type { Router } from '../http/app-env.js';
import { complaintDefinitions, complaintRoutes } from '../routes/complaints.js';
import { feedbackDefinitions, feedbackRoutes } from '../routes/feedback.js';
import { healthDefinitions, healthRoutes } from '../routes/health.js';
import { publicOutletDefinitions, publicOutletRoutes } from '../routes/public-outlets.js';
import { createPublicServices } from '../services/public-services.js';
import { createSharedServices, type SharedServices } from '../services/services.js';
import { API_PREFIX, createHttpApp } from './http-app.js';

/**
 * The customers' side of the API (the public function): outlet look-up, ratings, complaints,
 * tracking, plus the health check. Everything a phone reaches without signing in, and staff
 * entering a complaint on a customer's behalf.
 */
export const publicRouteDefinitions = [
  ...healthDefinitions,
  ...publicOutletDefinitions,
  ...feedbackDefinitions,
  ...complaintDefinitions,
];

/** `GET /api/v1/outlets/{outletId}`, …: the API Gateway routes that go to the public function. */
export const publicEndpoints = publicRouteDefinitions.map((route) => ({
  method: route.method.toUpperCase(),
  path: `${API_PREFIX}${route.path}`,
}));

export function mountPublicRoutes(api: Router, deps: Dependencies, shared: SharedServices) {
  const services = createPublicServices(deps, shared);
  api.route('/', healthRoutes(deps));
  api.route('/', publicOutletRoutes(services));
  api.route('/', feedbackRoutes(deps, services));
  api.route('/', complaintRoutes(deps, services));
}

export function createPublicApp(deps: Dependencies) {
  const shared = createSharedServices(deps);
  return createHttpApp(deps, (api) => mountPublicRoutes(api, deps, shared));
}
