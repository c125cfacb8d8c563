import { type CfnElement, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Cadence, JobName, ScheduleDefinition } from '../functions/config/schedules.js';
import { acknowledge } from './acknowledge.js';
import { deadLetterQueueItself } from './notifications.js';

/**
 * An EventBridge Scheduler schedule per job in functions/config/schedules.ts (the list the local
 * scheduler runs too), in the bank's time zone from the stage configuration: "00:30" is half past
 * midnight in Shanghai, not in UTC. The daily close at 00:30 also closes a week on Sunday night
 * and a month on its last night, raising their warnings (jobs/statistics-jobs.ts), so week and
 * month closes need no schedule of their own.
 *
 * Failures are kept per job, in two places, because Scheduler invokes Lambda asynchronously:
 * - Scheduler retries an invocation Lambda refuses (throttled, unavailable) twice within
 *   30 minutes, then sends the event to the job's own dead-letter queue;
 * - a run that fails inside the function is retried twice by Lambda, then recorded (with the
 *   error and the `{"job"}` it was given) in the jobs' failure queue.
 * An alarm on each queue tells operations (infra/operations.ts).
 */
export class Schedules extends Construct {
  readonly schedules: Partial<Record<JobName, Schedule>> = {};
  readonly deadLetters: Partial<Record<JobName, Queue>> = {};
  readonly failedRuns: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { handler: LambdaFunction; schedules: readonly ScheduleDefinition[]; timeZone: string },
  ) {
    super(scope, id);
    const queue = (name: string, of: string) => {
      const q = new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      deadLetterQueueItself(q, of);
      return q;
    };
    this.failedRuns = queue('FailedRuns', 'of the schedule function’s failed runs');
    props.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.failedRuns),
    });
    acknowledge(
      props.handler,
      'Failed asynchronous runs go to an on-failure destination (an SQS queue with an alarm), which keeps the error with the event; a DLQ would keep less.',
      'Serverless-LambdaDLQ',
    );
    // The role Scheduler assumes is made once per stack by the Lambda target, outside this construct.
    const fn = Stack.of(this).getLogicalId(props.handler.node.defaultChild as CfnElement);
    acknowledge(
      Stack.of(this),
      'EventBridge Scheduler’s role may invoke the schedule function and its versions (the :* CDK adds for qualified ARNs); nothing else.',
      `AwsSolutions-IAM5[Resource::<${fn}.Arn>:*]`,
    );
    const timeZone = TimeZone.of(props.timeZone);
    for (const definition of props.schedules) {
      const deadLetters = queue(`DeadLetters-${definition.job}`, `of the ${definition.job} schedule`);
      this.deadLetters[definition.job] = deadLetters;
      this.schedules[definition.job] = new Schedule(this, `Job-${definition.job}`, {
        description: definition.description,
        schedule: expression(definition.cadence, timeZone),
        target: new LambdaInvoke(props.handler, {
          input: ScheduleTargetInput.fromObject({ job: definition.job }),
          retryAttempts: 2,
          maxEventAge: Duration.minutes(30),
          deadLetterQueue: deadLetters,
        }),
      });
    }
  }
}

/** Every so many minutes is a rate (no time zone to it); a time of day is a cron in the bank's zone. */
export function expression(cadence: Cadence, timeZone: TimeZone): ScheduleExpression {
  if ('everyMinutes' in cadence) return ScheduleExpression.rate(Duration.minutes(cadence.everyMinutes));
  const [hour, minute] = cadence.dailyAt.split(':').map((part) => String(Number(part)));
  return ScheduleExpression.cron({ hour, minute, timeZone });
}
