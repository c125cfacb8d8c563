import { resolve } from 'node:path';
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  departments as configuredDepartments,
  type DepartmentConfig,
} from '../functions/config/departments.js';
import { schedules as configuredSchedules, type ScheduleDefinition } from '../functions/config/schedules.js';
import { PlatformApi } from './api.js';
import { AuditArchiveBucket } from './archive.js';
import { StaffAuth } from './auth.js';
import { bindBucketWriter, bindSecret, bindTable, bindTopics } from './bindings.js';
import { wafMetric } from './edge-stack.js';
import { secretAccess, tableAccess } from './function-access.js';
import { PlatformFunctions, repoRoot } from './functions.js';
import { LAMBDA_OUT_DIR, lambdaNames } from './lambda-bundles.js';
import { grantSmsPublish, Notifications } from './notifications.js';
import { PlatformOperations } from './operations.js';
import { PhotoBucket } from './photos.js';
import { Schedules } from './schedules.js';
import { PlatformSecrets } from './secrets.js';
import { type StageConfig, subscribersOf } from './stage-config.js';
import { Storage } from './storage.js';
import { StreamProcessing } from './stream.js';
import { Web } from './web.js';

export interface PlatformStackProps extends StackProps {
  config: StageConfig;
  /** Defaults to functions/config/departments.ts. */
  departments?: readonly DepartmentConfig[];
  schedules?: readonly ScheduleDefinition[];
  webRoot?: string;
  /** The built Lambda bundles; defaults to dist/lambda (`npm run build:functions`). */
  lambdaRoot?: string;
  /** The WAF web ACL in front of the distribution (from the edge stack in us-east-1). */
  webAcl?: { arn: string; name: string; region: string } | undefined;
}

/**
 * The whole platform in the bank's region: storage, secrets, topics, functions, API, stream,
 * schedules, sign-in, pages, the audit archive, alarms and the dashboard. (The WAF web ACL
 * CloudFront needs is in us-east-1: infra/edge-stack.ts.)
 */
export class PlatformStack extends Stack {
  readonly storage: Storage;
  readonly notifications: Notifications;
  readonly functions: PlatformFunctions;
  readonly api: PlatformApi;
  readonly stream: StreamProcessing;
  readonly auth: StaffAuth;
  readonly web: Web;
  readonly archive: AuditArchiveBucket;
  readonly photos: PhotoBucket;
  readonly schedules: Schedules;
  readonly operations: PlatformOperations;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { config } = props;
    const departments = props.departments ?? configuredDepartments;
    const retain = config.retainData;

    this.storage = new Storage(this, 'Storage', { retain });
    const secrets = new PlatformSecrets(this, 'Secrets', { retain });
    this.notifications = new Notifications(this, 'Notifications', {
      departments,
      subscribersOf: (id) => subscribersOf(config, id),
    });
    this.auth = new StaffAuth(this, 'Auth', {
      departments,
      publicBaseUrl: config.publicBaseUrl,
      requireMfa: config.requireMfa,
      retain,
      domainPrefix: config.authDomainPrefix,
    });

    // What every function reads at start; nothing secret. The rest is bound per function below.
    this.functions = new PlatformFunctions(this, 'Functions', {
      lambdaRoot: props.lambdaRoot ?? LAMBDA_OUT_DIR,
      logRetentionDays: config.logRetentionDays,
      retain,
      environment: {
        STAGE: config.stage,
        PUBLIC_BASE_URL: config.publicBaseUrl,
        TIME_ZONE: config.timeZone,
        LOG_LEVEL: config.logLevel,
        JWT_ISSUER: this.auth.issuer,
        JWKS_URL: `${this.auth.issuer}/.well-known/jwks.json`,
        JWT_AUDIENCE: this.auth.client.userPoolClientId,
      },
    });
    const { byName } = this.functions;
    const secretsByKind = {
      qr: ['QR_SECRET_ARN', secrets.qrSecret],
      personalData: ['PHONE_KEY_SECRET_ARN', secrets.personalDataKey],
      originVerify: ['ORIGIN_VERIFY_SECRET_ARN', secrets.originVerify],
    } as const;
    for (const name of lambdaNames) {
      bindTable(byName[name], this.storage.table, tableAccess[name]);
      for (const kind of secretAccess[name]) {
        const [variable, secret] = secretsByKind[kind];
        bindSecret(byName[name], variable, secret);
      }
    }
    // The staff sign-in page asks the staff function where the hosted sign-in is.
    byName.staff.addEnvironment('HOSTED_UI_URL', this.auth.hostedUiUrl);
    // Only the stream function publishes (the outbox), and archives the audit trail.
    bindTopics(byName.stream, this.notifications.topics, this.notifications.key);
    byName.stream.addEnvironment('CUSTOMER_NOTICES_VIA', config.customerNotices);
    if (config.customerNotices === 'sms') grantSmsPublish(byName.stream);

