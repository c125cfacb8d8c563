import { type Cadence, type ScheduleDefinition, schedules } from '../config/schedules.js';
import type { Dependencies } from '../dependencies.js';
import { formatterPerZone, localDate } from '../domain/calendar.js';
import { runJob } from '../jobs/run-job.js';

export interface Scheduler {
  stop(): void;
}

/** How often the local scheduler looks at the clock. */
const TICK_MS = 30_000;

/**
 * Does locally what EventBridge Scheduler does in AWS: runs each job of
 * functions/config/schedules.ts on its cadence, in the bank's time zone, through the same
 * `runJob`, by the platform's clock. A job still running when its next turn comes is not
 * started twice.
 */
export function startScheduler(
  deps: Dependencies,
  options: {
    definitions?: readonly ScheduleDefinition[];
    onError?: (job: string, error: unknown) => void;
  } = {},
): Scheduler {
  const started = deps.now();
  const state = (options.definitions ?? schedules).map((definition) => ({
    definition,
    lastRun: undefined as Date | undefined,
    running: false,
  }));
  const timer = setInterval(() => {
    const now = deps.now();
    for (const job of state) {
      if (job.running || !isDue(job.definition.cadence, job.lastRun ?? started, now, deps.config.TIME_ZONE))
        continue;
      job.running = true;
      job.lastRun = now;
      runJob(job.definition.job, deps)
        .catch((error) => options.onError?.(job.definition.job, error))
        .finally(() => {
          job.running = false;
        });
    }
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * Whether a job of this cadence that last ran at `lastRun` is due at `now`: every N minutes, or
 * once a bank day at its time (a start after that time runs it the same day).
 */
export function isDue(cadence: Cadence, lastRun: Date, now: Date, timeZone: string): boolean {
  if ('everyMinutes' in cadence) return now.getTime() - lastRun.getTime() >= cadence.everyMinutes * 60_000;
  const today = localDate(now, timeZone);
  if (localDate(lastRun, timeZone) === today && clockTime(lastRun, timeZone) >= cadence.dailyAt) return false;
  return clockTime(now, timeZone) >= cadence.dailyAt;
}

const clockFormat = formatterPerZone('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** `HH:MM` on the bank's clock. */
function clockTime(instant: Date, timeZone: string): string {
  return clockFormat(timeZone).format(instant);
}
