import { z } from 'zod';
import { departmentIds } from '../functions/config/departments.js';

/**
 * Who is told on a topic: an e-mail address (confirms by e-mail), a phone number (SMS), an HTTPS
 * endpoint (must confirm the subscription) or an SQS queue of the department's own system (its
 * policy must allow the topic to send).
 */
export const subscriberSchema = z.discriminatedUnion('protocol', [
  z.strictObject({ protocol: z.literal('email'), endpoint: z.email() }),
  z.strictObject({
    protocol: z.literal('sms'),
    endpoint: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 phone number such as +8613800000000'),
  }),
  z.strictObject({ protocol: z.literal('https'), endpoint: z.url({ protocol: /^https$/ }) }),
  z.strictObject({
    protocol: z.literal('sqs'),
    queueArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/,
        'an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>)',
      ),
  }),
]);
export type Subscriber = z.infer<typeof subscriberSchema>;

const subscribers = z.strictObject({ subscribers: z.array(subscriberSchema).default([]) });

/** A time zone the runtime knows (`Asia/Shanghai`), checked the way the functions will use it. */
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Shanghai');

const positiveInt = z.number().int().positive();

/**
 * What differs between stages, from `cdk.json` context (`stages.<name>`), chosen with
 * `-c stage=dev|prod`. Every object is strict: a misspelt key stops the synth naming it, rather
 * than being ignored and leaving a default in place.
 *
 * `publicBaseUrl` is the address customers and staff use (the CloudFront distribution's custom
 * domain): QR codes and notification links are built from it. It is configuration rather than
 * the distribution's own domain because the Lambda's environment cannot refer to the distribution
 * that itself points at the Lambda's API (a dependency cycle), and a bank prints QR codes for a
 * domain it owns, not for `*.cloudfront.net`.
 */
export const stageConfigSchema = z.strictObject({
  publicBaseUrl: z.url(),
  retainData: z.boolean(),
  logRetentionDays: positiveInt,
  requireMfa: z.boolean(),
  /** Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`): globally unique. */
  authDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  /**
   * How customers get their text messages: `topic` (the encrypted customer-notices topic, which the
   * bank's own SMS gateway subscribes to; the only way in China regions) or `sms` (SNS SMS, where
   * the region offers it). Defaults to `topic`.
   */
  customerNotices: z.enum(['topic', 'sms']).default('topic'),
  /** The bank's time zone: days, due dates, rollups and the schedules' times of day. */
  timeZone: timeZone.default('Asia/Shanghai'),
  /** The Powertools logger's level in every function. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** The HTTP API stage's throttle, requests per second across the API (steady and burst). */
  apiThrottle: z
    .strictObject({ rateLimit: positiveInt, burstLimit: positiveInt })
    .default({ rateLimit: 500, burstLimit: 1000 }),
  /**
   * The WAF web ACL on the distribution: `publicPostLimit` requests per client address in
   * `windowSeconds` on the customers' POST routes (ratings, complaints, verdicts), then blocked;
   * `trackingLookupLimit` the same for tracking look-ups.
   * `enabled: false` where CloudFront-scope WAF does not exist (the China regions, where WAF is
   * regional only).
   */
  waf: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** The region of CloudFront-scope WAF resources: us-east-1 in the aws partition. */
      region: z.string().default('us-east-1'),
      publicPostLimit: z.number().int().min(10).max(2_000_000_000),
      trackingLookupLimit: z.number().int().min(10).max(2_000_000_000).default(100),
      windowSeconds: z.union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)]).default(300),
    })
    .default({
      enabled: true,
      region: 'us-east-1',
      publicPostLimit: 300,
      trackingLookupLimit: 100,
      windowSeconds: 300,
    }),
  /** The bank's own domain on the distribution, with its ACM certificate (issued in us-east-1). */
  domain: z
    .strictObject({
      names: z.array(z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/)).min(1),
      certificateArn: z
        .string()
        .regex(
          /^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate\/[0-9a-f-]{36}$/,
          'an ACM certificate ARN in us-east-1 (CloudFront reads certificates only there)',
        ),
    })
    .optional(),
  /** The audit archive: how long each complaint event is locked (compliance mode) after it is written. */
  auditArchive: z.strictObject({ retentionDays: positiveInt.max(36_500) }).default({ retentionDays: 1825 }),
  /** Inspection and rectification photos: the bucket's lifecycle deletes each this many days after its upload. */
  photos: z.strictObject({ retentionDays: positiveInt.max(36_500) }).default({ retentionDays: 1095 }),
  /** Subscribers of each department's topic (departments themselves: functions/config/departments.ts). */
  departments: z.record(z.string(), subscribers).default({}),
  /** Who receives the operations alarms (5xx, throttles, errors, dead letters, WAF blocks). */
  operations: subscribers.default({ subscribers: [] }),
});

export type StageConfig = z.output<typeof stageConfigSchema> & { stage: string };

/** Stages whose departments must each have a subscriber: a complaint routed nowhere is a lost complaint. */
const STAGES_REQUIRING_SUBSCRIBERS = ['prod'];

export function stageConfig(stage: string, stages: unknown): StageConfig {
  const all = z.record(z.string(), z.unknown()).parse(stages ?? {});
  if (!(stage in all))
    throw new Error(`Unknown stage "${stage}": cdk.json context "stages" has ${Object.keys(all).join(', ')}`);
  const where = `cdk.json context.stages.${stage}`;
  const parsed = stageConfigSchema.safeParse(all[stage]);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      // An unknown key's issue sits on its parent object and its message names the key.
      return `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`;
    });
    throw new Error(`Invalid stage configuration:\n  ${problems.join('\n  ')}`);
  }
  const config = parsed.data;
  const unknown = Object.keys(config.departments).filter((id) => !departmentIds.includes(id));
  if (unknown.length > 0)
    throw new Error(
      `${where}.departments: no department ${unknown.map((id) => `"${id}"`).join(', ')} in functions/config/departments.ts (there are ${departmentIds.join(', ')})`,
    );
  if (STAGES_REQUIRING_SUBSCRIBERS.includes(stage)) {
    const silent = departmentIds.filter((id) => (config.departments[id]?.subscribers ?? []).length === 0);
    if (silent.length > 0)
      throw new Error(
        `${where}.departments: ${silent.join(', ')} ${silent.length === 1 ? 'has' : 'have'} no subscriber. ` +
          `The ${stage} stage refuses to deploy a department nobody is told about; add at least one ` +
          `subscriber (email, sms, https or sqs) to each under departments.<id>.subscribers.`,
      );
  }
  return { stage, ...config };
}

/** The subscribers of one department's topic in this stage (none when the stage lists none). */
export function subscribersOf(config: StageConfig, departmentId: string): readonly Subscriber[] {
  return config.departments[departmentId]?.subscribers ?? [];
}
