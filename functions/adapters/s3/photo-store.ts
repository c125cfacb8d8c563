import type { S3Client } from '@aws-sdk/client-s3';
import { PHOTO_PREFIX, type PhotoStore, type PhotoUpload } from '../../domain/supervision/ports.js';

interface S3PhotoStoreOptions {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Photos in S3: a presigned POST whose policy allows exactly one key under `photos/`, one type
 * and 1 byte to the limit, and presigned GETs. In AWS the bucket's own origin
 * (`https://<bucket>.s3.<region>.amazonaws.com`, virtual-hosted); locally the S3-compatible server's
 * endpoint, path-style (functions/local/s3-local.ts).
 *
 * The S3 client and the presigners load at the first photo, not at the staff function's cold
 * start: most of its requests (inboxes, statistics) never touch a photo, and the S3 client is the
 * largest module the function has (the bundle test holds the start to its budget).
 */
export class S3PhotoStore implements PhotoStore {
  readonly origin: string;
  private s3Parts: ReturnType<S3PhotoStore['load']> | undefined;

  constructor(private readonly options: S3PhotoStoreOptions) {
    this.origin = options.endpoint
      ? new URL(options.endpoint).origin
      : `https://${options.bucket}.s3.${options.region}.amazonaws.com`;
  }

  static create(options: S3PhotoStoreOptions): S3PhotoStore {
    return new S3PhotoStore(options);
  }

  private async load() {
    const [{ GetObjectCommand, S3Client }, { createPresignedPost }, { getSignedUrl }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-presigned-post'),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    const { region, endpoint, credentials } = this.options;
    const s3: S3Client = new S3Client({
      region,
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      ...(credentials ? { credentials } : {}),
    });
    return { s3, GetObjectCommand, createPresignedPost, getSignedUrl };
  }

  private parts() {
    this.s3Parts ??= this.load();
    // A failed load (it should not) is tried again at the next photo.
    this.s3Parts.catch(() => {
      this.s3Parts = undefined;
    });
    return this.s3Parts;
  }

  async presignUpload(request: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PhotoUpload> {
    const { s3, createPresignedPost } = await this.parts();
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: this.options.bucket,
      Key: request.key,
      Conditions: [
        ['content-length-range', 1, request.maxBytes],
        ['eq', '$Content-Type', request.contentType],
        ['starts-with', '$key', PHOTO_PREFIX],
      ],
      Fields: { 'Content-Type': request.contentType },
      Expires: request.expiresInSeconds,
    });
    const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
      expiration: string;
    };
    return { url, fields, expiresAt: new Date(policy.expiration).toISOString() };
  }

  async presignRead(key: string, expiresInSeconds: number): Promise<string> {
    const { s3, GetObjectCommand, getSignedUrl } = await this.parts();
    return getSignedUrl(s3, new GetObjectCommand({ Bucket: this.options.bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }
}
