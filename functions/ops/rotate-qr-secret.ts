import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { type QrSecrets, rotateQrSecrets } from '../domain/outlet-key.js';

/**
 * Operator command: rotates the QR signing secret of a deployed stage.
 *   npm run rotate-qr-secret -- <secret ARN or name>
 * The old secret keeps verifying for QR_SECRET_GRACE_DAYS (default 90) so posters on the walls
 * keep working while the new ones (admin page → posters) are printed and put up.
 */
const secretId = process.argv[2];
if (!secretId) {
  console.error('Usage: npm run rotate-qr-secret -- <secret ARN or name> (see the stack output QrSecretArn)');
  process.exit(2);
}
const client = new SecretsManagerClient({});
const { Name } = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
const current = JSON.parse(SecretString ?? '{}') as Partial<QrSecrets>;
if (!current.current) throw new Error(`${Name} does not hold {"current": …}; was it created by the stack?`);
const rotated = rotateQrSecrets(current as QrSecrets, randomBytes(32).toString('base64url'), new Date());
await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(rotated) }));
console.log(
  `Rotated ${Name}. Old QR codes verify until the grace period ends; print new posters from /admin.`,
);
