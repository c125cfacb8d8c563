/**
 * Line 2 of the suite, three faults under load, each on a table of its own, each checked the same
 * way as the load line (the ledger against the table and the notifier's deliveries) after
 * recovery: (a) the server SIGKILLed while requests are under way and started again, clients
 * retrying with the same submission; (b) DynamoDB Local frozen (SIGSTOP) under load; (c) the
 * notifier failing every call, then one call in three.
 */
import type { DynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { HttpClient, Ledger, PlatformProcess, StatusCounts, scratchDir, sleep, verify } from './harness.js';
import { drive } from './load.js';
import type { Line } from './table.js';

const n = (x: number) => x.toLocaleString('en');

async function finish(
  line: string,
  done: string,
  platform: PlatformProcess,
  dynamo: DynamoDbLocal,
  ledger: Ledger,
  statuses: StatusCounts,
  started: number,
  notes: string[],
  extraOk = true,
): Promise<Line> {
  const drained = await platform.settle(300_000);
  const verdict = await verify(ledger, dynamo.endpoint, platform.tableName, platform.deliveries());
  const fiveHundreds = statuses.count((s) => s >= 500 && s !== 503);
  return {
    line,
    done,
    ok:
      extraOk &&
      verdict.ok &&
      drained &&
      fiveHundreds === 0 &&
      statuses.noRetryAfter === 0 &&
      verdict.acknowledged === verdict.sent,
    figures: {
      acknowledged: verdict.acknowledged,
      stored: verdict.stored,
      notified: verdict.notified,
      duplicates: verdict.duplicates + verdict.notifiedTwice,
      '5xx': fiveHundreds,
      lost: verdict.lost,
    },
    notes: [
      `statuses ${statuses.describe()}`,
      `the outbox caught up ${(platform.settledMs / 1000).toFixed(0)} s after the load`,
      ...notes,
      ...(statuses.noRetryAfter ? [`${statuses.noRetryAfter} 429/503 without Retry-After`] : []),
      ...(verdict.acknowledged < verdict.sent
        ? [`${verdict.sent - verdict.acknowledged} never acknowledged`]
        : []),
      ...(drained ? [] : ['the stream did not drain within 300 s']),
      ...(verdict.unnotified ? [`${verdict.unnotified} complaints never notified`] : []),
      ...(verdict.notifiedTwice ? [`${verdict.notifiedTwice} notifications delivered twice`] : []),
      ...(verdict.inconsistent ? [`${verdict.inconsistent} retries answered with another id`] : []),
    ],
    ms: Date.now() - started,
  };
}

/** (a) SIGKILL at a random moment while requests are under way; restart on the same port and data. */
export async function killLine(dynamo: DynamoDbLocal, size: { kills: number; complaintEvery: number }) {
  const started = Date.now();
  const scratch = scratchDir('kill');
  const platform = await PlatformProcess.create(dynamo.endpoint, scratch.dir);
  const client = new HttpClient(8);
  try {
    await platform.start();
    const ledger = new Ledger();
    const statuses = new StatusCounts();
    const inFlight = { n: 0 };
    let stopping = false;
    const load = drive({
      client,
      platform,
      ledger,
      statuses,
      total: Number.POSITIVE_INFINITY,
      concurrency: 8,
      complaintEvery: size.complaintEvery,
      tries: 60,
      until: () => stopping,
      inFlight,
    });
    let kills = 0;
    let killedInFlight = 0;
    let restartMs = 0;
    while (kills < size.kills) {
      // Up long enough for retries to land, then killed 0–15 ms after a request is seen under way.
      await sleep(100 + Math.random() * 400);
      for (let wait = 0; inFlight.n === 0 && wait < 100; wait++) await sleep(10);
      await sleep(Math.random() * 15);
      if (inFlight.n > 0) killedInFlight += 1;
      await platform.kill();
      kills++;
      const restart = Date.now();
      await platform.start();
      restartMs += Date.now() - restart;
    }
    stopping = true;
    const { requests, gaveUp } = await load;
    return await finish(
      '2a SIGKILL',
      `${n(kills)} SIGKILLs of the server (${n(killedInFlight)} with requests under way), restarted on the same port and data (mean restart ${(restartMs / kills / 1000).toFixed(1)} s); ${n(requests)} requests, clients retrying with the same submissionId`,
      platform,
      dynamo,
      ledger,
      statuses,
      started,
      gaveUp ? [`${gaveUp} submissions given up after 60 tries`] : [],
    );
  } finally {
    client.close();
    await platform.stop();
    scratch.cleanUp();
  }
}

/** (b) DynamoDB Local frozen for `seconds` under load, then thawed. */
export async function databaseLine(dynamo: DynamoDbLocal, size: { seconds: number; complaintEvery: number }) {
  const started = Date.now();
  const scratch = scratchDir('db');
  const platform = await PlatformProcess.create(dynamo.endpoint, scratch.dir);
  const client = new HttpClient(8);
  const pid = dynamo.pid ?? 0;
  try {
    await platform.start();
    const ledger = new Ledger();
    const statuses = new StatusCounts();
    let stopping = false;
    const load = drive({
      client,
      platform,
      ledger,
      statuses,
      total: Number.POSITIVE_INFINITY,
      concurrency: 8,
      complaintEvery: size.complaintEvery,
      tries: 100,
      until: () => stopping,
    });
    await sleep(3000);
    process.kill(pid, 'SIGSTOP');
    const frozenAt = Date.now();
    try {
      await sleep(size.seconds * 1000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const frozenFor = Date.now() - frozenAt;
    await sleep(5000);
    stopping = true;
    const { requests, gaveUp } = await load;
    const unavailable = statuses.counts.get(503) ?? 0;
    return await finish(
      '2b database stopped',
      `DynamoDB Local frozen (SIGSTOP) for ${(frozenFor / 1000).toFixed(0)} s under 8 clients; ${n(requests)} requests, ${n(unavailable)} answered 503`,
      platform,
      dynamo,
      ledger,
      statuses,
      started,
      gaveUp ? [`${gaveUp} submissions given up after 100 tries`] : [],
    );
  } finally {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone
    }
    client.close();
    await platform.stop();
    scratch.cleanUp();
  }
}

/** (c) Complaints while the notifier fails every call, then while it fails one call in three. */
export async function notifierLine(dynamo: DynamoDbLocal, size: { complaints: number }) {
  const started = Date.now();
  const scratch = scratchDir('notifier');
  const platform = await PlatformProcess.create(dynamo.endpoint, scratch.dir, 'fail');
  const client = new HttpClient(4);
  try {
    await platform.start();
    const ledger = new Ledger();
    const statuses = new StatusCounts();
    const half = Math.ceil(size.complaints / 2);
    await drive({
      client,
      platform,
      ledger,
      statuses,
      total: half,
      concurrency: 4,
      complaintEvery: 1,
      tries: 30,
    });
    await sleep(3000);
    const whileDown = platform.deliveries().length;
    platform.setNotifier('one-in-three');
    await drive({
      client,
      platform,
      ledger,
      statuses,
      total: size.complaints - half,
      concurrency: 4,
      complaintEvery: 1,
      tries: 30,
    });
    return await finish(
      '2c notifier failing',
      `${n(ledger.sent.size)} complaints: ${n(half)} while every publish failed (${whileDown} delivered meanwhile), the rest while one publish in three failed`,
      platform,
      dynamo,
      ledger,
      statuses,
      started,
      whileDown ? [`${whileDown} delivered while the notifier failed every call`] : [],
      whileDown === 0,
    );
  } finally {
    client.close();
    await platform.stop();
    scratch.cleanUp();
  }
}
