import { Hono } from 'hono';
import type { Dependencies } from '../dependencies.js';
import type { AppEnv } from '../http/app-env.js';
import { bankContactRoute, serveBankContact } from '../routes/bank-contact.js';
import {
  categoriesRoute,
  fileComplaintRoute,
  findOutletRoute,
  serveComplaints,
  trackRoute,
  verdictRoute,
} from '../routes/complaints.js';
import { detailsRoute, rateRoute, serveFeedback } from '../routes/feedback.js';
import { healthRoute, serveHealth } from '../routes/health.js';
import { outletLookUpRoute, serveOutletLookUp } from '../routes/public-outlets.js';
import { createPublicServices } from '../services/public-services.js';
import { createSharedServices, type SharedServices } from '../services/services.js';
import { API_PREFIX, createHttpApp } from './http-app.js';

/**
 * The customers' side of the API (the public function): outlet look-up, ratings, complaints,
 * tracking, plus the health check. Everything a phone reaches without signing in, and staff
 * entering a complaint on a customer's behalf.
 */
export const publicRoutes = [
  healthRoute,
  outletLookUpRoute,
  rateRoute,
  detailsRoute,
  fileComplaintRoute,
  trackRoute,
  verdictRoute,
  categoriesRoute,
  findOutletRoute,
  bankContactRoute,
];

/** `GET /api/v1/outlets/{outletId}`, …: the API Gateway routes that go to the public function. */
export const publicEndpoints = publicRoutes.map((route) => ({
  method: route.method.toUpperCase(),
  path: `${API_PREFIX}${route.path}`,
}));

export function mountPublicRoutes(api: Hono<AppEnv>, deps: Dependencies, shared: SharedServices) {
  const services = createPublicServices(deps, shared);
  serveHealth(api, deps);
  serveBankContact(api, deps);
  serveOutletLookUp(api, services);
  serveFeedback(api, deps, services);
  serveComplaints(api, deps, services);
}

export function createPublicApp(deps: Dependencies) {
  const shared = createSharedServices(deps);
  return createHttpApp(deps, new Hono<AppEnv>(), (api) => mountPublicRoutes(api, deps, shared));
}
