import { createHash, randomFillSync } from 'node:crypto';
import type { Language } from './language.js';
import type { Aspect } from './statistics/rating-totals.js';

/** A customer's rating of a visit, as the survey page sends it (after validation). */
export interface FeedbackSubmission {
  outletId: string;
  submissionId: string;
  rating: number;
  aspects?: Partial<Record<Aspect, number>> | undefined;
  comment?: string | undefined;
  lang?: Language | undefined;
  deviceId?: string | undefined;
}

/**
 * A rating as stored: the raw record, kept whatever the rollup counts (a device's repeat within
 * the window stays here; the rollup leaves it out of the figures).
 */
export interface RatingRecord {
  id: string;
  submissionId: string;
  outletId: string;
  regionId: string;
  /** The bank day it was received (in the bank's time zone). */
  date: string;
  rating: number;
  aspects?: Partial<Record<Aspect, number>> | undefined;
  comment?: string | undefined;
  lang: Language;
  channel: 'qr';
  deviceId?: string | undefined;
  /**
   * A keyed hash of the client address (16 characters, never the address): the rollup counts at
   * most a few ratings per address and outlet in a window. Absent on ratings stored before it.
   */
  addressKey?: string | undefined;
  receivedAt: string;
  /** What the submission said, to tell a retry (same) from a reused submissionId (different). */
  fingerprint: string;
  detailsAt?: string | undefined;
  detailsFingerprint?: string | undefined;
}

export interface FeedbackDetails {
  aspects?: Partial<Record<Aspect, number>> | undefined;
  comment?: string | undefined;
}

/**
 * Identifies what a submission says, so a retry with the same submissionId can be told apart
 * from a different submission reusing it (200 replay vs 409). Key order does not matter.
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `20261124-<16 random base32 chars>`: unguessable, and it says which bank day it belongs to. */
export function newFeedbackId(date: string): string {
  if (poolOffset + ID_RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let random = '';
  for (let i = poolOffset; i < poolOffset + ID_RANDOM_BYTES; i++) random += ALPHABET[(pool[i] ?? 0) % 32];
  poolOffset += ID_RANDOM_BYTES;
  return `${date.replaceAll('-', '')}-${random}`;
}

const ID_RANDOM_BYTES = 16;
/** Random bytes for 256 ids at a time: one call to the system's generator, as randomUUID does. */
const pool = Buffer.alloc(ID_RANDOM_BYTES * 256);
let poolOffset = pool.length;
