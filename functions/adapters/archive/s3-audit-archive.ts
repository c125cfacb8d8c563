import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ArchivedEvent, type AuditArchive, archiveBody, archiveKey } from './audit-archive.js';

/**
 * The audit archive in S3 (a bucket with Object Lock in compliance mode, infra/archive.ts). Each
 * event is written with `If-None-Match: *`, a conditional write: a retry of the same event finds
 * the object and S3 answers 412 Precondition Failed, which means it is archived already. Without
 * it, a second PUT to a versioned, locked bucket would add a second locked version of the same
 * event; the bucket's policy refuses any PUT without the condition. A 409 (a concurrent
 * conditional write of the same key) is thrown, so the stream retries the record.
 *
 * Object Lock needs an integrity checksum with every PUT; the SDK sends one (SHA-256 here).
 */
export class S3AuditArchive implements AuditArchive {
  constructor(
    private readonly s3: Pick<S3Client, 'send'>,
    private readonly bucket: string,
  ) {}

  async store(event: ArchivedEvent): Promise<'stored' | 'already-stored'> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: archiveKey(event),
          Body: archiveBody(event),
          ContentType: 'application/json',
          IfNoneMatch: '*',
          ChecksumAlgorithm: 'SHA256',
        }),
      );
      return 'stored';
    } catch (error) {
      if (isPreconditionFailed(error)) return 'already-stored';
      throw error;
    }
  }
}

function isPreconditionFailed(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412;
}
