import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { feedbackKey } from '../adapters/dynamodb/feedback-repository.js';
import {
  addressLimit,
  deviceLimit,
  type RateLimit,
  writeSubmission,
} from '../adapters/dynamodb/submission-transaction.js';
import type { Dependencies } from '../dependencies.js';
import { localDate } from '../domain/calendar.js';
import {
  addressHash,
  dateOfFeedbackId,
  type FeedbackDetails,
  type FeedbackSubmission,
  fingerprint,
  newFeedbackId,
} from '../domain/feedback.js';
import { conflict, notFound, tooManyRequests } from '../http/errors.js';
import type { OutletAccess } from './outlet-access.js';

export type SubmitResult = { status: 201 | 200; id: string };

const RATE_LIMIT_MESSAGES = {
  device: 'This device has rated this outlet a moment ago; thank you, once is enough.',
  address: 'Too many ratings from this network just now; please try again in a minute.',
} as const;

/** Records ratings once per submissionId, within the anti-stuffing limits. */
export class FeedbackService {
  constructor(
    private readonly deps: Dependencies,
    private readonly access: OutletAccess,
  ) {}

  async submit(submission: FeedbackSubmission, key: string, clientAddress: string): Promise<SubmitResult> {
    const outlet = await this.access.outletForCustomer(submission.outletId, key);
    const { config, table } = this.deps;
    const now = this.deps.now();
    const date = localDate(now, config.TIME_ZONE);
    const id = newFeedbackId(date);
    const requestFingerprint = fingerprint(submission);
    const limits: RateLimit[] = [
      addressLimit(addressHash(clientAddress), 'feedback', now, config.RATE_LIMIT_IP_PER_MINUTE),
    ];
    if (submission.deviceId) {
      limits.unshift(
        deviceLimit(submission.deviceId, `outlet:${outlet.id}`, now, config.RATE_LIMIT_DEVICE_MINUTES),
      );
    }
    const outcome = await writeSubmission(table, {
      submissionId: submission.submissionId,
      marker: { kind: 'feedback', fingerprint: requestFingerprint, resultId: id },
      puts: [
        {
          ...feedbackKey(outlet.id, date, id),
          type: 'feedback',
          id,
          outletId: outlet.id,
          regionId: outlet.regionId,
          date,
          rating: submission.rating,
          aspects: submission.aspects,
          comment: submission.comment,
          lang: submission.lang ?? 'zh-CN',
          channel: 'qr',
          submissionId: submission.submissionId,
          receivedAt: now.toISOString(),
          ...(submission.aspects || submission.comment ? { detailsAt: now.toISOString() } : {}),
        },
      ],
      limits,
      now,
    });
    switch (outcome.kind) {
      case 'created':
        this.deps.metrics.count('FeedbackRecorded');
        return { status: 201, id };
      case 'replay':
        if (outcome.marker.kind !== 'feedback' || outcome.marker.fingerprint !== requestFingerprint) {
          throw conflict('This submissionId was already used for a different submission');
        }
        return { status: 200, id: String(outcome.marker.resultId) };
      case 'rate-limited':
        throw tooManyRequests(RATE_LIMIT_MESSAGES[outcome.limit], outcome.retryAfterSeconds);
    }
  }

  /**
   * Adds the optional aspects and comment to a rating already stored. Only the client that made
   * the rating knows its submissionId, so only it can add to it; the same details again are a
   * no-op, different ones a conflict.
   */
  async addDetails(
    id: string,
    request: { outletId: string; k: string; submissionId: string } & FeedbackDetails,
  ): Promise<{ id: string }> {
    await this.access.outletForCustomer(request.outletId, request.k);
    const date = dateOfFeedbackId(id);
    if (!date) throw notFound('No such rating');
    const { table } = this.deps;
    const details = { aspects: request.aspects, comment: request.comment };
    const detailsFingerprint = fingerprint(details);
    const key = feedbackKey(request.outletId, date, id);
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression:
            'SET aspects = :aspects, #comment = :comment, detailsAt = :at, detailsFingerprint = :fp',
          ConditionExpression:
            'attribute_exists(pk) AND submissionId = :sid AND attribute_not_exists(detailsAt)',
          ExpressionAttributeNames: { '#comment': 'comment' },
          ExpressionAttributeValues: {
            ':aspects': request.aspects ?? {},
            ':comment': request.comment ?? null,
            ':at': this.deps.now().toISOString(),
            ':fp': detailsFingerprint,
            ':sid': request.submissionId,
          },
        }),
      );
      return { id };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    const { Item } = await table.doc.send(
      new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
    );
    if (!Item || Item.submissionId !== request.submissionId) throw notFound('No such rating');
    if (Item.detailsFingerprint === detailsFingerprint) return { id };
    throw conflict('Details were already added to this rating');
  }
}
