import * as z from 'zod/mini';
import { DEFAULT_THRESHOLDS, type WarningThresholds } from '../domain/statistics/warnings.js';
import '../http/zod-english.js';
import { rootCauseNames } from './root-causes.js';

/**
 * Runtime configuration, read once from the environment and validated, so a missing or wrong
 * setting stops the process at start-up with a message naming the variable, not at the first
 * request that needs it.
 */
const positiveInt = (fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.positive()), fallback);
const share = (fallback: number) => z._default(z.coerce.number().check(z.gt(0), z.lte(1)), fallback);
const positive = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z._default(z.coerce.number().check(z.positive(), z.lte(max)), fallback);

export const envSchema = z.object({
  STAGE: z._default(z.string(), 'local'),
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** Only set locally: the DynamoDB Local endpoint. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'ap-east-1'),
  /** Where customers reach the pages; QR codes and links are built from it. */
  PUBLIC_BASE_URL: z.url(),
  /** The bank's time zone: days, months and due dates are counted in it. */
  TIME_ZONE: z._default(z.string(), 'Asia/Shanghai'),
  RATE_LIMIT_DEVICE_MINUTES: positiveInt(10),
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(60),
  /** Ratings one client address may add to one outlet's figures per RATE_LIMIT_DEVICE_MINUTES. */
  COUNT_RATINGS_PER_ADDRESS: positiveInt(5),
  /** The bank's complaint hotline, printed on posters and shown on the customer pages. */
  BANK_HOTLINE: z._default(z.string().check(z.regex(/^[0-9+\- ]{3,20}$/)), '400-820-0000'),
  /** Complaints one staff member may enter (hotline, counter, letter) per minute. */
  RATE_LIMIT_STAFF_ENTRIES_PER_MINUTE: positiveInt(20),
  /** How long a rotated-out QR secret still verifies, so printed posters keep working meanwhile. */
  QR_SECRET_GRACE_DAYS: positiveInt(90),
  /** Days to put right a red-line finding (限期整改), and any other, counted like time limits. */
  RECTIFY_RED_LINE_DAYS: positiveInt(3),
  RECTIFY_OTHER_DAYS: positiveInt(15),
  /** The outlet's manager is reminded this many days before a rectification is due. */
  RECTIFY_REMIND_BEFORE_DAYS: positiveInt(1),
  /** The bucket inspection and rectification photos are uploaded to (presigned POST) and read from (presigned GET). */
  PHOTO_BUCKET: z._default(
    z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)),
    'branch-feedback-photos',
  ),
  /** Only set locally: the S3-compatible server's endpoint (s3rver behind its policy gate), path-style. */
  PHOTO_S3_ENDPOINT: z.optional(z.url()),
  /** The largest photo an upload's policy allows, in bytes (the page shrinks photos before uploading). */
  PHOTO_MAX_BYTES: positiveInt(1_500_000),
  /** Days a photo is kept: the bucket's lifecycle rule deletes it after that (set by the stack from the stage). */
  PHOTO_RETENTION_DAYS: positiveInt(1095),
  /**
   * The weekdays (1 Monday … 7 Sunday) an outlet owes its lobby manager's three self-check rounds:
   * self-check completion is rounds done over rounds owed on these days.
   */
  SELF_CHECK_WEEKDAYS: z.pipe(
    z._default(z.string().check(z.regex(/^[1-7](,[1-7]){0,6}$/)), '1,2,3,4,5'),
    z.transform((list: string) => [...new Set(list.split(',').map(Number))]),
  ),
  /**
   * How long the origin-verify value a rotation replaced is still accepted (AWS only), so requests
   * keep coming through while CloudFront is changed to send the new one.
   */
  ORIGIN_VERIFY_OVERLAP_HOURS: positiveInt(48),
  /** OIDC issuer of staff tokens (a Cognito user pool in AWS, the dev issuer locally). */
  JWT_ISSUER: z.url(),
  JWT_AUDIENCE: z.string().check(z.minLength(1)),
  JWKS_URL: z.url(),
  /** The issuer's hosted sign-in (Cognito's domain) the staff sign-in page sends people to; unset locally. */
  HOSTED_UI_URL: z.optional(z.url()),
  /**
   * The root causes a resolution must name (comma-separated), for the bank's root-cause analysis:
   * each one of those named in config/root-causes.ts.
   */
  ROOT_CAUSES: z.pipe(
    z.pipe(
      z._default(z.string(), 'staff-conduct,process,system,product,policy,misunderstanding,external'),
      z.transform((list: string) =>
        list
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ),
    z
      .array(
        z
          .string()
          .check(
            z.refine(
              (id) => Object.hasOwn(rootCauseNames, id),
              'Not a root cause named in config/root-causes.ts',
            ),
          ),
      )
      .check(z.minLength(1)),
  ),
  LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /** Early warnings (预警): an outlet's CSAT under this share (0–1)… */
  WARN_CSAT_BELOW: share(DEFAULT_THRESHOLDS.csatBelow),
  /** …counted only with at least this many ratings in the period. */
  WARN_MIN_RATINGS: positiveInt(DEFAULT_THRESHOLDS.minRatings),
  /** CSAT down by this many percentage points or more from the previous period. */
  WARN_CSAT_DROP_POINTS: positive(DEFAULT_THRESHOLDS.csatDropPoints, 100),
  /** An outlet's or department's on-time rate under this share (0–1)… */
  WARN_ON_TIME_BELOW: share(DEFAULT_THRESHOLDS.onTimeBelow),
  /** …counted only with at least this many complaints resolved in the period. */
  WARN_MIN_RESOLVED: positiveInt(DEFAULT_THRESHOLDS.minResolved),
  /** More complaints than this per 1,000 ratings… */
  WARN_COMPLAINTS_PER_THOUSAND: positive(DEFAULT_THRESHOLDS.complaintsPerThousandAbove),
  /** …counted only with at least this many complaints in the period. */
  WARN_MIN_COMPLAINTS: positiveInt(DEFAULT_THRESHOLDS.minComplaints),
  /**
   * How sure a warning's evidence must be, one-sided: the rate's confidence bound at this level
   * must be past the threshold (0.5 compares the point estimate itself; above 0.999 nothing small
   * would ever warn).
   */
  WARN_CONFIDENCE: z._default(
    z.coerce.number().check(z.gte(0.5), z.lte(0.999)),
    DEFAULT_THRESHOLDS.confidence,
  ),
  /** Supervision warnings: an outlet's mean outside-check score in the closed month under this (0–100)… */
  WARN_SUPERVISION_SCORE_BELOW: positive(DEFAULT_THRESHOLDS.supervisionScoreBelow, 100),
  /** …counted only with at least this many scored outside checks (spot, joint, released mystery). */
  WARN_SUPERVISION_MIN_CHECKS: positiveInt(DEFAULT_THRESHOLDS.minScoredChecks),
  /** An outlet's self-check completion (rounds done ÷ owed) in the closed month under this share (0–1). */
  WARN_SELF_CHECK_BELOW: share(DEFAULT_THRESHOLDS.selfCheckBelow),
  /** An outlet with this many rectifications due in the closed month and not put right in time, or more. */
  WARN_RECTIFICATIONS_OVERDUE: positiveInt(DEFAULT_THRESHOLDS.overdueRectifications),
});

export type AppConfig = z.output<typeof envSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** The early-warning thresholds, from the configuration. */
export function warningThresholds(config: AppConfig): WarningThresholds {
  return {
    csatBelow: config.WARN_CSAT_BELOW,
    minRatings: config.WARN_MIN_RATINGS,
    csatDropPoints: config.WARN_CSAT_DROP_POINTS,
    onTimeBelow: config.WARN_ON_TIME_BELOW,
    minResolved: config.WARN_MIN_RESOLVED,
    complaintsPerThousandAbove: config.WARN_COMPLAINTS_PER_THOUSAND,
    minComplaints: config.WARN_MIN_COMPLAINTS,
    confidence: config.WARN_CONFIDENCE,
    supervisionScoreBelow: config.WARN_SUPERVISION_SCORE_BELOW,
    minScoredChecks: config.WARN_SUPERVISION_MIN_CHECKS,
    selfCheckBelow: config.WARN_SELF_CHECK_BELOW,
    overdueRectifications: config.WARN_RECTIFICATIONS_OVERDUE,
  };
}
