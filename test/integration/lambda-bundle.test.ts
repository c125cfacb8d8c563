import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectTable } from '../../functions/adapters/dynamodb/client.js';
import { createRepositories } from '../../functions/adapters/dynamodb/repositories.js';
import { ensureTable } from '../../functions/local/dynamodb-local.js';
import { lambdaBuildOptions } from '../../infra/lambda-bundles.js';
import { type HttpApiAnswer, httpApiEvent, lambdaContext } from '../support/lambda-events.js';

/**
 * The HTTP functions as they are deployed: built by infra/lambda-bundles.ts into a folder outside
 * the repository (so nothing can come from node_modules: the AWS SDK is inside the bundle), given
 * API Gateway's events, and reaching the run's DynamoDB Local through the bundled SDK: credentials
 * from the environment as in Lambda, signing, the endpoint from `AWS_ENDPOINT_URL_DYNAMODB`, the
 * HTTP handler and the document client.
 */
describe('the built public and staff bundles, invoked as Lambda invokes them', () => {
  const tableName = `bundle-${Date.now()}`;
  const endpoint = inject('dynamoEndpoint');
  const region = 'ap-east-1';
  const env: Record<string, string> = {
    AWS_REGION: region,
    // How a deployed function is pointed at another DynamoDB without a code change; the SDK reads it.
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: tableName,
    PUBLIC_BASE_URL: 'https://feedback.example-bank.com',
    JWT_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/pool',
    JWT_AUDIENCE: 'client',
    JWKS_URL: 'https://cognito-idp.ap-east-1.amazonaws.com/pool/.well-known/jwks.json',
    BANK_HOTLINE: '95588',
    LOG_LEVEL: 'ERROR',
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const outDir = mkdtempSync(join(tmpdir(), 'lambda-bundles-'));
  type Handler = (event: unknown, context: unknown) => Promise<HttpApiAnswer>;
  const handlers = {} as Record<'public' | 'staff', Handler>;
  const invoke = (path: string, requestId: string, query?: string, fn: 'public' | 'staff' = 'public') =>
    handlers[fn](httpApiEvent({ path, requestId, ...(query ? { query } : {}) }), lambdaContext);

  beforeAll(async () => {
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    await ensureTable(new DynamoDBClient({ endpoint, region, credentials }), tableName);
    const outlets = createRepositories(connectTable({ tableName, region, endpoint })).outlets;
    const now = '2026-11-24T02:00:00.000Z';
    await outlets.putRegion({
      id: 'shanghai',
      name: { 'zh-CN': '上海分行', 'zh-TW': '上海分行', en: 'Shanghai Branch' },
    });
    await outlets.put(
      {
        id: 'sh-lujiazui',
        name: { 'zh-CN': '陆家嘴支行', 'zh-TW': '陸家嘴支行', en: 'Lujiazui Sub-branch' },
        regionId: 'shanghai',
        address: '上海市浦东新区陆家嘴环路 1000 号',
        openingHours: '09:00–17:00',
        active: true,
        createdAt: now,
        updatedAt: now,
      },
      'create',
    );
    Object.assign(process.env, env);
    for (const fn of ['public', 'staff'] as const) {
      // Without source maps: they are not deployed either (infra/functions.ts), and vite would look for their sources.
      await build({ ...lambdaBuildOptions(fn, join(outDir, fn)), sourcemap: false });
      handlers[fn] = (await import(pathToFileURL(join(outDir, fn, 'index.mjs')).href)).handler;
    }
  });

  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(outDir, { recursive: true, force: true });
  });

  it('answers the health check after a real read of the table', async () => {
    const answer = await invoke('/api/v1/health', 'bundle-health-1');
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok', db: 'ok' });
    expect(answer.headers['x-request-id']).toBe('bundle-health-1');
  });

  it('finds an outlet by name: a query and its items through the bundled document client', async () => {
    const answer = await invoke('/api/v1/outlets', 'bundle-outlets-1', 'q=lujiazui&lang=en');
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      items: [{ id: 'sh-lujiazui', name: 'Lujiazui Sub-branch', region: 'Shanghai Branch' }],
    });
  });

  it('staff: writes the API document on its first request, from chunks read only then', async () => {
    const answer = await invoke('/api/v1/openapi.json', 'bundle-docs-1', undefined, 'staff');
    expect(answer.statusCode).toBe(200);
    const paths = Object.keys((JSON.parse(answer.body) as { paths: Record<string, unknown> }).paths);
    // The customers' routes (from the chunk) beside the staff routes (from the start).
    expect(paths).toEqual(
      expect.arrayContaining(['/feedback', '/complaints/{trackingNo}', '/stats/satisfaction']),
    );
  });

  it('answers a route that needs no table, with the configured hotline', async () => {
    const answer = await invoke('/api/v1/bank-contact', 'bundle-contact-1');
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ hotline: '95588' });
  });
});
