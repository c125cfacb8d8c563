import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { type QrSecrets, rotateQrSecrets } from '../../domain/outlet-key.js';
import { generatePersonalDataKeys, type PersonalDataKeys } from '../crypto/personal-data-cipher.js';
import { replaceFile } from '../files/whole-files.js';
import type { SecretStore } from './secret-store.js';

interface SecretsFile {
  qr: QrSecrets;
  personalData: PersonalDataKeys;
}

/**
 * Secrets kept in a file under DATA_DIR on a developer's machine, generated on first use; in
 * memory only when no path is given (tests). `rotateQrSecret` is what an operator does in AWS.
 */
export class FileSecretStore implements SecretStore {
  private secrets: SecretsFile;

  constructor(private readonly path?: string) {
    const stored: Partial<SecretsFile> =
      path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
    this.secrets = {
      qr: stored.qr ?? { current: randomBytes(32).toString('base64url') },
      personalData: stored.personalData ?? generatePersonalDataKeys(),
    };
    this.save();
  }

  async qrSecrets(): Promise<QrSecrets> {
    return this.secrets.qr;
  }

  async personalDataKeys(): Promise<PersonalDataKeys> {
    return this.secrets.personalData;
  }

  rotateQrSecret(now: Date): void {
    this.secrets = {
      ...this.secrets,
      qr: rotateQrSecrets(this.secrets.qr, randomBytes(32).toString('base64url'), now),
    };
    this.save();
  }

  private save() {
    if (this.path) replaceFile(this.path, JSON.stringify(this.secrets, null, 2), { mode: 0o600 });
  }
}
