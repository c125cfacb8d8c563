import { type CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PHOTO_PREFIX } from '../functions/domain/supervision/ports.js';
import { acknowledge } from './acknowledge.js';

/**
 * Inspection and rectification photos: uploaded by the browser straight to this bucket with a
 * presigned POST the staff function signs (the policy names the key under `photos/`, the type and
 * the size), shown through presigned GETs of 5 minutes. Encrypted with a key of our own (SSE-KMS,
 * with an S3 bucket key so uploads do not each call KMS), no public access, TLS only, access logs,
 * and a lifecycle rule that deletes each photo `retentionDays` after it was uploaded. CORS lets
 * the pages' origin, and no other, POST to it (the upload) and GET from it (a page reads a photo
 * with `fetch`, the staff token on the API's call, and follows its 302 to the presigned GET). Its origin (virtual-hosted,
 * `https://<bucket>.s3.<region>.amazonaws.com`, as the SDK presigns) is what the pages' CSP allows.
 */
export class PhotoBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;

  constructor(
    scope: Construct,
    id: string,
    props: { retentionDays: number; accessLogs: IBucket; pagesOrigin: string; retain: boolean },
  ) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts inspection and rectification photos',
      enableKeyRotation: true,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'photos/',
      lifecycleRules: [
        {
          id: 'photo-retention',
          prefix: PHOTO_PREFIX,
          expiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedOrigins: [props.pagesOrigin],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /** The bucket's origin, as presigned URLs name it: the one the pages' CSP allows. */
  get origin(): string {
    return `https://${this.bucket.bucketName}.s3.${Stack.of(this).region}.amazonaws.com`;
  }

  /**
   * The function that signs uploads and reads: PutObject and GetObject under `photos/` only (a
   * presigned request carries the signer's permissions), the key's GenerateDataKey and Decrypt,
   * the bucket's name and the retention in its environment.
   */
  bindSigner(fn: LambdaFunction, retentionDays: number): void {
    fn.addEnvironment('PHOTO_BUCKET', this.bucket.bucketName);
    fn.addEnvironment('PHOTO_RETENTION_DAYS', String(retentionDays));
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [this.bucket.arnForObjects(`${PHOTO_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );
    const bucketRef = Stack.of(fn).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    acknowledge(
      fn,
      `Each photo is its own object, named when its upload is presigned: PutObject and GetObject only, and only under ${PHOTO_PREFIX} of the photo bucket.`,
      `AwsSolutions-IAM5[Resource::<${bucketRef}.Arn>/${PHOTO_PREFIX}*]`,
    );
  }
}
