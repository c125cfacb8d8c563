import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  type Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';
import type { Subscriber } from './stage-config.js';

/**
 * The operations topic: where the platform's alarms go (the complaint topics are the bank's
 * business; this one is its platform team's). Encrypted with its own key, which CloudWatch may use
 * to publish alarms. One per region that raises alarms (the bank's region, and us-east-1 for WAF).
 */
export class OperationsTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { subscribers: readonly Subscriber[] }) {
    super(scope, id);
    const key = new Key(this, 'Key', {
      description: 'Encrypts the operations topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Branch feedback platform alarms',
      masterKey: key,
      enforceSSL: true,
    });
    for (const subscriber of props.subscribers) {
      switch (subscriber.protocol) {
        case 'email':
          this.topic.addSubscription(new EmailSubscription(subscriber.endpoint));
          break;
        case 'sms':
          this.topic.addSubscription(new SmsSubscription(subscriber.endpoint));
          break;
        case 'https':
          this.topic.addSubscription(new UrlSubscription(subscriber.endpoint));
          break;
        case 'sqs':
          throw new Error('operations.subscribers: an SQS queue cannot subscribe to the operations topic');
      }
    }
    acknowledge(
      this.topic,
      'People (e-mail, SMS) and the on-call tool (HTTPS) subscribe to alarms; an alarm that cannot be delivered is still in CloudWatch and on the dashboard.',
      'Serverless-SNSRedrivePolicy',
    );
  }
}

/** An alarm threshold of a function's duration: this share of its timeout. */
const DURATION_ALARM_SHARE = 0.8;
/** How far behind the stream function may fall before operations hear of it. */
const ITERATOR_AGE_ALARM = Duration.minutes(5);
/** The share of API requests answering 5xx that pages operations (over five minutes, with traffic). */
const API_5XX_PERCENT = 1;

export interface OperationsProps {
  api: HttpApi;
  functions: Record<string, LambdaFunction>;
  streamFunction: LambdaFunction;
  table: ITable;
  /** Dead-letter queues by what they hold. */
  deadLetters: Record<string, Queue>;
  subscribers: readonly Subscriber[];
  /** The WAF web ACL's name and region, for the dashboard (its alarm lives with it, in the edge stack). */
  waf?: { webAclName: string; region: string; metric: (name: string) => Metric } | undefined;
}

/**
 * The platform's alarms and its one dashboard. Alarms go to the operations topic: the API's 5xx
 * rate, each function's throttles, errors and duration near its timeout, any message in a
 * dead-letter queue, and the stream falling behind. (The WAF's blocked requests alarm in
 * us-east-1, where its metrics are: infra/edge-stack.ts.)
 */
export class PlatformOperations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new OperationsTopic(this, 'Operations', { subscribers: props.subscribers }).topic;
    const action = new SnsAction(this.topic);
    const alarm = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      comparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) => {
      const a = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };

    const five = Duration.minutes(5);
    const requests = props.api.metricCount({ period: five, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period: five, statistic: 'Sum' });
    const errorRate = new MathExpression({
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: five,
      label: 'API 5xx (% of requests)',
    });
    alarm(
      'Api5xxRate',
      `More than ${API_5XX_PERCENT} % of API requests answered 5xx in five minutes (with at least 20 requests): see the functions' errors and logs`,
      errorRate,
      API_5XX_PERCENT,
      ComparisonOperator.GREATER_THAN_THRESHOLD,
    );

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Throttles`,
        `The ${name} function was throttled (concurrency limit reached)`,
        fn.metricThrottles({ period: five, statistic: 'Sum' }),
        1,
      );
      alarm(
        `${name}Errors`,
        `The ${name} function failed (an uncaught error or a timeout): see its log group`,
        fn.metricErrors({ period: five, statistic: 'Sum' }),
        1,
      );
      const timeout = fn.timeout ?? Duration.seconds(3);
      alarm(
        `${name}Duration`,
        `The ${name} function's slowest runs (p99) are near its ${timeout.toSeconds()} s timeout`,
        fn.metricDuration({ period: five, statistic: 'p99' }),
        timeout.toMilliseconds() * DURATION_ALARM_SHARE,
      );
    }
    for (const [what, queue] of Object.entries(props.deadLetters)) {
      alarm(
        `DeadLetters${what}`,
        `A message is in the dead-letter queue of ${what}: look at it and replay it (see the README)`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        1,
      );
    }
    const iteratorAge = props.streamFunction.metric('IteratorAge', { period: five, statistic: 'Maximum' });
    alarm(
      'StreamIteratorAge',
      `The stream function is more than ${ITERATOR_AGE_ALARM.toMinutes()} minutes behind the table: notifications and the audit archive are late`,
      iteratorAge,
      ITERATOR_AGE_ALARM.toMilliseconds(),
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // The stack is `BranchFeedback-<stage>`: one dashboard per stage, named like its stack.
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.hours(24),
    });
    const fns = Object.entries(props.functions);
    const perFunction = (title: string, metric: (fn: LambdaFunction) => IMetric) =>
      new GraphWidget({ title, width: 12, left: fns.map(([, fn]) => metric(fn)) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Branch feedback platform\nAPI, functions, table, stream, dead letters and the edge. Alarms go to the operations topic.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests and 5xx', width: 12, left: [requests, serverErrors] }),
      new GraphWidget({
        title: 'API latency (p50, p99)',
        width: 12,
        left: [
          props.api.metricLatency({ period: five, statistic: 'p50' }),
          props.api.metricLatency({ period: five, statistic: 'p99' }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      perFunction('Invocations', (fn) => fn.metricInvocations({ period: five })),
      perFunction('Errors', (fn) => fn.metricErrors({ period: five })),
    );
    this.dashboard.addWidgets(
      perFunction('Duration p99', (fn) => fn.metricDuration({ period: five, statistic: 'p99' })),
      perFunction('Throttles', (fn) => fn.metricThrottles({ period: five })),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Table: consumed capacity',
        width: 12,
        left: [
          props.table.metricConsumedReadCapacityUnits({ period: five }),
          props.table.metricConsumedWriteCapacityUnits({ period: five }),
        ],
      }),
      new GraphWidget({ title: 'Stream iterator age (max)', width: 12, left: [iteratorAge] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead letters',
        width: 12,
        left: Object.values(props.deadLetters).map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }),
        ),
      }),
      ...(props.waf
        ? [
            new GraphWidget({
              title: `WAF ${props.waf.webAclName} (${props.waf.region})`,
              width: 12,
              left: [props.waf.metric('AllowedRequests'), props.waf.metric('BlockedRequests')],
            }),
          ]
        : []),
    );
  }
}
