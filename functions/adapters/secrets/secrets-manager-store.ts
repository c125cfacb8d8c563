import * as z from 'zod/mini';
import type { QrSecrets } from '../../domain/outlet-key.js';
import type { PersonalDataKeys } from '../crypto/personal-data-cipher.js';
import type { SecretStore } from './secret-store.js';

const qrSecretsSchema = z.object({
  current: z.string().check(z.minLength(32)),
  previous: z.optional(z.object({ secret: z.string().check(z.minLength(32)), retiredAt: z.iso.datetime() })),
});

const personalDataSchema = z.object({ keyMaterial: z.string().check(z.minLength(32)) });

async function readJson(arn: string, maxAge: number): Promise<unknown> {
  // Loaded on first use (with its Secrets Manager client), not when the function starts.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const raw = await getSecret(arn, { maxAge });
  if (typeof raw !== 'string') throw new Error(`Secret ${arn} must be a JSON string`);
  return JSON.parse(raw);
}

/**
 * Reads secrets from AWS Secrets Manager through Powertools, cached for five minutes so a
 * rotation reaches every warm Lambda within that time without a read per request.
 */
export class SecretsManagerStore implements SecretStore {
  constructor(
    private readonly qrSecretArn: string,
    private readonly personalDataSecretArn: string,
  ) {}

  async qrSecrets(): Promise<QrSecrets> {
    return qrSecretsSchema.parse(await readJson(this.qrSecretArn, 300));
  }

  /** Keys change only with a re-encryption, so they are cached for the life of the instance. */
  async personalDataKeys(): Promise<PersonalDataKeys> {
    return personalDataSchema.parse(await readJson(this.personalDataSecretArn, 3600));
  }
}
