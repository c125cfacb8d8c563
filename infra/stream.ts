import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RATING_TRIGGERS, STREAM_TRIGGERS } from '../functions/streams/reactions.js';
import { deadLetterQueueItself } from './notifications.js';

/**
 * The table's stream is the outbox: the stream function reads it in order and publishes the
 * notifications each audit event carries; it also marks the outlet-days whose figures a change
 * made stale, for the next refresh of the statistics. A failing record is retried (the handler
 * reports exactly which one); after the retries its batch is recorded in a dead-letter queue, and
 * any message there raises an alarm on the alerts topic so an operator replays it.
 *
 * Two event sources read the stream into the same function (DynamoDB's advice is at most two
 * readers of a shard; these are both):
 * - complaints (events, records, warnings): small batches within a second, so a department hears
 *   of a complaint at once;
 * - ratings (stored, or given details): up to 1,000 records or 60 seconds a batch, since all a
 *   rating needs is its outlet-day marked, once per batch in one write, before the next refresh.
 *   At a million ratings a day (about 35 a second in opening hours) that is about 1,000 to 2,000
 *   invocations a day of a fraction of a second each, and one mark item of some 20 write units per
 *   batch (cleared by the refresh for as much again): cents a day. Filtered records cost nothing.
 * Apart, a complaint notification retried for minutes never holds the statistics back, nor the
 * other way round.
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
    const stream = props.table.tableStreamArn;
    if (!stream) throw new Error('The table has no stream to read');
    props.table.grantStreamRead(props.handler);
    const source = (
      id: string,
      triggers: readonly { eventName: string; itemTypes: readonly string[] }[],
      batching: { batchSize: number; maxBatchingWindow: Duration },
    ) =>
      props.handler.addEventSourceMapping(id, {
        eventSourceArn: stream,
        startingPosition: StartingPosition.TRIM_HORIZON,
        ...batching,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.deadLetters),
        // Only the changes a reaction needs invoke the function (Lambda drops the rest before
        // invoking, free): never a rollup, a limit or a marker.
        filters: triggers.map((trigger) =>
          FilterCriteria.filter({
            eventName: FilterRule.isEqual(trigger.eventName),
            dynamodb: { NewImage: { type: { S: FilterRule.or(...trigger.itemTypes) } } },
          }),
        ),
      });
    source('ComplaintStream', STREAM_TRIGGERS, { batchSize: 25, maxBatchingWindow: Duration.seconds(1) });
    source('RatingStream', RATING_TRIGGERS, { batchSize: 1_000, maxBatchingWindow: Duration.seconds(60) });
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
