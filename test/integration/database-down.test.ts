import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { type LocalPlatform, startLocalPlatform } from '../../functions/local/platform.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { freePort } from '../support/dynamodb-global-setup.js';

// A DynamoDB Local of this file's own: it is frozen and killed here, which the shared one must not be.
let dynamo: DynamoDbLocal;
let platform: LocalPlatform;
beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: dynamo.endpoint,
    tableName: `down-${randomUUID()}`,
    scheduler: false,
    env: { LOG_LEVEL: 'ERROR' },
  });
});
afterAll(async () => {
  try {
    if (dynamo.pid) process.kill(dynamo.pid, 'SIGCONT'); // in case a test failed while it was frozen
  } catch {
    // already gone: the last test kills it
  }
  await platform?.stop();
  await dynamo?.stop();
});

const rating = async () => ({
  outletId: 'sh-jingan',
  k: await keyFor(platform, 'sh-jingan'),
  submissionId: newSubmissionId(),
  rating: 4,
});

describe('when the database cannot be reached', () => {
  it('answers 503 with Retry-After (not 500, not a hang) while it is frozen, and works again after', async () => {
    const body = await rating();
    process.kill(dynamo.pid ?? 0, 'SIGSTOP');
    const started = Date.now();
    const frozen = await postJson(`${platform.url}/api/v1/feedback`, body);
    const waited = Date.now() - started;
    expect(frozen.status).toBe(503);
    expect(frozen.body).toMatchObject({ error: 'unavailable', retryAfter: 5 });
    expect(frozen.headers.get('retry-after')).toBe('5');
    expect(waited).toBeLessThan(9_000); // two tries of 2 s each, well under the function's 10 s
    const health = await fetch(`${platform.url}/api/v1/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(await health.json()).toEqual({ status: 'degraded', db: 'unavailable', retryAfter: 5 });

    process.kill(dynamo.pid ?? 0, 'SIGCONT');
    // The client retries with the same submission: stored once, whether or not the frozen try landed.
    const retry = await postJson(`${platform.url}/api/v1/feedback`, body);
    expect([200, 201]).toContain(retry.status);
    expect((await postJson(`${platform.url}/api/v1/feedback`, body)).status).toBe(200);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const stored = await platform.deps.repositories.ratings.outletDay('sh-jingan', today);
    expect(stored.filter((r) => r.submissionId === body.submissionId)).toHaveLength(1);
  }, 30_000);

  it('answers 503 at once when nothing listens any more', async () => {
    const body = await rating();
    process.kill(dynamo.pid ?? 0, 'SIGKILL');
    // Gone when its port refuses connections (no fixed sleep).
    await expect
      .poll(() =>
        fetch(dynamo.endpoint).then(
          () => 'listening',
          () => 'gone',
        ),
      )
      .toBe('gone');
    const started = Date.now();
    const down = await postJson(`${platform.url}/api/v1/feedback`, body);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);
});
