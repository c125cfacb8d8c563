/**
 * Line 1 of the suite: unique submissions (ratings, and one in `complaintEvery` a complaint) at a
 * steady concurrency and then in bursts, every answer in the client's ledger; after the stream
 * drains, acknowledged = stored = notified with no duplicates. `drive` is also the load the fault
 * lines run under.
 */
import {
  type Answer,
  type HttpClient,
  Ledger,
  newSubmission,
  type PlatformProcess,
  pathOf,
  StatusCounts,
  type Submission,
  sleep,
  verify,
} from './harness.js';
import type { Line } from './table.js';

export interface DriveOptions {
  client: HttpClient;
  platform: PlatformProcess;
  ledger: Ledger;
  statuses: StatusCounts;
  /** Submissions to send (each retried until acknowledged or refused for good). */
  total: number;
  concurrency: number;
  complaintEvery: number;
  /** Tries per submission; the same submissionId and body every time. */
  tries?: number;
  /** Called before each new submission: bursts pause here. */
  pace?: (n: number) => Promise<void>;
  /** Stop starting new submissions (the ones under way still finish). */
  until?: () => boolean;
  /** Told every 10,000 requests. */
  progress?: (requests: number) => void;
  /** Requests under way now (the kill loop reads it). */
  inFlight?: { n: number };
}

/** Statuses a client retries with the same submission: no answer, throttled, unavailable. */
const retryable = (status: number) => status === 0 || status === 429 || status === 503 || status === 502;

export async function drive(options: DriveOptions): Promise<{ requests: number; gaveUp: number }> {
  let next = 0;
  let requests = 0;
  let gaveUp = 0;
  const tries = options.tries ?? 8;
  const inFlight = options.inFlight ?? { n: 0 };
  const send = async (
    s: Submission,
  ): Promise<Answer & { headers: Record<string, string | string[] | undefined> }> => {
    inFlight.n++;
    try {
      return await options.client.post(`${options.platform.url}${pathOf(s)}`, s.body);
    } finally {
      inFlight.n--;
    }
  };
  const worker = async () => {
    while (next < options.total && !options.until?.()) {
      const n = next++;
      await options.pace?.(n);
      const s = newSubmission(options.platform, n, options.complaintEvery);
      for (let attempt = 1; attempt <= tries; attempt++) {
        const answer = await send(s);
        requests++;
        if (requests % 10_000 === 0) options.progress?.(requests);
        options.statuses.add(answer.status, answer.headers);
        options.ledger.record(s, answer);
        if (!retryable(answer.status)) break;
        if (attempt === tries) gaveUp++;
        else await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { requests, gaveUp };
}

export async function loadLine(
  platform: PlatformProcess,
  client: HttpClient,
  endpoint: string,
  size: { steady: number; bursts: number; burstSize: number; complaintEvery: number },
): Promise<Line> {
  const started = Date.now();
  const ledger = new Ledger();
  const statuses = new StatusCounts();
  const steady = await drive({
    client,
    platform,
    ledger,
    statuses,
    total: size.steady,
    concurrency: 8,
    complaintEvery: size.complaintEvery,
    progress: (n) => console.log(`  ${n.toLocaleString('en')} requests (steady)`),
  });
  // Bursts: 64 clients at once for `burstSize` submissions, then a second of nothing.
  let bursty = 0;
  for (let b = 0; b < size.bursts; b++) {
    const burst = await drive({
      client,
      platform,
      ledger,
      statuses,
      total: size.burstSize,
      concurrency: 64,
      complaintEvery: size.complaintEvery,
    });
    bursty += burst.requests;
    await sleep(1000);
  }
  const drained = await platform.settle(180_000);
  const verdict = await verify(ledger, endpoint, platform.tableName, platform.deliveries());
  const requests = steady.requests + bursty;
  const ok =
    verdict.ok && drained && statuses.count((s) => s >= 500) === 0 && verdict.acknowledged === verdict.sent;
  return {
    line: '1 load',
    done: `${requests.toLocaleString('en')} requests (${steady.requests.toLocaleString('en')} steady at 8 clients, ${bursty.toLocaleString('en')} in ${size.bursts} bursts of 64 clients); ${ledger.count('rating').toLocaleString('en')} ratings, ${ledger.count('complaint').toLocaleString('en')} complaints`,
    ok,
    figures: {
      acknowledged: verdict.acknowledged,
      stored: verdict.stored,
      notified: verdict.notified,
      duplicates: verdict.duplicates + verdict.notifiedTwice,
      '5xx': statuses.count((s) => s >= 500),
      lost: verdict.lost,
    },
    notes: [
      `statuses ${statuses.describe()}`,
      ...(drained ? [] : ['the stream did not drain within 180 s']),
      ...(verdict.unnotified ? [`${verdict.unnotified} complaints never notified`] : []),
      ...(verdict.notifiedTwice ? [`${verdict.notifiedTwice} notifications delivered twice`] : []),
    ],
    ms: Date.now() - started,
  };
}
