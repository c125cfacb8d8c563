import { resolve } from 'node:path';
import { type CfnElement, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  departments as configuredDepartments,
  type DepartmentConfig,
} from '../functions/config/departments.js';
import { schedules as configuredSchedules, type ScheduleDefinition } from '../functions/config/schedules.js';
import { PlatformApi } from './api.js';
import { StaffAuth } from './auth.js';
import { PlatformFunctions, repoRoot } from './functions.js';
import { LAMBDA_OUT_DIR } from './lambda-bundles.js';
import { grantSmsPublish, Notifications } from './notifications.js';
import { Schedules } from './schedules.js';
import { PlatformSecrets } from './secrets.js';
import type { StageConfig } from './stage-config.js';
import { Storage } from './storage.js';
import { StreamProcessing } from './stream.js';
import { Web } from './web.js';

export interface PlatformStackProps extends StackProps {
  config: StageConfig;
  /** Defaults to functions/config/departments.ts; tests pass their own to check subscriptions. */
  departments?: readonly DepartmentConfig[];
  schedules?: readonly ScheduleDefinition[];
  webRoot?: string;
  /** The built Lambda bundles; defaults to dist/lambda (`npm run build:functions`). */
  lambdaRoot?: string;
}

/** The whole platform in one stack: storage, secrets, topics, functions, API, stream, schedules, sign-in, pages. */
export class PlatformStack extends Stack {
  readonly storage: Storage;
  readonly notifications: Notifications;
  readonly functions: PlatformFunctions;
  readonly api: PlatformApi;
  readonly stream: StreamProcessing;
  readonly auth: StaffAuth;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { config } = props;
    const departments = props.departments ?? configuredDepartments;
    const retain = config.retainData;

    this.storage = new Storage(this, 'Storage', { retain });
    const secrets = new PlatformSecrets(this, 'Secrets', { retain });
    this.notifications = new Notifications(this, 'Notifications', { departments });
    this.auth = new StaffAuth(this, 'Auth', {
      departments,
      publicBaseUrl: config.publicBaseUrl,
      requireMfa: config.requireMfa,
      retain,
      domainPrefix: config.authDomainPrefix,
    });
    const originVerify = secrets.originVerify.secretValueFromJson('value').unsafeUnwrap();

    this.functions = new PlatformFunctions(this, 'Functions', {
      lambdaRoot: props.lambdaRoot ?? LAMBDA_OUT_DIR,
      logRetentionDays: config.logRetentionDays,
      retain,
      tableRef: this.getLogicalId(this.storage.table.node.defaultChild as CfnElement),
      environment: {
        STAGE: config.stage,
        TABLE_NAME: this.storage.table.tableName,
        PUBLIC_BASE_URL: config.publicBaseUrl,
        TIME_ZONE,
        LOG_LEVEL: 'INFO',
        JWT_ISSUER: this.auth.issuer,
        JWKS_URL: `${this.auth.issuer}/.well-known/jwks.json`,
        JWT_AUDIENCE: this.auth.client.userPoolClientId,
        HOSTED_UI_URL: this.auth.hostedUiUrl,
        TOPIC_ARNS: this.toJsonString(this.notifications.topicArns),
        CUSTOMER_NOTICES_VIA: config.customerNotices,
        QR_SECRET_ARN: secrets.qrSecret.secretArn,
        PHONE_KEY_SECRET_ARN: secrets.personalDataKey.secretArn,
        ORIGIN_VERIFY: originVerify,
      },
    });
    for (const fn of this.functions.all) {
      this.storage.table.grantReadWriteData(fn);
      secrets.qrSecret.grantRead(fn);
      secrets.personalDataKey.grantRead(fn);
    }
    const { byName } = this.functions;
    for (const topic of Object.values(this.notifications.topics)) topic.grantPublish(byName.stream);
    if (config.customerNotices === 'sms') grantSmsPublish(byName.stream);

    this.api = new PlatformApi(this, 'Api', {
      publicHandler: byName.public,
      staffHandler: byName.staff,
      retain,
    });
    this.stream = new StreamProcessing(this, 'Stream', {
      table: this.storage.table,
      handler: byName.stream,
      alerts: this.notifications.topics.alerts ?? missing('alerts topic'),
    });
    new Schedules(this, 'Schedules', {
      handler: byName.schedule,
      schedules: props.schedules ?? configuredSchedules,
      timeZone: TIME_ZONE,
    });
    this.web = new Web(this, 'Web', {
      apiDomain: this.api.domainName,
      originVerify,
      webRoot: props.webRoot ?? resolve(repoRoot, 'dist/web'),
      retain,
    });

    new CfnOutput(this, 'Url', { value: `https://${this.web.distribution.distributionDomainName}` });
    new CfnOutput(this, 'PublicBaseUrl', { value: config.publicBaseUrl });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.pool.userPoolId });
    new CfnOutput(this, 'QrSecretArn', { value: secrets.qrSecret.secretArn });
  }
}

/** The bank's time zone (stage configuration comes with the production issue). */
const TIME_ZONE = 'Asia/Shanghai';

function missing(what: string): never {
  throw new Error(`Internal: ${what} was not created`);
}