    this.api = new PlatformApi(this, 'Api', {
      publicHandler: byName.public,
      staffHandler: byName.staff,
      retain,
      throttle: config.apiThrottle,
      logRetentionDays: config.logRetentionDays,
    });
    this.stream = new StreamProcessing(this, 'Stream', {
      table: this.storage.table,
      handler: byName.stream,
      alerts: this.notifications.topics.alerts ?? missing('alerts topic'),
    });
    this.schedules = new Schedules(this, 'Schedules', {
      handler: byName.schedule,
      schedules: props.schedules ?? configuredSchedules,
      timeZone: config.timeZone,
    });
    this.web = new Web(this, 'Web', {
      apiDomain: this.api.domainName,
      // A dynamic reference CloudFormation resolves when it updates the distribution, not at every
      // deploy: after a rotation, CloudFront's header is changed by hand (rotate-origin-verify.ts).
      originVerify: secrets.originVerify.secretValueFromJson('value').unsafeUnwrap(),
      webRoot: props.webRoot ?? resolve(repoRoot, 'dist/web'),
      retain,
      signInOrigin: `https://${config.authDomainPrefix}.auth.${this.region}.amazoncognito.com`,
      // The photo bucket is made below (its access logs go to the web's log bucket).
      photoOrigin: Lazy.string({ produce: () => this.photos.origin }),
      webAclArn: props.webAcl?.arn,
      domain: config.domain,
    });
    this.archive = new AuditArchiveBucket(this, 'AuditArchive', {
      retentionDays: config.auditArchive.retentionDays,
      accessLogs: this.web.logs,
    });
    bindBucketWriter(byName.stream, 'AUDIT_ARCHIVE_BUCKET', this.archive.bucket, AuditArchiveBucket.prefix);
    this.photos = new PhotoBucket(this, 'Photos', {
      retentionDays: config.photos.retentionDays,
      accessLogs: this.web.logs,
      pagesOrigin: new URL(config.publicBaseUrl).origin,
      retain,
    });
    // Only the staff function signs photo uploads and reads: it serves supervision and /mystery/*.
    this.photos.bindSigner(byName.staff, config.photos.retentionDays);

    this.operations = new PlatformOperations(this, 'Operations', {
      api: this.api.api,
      functions: byName,
      streamFunction: byName.stream,
      table: this.storage.table,
      deadLetters: {
        Stream: this.stream.deadLetters,
        Subscriptions: this.notifications.undeliverable,
        ScheduleRuns: this.schedules.failedRuns,
        ...Object.fromEntries(
          Object.entries(this.schedules.deadLetters).map(([job, queue]) => [`Schedule-${job}`, queue]),
        ),
      },
      subscribers: config.operations.subscribers,
      waf: props.webAcl
        ? {
            webAclName: props.webAcl.name,
            region: props.webAcl.region,
            metric: (name) => wafMetric(props.webAcl?.name ?? '', name, props.webAcl?.region ?? ''),
          }
        : undefined,
    });

    new CfnOutput(this, 'Url', { value: `https://${this.web.distribution.distributionDomainName}` });
    new CfnOutput(this, 'PublicBaseUrl', { value: config.publicBaseUrl });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.pool.userPoolId });
    new CfnOutput(this, 'QrSecretArn', { value: secrets.qrSecret.secretArn });
    // For `npm run rotate-origin-verify` and the CloudFront update that follows it.
    new CfnOutput(this, 'OriginVerifySecretArn', { value: secrets.originVerify.secretArn });
    new CfnOutput(this, 'DistributionId', { value: this.web.distribution.distributionId });
    new CfnOutput(this, 'AuditArchiveBucket', { value: this.archive.bucket.bucketName });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.operations.topic.topicArn });
  }
}

function missing(what: string): never {
  throw new Error(`Internal: ${what} was not created`);
}
