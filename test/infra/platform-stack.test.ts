import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/adapters/dynamodb/table-design.js';
import { type DepartmentConfig, departments } from '../../functions/config/departments.js';
import { schedules } from '../../functions/config/schedules.js';
import { pageRoutes } from '../../web/page-routes.js';
import { synthStack } from './support.js';

const withSubscribers: DepartmentConfig[] = departments.map((d) =>
  d.id === 'cards'
    ? {
        ...d,
        subscribers: [
          { protocol: 'email', endpoint: 'cards-complaints@example-bank.com' },
          { protocol: 'sms', endpoint: '+8613800000000' },
          { protocol: 'https', endpoint: 'https://tickets.example-bank.com/sns' },
          { protocol: 'sqs', queueArn: 'arn:aws:sqs:ap-east-1:123456789012:cards-tickets' },
        ],
      }
    : d,
);

let dev: Template;
let prod: Template;
beforeAll(() => {
  dev = synthStack('dev', withSubscribers).template;
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

  it('runs four Lambdas on Node.js 22 / arm64 with the table, topics and secrets in their environment', () => {
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
          'TOPIC_ARNS',
          'QR_SECRET_ARN',
          'PHONE_KEY_SECRET_ARN',
          'ORIGIN_VERIFY',
          'HOSTED_UI_URL',
        ]),
      );
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
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

  it('logs and throttles the API stage', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    });
  });

  it('has an encrypted topic per department, plus head office, alerts and customer notices, all named in TOPIC_ARNS', () => {
    const topics = dev.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(departments.length + 3);
    for (const topic of Object.values(topics)) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const [fn] = Object.values(dev.findResources('AWS::Lambda::Function', { Properties: ours }));
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
    const sms = synthStack('dev', undefined, { customerNotices: 'sms' }).template;
    expect(smsGrants(sms)).toHaveLength(1);
  });

  it('subscribes each department’s subscribers to its topic (email, SMS, HTTPS, SQS)', () => {
    for (const [protocol, endpoint] of [
      ['email', 'cards-complaints@example-bank.com'],
      ['sms', '+8613800000000'],
      ['https', 'https://tickets.example-bank.com/sns'],
      ['sqs', 'arn:aws:sqs:ap-east-1:123456789012:cards-tickets'],
    ]) {
      dev.hasResourceProperties('AWS::SNS::Subscription', { Protocol: protocol, Endpoint: endpoint });
    }
    expect(Object.keys(prod.findResources('AWS::SNS::Subscription'))).toHaveLength(0);
  });

  it('drives the outbox from the stream, reporting failed records, with a dead-letter queue and an alarm', () => {
    const queues = dev.findResources('AWS::SQS::Queue');
    const dlq = Object.keys(queues).find((id) => id.startsWith('StreamDeadLetters'));
    expect(dlq).toBeDefined();
    dev.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StorageTable'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
      MaximumRetryAttempts: 10,
      // Only new items that may carry notifications, and changed complaints, invoke the function; ratings never do.
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { type: { S: ['complaint-event', 'warning'] } } },
            }),
          },
          {
            Pattern: JSON.stringify({
              eventName: ['MODIFY'],
              dynamodb: { NewImage: { type: { S: ['complaint'] } } },
            }),
          },
        ],
      },
    });
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^NotificationsTopicalerts') }],
    });
  });

  it('schedules every job of functions/config/schedules.ts in the bank’s time zone, with retries and a dead-letter queue', () => {
    const found = dev.findResources('AWS::Scheduler::Schedule');
    expect(Object.keys(found)).toHaveLength(schedules.length);
    const expected = {
      'rollup-today': 'rate(15 minutes)',
      'close-day': 'cron(30 0 * * ? *)',
      'sweep-time-limits': 'rate(15 minutes)',
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
});
