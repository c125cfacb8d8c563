import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../functions/config/schedules.js';

/** An EventBridge schedule per job in functions/config/schedules.ts, the list the local scheduler runs too. */
export class Schedules extends Construct {
  readonly rules: Record<string, Rule> = {};

  constructor(
    scope: Construct,
    id: string,
    props: { handler: IFunction; schedules: readonly ScheduleDefinition[] },
  ) {
    super(scope, id);
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the schedule targets.',
    });
    for (const schedule of props.schedules) {
      this.rules[schedule.job] = new Rule(this, `Every-${schedule.job}`, {
        description: schedule.description,
        schedule: Schedule.rate(Duration.minutes(schedule.everyMinutes)),
        targets: [
          new LambdaFunction(props.handler, {
            event: RuleTargetInput.fromObject({ job: schedule.job }),
            retryAttempts: 2,
            deadLetterQueue: deadLetters,
          }),
        ],
      });
    }
  }
}
