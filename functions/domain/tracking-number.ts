import { randomBytes } from 'node:crypto';

/**
 * Tracking numbers customers read out over the phone: 12 characters in three groups of four
 * (`K7QM-4HXP-9TWA`), from an alphabet without 0/O or 1/I, 60 random bits: not guessable, and
 * a look-up also needs the phone's last four digits and is rate-limited.
 */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newTrackingNumber(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * What a customer typed, as we store it: case and separators do not matter, and the letters
 * people confuse with digits are read as the digit's look-alike we do use (O→0 is not in the
 * alphabet, so O and 0 are refused rather than guessed).
 */
export function normalizeTrackingNumber(input: string): string | undefined {
  const chars = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (chars.length !== 12 || ![...chars].every((c) => ALPHABET.includes(c))) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
