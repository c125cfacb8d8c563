import { z } from 'zod';
import type { JobName } from '../config/schedules.js';
import type { Dependencies } from '../dependencies.js';
import { rollupFeedback } from './rollup-feedback.js';
import { sweepTimeLimits } from './sweep-time-limits.js';

export const scheduledEventSchema = z.object({
  job: z.enum(['rollup-feedback', 'sweep-time-limits'] satisfies JobName[]),
});

const jobs: Record<JobName, (deps: Dependencies) => Promise<unknown>> = {
  'rollup-feedback': (deps) => rollupFeedback(deps),
  'sweep-time-limits': (deps) => sweepTimeLimits(deps),
};

/** Runs one scheduled job by name; the EventBridge handler and the local scheduler both call this. */
export async function runJob(job: JobName, deps: Dependencies): Promise<unknown> {
  const started = Date.now();
  const result = await jobs[job](deps);
  deps.logger.info('Scheduled job finished', { job, ms: Date.now() - started, result });
  return result;
}
