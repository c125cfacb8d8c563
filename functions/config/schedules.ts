/**
 * The platform's scheduled jobs, defined once: the CDK app makes an EventBridge schedule for each
 * (infra/schedules.ts) and the local scheduler runs the same jobs on the same cadence.
 */
export interface ScheduleDefinition {
  /** Job name sent to the scheduled handler as `{"job": name}`. */
  job: JobName;
  description: string;
  everyMinutes: number;
}

export type JobName = 'rollup-feedback' | 'sweep-time-limits';

export const schedules: readonly ScheduleDefinition[] = [
  {
    job: 'rollup-feedback',
    description: "Recompute today's and yesterday's outlet-day feedback rollups",
    everyMinutes: 15,
  },
  {
    job: 'sweep-time-limits',
    description: 'Remind before due dates, flag and alert breaches, close unrated resolutions after 7 days',
    everyMinutes: 15,
  },
];
