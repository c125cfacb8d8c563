import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { S3AuditArchive } from '../adapters/archive/s3-audit-archive.js';
import type { CustomerNotifier } from '../adapters/notifier/customer-notifier.js';
import {
  SnsSmsCustomerNotifier,
  SnsTopicCustomerNotifier,
} from '../adapters/notifier/sns-customer-notifier.js';
import { SnsNotifier } from '../adapters/notifier/sns-notifier.js';
import { CUSTOMER_NOTICES_TOPIC } from '../domain/customer-notices.js';
import { processStream } from '../streams/process-stream.js';
import { streamReactions } from '../streams/reactions.js';
import { awsDependencies } from './aws-dependencies.js';

const deps = awsDependencies();
const topicArns = z.record(z.string(), z.string()).parse(JSON.parse(process.env.TOPIC_ARNS ?? '{}'));
const sns = new SNSClient({ region: deps.config.AWS_REGION });
const notifier = new SnsNotifier(sns, topicArns);
const customers: CustomerNotifier =
  z.enum(['topic', 'sms']).parse(process.env.CUSTOMER_NOTICES_VIA ?? 'topic') === 'sms'
    ? new SnsSmsCustomerNotifier(sns)
    : new SnsTopicCustomerNotifier(sns, topicArns[CUSTOMER_NOTICES_TOPIC] ?? '');
/** Every audit event goes to the Object Lock bucket too (infra/archive.ts). */
const archive = new S3AuditArchive(
  new S3Client({ region: deps.config.AWS_REGION }),
  z.string().check(z.minLength(1)).parse(process.env.AUDIT_ARCHIVE_BUCKET),
);
const reactions = streamReactions(deps, notifier, customers, archive);

/** The table's stream (the outbox) → reactions: archiving audit events, notifying a department. */
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
