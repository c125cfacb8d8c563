import { createHash, randomBytes } from 'node:crypto';
import type { Aspect } from './feedback-rollup.js';

/** A customer's rating of a visit, as the survey page sends it (after validation). */
export interface FeedbackSubmission {
  outletId: string;
  submissionId: string;
  rating: number;
  aspects?: Partial<Record<Aspect, number>> | undefined;
  comment?: string | undefined;
  lang?: string | undefined;
  deviceId?: string | undefined;
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

/** `20261124-<16 random base32 chars>`: the day in the id lets the record be found by key alone. */
export function newFeedbackId(date: string): string {
  const bytes = randomBytes(16);
  let random = '';
  for (const byte of bytes) random += ALPHABET[byte % 32];
  return `${date.replaceAll('-', '')}-${random}`;
}

/** The bank day a feedback id belongs to, or undefined if the id is not one of ours. */
export function dateOfFeedbackId(id: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})-[0-9a-z]{16}$/.exec(id);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** Client addresses are kept only as a keyed-free hash: enough to count, not to identify. */
export const addressHash = (address: string) =>
  createHash('sha256').update(`addr:${address}`).digest('base64url').slice(0, 22);
