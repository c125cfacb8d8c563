import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARCHIVE_PREFIX } from '../functions/adapters/archive/audit-archive.js';

/**
 * The audit archive: every complaint event, written once by the stream function
 * (functions/streams/archive-audit-events.ts), kept in a bucket with Object Lock in compliance
 * mode. For `retentionDays` after it is written, no one (the root user included) can overwrite or
 * delete an event's object, nor shorten its retention; the table's trail is append-only because
 * the code says so, this copy because S3 enforces it. Versioned (Object Lock requires it),
 * encrypted (SSE-S3), private, TLS only, with access logs. The bucket is always retained: a
 * compliance-mode bucket cannot be emptied before its objects' retention ends, so deleting the
 * stack leaves it (and its bill) until then.
 *
 * The bucket policy refuses a PUT without `If-None-Match` (the conditional write the adapter
 * makes): a retried event can never become a second locked version of itself.
 */
export class AuditArchiveBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { retentionDays: number; accessLogs: IBucket }) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'audit-archive/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyConditionalWrites',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );
  }

  /** Where events are written (`audit/<trackingNo>/…`). */
  static readonly prefix = ARCHIVE_PREFIX;
}
