import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../../functions/config/schedules.js';
import {
  pageContentSecurityPolicy,
  REFERRER_POLICY,
  STRICT_TRANSPORT_SECURITY_SECONDS,
} from '../../functions/http/security-headers.js';
import { lambdaNames } from '../../infra/lambda-bundles.js';
import { synthApp } from './support.js';

/** The prod stage as `npx cdk synth -c stage=prod` builds it: the platform stack and the edge stack. */
let platform: Template;
let edge: Template;
let edgeRegion: string;
beforeAll(() => {
  const built = synthApp('prod');
  platform = Template.fromStack(built.stack);
  if (!built.edge) throw new Error('prod has WAF, so an edge stack');
  edge = Template.fromStack(built.edge);
  edgeRegion = built.edge.region;
});

const count = (template: Template, type: string) => Object.keys(template.findResources(type)).length;

describe('the edge (prod)', () => {
  it('keeps the WAF web ACL in us-east-1, CloudFront scope, and puts it in front of the distribution', () => {
    expect(edgeRegion).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
    const [distribution] = Object.values(platform.findResources('AWS::CloudFront::Distribution'));
    // The ARN crosses regions through the reference CDK writes in us-east-1 and reads here.
    expect(JSON.stringify(distribution?.Properties.DistributionConfig.WebACLId)).toMatch(
      /ExportsReader.*WebAclArn/,
    );
  });

  it('limits each address on the customers’ POST routes and on tracking look-ups, at the stage’s limits', () => {
    const [acl] = Object.values(edge.findResources('AWS::WAFv2::WebACL'));
    interface Rule {
      Name: string;
      Action?: unknown;
      Statement: { RateBasedStatement: { ScopeDownStatement: unknown } };
    }
    const rules = acl?.Properties.Rules as Rule[];
    const rate = (name: string) => rules.find((r) => r.Name === name);
    const posts = rate('PublicPostsPerAddress');
    expect(posts?.Action).toEqual({ Block: {} });
    expect(posts?.Statement.RateBasedStatement).toMatchObject({
      Limit: 300,
      EvaluationWindowSec: 300,
      AggregateKeyType: 'IP',
    });
    const scope = JSON.stringify(posts?.Statement.RateBasedStatement.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    // Every POST route a customer reaches: ratings and their details, complaints and verdicts.
    for (const prefix of ['/api/v1/feedback', '/api/v1/complaints'])
      expect(scope).toContain(`"SearchString":"${prefix}"`);
    const tracking = JSON.stringify(rate('TrackingLookupsPerAddress')?.Statement);
    expect(tracking).toContain('"SearchString":"GET"');
    expect(tracking).toContain('"SearchString":"/api/v1/complaints/"');
  });

  it('runs AWS’s common and known-bad-inputs rule sets', () => {
    for (const name of ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']) {
      edge.hasResourceProperties('AWS::WAFv2::WebACL', {
        Rules: Match.arrayWith([
          Match.objectLike({
            Name: name,
            OverrideAction: { None: {} },
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
          }),
        ]),
      });
    }
  });

  it('logs the requests WAF blocked or counted to an aws-waf-logs- log group, without staff tokens, and alarms on blocked requests', () => {
    edge.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-branch-feedback-prod' });
    edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
      LoggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
      LogDestinationConfigs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    edge.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Dimensions: Match.arrayWith([{ Name: 'WebACL', Value: 'branch-feedback-prod' }]),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^OperationsTopic') }],
    });
  });

  it('sends the pages’ security headers from functions/http/security-headers.ts, the sign-in provider and the photo bucket the connect-src exceptions', () => {
    platform.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            // With the photo bucket's origin (a reference to the bucket: test/infra/photos.test.ts).
            ContentSecurityPolicy: {
              'Fn::Join': [
                '',
                pageContentSecurityPolicy({
                  connectSources: ['https://example-bank-feedback.auth.ap-east-1.amazoncognito.com'],
                  photoOrigin: 'https://\u0000.s3.ap-east-1.amazonaws.com',
                })
                  .split('\u0000')
                  .flatMap((part, i) =>
                    i === 0 ? [part] : [{ Ref: Match.stringLikeRegexp('^PhotosBucket') }, part],
                  ),
              ],
            },
            Override: true,
          },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: REFERRER_POLICY, Override: true },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: STRICT_TRANSPORT_SECURITY_SECONDS,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
        },
      }),
    });
    const [distribution] = Object.values(platform.findResources('AWS::CloudFront::Distribution'));
    expect(distribution?.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: expect.stringMatching(/^WebPageHeaders/),
    });
  });

  it('serves the bank’s domain with its certificate and TLS 1.2 when the stage names them', () => {
    const withDomain = synthApp('prod', {
      domain: {
        names: ['feedback.example-bank.com'],
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f5c3a1e-2b4d-4c6e-8a9b-1c2d3e4f5a6b',
      },
    });
    Template.fromStack(withDomain.stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['feedback.example-bank.com'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });
});

