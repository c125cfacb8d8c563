import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { connectTable } from '../../functions/adapters/dynamodb/client.js';
import { OutletRepository } from '../../functions/adapters/dynamodb/outlet-repository.js';
import { createRepositories } from '../../functions/adapters/dynamodb/repositories.js';
import { createApp } from '../../functions/app.js';
import { seedUsers } from '../../functions/local/seed-data.js';
import { startStreamPoller } from '../../functions/local/stream-poller.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform();

describe('local platform', () => {
  it('answers health with the table reachable', async () => {
    const response = await fetch(`${ctx.url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 when the table cannot be reached', async () => {
    const { deps } = ctx.platform;
    const app = createApp({
      ...deps,
      repositories: createRepositories(
        connectTable({
          tableName: 'no-such-table',
          region: 'local',
          endpoint: deps.config.DYNAMODB_ENDPOINT,
        }),
      ),
    });
    const response = await app.request('/api/v1/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ status: 'degraded', db: 'unavailable', retryAfter: 5 });
  });

  it('publishes an OpenAPI document and a reference page', async () => {
    const spec = (await (await fetch(`${ctx.url}/api/v1/openapi.json`)).json()) as {
      servers: { url: string }[];
      paths: Record<string, unknown>;
    };
    expect(spec.servers[0]?.url).toBe('/api/v1');
    expect(Object.keys(spec.paths)).toContain('/health');
    // The customers' routes, declared on zod/mini, are documented from the schemas that validate them.
    type Body = {
      requestBody: {
        content: {
          'application/json': {
            schema: { properties: Record<string, Record<string, unknown>>; required: string[] };
          };
        };
      };
    };
    const bodyOf = (path: string) =>
      (spec.paths[path] as { post: Body }).post.requestBody.content['application/json'].schema;
    expect(bodyOf('/feedback').properties.rating).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
    expect(bodyOf('/feedback').required).toEqual(['outletId', 'k', 'submissionId', 'rating']);
    expect(bodyOf('/feedback').properties.k?.description).toBe('The key printed in the QR code');
    expect(bodyOf('/complaints').properties.k?.description).toMatch(/omitted when the outlet was chosen/);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/complaints/{trackingNo}', '/stats/satisfaction']),
    );
    const docs = await fetch(`${ctx.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/v1/openapi.json');
  });

  it('seeds two regions and six outlets once', async () => {
    const outlets = new OutletRepository(ctx.platform.table);
    expect((await outlets.listRegions()).length).toBeGreaterThanOrEqual(2);
    expect((await outlets.list()).length).toBeGreaterThanOrEqual(6);
  });

  it('lists the seeded users, one for every role', async () => {
    const users = (await (await fetch(`${ctx.url}/api/v1/local/users`)).json()) as { roles: string[] }[];
    const roles = users.flatMap((u) => u.roles);
    expect(roles).toContain('admin');
    expect(roles).toContain('head-office');
    expect(roles.some((r) => r.startsWith('dept:'))).toBe(true);
    expect(roles.some((r) => r.startsWith('outlet:'))).toBe(true);
    expect(users).toHaveLength(seedUsers.length);
  });

  it('signs dev tokens that the API verifies through the JWKS', async () => {
    const token = await ctx.token('admin');
    expect(await ctx.platform.deps.verifyToken(token)).toMatchObject({
      username: 'admin',
      roles: [{ kind: 'admin' }],
    });
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect(await ctx.platform.deps.verifyToken(tampered)).toBeUndefined();
  });

  it('refuses a token request without a username, with field errors', async () => {
    const response = await fetch(`${ctx.url}/api/v1/local/token`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'validation',
      fields: { username: expect.any(String) },
    });
  });

  it('keeps the local-only routes out of the app that Lambda serves', async () => {
    const app = createApp(ctx.platform.deps);
    for (const path of ['/api/v1/local/users', '/api/v1/local/deliveries']) {
      expect((await app.request(path)).status).toBe(404);
    }
    expect(
      (await app.request('/api/v1/local/token', { method: 'POST', body: '{"username":"admin"}' })).status,
    ).toBe(404);
  });

  it('answers unknown routes and malformed JSON without a 500', async () => {
    expect((await fetch(`${ctx.url}/api/v1/nope`)).status).toBe(404);
    const response = await fetch(`${ctx.url}/api/v1/local/token`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
  });

  it('refuses a malformed bearer token with 401', async () => {
    const response = await fetch(`${ctx.url}/api/v1/health`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
  });
});

describe('stream poller', () => {
  it('hands new records to the handler and retries a failed one until it succeeds', async () => {
    const { deps, table } = ctx.platform;
    const seen: string[] = [];
    let failuresLeft = 2;
    const poller = startStreamPoller({
      client: table.doc,
      endpoint: deps.config.DYNAMODB_ENDPOINT ?? '',
      region: 'local',
      tableName: deps.config.TABLE_NAME,
      intervalMs: 50,
      handler: async (event: DynamoDBStreamEvent) => {
        for (const record of event.Records) {
          const pk = record.dynamodb?.Keys?.pk?.S ?? '';
          if (!pk.startsWith('POLLER-TEST#')) continue;
          if (pk === 'POLLER-TEST#2' && failuresLeft > 0) {
            failuresLeft--;
            return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
          }
          seen.push(pk);
        }
        return { batchItemFailures: [] };
      },
    });
    try {
      for (const n of [1, 2, 3]) {
        await table.doc.send(
          new PutCommand({ TableName: table.name, Item: { pk: `POLLER-TEST#${n}`, sk: 'x' } }),
        );
      }
      await expect
        .poll(() => seen, { timeout: 10_000 })
        .toEqual(['POLLER-TEST#1', 'POLLER-TEST#2', 'POLLER-TEST#3']);
      expect(failuresLeft).toBe(0);
    } finally {
      await poller.stop();
    }
  });
});
