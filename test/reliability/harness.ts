/**
 * What the load and fault lines of the reliability suite share: a DynamoDB Local of the suite's
 * own, the platform in a child process (test/reliability/server.ts) that can be SIGKILLed and
 * started again, an HTTP client that never throws (a refused or cut connection is status 0), the
 * client-side ledger of every acknowledged submission, and the check of that ledger against the
 * table and the notifier's deliveries.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { outletKey } from '../../functions/domain/outlet-key.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { seedOutlets } from '../../functions/local/seed-data.js';
import { freePort } from '../support/dynamodb-global-setup.js';
import type { DeliveryLine, NotifierMode, ServerMessage, ServerReply } from './server.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDynamo(): Promise<DynamoDbLocal> {
  return startDynamoDbLocal({ port: await freePort() });
}

/** A directory of the run's own under the system's temporary directory, removed by `cleanUp`. */
export function scratchDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `reliability-${prefix}-`));
  return { dir, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The platform in a child process on a fixed port, table and data directory, restartable after a kill. */
export class PlatformProcess {
  readonly port: number;
  readonly ledgerFile: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private drains = 0;
  qrSecret = '';
  url = '';
  starts = 0;

  constructor(
    private readonly options: {
      endpoint: string;
      tableName: string;
      dataDir: string;
      port: number;
      notifier?: NotifierMode;
    },
  ) {
    this.port = options.port;
    this.ledgerFile = join(options.dataDir, 'deliveries.jsonl');
  }

  static async create(endpoint: string, dataDir: string, notifier?: NotifierMode) {
    const port = await freePort();
    return new PlatformProcess({
      endpoint,
      tableName: `reliability-${randomUUID()}`,
      dataDir,
      port,
      ...(notifier ? { notifier } : {}),
    });
  }

  get tableName() {
    return this.options.tableName;
  }

  get pid() {
    return this.child?.pid;
  }

  async start(notifier: NotifierMode = this.options.notifier ?? 'ok'): Promise<void> {
    const child = fork(join(import.meta.dirname, 'server.ts'), {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: this.options.endpoint,
        TABLE_NAME: this.options.tableName,
        PORT: String(this.options.port),
        DATA_DIR: this.options.dataDir,
        LEDGER_FILE: this.ledgerFile,
        NOTIFIER: notifier,
      },
      // Its log (the stream's retries while the notifier fails, …) is kept, not printed: the last
      // lines are shown only if it fails to start.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let tail = '';
    child.stderr?.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-2000);
    });
    this.child = child;
    this.starts++;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    const ready = await new Promise<{ url: string; qrSecret: string }>((resolve, reject) => {
      child.on('message', (m: ServerReply) => {
        if ('url' in m) resolve(m);
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`The platform process exited (${code ?? signal}) before it was ready: ${tail}`)),
      );
    });
    this.url = ready.url;
    this.qrSecret = ready.qrSecret;
  }

  /** SIGKILL: no shutdown, no flush, exactly what a crashed or recycled instance does. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    const forced = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(forced);
    this.child = undefined;
  }

  setNotifier(mode: NotifierMode) {
    this.child?.send({ notifier: mode } satisfies ServerMessage);
  }

  /** Waits until the stream poller has handed every record so far to the outbox, up to `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child) return false;
    const id = ++this.drains;
    const answer = new Promise<boolean>((resolve) => {
      const onMessage = (m: ServerReply) => {
        if ('drained' in m && m.drained === id) {
          child.off('message', onMessage);
          resolve(!m.error);
        }
      };
      child.on('message', onMessage);
    });
    child.send({ drain: id, timeoutMs } satisfies ServerMessage);
    return answer;
  }

  /** Time the last `settle` took. */
  settledMs = 0;

  /** Waits, within `budgetMs`, for the outbox to deliver every notification it holds. */
  async settle(budgetMs: number): Promise<boolean> {
    const started = Date.now();
    const deadline = started + budgetMs;
    try {
      while (Date.now() < deadline) {
        if (await this.drain(Math.min(15_000, Math.max(1000, deadline - Date.now())))) return true;
      }
      return false;
    } finally {
      this.settledMs = Date.now() - started;
    }
  }

  deliveries(): DeliveryLine[] {
    if (!existsSync(this.ledgerFile)) return [];
    return readFileSync(this.ledgerFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as DeliveryLine);
  }

  keyFor(outletId: string) {
    return outletKey(this.qrSecret, outletId);
  }
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Plain `node:http` with a keep-alive pool of `connections` sockets: cheap enough on the client
 * side that the server, not the load generator, is what a 2-core machine measures. Never throws:
 * a connection refused, reset or timed out is status 0.
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(connections: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  send(
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<Answer & { headers: Record<string, string | string[] | undefined>; text: string }> {
    return new Promise((resolve) => {
      const body = init.body;
      const req = request(
        url,
        {
          method: init.method ?? (body === undefined ? 'GET' : 'POST'),
          agent: this.agent,
          headers: {
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
            ...init.headers,
          },
          timeout: init.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => resolve({ status: 0, body: {}, headers: {}, text: '' }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: Record<string, unknown> = {};
            try {
              parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
            } catch {
              parsed = { text };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers, text });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, body: {}, headers: {}, text: '' }));
      req.end(body);
    });
  }

  post(url: string, body: unknown): ReturnType<HttpClient['send']> {
    return this.send(url, { method: 'POST', body: JSON.stringify(body) });
  }

  close() {
    this.agent.destroy();
  }
}