describe('the audit archive (prod)', () => {
  it('is a versioned, encrypted, private bucket with Object Lock in compliance mode for the stage’s retention, kept when the stack goes', () => {
    platform.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1825 } },
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: Match.anyValue(),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'audit-archive/' }),
      }),
    });
  });

  it('refuses plain HTTP and any PUT that is not a conditional write', () => {
    const policies = Object.values(platform.findResources('AWS::S3::BucketPolicy')).filter((p) =>
      JSON.stringify(p.Properties.Bucket).includes('AuditArchive'),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:PutObject',
          Condition: { Null: { 's3:if-none-match': 'true' } },
        }),
      ]),
    );
  });
});

describe('operations (prod)', () => {
  const alarmsOn = (metricName: string) =>
    Object.values(platform.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === metricName,
    );

  it('alarms on each function’s throttles, errors and duration near its timeout', () => {
    for (const metric of ['Throttles', 'Errors', 'Duration']) {
      const alarms = alarmsOn(metric).filter((a) => a.Properties.Namespace === 'AWS/Lambda');
      expect(alarms).toHaveLength(lambdaNames.length);
    }
    const durations = alarmsOn('Duration').map((a) => a.Properties.Threshold);
    // 80 % of the timeouts: public 10 s, staff 15 s, stream 60 s, schedule 10 min.
    expect(durations.sort((a, b) => a - b)).toEqual([8_000, 12_000, 48_000, 480_000]);
  });

  it('alarms on the API’s 5xx rate, and on the stream falling behind', () => {
    const rate = Object.values(platform.findResources('AWS::CloudWatch::Alarm')).find((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('100 * errors / requests'),
    );
    expect(rate?.Properties.Threshold).toBe(1);
    expect(JSON.stringify(rate?.Properties.Metrics)).toContain('"MetricName":"5xx"');
    expect(alarmsOn('IteratorAge')).toHaveLength(1);
    expect(alarmsOn('IteratorAge')[0]?.Properties.Threshold).toBe(300_000);
  });

  it('alarms on every dead-letter queue: the stream’s, the subscriptions’, each job’s, failed runs', () => {
    const queues = Object.keys(platform.findResources('AWS::SQS::Queue'));
    const watched = alarmsOn('ApproximateNumberOfMessagesVisible').map((a) =>
      JSON.stringify(a.Properties.Dimensions),
    );
    for (const queue of queues) expect(watched.some((d) => d.includes(queue))).toBe(true);
    expect(queues.length).toBe(3 + schedules.length);
  });

  it('sends every alarm to the operations topic (the stream’s dead letters to the alerts topic too)', () => {
    for (const alarm of Object.values(platform.findResources('AWS::CloudWatch::Alarm'))) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toMatch(
        /OperationsTopic|NotificationsTopicalerts/,
      );
    }
    expect(count(platform, 'AWS::CloudWatch::Alarm')).toBeGreaterThanOrEqual(lambdaNames.length * 3 + 2);
  });

  it('has one dashboard for the platform, with the edge’s WAF metrics from us-east-1', () => {
    expect(count(platform, 'AWS::CloudWatch::Dashboard')).toBe(1);
    const [dashboard] = Object.values(platform.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboard?.Properties.DashboardName).toBe('BranchFeedback-prod');
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const shown of [
      'AWS/ApiGateway',
      'AWS/Lambda',
      'AWS/DynamoDB',
      'IteratorAge',
      'AWS/WAFV2',
      'us-east-1',
    ])
      expect(body).toContain(shown);
  });
});

describe('China regions', () => {
  it('nothing in either template is tied to the aws partition', () => {
    for (const template of [platform, edge]) {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
    }
  });

  it('a stage without CloudFront-scope WAF (China) synthesizes one stack, without the web ACL', () => {
    const china = synthApp('prod', {
      waf: { enabled: false, publicPostLimit: 300 },
    });
    expect(china.edge).toBeUndefined();
    const [distribution] = Object.values(
      Template.fromStack(china.stack).findResources('AWS::CloudFront::Distribution'),
    );
    expect(distribution?.Properties.DistributionConfig.WebACLId).toBeUndefined();
    expect(() => china.synth()).not.toThrow();
  });
});
