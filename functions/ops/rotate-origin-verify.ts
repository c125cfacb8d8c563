import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { envSchema } from '../config/env.js';
import {
  originVerifySecretSchema,
  previousAcceptedUntil,
  rotateOriginVerify,
} from '../http/origin-verify.js';
import { cloudFrontSteps } from './origin-verify-steps.js';

/**
 * Operator command: rotates the value CloudFront sends the API to prove a request came through it.
 *   npm run rotate-origin-verify -- <secret ARN or name> [--force]
 * The value it replaces stays accepted for ORIGIN_VERIFY_OVERLAP_HOURS (default 48), while
 * CloudFront is changed to send the new one: the command prints how. It refuses to rotate again
 * while the value before is still inside its overlap (CloudFront may still be sending it, and a
 * second rotation would drop it); `--force` once CloudFront sends the current value.
 */
const [secretId, ...flags] = process.argv.slice(2);
if (!secretId || flags.some((f) => f !== '--force')) {
  console.error(
    'Usage: npm run rotate-origin-verify -- <secret ARN or name> [--force] (see the stack output OriginVerifySecretArn)',
  );
  process.exit(2);
}
// The functions' overlap (the stack leaves it at its default); set it here too if theirs is changed.
const overlap = envSchema.shape.ORIGIN_VERIFY_OVERLAP_HOURS.safeParse(
  process.env.ORIGIN_VERIFY_OVERLAP_HOURS,
);
if (!overlap.success) {
  console.error('ORIGIN_VERIFY_OVERLAP_HOURS must be a whole number of hours, at least 1');
  process.exit(2);
}
const overlapHours = overlap.data;
const client = new SecretsManagerClient({});
const { ARN, Name, Tags } = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
const stored = originVerifySecretSchema.safeParse(JSON.parse(SecretString ?? '{}'));
if (!stored.success) throw new Error(`${Name} does not hold {"value": …}; was it created by the stack?`);
const now = new Date();
const stillAccepted = previousAcceptedUntil(stored.data, overlapHours);
if (stillAccepted && now < stillAccepted && !flags.includes('--force')) {
  console.error(
    `${Name} was rotated at ${stored.data.previous?.retiredAt}; the value before stays accepted until ${stillAccepted.toISOString()}.\n` +
      'Rotating again now would stop accepting it at once: if CloudFront still sends it, every API request would be refused.\n' +
      'Once CloudFront sends the current value (the steps the last rotation printed), rerun with --force.',
  );
  process.exit(1);
}
const rotated = rotateOriginVerify(stored.data, randomBytes(36).toString('base64url'), now);
await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(rotated) }));
const arn = ARN ?? secretId;
console.log(`Rotated ${Name}.`);
console.log(
  cloudFrontSteps({
    secretArn: arn,
    region: arn.split(':')[3] || (await client.config.region()),
    stackName:
      Tags?.find((t) => t.Key === 'aws:cloudformation:stack-name')?.Value ?? 'BranchFeedback-<stage>',
    previousAcceptedUntil: previousAcceptedUntil(rotated, overlapHours) ?? now,
    overlapHours,
  }),
);
