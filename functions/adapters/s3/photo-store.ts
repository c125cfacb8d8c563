import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PHOTO_PREFIX, type PhotoStore, type PhotoUpload } from '../../domain/supervision/ports.js';

/**
 * Photos in S3: a presigned POST whose policy allows exactly one key under `photos/`, one type
 * and 1 byte to the limit, and presigned GETs. In AWS the bucket's own origin
 * (`https://<bucket>.s3.<region>.amazonaws.com`, virtual-hosted); locally the S3-compatible server's
 * endpoint, path-style (functions/local/s3-local.ts).
 */
export class S3PhotoStore implements PhotoStore {
  readonly origin: string;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    region: string,
    endpoint?: string,
  ) {
    this.origin = endpoint ? new URL(endpoint).origin : `https://${bucket}.s3.${region}.amazonaws.com`;
  }

  static create(options: {
    bucket: string;
    region: string;
    endpoint?: string | undefined;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  }): S3PhotoStore {
    const client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    return new S3PhotoStore(client, options.bucket, options.region, options.endpoint);
  }

  async presignUpload(request: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PhotoUpload> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
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

  presignRead(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: expiresInSeconds,
    });
  }
}
