/**
 * The platform's scheduled jobs, defined once: the CDK app makes an EventBridge Scheduler
 * schedule for each (infra/schedules.ts), in the bank's time zone, and the local scheduler runs
 * the same jobs on the same cadence. The scheduled handler accepts exactly these job names.
 */
export const JOB_NAMES = ['rollup-today', 'close-day', 'sweep-time-limits', 'sweep-rectifications'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type Cadence =
  /** Every so many minutes, around the clock. */
  | { everyMinutes: number }
  /** Once a day at this time of day (HH:MM) in the bank's time zone. */
  | { dailyAt: string };

export interface ScheduleDefinition {
  job: JobName;
  description: string;
  cadence: Cadence;
}

export const schedules: readonly ScheduleDefinition[] = [
  {
    job: 'rollup-today',
    description: "Refresh today's statistics (and days whose complaints changed since)",
    cadence: { everyMinutes: 15 },
  },
  {
    job: 'close-day',
    description: "Close yesterday's statistics; on a week's or month's last day, raise its early warnings",
    cadence: { dailyAt: '00:30' },
  },
  {
    job: 'sweep-time-limits',
    description: 'Remind before due dates, flag and alert breaches, close unrated resolutions after 7 days',
    cadence: { everyMinutes: 15 },
  },
  {
    job: 'sweep-rectifications',
    description:
      'Remind outlet managers before rectification due dates; report each breach once to the region and head office',
    cadence: { everyMinutes: 15 },
  },
];
