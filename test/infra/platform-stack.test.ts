import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/adapters/dynamodb/table-design.js';
import { departments } from '../../functions/config/departments.js';
import { schedules } from '../../functions/config/schedules.js';
import { ORIGIN_VERIFY_HEADER } from '../../functions/http/origin-verify.js';
import { scheduledEventSchema } from '../../functions/jobs/run-job.js';
import { pageRoutes } from '../../web/page-routes.js';
import { synthStack } from './support.js';

/** Subscribers of the cards department, as a stage configures them in cdk.json. */
const cardsSubscribers = {
  departments: {
    cards: {
      subscribers: [
        { protocol: 'email', endpoint: 'cards-complaints@example-bank.com' },
        { protocol: 'sms', endpoint: '+8613800000000' },
        { protocol: 'https', endpoint: 'https://tickets.example-bank.com/sns' },
        { protocol: 'sqs', queueArn: 'arn:aws:sqs:ap-east-1:123456789012:cards-tickets' },
      ],
    },
  },
};

let dev: Template;
let prod: Template;
beforeAll(() => {
  dev = synthStack('dev', cardsSubscribers).template;
  prod = synthStack('prod').template;
});

const ours = Match.objectLike({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });

describe('the platform stack', () => {
  it('has the one table, as defined in table-design.ts', () => {
    dev.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: tableDesign.streamViewType },
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ),
    });
  });

  it('keeps the table (and its data) when the prod stack is deleted, not in dev', () => {
    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    prod.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('runs four Lambdas on Node.js 22 / arm64, each with the table and the settings every function reads', () => {
    const fns = dev.findResources('AWS::Lambda::Function', { Properties: ours });
    expect(
      Object.keys(fns)
        .map((id) => id.replace(/^Functions|[0-9A-F]{8}$/g, ''))
        .sort(),
    ).toEqual(['public', 'schedule', 'staff', 'stream']);
    for (const fn of Object.values(fns)) {
      const env = fn.Properties.Environment.Variables;
      expect(Object.keys(env)).toEqual(
        expect.arrayContaining([
          'TABLE_NAME',
          'PUBLIC_BASE_URL',
          'JWT_ISSUER',
          'JWT_AUDIENCE',
          'JWKS_URL',
          'TIME_ZONE',
          'LOG_LEVEL',
        ]),
      );
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(env.TIME_ZONE).toBe('Asia/Shanghai');
    }
    expect(Object.values(fns).map((fn) => fn.Properties.Environment.Variables.LOG_LEVEL)).toContain('DEBUG');
    const prodFns = Object.values(prod.findResources('AWS::Lambda::Function', { Properties: ours }));
    for (const fn of prodFns) expect(fn.Properties.Environment.Variables.LOG_LEVEL).toBe('INFO');
  });

  it('routes the customers’ endpoints to the public function and the rest of /api to the staff function', () => {
    const routes = Object.values(dev.findResources('AWS::ApiGatewayV2::Route'));
    const target = (key: string) =>
      JSON.stringify(routes.find((r) => r.Properties.RouteKey === key)?.Properties.Target);
    const integrations = dev.findResources('AWS::ApiGatewayV2::Integration');
    const functionOf = (routeKey: string) => {
      const id = Object.keys(integrations).find((i) => target(routeKey).includes(i));
      return JSON.stringify(id ? integrations[id]?.Properties.IntegrationUri : undefined);
    };
    const customerRoutes = [
      'GET /api/v1/outlets/{outletId}',
      'POST /api/v1/feedback',
      'POST /api/v1/feedback/{id}/details',
      'POST /api/v1/complaints',
      'GET /api/v1/complaints/{trackingNo}',
      'POST /api/v1/complaints/{trackingNo}/satisfaction',
      'GET /api/v1/complaint-categories',
      'GET /api/v1/outlets',
      'GET /api/v1/health',
      'GET /api/v1/bank-contact',
    ];
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      [...customerRoutes, 'ANY /api/{proxy+}'].sort(),
    );
    for (const key of customerRoutes) expect(functionOf(key)).toMatch(/Functionspublic/);
    expect(functionOf('ANY /api/{proxy+}')).toMatch(/Functionsstaff/);
  });

  it('logs (as JSON) and throttles the API stage as the stage configures it', () => {
    prod.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    });
    const [stage] = Object.values(dev.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
    expect(JSON.parse(stage?.Properties.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
    });
  });

  it('has an encrypted topic per department, plus head office, alerts, customer notices (in the stream function’s TOPIC_ARNS) and operations', () => {
    const topics = dev.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(departments.length + 4);
    for (const topic of Object.values(topics)) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const [fn] = Object.values(
      dev.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('stream') },
      }),
    );
    const topicArns = JSON.stringify(fn?.Properties.Environment.Variables.TOPIC_ARNS);
    for (const name of [...departments.map((d) => d.id), 'head-office', 'alerts', 'customer-notices']) {
      expect(topicArns).toContain(`\\"${name}\\":`);
    }
  });

  it('sends customers’ text messages through the customer-notices topic unless a stage chooses SNS SMS', () => {
    const stream = Object.values(
      dev.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('stream') },
      }),
    );
    expect(stream).toHaveLength(1);
    expect(stream[0]?.Properties.Environment.Variables.CUSTOMER_NOTICES_VIA).toBe('topic');
    // No direct SMS permission (sns:Publish on "*") in a stage that sends by topic.
    const smsGrants = (template: Template) =>
      Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
        (p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]).filter(
          (st) => st.Action === 'sns:Publish' && st.Resource === '*',
        ),
      );
    expect(smsGrants(dev)).toEqual([]);
    const sms = synthStack('dev', { customerNotices: 'sms' }).template;
    expect(smsGrants(sms)).toHaveLength(1);
  });

  it('subscribes each department’s subscribers from the stage configuration (email, SMS, HTTPS, SQS), with a dead-letter queue', () => {
    for (const [protocol, endpoint] of [
      ['email', 'cards-complaints@example-bank.com'],
      ['sms', '+8613800000000'],
      ['https', 'https://tickets.example-bank.com/sns'],
      ['sqs', 'arn:aws:sqs:ap-east-1:123456789012:cards-tickets'],
    ]) {
      dev.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: protocol,
        Endpoint: endpoint,
        // Undeliverable messages are kept (CDK gives an SMS subscription no dead-letter queue).
        ...(protocol === 'sms' ? {} : { RedrivePolicy: { deadLetterTargetArn: Match.anyValue() } }),
      });
    }
    // prod (cdk.json) names a subscriber for every department, and one for operations.
    const subscribed = Object.values(prod.findResources('AWS::SNS::Subscription')).map(
      (s) => s.Properties.Endpoint,
    );
    for (const department of departments)
      expect(subscribed).toContain(`${department.id}-complaints@example-bank.com`);
    expect(subscribed).toContain('platform-operations@example-bank.com');
  });

  it('drives the outbox and the stale marks from the stream, reporting failed records, with a dead-letter queue and an alarm', () => {
    const queues = dev.findResources('AWS::SQS::Queue');
    const dlq = Object.keys(queues).find((id) => id.startsWith('StreamDeadLetters'));
    expect(dlq).toBeDefined();
    const mapping = (batching: object, filters: object[]) =>
      dev.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StorageTable'), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
        MaximumRetryAttempts: 10,
        ...batching,
        FilterCriteria: { Filters: filters.map((f) => ({ Pattern: JSON.stringify(f) })) },
      });
    expect(Object.keys(dev.findResources('AWS::Lambda::EventSourceMapping'))).toHaveLength(2);
    // Complaints within a second: new items that may carry notifications, complaints received or changed.
    mapping({ BatchSize: 25, MaximumBatchingWindowInSeconds: 1 }, [
      {
        eventName: ['INSERT'],
        dynamodb: {
          NewImage: {
            type: {
              S: ['complaint-event', 'warning', 'rectification-alert', 'circular-publication', 'complaint'],
            },
          },
        },
      },
      { eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['complaint'] } } } },
    ]);
    // Ratings in large batches, for one stale mark per batch; rollups, limits and markers never.
    mapping({ BatchSize: 1000, MaximumBatchingWindowInSeconds: 60 }, [
      { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['rating'] } } } },
      { eventName: ['MODIFY'], dynamodb: { NewImage: { type: { S: ['rating'] } } } },
    ]);
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^NotificationsTopicalerts') }],
    });
  });

  it('schedules every job of functions/config/schedules.ts in the bank’s time zone, with retries and a dead-letter queue each', () => {
    const found = dev.findResources('AWS::Scheduler::Schedule');
    expect(Object.keys(found)).toHaveLength(schedules.length);
    const expected = {
      'rollup-today': 'rate(15 minutes)',
      'close-day': 'cron(30 0 * * ? *)',
      'sweep-time-limits': 'rate(15 minutes)',
      'sweep-rectifications': 'rate(15 minutes)',
    };
    for (const [job, expression] of Object.entries(expected)) {
      dev.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        // A time of day is the bank's; a rate needs no time zone.
        ...(expression.startsWith('cron') ? { ScheduleExpressionTimezone: 'Asia/Shanghai' } : {}),
        Target: Match.objectLike({
          Input: JSON.stringify({ job }),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1800 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      });
    }
    expect(Object.keys(expected).sort()).toEqual(schedules.map((s) => s.job).sort());
    // What each schedule sends is what the AWS handler accepts (functions/handlers/schedule.ts
    // parses it with this schema): a job dropped from the handler's list fails here, not in AWS.
    for (const schedule of Object.values(found)) {
      const event = JSON.parse(schedule.Properties.Target.Input as string) as unknown;
      expect(scheduledEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
    }
    expect(scheduledEventSchema.safeParse({ job: 'close-week' }).success).toBe(false);
    const queues = Object.values(found).map((s) => JSON.stringify(s.Properties.Target.DeadLetterConfig.Arn));
    expect(new Set(queues).size).toBe(schedules.length);
    // The bank's zone is the stage's: another zone moves the daily close with it.
    const singapore = synthStack('dev', { timeZone: 'Asia/Singapore' }).template;
    singapore.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 0 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Singapore',
    });
    // A run that fails inside the function is retried by Lambda, then kept with its error.
    dev.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('generates the QR and personal-data secrets at deploy time, never in the template', () => {
    dev.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'current', PasswordLength: 48 }),
    });
    dev.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'keyMaterial' }),
    });
  });

  it('has a staff user pool with a group per role, MFA required in prod', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
    });
    prod.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    dev.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'example-bank-feedback-dev' });
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://feedback-dev.example-bank.com/signin'],
    });
    for (const group of ['admin', 'head-office', ...departments.map((d) => `dept:${d.id}`)]) {
      dev.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
  });

  it('serves the pages from a private bucket through CloudFront, at the same paths as locally', () => {
    dev.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    const functions = Object.values(dev.findResources('AWS::CloudFront::Function'));
    const rewrite = functions.find((f) => String(f.Properties.FunctionConfig.Comment).includes('page'));
    for (const route of pageRoutes) expect(rewrite?.Properties.FunctionCode).toContain(`"${route.path}"`);
    dev.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' })],
      }),
    });
  });

  it('CloudFront reaches the API at its execute-api address with the origin-verify value read from the secret at deploy, which the functions require of every request', () => {
    const [distribution] = Object.values(dev.findResources('AWS::CloudFront::Distribution'));
    const origins = distribution?.Properties.DistributionConfig.Origins as Record<string, unknown>[];
    const api = origins.find((o) => JSON.stringify(o.DomainName).includes('.execute-api.'));
    const headers = api?.OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[];
    expect(headers.map((h) => h.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    // A dynamic reference: the value is in no template, only resolved by CloudFormation.
    expect(JSON.stringify(headers[0]?.HeaderValue)).toMatch(
      /\{\{resolve:secretsmanager:.*SecretsOriginVerify.*:SecretString:value::\}\}/,
    );
    // The gate, not a disabled endpoint, keeps callers off that address: CloudFront needs it.
    const [httpApi] = Object.values(dev.findResources('AWS::ApiGatewayV2::Api'));
    expect(httpApi?.Properties.DisableExecuteApiEndpoint).toBeUndefined();
    // What `npm run rotate-origin-verify` and its next step need.
    dev.hasOutput('OriginVerifySecretArn', {
      Value: { Ref: Match.stringLikeRegexp('^SecretsOriginVerify') },
    });
    dev.hasOutput('DistributionId', { Value: { Ref: Match.stringLikeRegexp('^WebDistribution') } });
  });
});
