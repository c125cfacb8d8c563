import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';
import type { QrSecrets } from '../../domain/outlet-key.js';
import type { SecretStore } from './secret-store.js';

const qrSecretsSchema = z.object({
  current: z.string().min(32),
  previous: z.object({ secret: z.string().min(32), retiredAt: z.iso.datetime() }).optional(),
});

/**
 * Reads secrets from AWS Secrets Manager through Powertools, cached for five minutes so a
 * rotation reaches every warm Lambda within that time without a read per request.
 */
export class SecretsManagerStore implements SecretStore {
  constructor(private readonly qrSecretArn: string) {}

  async qrSecrets(): Promise<QrSecrets> {
    const raw = await getSecret(this.qrSecretArn, { maxAge: 300 });
    if (typeof raw !== 'string') throw new Error('The QR signing secret must be a JSON string');
    return qrSecretsSchema.parse(JSON.parse(raw));
  }
}
