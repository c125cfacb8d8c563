/**
 * One measured step of `npm run bench:scale`, in a process of its own (as a Lambda runs it): a
 * scheduled job, or one head-office call through the API. It starts the platform on the bench's
 * table, runs the step once, and sends back what it cost: DynamoDB requests and units (by access
 * pattern), its time, its own CPU time and its peak memory (maxRSS: the process's whole
 * footprint, the platform's code and clients included, as Lambda's "Max Memory Used" reports).
 */
import type { JobName } from '../../functions/config/schedules.js';
import { runJob } from '../../functions/jobs/run-job.js';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { SEEDING_PATIENCE } from '../../functions/local/seed.js';
import { countCapacity } from '../support/capacity.js';

export type StepTask = {
  endpoint: string;
  tableName: string;
  now: string;
} & ({ job: JobName } | { call: string });

export interface StepReport {
  requests: number;
  readUnits: number;
  writeUnits: number;
  byPattern: Record<string, { requests: number; units: number }>;
  ms: number;
  cpuMs: number;
  /** Resident memory at the step's start and the process's peak, in MB. */
  rssBeforeMb: number;
  maxRssMb: number;
  result?: unknown;
  status?: number;
  bytes?: number;
}

process.once('message', async (message) => {
  const task = message as StepTask;
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: task.endpoint,
    tableName: task.tableName,
    scheduler: false,
    streams: false,
    now: () => new Date(task.now),
    env: { LOG_LEVEL: 'ERROR' },
    // DynamoDB Local on two shared cores answers some calls of a 10,000-outlet bank in more than
    // the 2 s a request waits (DynamoDB answers in milliseconds): every call waits like a batch job's.
    patience: SEEDING_PATIENCE,
  });
  try {
    const { deps, table } = platform;
    const token =
      'call' in task
        ? (
            (await (
              await fetch(`${platform.url}/api/v1/local/token`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ username: 'head-office' }),
              })
            ).json()) as { token: string }
          ).token
        : '';
    const capacity = countCapacity(table);
    const rssBefore = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const started = performance.now();
    let result: unknown;
    let status: number | undefined;
    let bytes: number | undefined;
    const cost = await capacity.measure(async () => {
      if ('job' in task) result = await runJob(task.job, deps);
      else {
        const response = await fetch(`${platform.url}/api/v1${task.call}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        status = response.status;
        bytes = (await response.arrayBuffer()).byteLength;
      }
    });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const report: StepReport = {
      ...cost,
      byPattern: capacity.tally.byPattern,
      ms,
      cpuMs: (used.user + used.system) / 1000,
      rssBeforeMb: rssBefore / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      result,
      ...(status === undefined ? {} : { status, bytes }),
    };
    process.send?.(report);
  } finally {
    await platform.stop();
  }
  process.exit(0);
});
