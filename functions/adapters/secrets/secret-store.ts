import type { QrSecrets } from '../../domain/outlet-key.js';
import type { PersonalDataKeys } from '../crypto/personal-data-cipher.js';

/** Key material the app needs, wherever it is kept (Secrets Manager in AWS, a file locally). */
export interface SecretStore {
  qrSecrets(): Promise<QrSecrets>;
  personalDataKeys(): Promise<PersonalDataKeys>;
}
