import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STREAM_TRIGGERS } from '../functions/streams/reactions.js';
import { deadLetterQueueItself } from './notifications.js';

/**
 * The table's stream is the outbox: the stream function reads it in order and publishes the
 * notifications each audit event carries. A failing record is retried (the handler reports
 * exactly which one); after the retries its batch is recorded in a dead-letter queue, and any
 * message there raises an alarm on the alerts topic so an operator replays it.
 */
export class StreamProcessing extends Construct {
  readonly deadLetters: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: { table: ITable; handler: IFunction; alerts: ITopic }) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    deadLetterQueueItself(this.deadLetters, 'of the stream event source');
    props.handler.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.deadLetters),
        // Only the changes a reaction needs invoke the function (Lambda drops the rest before
        // invoking, free): never a rating, a rollup or a limit.
        filters: STREAM_TRIGGERS.map((trigger) =>
          FilterCriteria.filter({
            eventName: FilterRule.isEqual(trigger.eventName),
            dynamodb: { NewImage: { type: { S: FilterRule.or(...trigger.itemTypes) } } },
          }),
        ),
      }),
    );
    this.alarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription:
        'Complaint notifications could not be delivered; replay the records in the dead-letter queue',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alerts));
  }
}
