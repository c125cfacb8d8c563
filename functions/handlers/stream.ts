import type { DynamoDBStreamEvent } from 'aws-lambda';
import { processStream } from '../streams/process-stream.js';
import { streamReactions } from '../streams/reactions.js';
import { awsDependencies } from './aws-dependencies.js';

const deps = awsDependencies();
const reactions = streamReactions(deps);

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
