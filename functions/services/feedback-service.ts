import { PersonalDataCipher } from '../adapters/crypto/personal-data-cipher.js';
import type { StoredSubmission } from '../adapters/dynamodb/submission-repository.js';
import type { Dependencies } from '../dependencies.js';
import { localDate } from '../domain/calendar.js';
import { conflict, notFound, rateLimited } from '../domain/errors.js';
import {
  type FeedbackDetails,
  type FeedbackSubmission,
  fingerprint,
  newFeedbackId,
  type RatingRecord,
} from '../domain/feedback.js';
import { RepeatWindow, SlidingWindowLimiter } from '../domain/rate-limits.js';
import type { OutletAccess } from './outlet-access.js';

export type SubmitResult = { status: 201 | 200; id: string };

/**
 * Records ratings once per submissionId: one conditional write, answered from the stored item on
 * a retry. Ballot stuffing is handled where it is cheap: an obvious repeat from one device, or a
 * flood from one address, is refused in memory before any write (per instance; the WAF rule
 * limits addresses across instances in AWS), and the rollup counts a device's repeat at an
 * outlet within the window once, and at most a few ratings per address, whichever instance stored
 * them: each rating keeps a keyed hash of its address for that, never the address itself.
 */
export class FeedbackService {
  private readonly addresses: SlidingWindowLimiter;
  private readonly devices: RepeatWindow;
  /** The hash's cipher, built once per key (its two key derivations cost more than a hash). */
  private hasher?: { keyMaterial: string; cipher: PersonalDataCipher };

  constructor(
    private readonly deps: Dependencies,
    private readonly access: OutletAccess,
  ) {
    this.addresses = new SlidingWindowLimiter(deps.config.RATE_LIMIT_IP_PER_MINUTE, 60_000);
    this.devices = new RepeatWindow(deps.config.RATE_LIMIT_DEVICE_MINUTES * 60_000);
  }

  async submit(submission: FeedbackSubmission, key: string, clientAddress: string): Promise<SubmitResult> {
    const outlet = await this.access.outletForCustomer(submission.outletId, key);
    const { ratings, submissions } = this.deps.repositories;
    const now = this.deps.now();
    const nowMs = now.getTime();
    const requestFingerprint = fingerprint(submission);
    const deviceKey = submission.deviceId && `${submission.deviceId}@${outlet.id}`;

    const deviceWait = deviceKey ? this.devices.waitMs(deviceKey, submission.submissionId, nowMs) : 0;
    const addressTurn = deviceWait > 0 ? undefined : this.addresses.take(clientAddress, nowMs);
    if (deviceWait > 0 || (addressTurn && !addressTurn.ok)) {
      // A retry of a stored rating is still answered as one, whatever the limits: one read.
      const stored = await submissions.find(submission.submissionId);
      if (stored) return this.replay(stored, requestFingerprint);
      if (deviceWait > 0) throw rateLimited('limited.device', deviceWait / 1000);
      throw rateLimited(
        'limited.address',
        addressTurn && !addressTurn.ok ? addressTurn.retryAfterMs / 1000 : 60,
      );
    }

    const date = localDate(now, this.deps.config.TIME_ZONE);
    const addressKey = await this.addressKey(clientAddress);
    const rating: RatingRecord = {
      id: newFeedbackId(date),
      submissionId: submission.submissionId,
      outletId: outlet.id,
      regionId: outlet.regionId,
      date,
      rating: submission.rating,
      aspects: submission.aspects,
      comment: submission.comment,
      lang: submission.lang ?? 'zh-CN',
      channel: 'qr',
      deviceId: submission.deviceId,
      addressKey,
      receivedAt: now.toISOString(),
      fingerprint: requestFingerprint,
      ...(submission.aspects || submission.comment ? { detailsAt: now.toISOString() } : {}),
    };
    const outcome = await ratings.record(rating);
    if (outcome.kind === 'exists') return this.replay(outcome.existing, requestFingerprint);
    if (deviceKey) this.devices.accept(deviceKey, submission.submissionId, nowMs);
    this.deps.metrics.count('FeedbackRecorded');
    return { status: 201, id: rating.id };
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
    const details = { aspects: request.aspects, comment: request.comment };
    const detailsFingerprint = fingerprint(details);
    const result = await this.deps.repositories.ratings.addDetails(
      request.submissionId,
      { id, outletId: request.outletId },
      {
        ...details,
        detailsAt: this.deps.now().toISOString(),
        detailsFingerprint,
      },
    );
    if (result.added) return { id };
    const current = result.current;
    if (!current || current.id !== id || current.outletId !== request.outletId)
      throw notFound('notFound.rating');
    if (current.detailsFingerprint === detailsFingerprint) return { id };
    throw conflict('conflict.detailsAdded');
  }

  /** The address as the rollup compares it: 96 bits of a keyed hash, not reversible without the key. */
  private async addressKey(clientAddress: string): Promise<string> {
    const keys = await this.deps.secrets.personalDataKeys();
    if (this.hasher?.keyMaterial !== keys.keyMaterial)
      this.hasher = { keyMaterial: keys.keyMaterial, cipher: new PersonalDataCipher(keys) };
    return this.hasher.cipher.hash(clientAddress, 'rating-address').slice(0, 16);
  }

  private replay(stored: StoredSubmission, requestFingerprint: string): SubmitResult {
    if (stored.type !== 'rating' || stored.rating.fingerprint !== requestFingerprint)
      throw conflict('conflict.submissionReused');
    return { status: 200, id: stored.rating.id };
  }
}
