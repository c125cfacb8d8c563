import { type ScheduleDefinition, schedules } from '../config/schedules.js';
import type { Dependencies } from '../dependencies.js';
import { runJob } from '../jobs/run-job.js';

export interface Scheduler {
  stop(): void;
}

/**
 * Does locally what the EventBridge schedules do in AWS: runs each job of
 * functions/config/schedules.ts on its cadence through the same `runJob`. A job still running
 * when its next turn comes is not started twice.
 */
export function startScheduler(
  deps: Dependencies,
  options: {
    definitions?: readonly ScheduleDefinition[];
    onError?: (job: string, error: unknown) => void;
  } = {},
): Scheduler {
  const timers = (options.definitions ?? schedules).map((definition) => {
    let running = false;
    return setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await runJob(definition.job, deps);
      } catch (error) {
        options.onError?.(definition.job, error);
      } finally {
        running = false;
      }
    }, definition.everyMinutes * 60_000);
  });
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
