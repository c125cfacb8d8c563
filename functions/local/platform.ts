import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type HttpBindings, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { pageFor } from '../../web/page-routes.js';
import { type AuditArchive, MemoryAuditArchive } from '../adapters/archive/audit-archive.js';
import { connectTable, type Patience, type Table } from '../adapters/dynamodb/client.js';
import { createRepositories } from '../adapters/dynamodb/repositories.js';
import { CountingMetrics } from '../adapters/metrics/metrics.js';
import { LocalNotifier } from '../adapters/notifier/local-notifier.js';
import { S3PhotoStore } from '../adapters/s3/photo-store.js';
import { FileSecretStore } from '../adapters/secrets/file-secret-store.js';
import { createApp } from '../app.js';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { departments } from '../config/departments.js';
import { type AppConfig, readConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { pageSecurityHeaders } from '../http/security-headers.js';
import { processStream } from '../streams/process-stream.js';
import { streamReactions } from '../streams/reactions.js';
import { storeDemoPhotos } from './demo-photo.js';
import { createDevIssuer, type DevIssuer } from './dev-issuer.js';
import { ensureTable, startDynamoDbLocal } from './dynamodb-local.js';
import {
  type DemoHistoryOptions,
  type DemoHistorySummary,
  writeDemoHistory,
} from './history/demo-history.js';
import { FileAuditArchive } from './local-audit-archive.js';
import { LOCAL_PREFIX, localApp } from './local-routes.js';
import { loopbackOnly } from './loopback-only.js';
import { LOCAL_S3_CREDENTIALS, startLocalS3 } from './s3-local.js';
import { type Scheduler, startScheduler } from './scheduler.js';
import { SEEDING_PATIENCE, seedIfEmpty } from './seed.js';
import { type StreamPoller, startStreamPoller } from './stream-poller.js';

export interface LocalPlatformOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Persist DynamoDB data, keys and stream positions here; in-memory DynamoDB when unset. */
  dataDir?: string;
  /** Use an already running DynamoDB Local instead of starting one. */
  dynamoEndpoint?: string;
  dynamoPort?: number;
  tableName?: string;
  /** Extra environment (rate limits, base URL, …) on top of process.env. */
  env?: Record<string, string | undefined>;
  webRoot?: string;
  scheduler?: boolean;
  /**
   * Read the table's stream (on by default). The benchmark turns it off: in AWS the stream is read
   * by Lambda's event source mapping, on AWS's machines, and ratings never reach the function.
   */
  streams?: boolean;
  /** The platform's clock; tests pass their own instead of sleeping or rewriting stored dates. */
  now?: () => Date;
  /**
   * How long the API's and jobs' database calls wait, and how often they are tried: a request's
   * patience by default. The scale benchmark gives a 10,000-outlet bank in DynamoDB Local on two
   * shared cores a batch job's, which it needs for calls DynamoDB answers in milliseconds.
   */
  patience?: Patience;
  log?: (line: string) => void;
  /**
   * When the demo bank is seeded (the first start on an empty table), also write 90 days of
   * ratings and complaints before today and roll them up, so the dashboard has figures at once.
   * Off by default: tests start from an empty bank. Options tune the history (a test's smaller one).
   */
  demoHistory?: boolean | Omit<DemoHistoryOptions, 'log'>;
}

export interface LocalPlatform {
  url: string;
  deps: Dependencies;
  table: Table;
  issuer: DevIssuer;
  notifier: LocalNotifier;
  secrets: FileSecretStore;
  /** Every complaint event the stream archived (files under DATA_DIR/audit-archive, or memory). */
  archive: AuditArchive;
  poller: StreamPoller;
  stop(): Promise<void>;
}

