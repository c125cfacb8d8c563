import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
import { z } from 'zod';
import type { LocalNotifier } from '../adapters/notifier/local-notifier.js';
import type { FileSecretStore } from '../adapters/secrets/file-secret-store.js';
import { API_PREFIX, createHttpApp } from '../apps/http-app.js';
import { schedules } from '../config/schedules.js';
import type { Dependencies } from '../dependencies.js';
import { isCalendarDay } from '../domain/statistics/periods.js';
import type { AppEnv } from '../http/app-env.js';
import { validationResponse } from '../http/errors.js';
import { runJob } from '../jobs/run-job.js';
import { recomputeRange } from '../jobs/statistics-jobs.js';
import type { DevIssuer } from './dev-issuer.js';
import { seedUsers } from './seed-data.js';

/** Where the local routes are served: under the API's prefix, beside its own routes. */
const LOCAL_PATH = '/local';
export const LOCAL_PREFIX = `${API_PREFIX}${LOCAL_PATH}`;

/**
 * The local routes in the API's own HTTP shell (request ids, security headers, the body limit,
 * bearer tokens, the error mapping), in an app of their own: createApp is what Lambda serves, and
 * the local server sends LOCAL_PREFIX here.
 */
export function localApp(
  deps: Dependencies,
  issuer: DevIssuer,
  notifier: LocalNotifier,
  secrets: FileSecretStore,
) {
  return createHttpApp(deps, new Hono<AppEnv>(), (api) => {
    api.route(LOCAL_PATH, localRoutes(deps, issuer, notifier, secrets));
  });
}

/**
 * Routes that exist only in the local server, never in createApp: the dev sign-in, the
 * notifier's delivery log and a way to run a job now.
 */
function localRoutes(
  deps: Dependencies,
  issuer: DevIssuer,
  notifier: LocalNotifier,
  secrets: FileSecretStore,
) {
  const tokenRequest = z.object({ username: z.string().min(1) });
  const day = z.string().refine(isCalendarDay, 'Use a real date, YYYY-MM-DD');
  const rollupRequest = z
    .object({ from: day, to: day })
    .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] });
  const jobNames = schedules.map((s) => s.job);

  return (
    new Hono<AppEnv>()
      .get('/users', (c) =>
        c.json(seedUsers.map(({ username, displayName, roles }) => ({ username, displayName, roles }))),
      )
      .post('/token', async (c) => {
        const parsed = tokenRequest.safeParse(await c.req.json().catch(() => undefined));
        if (!parsed.success) return validationResponse(c, parsed.error);
        const user = seedUsers.find((u) => u.username === parsed.data.username);
        if (!user) return c.json({ error: 'not_found', message: 'No such local user' }, 404);
        return c.json({ token: await issuer.sign(user) });
      })
      .get('/jwks.json', (c) => c.json(issuer.jwks))
      .get('/.well-known/openid-configuration', (c) =>
        c.json({
          issuer: issuer.issuer,
          jwks_uri: issuer.jwksUrl,
          id_token_signing_alg_values_supported: ['ES256'],
        }),
      )
      .get('/deliveries', (c) => c.json(notifier.list()))
      .post('/rotate-qr-secret', (c) => {
        secrets.rotateQrSecret(deps.now());
        return c.json({ rotated: true, graceDays: deps.config.QR_SECRET_GRACE_DAYS });
      })
      // `npm run rollup -- --from … --to …`: one JSON line per step, then the result.
      .post('/rollup', async (c) => {
        const parsed = rollupRequest.safeParse(await c.req.json().catch(() => undefined));
        if (!parsed.success) return validationResponse(c, parsed.error);
        return streamText(c, async (out) => {
          let last = 0;
          const result = await recomputeRange(deps, parsed.data.from, parsed.data.to, (done, total, step) => {
            if (done === total || Date.now() - last > 100) {
              last = Date.now();
              void out.writeln(JSON.stringify({ done, total, step }));
            }
          });
          await out.writeln(JSON.stringify({ result }));
        });
      })
      .post('/jobs/:job', async (c) => {
        const job = jobNames.find((name) => name === c.req.param('job'));
        if (!job) return c.json({ error: 'not_found', message: `Jobs: ${jobNames.join(', ')}` }, 404);
        return c.json({ job, result: await runJob(job, deps) });
      })
  );
}
