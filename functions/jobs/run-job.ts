import * as z from 'zod/mini';
import { JOB_NAMES, type JobName } from '../config/schedules.js';
import type { Dependencies } from '../dependencies.js';
import { closeDay, rollUpToday } from './statistics-jobs.js';
import { sweepRectifications } from './sweep-rectifications.js';
import { sweepTimeLimits } from './sweep-time-limits.js';

/** What a schedule sends the scheduled handler: `{"job": <one of the job names>}`. */
export const scheduledEventSchema = z.object({ job: z.enum(JOB_NAMES) });

const jobs: Record<JobName, (deps: Dependencies) => Promise<unknown>> = {
  'rollup-today': rollUpToday,
  'close-day': closeDay,
  'sweep-time-limits': sweepTimeLimits,
  'sweep-rectifications': sweepRectifications,
};

/** Runs one scheduled job by name; the EventBridge handler and the local scheduler both call this. */
export async function runJob(job: JobName, deps: Dependencies): Promise<unknown> {
  const started = Date.now();
  const result = await jobs[job](deps);
  deps.logger.info('Scheduled job finished', { job, ms: Date.now() - started, result });
  return result;
}
