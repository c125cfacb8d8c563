import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { publicEndpoints } from '../functions/apps/public-app.js';
import { retention } from './functions.js';
import { OperationsTopic } from './operations.js';
import type { StageConfig } from './stage-config.js';

export interface EdgeStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What CloudFront needs from us-east-1 (CloudFront-scope WAF lives only there): the web ACL in
 * front of the distribution, its logs and its alarm. The platform stack, in the bank's region,
 * takes the web ACL's ARN through `crossRegionReferences`: CDK writes it to an SSM parameter here
 * and reads it there with a small custom resource, which synthesizes offline and deploys in
 * dependency order with `cdk deploy --all`. Passing the ARN by hand instead would need a first
 * deploy of this stack, then a copy of its output into cdk.json, at every new stage.
 *
 * Rules, in order:
 * 1. a rate-based rule per client address on the customers' POST routes (ratings, complaints,
 *    details, verdicts, from functions/apps/public-app.ts): the limit across every Lambda
 *    instance that the in-memory limits cannot give;
 * 2. the same on tracking look-ups (GET /api/v1/complaints/…), against guessing tracking numbers;
 * 3. AWS's common rule set (the OWASP-style rules; its 8 KB body limit is above the largest
 *    complaint the form sends, 2,000 characters, about 6 KB as UTF-8);
 * 4. AWS's known-bad-inputs rule set (Log4j, Java deserialization, …).
 * Requests are logged to CloudWatch Logs (`aws-waf-logs-…`, the prefix WAF requires) without the
 * staff's bearer tokens; blocked requests raise an alarm on the operations topic here.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;
  readonly webAclName: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.webAclName = webAclName(config.stage);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managed = (name: string, priority: number): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: this.webAclName,
      scope: 'CLOUDFRONT',
      description: `Branch feedback ${config.stage} - per-address limits on the customer routes, AWS managed rules`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(this.webAclName),
      rules: [
        rateRule(
          'PublicPostsPerAddress',
          0,
          config.waf.publicPostLimit,
          config.waf.windowSeconds,
          'POST',
          publicPostPrefixes(),
          visibility,
        ),
        rateRule(
          'TrackingLookupsPerAddress',
          1,
          config.waf.trackingLookupLimit,
          config.waf.windowSeconds,
          'GET',
          [TRACKING_PREFIX],
          visibility,
        ),
        managed('AWSManagedRulesCommonRuleSet', 2),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 3),
      ],
    });

    const logs = new LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-branch-feedback-${config.stage}`,
      retention: retention(config.logRetentionDays),
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` CloudFormation's Arn attribute ends with.
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
      // Only what a rule blocked or counted: an allowed request is already in CloudFront's and the
      // API's access logs, and logging all ~90 million a month would cost about $45 in ingestion.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });

    const operations = new OperationsTopic(this, 'Operations', {
      subscribers: config.operations.subscribers,
    });
    new Alarm(this, 'WafBlocks', {
      alarmDescription: `The WAF web ACL ${this.webAclName} blocked requests: a client past its limit, or an attack; see the aws-waf-logs-… log group in ${this.region}`,
      metric: wafMetric(this.webAclName, 'BlockedRequests', this.region),
      threshold: WAF_BLOCKS_PER_5_MINUTES,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(operations.topic));
  }

  get webAclArn(): string {
    return this.webAcl.attrArn;
  }
}

/** Blocked requests in five minutes that page operations (a few are a customer past the limit). */
export const WAF_BLOCKS_PER_5_MINUTES = 100;

export const webAclName = (stage: string) => `branch-feedback-${stage}`;

/** A WAF metric of the web ACL, all rules together; CloudFront-scope metrics are in us-east-1. */
export function wafMetric(webAcl: string, metricName: string, region: string): Metric {
  return new Metric({
    namespace: 'AWS/WAFV2',
    metricName,
    dimensionsMap: { WebACL: webAcl, Rule: 'ALL' },
    statistic: 'Sum',
    period: Duration.minutes(5),
    region,
  });
}

const TRACKING_PREFIX = '/api/v1/complaints/';

/** The path prefixes of the customers' POST routes: each path up to its first parameter, shortest kept. */
export function publicPostPrefixes(): string[] {
  const prefixes = publicEndpoints
    .filter((e) => e.method === 'POST')
    .map((e) => e.path.split('{')[0]?.replace(/\/$/, '') ?? e.path)
    .sort();
  return [...new Set(prefixes)].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
}

function rateRule(
  name: string,
  priority: number,
  limit: number,
  evaluationWindowSec: number,
  method: 'GET' | 'POST',
  prefixes: string[],
  visibility: (metric: string) => CfnWebACL.VisibilityConfigProperty,
): CfnWebACL.RuleProperty {
  const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: 'STARTS_WITH',
      searchString: prefix,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  });
  const paths: CfnWebACL.StatementProperty =
    prefixes.length === 1
      ? startsWith(prefixes[0] ?? '')
      : { orStatement: { statements: prefixes.map(startsWith) } };
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        evaluationWindowSec,
        aggregateKeyType: 'IP',
        scopeDownStatement: {
          andStatement: {
            statements: [
              {
                byteMatchStatement: {
                  fieldToMatch: { method: {} },
                  positionalConstraint: 'EXACTLY',
                  searchString: method,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
              paths,
            ],
          },
        },
      },
    },
    visibilityConfig: visibility(name),
  };
}