/** Every status seen, by code (0: no answer). */
export class StatusCounts {
  readonly counts = new Map<number, number>();
  /** 429 and 503 answers without a Retry-After header. */
  noRetryAfter = 0;
  add(status: number, headers: Record<string, string | string[] | undefined> = {}) {
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
    if ((status === 429 || status === 503) && headers['retry-after'] === undefined) this.noRetryAfter++;
  }
  get total() {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  count(test: (status: number) => boolean) {
    return [...this.counts].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
  }
  get fiveHundreds() {
    return this.counts.get(500) ?? 0;
  }
  get serverErrors() {
    return this.count((s) => s >= 500 && s !== 503);
  }
  describe() {
    return [...this.counts]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s === 0 ? 'no answer' : s}×${n}`)
      .join(' ');
  }
}

export const OUTLETS = seedOutlets.map((o) => o.id);
const CATEGORIES = [
  ['waiting-time', 'operations'],
  ['cards-and-accounts', 'cards'],
  ['service-attitude', 'retail-banking'],
  ['digital-banking', 'digital'],
  ['loans', 'credit'],
] as const;

export type Submission =
  | { kind: 'rating'; submissionId: string; outletId: string; body: Record<string, unknown> }
  | { kind: 'complaint'; submissionId: string; outletId: string; body: Record<string, unknown> };

/** A fresh submission: a rating (from a fresh device) or, one time in `complaintEvery`, a complaint. */
export function newSubmission(
  platform: { keyFor(outletId: string): string },
  n: number,
  complaintEvery: number,
): Submission {
  const outletId = OUTLETS[n % OUTLETS.length] ?? 'sh-jingan';
  const submissionId = randomUUID();
  const k = platform.keyFor(outletId);
  if (n % complaintEvery === complaintEvery - 1) {
    const [category] = CATEGORIES[Math.floor(n / complaintEvery) % CATEGORIES.length] ?? CATEGORIES[0];
    return {
      kind: 'complaint',
      submissionId,
      outletId,
      body: {
        outletId,
        k,
        submissionId,
        category,
        // The submission id in the text: a duplicate complaint would be found by it in the table.
        description: `reliability ${submissionId}: 排队一个多小时，只开了一个窗口。`,
        contact: { name: '王小明', phone: '138 1234 5678' },
        preferredChannel: 'call',
        consent: true,
        lang: 'zh-CN',
      },
    };
  }
  return {
    kind: 'rating',
    submissionId,
    outletId,
    body: { outletId, k, submissionId, rating: 1 + (n % 5), deviceId: randomUUID(), lang: 'zh-CN' },
  };
}

export const pathOf = (s: Submission) => (s.kind === 'rating' ? '/api/v1/feedback' : '/api/v1/complaints');

/** What the client was told about each submission it sent. */
export class Ledger {
  readonly sent = new Map<string, Submission>();
  /** Acknowledged (2xx): the id or tracking number answered, and for a complaint its department. */
  readonly acknowledged = new Map<string, { kind: Submission['kind']; id: string; department?: string }>();
  /** A retry answered with another id or tracking number than the first acknowledgement. */
  inconsistent = 0;

  record(s: Submission, answer: Answer) {
    this.sent.set(s.submissionId, s);
    if (answer.status < 200 || answer.status > 299) return;
    const id = String(s.kind === 'rating' ? answer.body.id : answer.body.trackingNo);
    const department = (answer.body.department as { id?: string } | undefined)?.id;
    const before = this.acknowledged.get(s.submissionId);
    if (before && before.id !== id) this.inconsistent++;
    if (!before)
      this.acknowledged.set(s.submissionId, { kind: s.kind, id, ...(department ? { department } : {}) });
  }

  count(kind: Submission['kind']) {
    return [...this.acknowledged.values()].filter((a) => a.kind === kind).length;
  }
}

async function scanAll(endpoint: string, tableName: string, type: string, projection: string) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type = :type',
        ProjectionExpression: projection,
        ExpressionAttributeNames: { '#type': 'type', ...projectionNames(projection) },
        ExpressionAttributeValues: { ':type': type },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
}

const projectionNames = (projection: string) =>
  Object.fromEntries(
    projection
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.startsWith('#') && p !== '#type')
      .map((p) => [p, p.slice(1)]),
  );

/** Counts of everything the table holds, by item type (a refused request must change none). */
export async function countByType(endpoint: string, tableName: string): Promise<Record<string, number>> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  const counts: Record<string, number> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: '#type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const type = String(item.type ?? 'untyped');
      counts[type] = (counts[type] ?? 0) + 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return counts;
}

export interface Verdict {
  sent: number;
  acknowledged: number;
  stored: number;
  notified: number;
  duplicates: number;
  lost: number;
  /** Notifications of an acknowledged complaint's receipt missing, or delivered more than once. */
  unnotified: number;
  notifiedTwice: number;
  inconsistent: number;
  ok: boolean;
}

/**
 * The ledger against the table and the notifier: every acknowledged rating stored once under its
 * submission, every acknowledged complaint stored once (found by the submission id in its text)
 * under the tracking number it was answered with, and its department told of it exactly once;
 * nothing stored that was never sent.
 */
export async function verify(
  ledger: Ledger,
  endpoint: string,
  tableName: string,
  deliveries: DeliveryLine[],
): Promise<Verdict> {
  const ratings = await scanAll(endpoint, tableName, 'rating', 'submissionId');
  const complaints = await scanAll(endpoint, tableName, 'complaint', 'trackingNo, description');
  const ratingIds = new Map<string, number>();
  for (const r of ratings)
    ratingIds.set(String(r.submissionId), (ratingIds.get(String(r.submissionId)) ?? 0) + 1);
  const complaintsBySubmission = new Map<string, string[]>();
  for (const c of complaints) {
    const match = /^reliability ([0-9a-f-]{36}):/.exec(String(c.description));
    const key = match?.[1] ?? `unknown:${String(c.trackingNo)}`;
    complaintsBySubmission.set(key, [...(complaintsBySubmission.get(key) ?? []), String(c.trackingNo)]);
  }
  const sends = new Map<string, number>();
  for (const d of deliveries) sends.set(d.deduplicationId, (sends.get(d.deduplicationId) ?? 0) + 1);
  const receipts = new Map<string, number>();
  for (const d of deliveries)
    if (d.trackingNo && d.event === 'received' && d.topic !== 'head-office' && d.topic !== 'customer')
      receipts.set(`${d.trackingNo}:${d.topic}`, (receipts.get(`${d.trackingNo}:${d.topic}`) ?? 0) + 1);

  let stored = 0;
  let lost = 0;
  let notified = 0;
  let unnotified = 0;
  let duplicates = 0;
  for (const [submissionId, ack] of ledger.acknowledged) {
    if (ack.kind === 'rating') {
      const n = ratingIds.get(submissionId) ?? 0;
      if (n === 0) lost++;
      else stored++;
      continue;
    }
    const found = complaintsBySubmission.get(submissionId) ?? [];
    if (!found.includes(ack.id)) lost++;
    else stored++;
    const told = receipts.get(`${ack.id}:${ack.department}`) ?? 0;
    if (told === 0) unnotified++;
    else notified++;
  }
  // Stored more than once, or stored without ever being sent.
  for (const [submissionId, trackingNos] of complaintsBySubmission)
    if (trackingNos.length > 1 || !ledger.sent.has(submissionId)) duplicates += trackingNos.length - 1 || 1;
  for (const submissionId of ratingIds.keys()) if (!ledger.sent.has(submissionId)) duplicates++;
  const notifiedTwice = [...sends.values()].filter((n) => n > 1).length;
  const verdict = {
    sent: ledger.sent.size,
    acknowledged: ledger.acknowledged.size,
    stored,
    notified,
    duplicates,
    lost,
    unnotified,
    notifiedTwice,
    inconsistent: ledger.inconsistent,
  };
  return {
    ...verdict,
    ok:
      lost === 0 && duplicates === 0 && unnotified === 0 && notifiedTwice === 0 && ledger.inconsistent === 0,
  };
}
