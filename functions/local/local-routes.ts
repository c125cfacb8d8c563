import { Hono } from 'hono';
import { z } from 'zod';
import type { LocalNotifier } from '../adapters/notifier/local-notifier.js';
import type { FileSecretStore } from '../adapters/secrets/file-secret-store.js';
import { schedules } from '../config/schedules.js';
import type { Dependencies } from '../dependencies.js';
import { validationResponse } from '../http/errors.js';
import { runJob } from '../jobs/run-job.js';
import type { DevIssuer } from './dev-issuer.js';
import { seedUsers } from './seed-data.js';

/**
 * Routes that exist only in the local server (mounted at /api/v1/local by local/platform.ts,
 * never by createApp): the dev sign-in, the notifier's delivery log and a way to run a job now.
 */
export function localRoutes(
  deps: Dependencies,
  issuer: DevIssuer,
  notifier: LocalNotifier,
  secrets: FileSecretStore,
) {
  const tokenRequest = z.object({ username: z.string().min(1) });
  const jobNames = schedules.map((s) => s.job);

  return new Hono()
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
    .post('/jobs/:job', async (c) => {
      const job = jobNames.find((name) => name === c.req.param('job'));
      if (!job) return c.json({ error: 'not_found', message: `Jobs: ${jobNames.join(', ')}` }, 404);
      return c.json({ job, result: await runJob(job, deps) });
    });
}
