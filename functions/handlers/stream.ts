import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { SnsNotifier } from '../adapters/notifier/sns-notifier.js';
import { processStream } from '../streams/process-stream.js';
import { streamReactions } from '../streams/reactions.js';
import { awsDependencies } from './aws-dependencies.js';

const deps = awsDependencies();
const topicArns = z.record(z.string(), z.string()).parse(JSON.parse(process.env.TOPIC_ARNS ?? '{}'));
const notifier = new SnsNotifier(new SNSClient({ region: deps.config.AWS_REGION }), topicArns);
const reactions = streamReactions(deps, notifier);

/** The table's stream (the outbox) → reactions such as notifying a department. */
export const handler = async (event: DynamoDBStreamEvent) => {
  try {
    return await processStream(event, reactions, (error, record) =>
      deps.logger.error('Stream record failed; it will be retried', {
        error: error as Error,
        eventID: record.eventID,
      }),
    );
  } finally {
    deps.metrics.flush();
  }
};