/**
 * The whole platform on one machine: DynamoDB Local, the table, demo data, the same hono app as
 * the Lambda plus the local-only routes, the pages, the stream poller and the scheduler.
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn();
  };
  try {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    let endpoint = options.dynamoEndpoint;
    if (!endpoint) {
      const dynamo = await startDynamoDbLocal({
        port: options.dynamoPort ?? 8000,
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        log,
      });
      stops.push(() => dynamo.stop());
      endpoint = dynamo.endpoint;
      log(
        `DynamoDB Local on ${endpoint}${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'}`,
      );
    }

    // Listen first so the port (and so the issuer and base URLs) is known before the app is built.
    // Until then, the same 503 the API gives when its database is away: a client retries after it.
    let fetchHandler: (request: Request, env: unknown) => Response | Promise<Response> = () =>
      Response.json(
        {
          error: 'unavailable',
          message: 'The platform is starting; please try again in a moment',
          retryAfter: STARTING_RETRY_AFTER_SECONDS,
        },
        { status: 503, headers: { 'retry-after': String(STARTING_RETRY_AFTER_SECONDS) } },
      );
    // Port 0 is chosen when listening; until then `:0` matches no Host and every request is refused.
    let misdirected = loopbackOnly(options.port);
    const server = serve({
      fetch: (request, env) => misdirected(request, env as HttpBindings) ?? fetchHandler(request, env),
      port: options.port,
      hostname: '127.0.0.1',
    });
    await new Promise<void>((ready) => server.once('listening', () => ready()));
    stops.push(() => new Promise<void>((closed) => server.close(() => closed())));
    const port = (server.address() as AddressInfo).port;
    misdirected = loopbackOnly(port);
    const url = `http://localhost:${port}`;

    let pageHeaders = pageSecurityHeaders();
    const issuer = await createDevIssuer({
      baseUrl: url,
      ...(options.dataDir ? { keyFile: join(options.dataDir, 'dev-issuer-key.json') } : {}),
    });
    const config: AppConfig = readConfig({
      TABLE_NAME: options.tableName ?? 'branch-feedback',
      PUBLIC_BASE_URL: url,
      AWS_REGION: 'local',
      ...process.env,
      ...options.env,
      DYNAMODB_ENDPOINT: endpoint,
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      JWKS_URL: issuer.jwksUrl,
      STAGE: 'local',
    });
    const client = new DynamoDBClient({
      endpoint,
      region: config.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    stops.push(() => client.destroy());
    if (await ensureTable(client, config.TABLE_NAME)) log(`Created table ${config.TABLE_NAME}`);
    const table = connectTable({
      tableName: config.TABLE_NAME,
      region: config.AWS_REGION,
      endpoint,
      ...(options.patience ? { patience: options.patience } : {}),
    });

    // Photos: s3rver behind the policy gate (s3-local.ts), the same presigned POST and GET as in AWS.
    const s3 = await startLocalS3({
      bucket: config.PHOTO_BUCKET,
      ...(options.dataDir ? { dataDir: join(options.dataDir, 's3') } : {}),
      allowOrigin: url,
    });
    stops.push(() => s3.stop());
    log(`Photos in a local S3 server on ${s3.endpoint} (bucket ${config.PHOTO_BUCKET})`);
    const photos = S3PhotoStore.create({
      bucket: config.PHOTO_BUCKET,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      credentials: LOCAL_S3_CREDENTIALS,
    });
    pageHeaders = pageSecurityHeaders({ photoOrigin: photos.origin });

    const notifier = new LocalNotifier({
      webhooks: Object.fromEntries(departments.map((d) => [d.id, d.localWebhooks ?? []])),
      print: log,
    });
    const secrets = new FileSecretStore(options.dataDir ? join(options.dataDir, 'secrets.json') : undefined);
    const logger = new Logger({ serviceName: 'branch-feedback-local', logLevel: config.LOG_LEVEL });
    const deps: Dependencies = {
      config,
      repositories: createRepositories(table),
      secrets,
      verifyToken: createTokenVerifier({
        issuer: issuer.issuer,
        audience: issuer.audience,
        jwksUrl: issuer.jwksUrl,
      }),
      clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
      now: options.now ?? (() => new Date()),
      logger,
      metrics: new CountingMetrics(),
      photos,
    };

    // The same app's repositories over a client of their own, with the seeding's patience.
    const seedingTable = connectTable({
      tableName: config.TABLE_NAME,
      region: config.AWS_REGION,
      endpoint,
      patience: SEEDING_PATIENCE,
    });
    const seedingDeps: Dependencies = { ...deps, repositories: createRepositories(seedingTable) };
    const historyOptions = options.demoHistory === true ? {} : options.demoHistory || undefined;
    let historyWritten = false;
    const history = historyOptions
      ? async () => {
          historyWritten = true;
          log('Seeded the demo bank (2 regions, 6 outlets); now its demo history');
          const started = Date.now();
          const summary = await writeDemoHistory(seedingDeps, seedingTable, { ...historyOptions, log });
          log(describeHistory(summary, Date.now() - started));
          // The photos the history's findings and answers name, so the pages have pictures to show.
          await storeDemoPhotos(s3.endpoint, config.PHOTO_BUCKET, summary.photoKeys);
          log(`Stored the demo photo under ${summary.photoKeys.length} keys in the local S3 server`);
        }
      : undefined;
    if (
      (await seedIfEmpty(seedingTable, seedingDeps.repositories, deps.now(), options.dataDir, history)) &&
      !historyWritten
    )
      log('Seeded the demo bank (2 regions, 6 outlets)');

    const api = createApp(deps);
    const local = localApp(deps, issuer, notifier, secrets);
    const webRoot = options.webRoot ?? resolve('dist/web');
    fetchHandler = async (request, env) => {
      const { pathname } = new URL(request.url);
      const page = await servePage(webRoot, pathname, pageHeaders);
      if (page) return page;
      const isLocal = pathname === LOCAL_PREFIX || pathname.startsWith(`${LOCAL_PREFIX}/`);
      return (isLocal ? local : api).fetch(request, env);
    };

    const archive = options.dataDir
      ? new FileAuditArchive(join(options.dataDir, 'audit-archive'))
      : new MemoryAuditArchive();
    const reactions = streamReactions(deps, notifier, notifier, archive);
    const poller =
      options.streams === false
        ? withoutStreams
        : startStreamPoller({
            client,
            endpoint,
            region: config.AWS_REGION,
            tableName: config.TABLE_NAME,
            handler: (event) =>
              processStream(event, reactions, (error, record) =>
                logger.error('Stream record failed; it will be retried', {
                  error: error as Error,
                  eventID: record.eventID,
                }),
              ),
            ...(options.dataDir
              ? { checkpointFile: join(options.dataDir, `stream-${config.TABLE_NAME}.json`) }
              : {}),
            onError: (error) => logger.warn('Stream poller', { error: (error as Error).message }),
          });
    stops.push(() => poller.stop());

    if (options.scheduler !== false) {
      const scheduler: Scheduler = startScheduler(deps, {
        onError: (job, error) => logger.error('Scheduled job failed', { job, error: error as Error }),
      });
      stops.push(() => scheduler.stop());
    }

    return { url, deps, table, issuer, notifier, secrets, archive, poller, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function describeHistory(s: DemoHistorySummary, totalMs: number): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `Demo history ${s.from} – ${s.to}: ${s.ratings} ratings, ${s.complaints} complaints (${s.events} events), ` +
    `${s.warnings} early warnings (their alerts count as sent), in ${seconds(totalMs)} (made ${seconds(s.generateMs)}, ` +
    `written ${seconds(s.writeMs)}, rolled up ${seconds(s.rollupMs)})`
  );
}

/** The poller of a platform started with `streams: false`: there is nothing to wait for. */
const withoutStreams: StreamPoller = {
  stop: async () => {},
  drain: () => Promise.reject(new Error('This platform was started without reading its stream')),
};

/** A restart takes a second or two: the answer while it lasts says when to come back. */
const STARTING_RETRY_AFTER_SECONDS = 1;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** The built pages (dist/web): a page route's HTML file, or a static asset by its path. */
async function servePage(
  webRoot: string,
  pathname: string,
  headers: Record<string, string>,
): Promise<Response | undefined> {
  if (pathname.startsWith('/api/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // `/%` or `/%zz`: no file can have that name; the client sent a malformed address.
    return new Response('Bad request: the address is not valid percent-encoding.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    });
  }
  const file = pageFor(pathname) ?? normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  const path = join(webRoot, file);
  if (!path.startsWith(webRoot) || !existsSync(path) || !extname(path)) return undefined;
  const body = await readFile(path);
  const html = extname(path) === '.html';
  return new Response(body, {
    headers: {
      'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
      'cache-control': html ? 'no-cache' : 'public, max-age=31536000, immutable',
      // The same headers CloudFront adds in AWS; the local sign-in needs no identity provider.
      ...headers,
    },
  });
}
