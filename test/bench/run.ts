/**
 * `npm run bench`: the platform's speed and size budgets, measured on this machine.
 *
 * Latencies are printed as ratios against a baseline measured in the same run (GET /health: one
 * GetItem through the same server and table), so the figures mean the same on a slow laptop and
 * a fast CI box. Sizes are compared with fixed budgets. Exits 1 when a budget is exceeded.
 */

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { outletKey } from '../../functions/domain/outlet-key.js';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { freePort } from '../support/dynamodb-global-setup.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const rows: { name: string; value: string; ratio: string; budget: string; ok: boolean }[] = [];
const record = (name: string, value: string, ratio: number, budget: number, unit = '×') =>
  rows.push({
    name,
    value,
    ratio: `${ratio.toFixed(2)}${unit}`,
    budget: `≤ ${budget}${unit}`,
    ok: ratio <= budget,
  });

async function timeIt(fn: (i: number) => Promise<void>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(-1 - i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

console.log('Building pages…');
execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
  stdio: 'inherit',
});

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const platform = await startLocalPlatform({
  port: 0,
  dynamoEndpoint: dynamo.endpoint,
  tableName: `bench-${randomUUID()}`,
  scheduler: false,
  env: { RATE_LIMIT_IP_PER_MINUTE: '1000000', LOG_LEVEL: 'ERROR' },
});

let roundTrips = 0;
platform.table.doc.middlewareStack.add(
  (next) => (args) => {
    roundTrips++;
    return next(args);
  },
  { step: 'initialize', name: 'countRoundTrips' },
);

try {
  const url = platform.url;
  const outletId = 'sh-lujiazui';
  const k = outletKey((await platform.secrets.qrSecrets()).current, outletId);
  const post = (body: unknown) =>
    fetch(`${url}/api/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const baseline = await timeIt(async () => {
    await (await fetch(`${url}/api/v1/health`)).arrayBuffer();
  });
  rows.push({
    name: 'baseline: GET /health (1 GetItem)',
    value: `${baseline.toFixed(2)} ms p50`,
    ratio: '1.00×',
    budget: '',
    ok: true,
  });

  const lookup = await timeIt(async () => {
    await (await fetch(`${url}/api/v1/outlets/${outletId}?k=${k}`)).arrayBuffer();
  });
  record('survey page outlet look-up (cached outlet)', `${lookup.toFixed(2)} ms p50`, lookup / baseline, 1.5);

  const replayBody = { outletId, k, submissionId: randomUUID(), rating: 5 };
  await post(replayBody);
  const rating = await timeIt(async () => {
    const response = await post({
      outletId,
      k,
      submissionId: randomUUID(),
      rating: 4,
      deviceId: randomUUID(),
    });
    if (response.status !== 201) throw new Error(`rating answered ${response.status}`);
  });
  record('POST /feedback (one tap)', `${rating.toFixed(2)} ms p50`, rating / baseline, 4);

  const replay = await timeIt(async () => {
    const response = await post(replayBody);
    if (response.status !== 200) throw new Error(`replay answered ${response.status}`);
  });
  record('POST /feedback replay (answered 200)', `${replay.toFixed(2)} ms p50`, replay / baseline, 5);

  roundTrips = 0;
  const tries = 50;
  for (let i = 0; i < tries; i++)
    await post({ outletId, k, submissionId: randomUUID(), rating: 3, deviceId: randomUUID() });
  record(
    'DynamoDB round trips per rating (warm)',
    `${(roundTrips / tries).toFixed(2)}`,
    roundTrips / tries,
    1,
    '',
  );

  const web = resolve('dist/web');
  const html = readFileSync(join(web, 'survey.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;
  const total = gz(Buffer.from(html)) + assets.reduce((sum, a) => sum + gz(readFileSync(join(web, a))), 0);
  record(
    'survey page first view, gzip (HTML+CSS+JS)',
    `${(total / 1024).toFixed(1)} KB`,
    total / 1024,
    30,
    ' KB',
  );

  const bundle = await build({
    entryPoints: ['functions/handlers/http.ts'],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['@aws-sdk/*'],
    write: false,
    metafile: true,
  });
  const bytes = bundle.outputFiles.reduce((sum, f) => sum + f.contents.length, 0);
  record(
    'HTTP Lambda bundle (minified, SDK external)',
    `${(bytes / 1024).toFixed(0)} KB`,
    bytes / 1024,
    1024,
    ' KB',
  );
} finally {
  await platform.stop();
  await dynamo.stop();
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`\n${'measure'.padEnd(width)}  ${'value'.padStart(14)}  ${'ratio'.padStart(10)}  budget`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width)}  ${r.value.padStart(14)}  ${r.ratio.padStart(10)}  ${r.budget}${r.ok ? '' : '  OVER BUDGET'}`,
  );
}
const over = rows.filter((r) => !r.ok);
console.log(over.length ? `\n${over.length} budget(s) exceeded` : '\nAll budgets met');
process.exit(over.length ? 1 : 0);
