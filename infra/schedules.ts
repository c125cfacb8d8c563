import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Cadence, ScheduleDefinition } from '../functions/config/schedules.js';

/**
 * An EventBridge Scheduler schedule per job in functions/config/schedules.ts (the list the local
 * scheduler runs too), in the bank's time zone: "00:30" is half past midnight in Shanghai, not in
 * UTC. A failed invocation is retried, then kept in a dead-letter queue.
 */
export class Schedules extends Construct {
  readonly schedules: Record<string, Schedule> = {};
  readonly deadLetters: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { handler: IFunction; schedules: readonly ScheduleDefinition[]; timeZone: string },
  ) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the schedules.',
    });
    // The role Scheduler assumes is made once per stack by the Lambda target, outside this construct.
    const fn = Stack.of(this).getLogicalId(props.handler.node.defaultChild as CfnElement);
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fn}.Arn>:*]`,
      reason:
        'EventBridge Scheduler’s role may invoke the schedule function and its versions (the :* CDK adds for qualified ARNs); nothing else.',
    });
    const timeZone = TimeZone.of(props.timeZone);
    for (const definition of props.schedules) {
      this.schedules[definition.job] = new Schedule(this, `Job-${definition.job}`, {
        description: definition.description,
        schedule: expression(definition.cadence, timeZone),
        target: new LambdaInvoke(props.handler, {
          input: ScheduleTargetInput.fromObject({ job: definition.job }),
          retryAttempts: 2,
          maxEventAge: Duration.minutes(30),
          deadLetterQueue: this.deadLetters,
        }),
      });
    }
  }
}

export function expression(cadence: Cadence, timeZone: TimeZone): ScheduleExpression {
  if ('everyMinutes' in cadence) return ScheduleExpression.rate(Duration.minutes(cadence.everyMinutes));
  const [hour, minute] = cadence.dailyAt.split(':').map((part) => String(Number(part)));
  return ScheduleExpression.cron({ hour, minute, timeZone });
}
