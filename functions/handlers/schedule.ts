import { runJob, scheduledEventSchema } from '../jobs/run-job.js';
import { awsDependencies } from './aws-dependencies.js';

const deps = awsDependencies();

/** EventBridge schedule → a named job (see functions/config/schedules.ts). */
export const handler = async (event: unknown) => {
  try {
    return await runJob(scheduledEventSchema.parse(event).job, deps);
  } finally {
    deps.metrics.flush();
  }
};
