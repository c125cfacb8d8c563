import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { OutletRepository } from '../../functions/adapters/dynamodb/outlet-repository.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { type LocalPlatform, startLocalPlatform } from '../../functions/local/platform.js';
import { freePort } from '../support/dynamodb-global-setup.js';

/**
 * A loaded machine made the first start fail while it wrote the demo history: a call slower than
 * a request's 2 s, tried twice. Here DynamoDB Local is frozen longer than a request waits (two
 * tries of 2 s) just as the history's rollup starts, and the start still succeeds.
 */
const FROZEN_MS = 6_000;

// A DynamoDB Local of this file's own: the shared one must not be frozen.
let dynamo: DynamoDbLocal | undefined;
let platform: LocalPlatform | undefined;
const thaw = () => {
  try {
    if (dynamo?.pid) process.kill(dynamo.pid, 'SIGCONT');
  } catch {
    // already gone
  }
};
afterAll(async () => {
  thaw(); // in case the test failed while it was frozen
  await platform?.stop();
  await dynamo?.stop();
});

it('writes the demo history through a database that stops answering for a few seconds', async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  const pid = dynamo.pid ?? 0;
  let frozen: Promise<void> | undefined;
  platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: dynamo.endpoint,
    tableName: `seeding-${randomUUID()}`,
    scheduler: false,
    streams: false,
    env: { LOG_LEVEL: 'ERROR' },
    demoHistory: { days: 2 },
    log: (line) => {
      // Said once every batch is written; the rollup's first read is sent right after it.
      if (line === 'Demo history: written 100%' && !frozen) {
        process.kill(pid, 'SIGSTOP');
        frozen = new Promise((resolve) => setTimeout(resolve, FROZEN_MS)).then(thaw);
      }
    },
  });
  expect(frozen, 'the engine was frozen during the history').toBeDefined();
  await frozen;
  expect((await fetch(`${platform.url}/api/v1/health`)).status).toBe(200);
  expect(await new OutletRepository(platform.table).list()).toHaveLength(6);
}, 60_000);
