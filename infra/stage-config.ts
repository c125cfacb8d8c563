import { z } from 'zod';

/**
 * What differs between stages, from `cdk.json` context (`stages.<name>`), chosen with
 * `-c stage=dev|prod`. `publicBaseUrl` is the address customers and staff use (the CloudFront
 * distribution's custom domain): QR codes and notification links are built from it. It is
 * configuration rather than the distribution's own domain because the Lambda's environment
 * cannot refer to the distribution that itself points at the Lambda's API (a dependency cycle),
 * and a bank prints QR codes for a domain it owns, not for `*.cloudfront.net`.
 */
export const stageConfigSchema = z.object({
  publicBaseUrl: z.url(),
  retainData: z.boolean(),
  logRetentionDays: z.number().int().positive(),
  requireMfa: z.boolean(),
  /** Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`): globally unique. */
  authDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
  /**
   * How customers get their text messages: `topic` (the encrypted customer-notices topic, which the
   * bank's own SMS gateway subscribes to; the only way in China regions) or `sms` (SNS SMS, where
   * the region offers it). Defaults to `topic`.
   */
  customerNotices: z.enum(['topic', 'sms']).default('topic'),
});

export type StageConfig = z.infer<typeof stageConfigSchema> & { stage: string };

export function stageConfig(stage: string, stages: unknown): StageConfig {
  const all = z.record(z.string(), z.unknown()).parse(stages ?? {});
  if (!(stage in all))
    throw new Error(`Unknown stage "${stage}": cdk.json context "stages" has ${Object.keys(all).join(', ')}`);
  return { stage, ...stageConfigSchema.parse(all[stage]) };
}
