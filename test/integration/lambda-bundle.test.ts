import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectTable } from '../../functions/adapters/dynamodb/client.js';
import { createRepositories } from '../../functions/adapters/dynamodb/repositories.js';
import { ORIGIN_VERIFY_HEADER } from '../../functions/http/origin-verify.js';
import { API_CONTENT_SECURITY_POLICY } from '../../functions/http/security-headers.js';
import { ensureTable } from '../../functions/local/dynamodb-local.js';
import { lambdaBuildOptions } from '../../infra/lambda-bundles.js';
import { type HttpApiAnswer, httpApiEvent, lambdaContext } from '../support/lambda-events.js';

/**
 * The HTTP functions as they are deployed: built by infra/lambda-bundles.ts into a folder outside
 * the repository (so nothing can come from node_modules: the AWS SDK is inside the bundle), given
 * API Gateway's events, and reaching the run's DynamoDB Local through the bundled SDK: credentials
 * from the environment as in Lambda, signing, the endpoint from `AWS_ENDPOINT_URL_DYNAMODB`, the
 * HTTP handler and the document client. The origin-verify secret comes from a stand-in for
 * Secrets Manager (`AWS_ENDPOINT_URL_SECRETS_MANAGER`, read by the bundled SDK as in AWS), and the
 * events carry its value as CloudFront adds it, unless a test sends one that skipped CloudFront.
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
    ORIGIN_VERIFY_SECRET_ARN: ORIGIN_VERIFY_ARN,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: '', // the stand-in's address, once it listens
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const outDir = mkdtempSync(join(tmpdir(), 'lambda-bundles-'));
  type Handler = (event: unknown, context: unknown) => Promise<HttpApiAnswer>;
  const handlers = {} as Record<'public' | 'staff', Handler>;
  const viaCloudFront = { [ORIGIN_VERIFY_HEADER]: ORIGIN_VERIFY };
  const invoke = (path: string, requestId: string, query?: string, fn: 'public' | 'staff' = 'public') =>
    handlers[fn](
      httpApiEvent({ path, requestId, headers: viaCloudFront, ...(query ? { query } : {}) }),
      lambdaContext,
    );
  const secretsManager = fakeSecretsManager();
  const buildHandler = async (fn: 'public' | 'staff', folder: string): Promise<Handler> => {
    // Without source maps: they are not deployed either (infra/functions.ts), and vite would look for their sources.
    await build({ ...lambdaBuildOptions(fn, join(outDir, folder)), sourcemap: false });
    return (await import(pathToFileURL(join(outDir, folder, 'index.mjs')).href)).handler;
  };

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
    env.AWS_ENDPOINT_URL_SECRETS_MANAGER = await secretsManager.listen();
    Object.assign(process.env, env);
    for (const fn of ['public', 'staff'] as const) handlers[fn] = await buildHandler(fn, fn);
  });

  afterAll(async () => {
    await secretsManager.close();
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

  it('refuses a request made straight to the API’s own address, without CloudFront’s proof, before any route runs', async () => {
    const direct: Record<string, string>[] = [
      {},
      { [ORIGIN_VERIFY_HEADER]: 'a-guess-at-the-origin-verify-value' },
    ];
    // Routes that answer 200 through CloudFront: the health check after reading the table, the API document.
    const paths = { public: '/api/v1/health', staff: '/api/v1/openapi.json' } as const;
    for (const fn of ['public', 'staff'] as const) {
      for (const [i, headers] of direct.entries()) {
        const requestId = `bundle-direct-${fn}-${i}`;
        const answer = await handlers[fn](
          httpApiEvent({ path: paths[fn], requestId, headers }),
          lambdaContext,
        );
        expect(answer.statusCode).toBe(403);
        expect(JSON.parse(answer.body)).toEqual({ error: 'forbidden', message: expect.any(String) });
        expect(answer.headers['x-request-id']).toBe(requestId);
        expect(answer.headers['content-security-policy']).toBe(API_CONTENT_SECURITY_POLICY);
      }
      const through = await invoke(paths[fn], `bundle-through-${fn}`, undefined, fn);
      expect(through.statusCode).toBe(200);
    }
  });

  it('reads the secret once per cold start, not once per request (cached five minutes)', async () => {
    for (let i = 0; i < 3; i++)
      expect((await invoke('/api/v1/bank-contact', `bundle-cache-${i}`)).statusCode).toBe(200);
    expect(secretsManager.reads()).toBeLessThanOrEqual(2); // one per function
  });

  it('answers 503 with Retry-After at a cold start that cannot read the secret, and recovers by itself', async () => {
    secretsManager.setDown(true);
    try {
      const cold = await buildHandler('public', 'public-cold');
      const event = (n: number) =>
        httpApiEvent({ path: '/api/v1/bank-contact', requestId: `bundle-cold-${n}`, headers: viaCloudFront });
      const answer = await cold(event(1), lambdaContext);
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'unavailable', retryAfter: 5 });
      secretsManager.setDown(false);
      expect((await cold(event(2), lambdaContext)).statusCode).toBe(200);
    } finally {
      secretsManager.setDown(false);
    }
  });
});

const ORIGIN_VERIFY_ARN = 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:OriginVerify-AbCdEf';
const ORIGIN_VERIFY = 'bundle-test-origin-verify-value-48-letters-and-digits';

/**
 * Secrets Manager's GetSecretValue (its JSON protocol) for the origin-verify secret alone; while
 * "down", every connection is dropped, as an unreachable service would.
 */
function fakeSecretsManager() {
  let down = false;
  let reads = 0;
  const server = createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const json = { 'content-type': 'application/x-amz-json-1.1' };
      const asked = JSON.parse(body || '{}') as { SecretId?: string };
      if (
        req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' ||
        asked.SecretId !== ORIGIN_VERIFY_ARN
      ) {
        res
          .writeHead(400, json)
          .end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'No such secret' }));
        return;
      }
      reads++;
      res.writeHead(200, json).end(
        JSON.stringify({
          ARN: ORIGIN_VERIFY_ARN,
          Name: 'OriginVerify',
          VersionId: 'version-1',
          VersionStages: ['AWSCURRENT'],
          SecretString: JSON.stringify({ value: ORIGIN_VERIFY }),
          CreatedDate: 1_795_000_000,
        }),
      );
    });
  });
  return {
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    setDown: (value: boolean) => {
      down = value;
    },
    reads: () => reads,
  };
}
