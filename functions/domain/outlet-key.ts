import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The key printed in an outlet's QR code: an HMAC of the outlet id under a server secret, so
 * nobody can post ratings for an outlet whose code they never scanned, and a key cannot be
 * moved to another outlet. 96 bits, base64url: 16 characters in the URL.
 *
 * Secrets rotate: after a rotation the previous secret still verifies until its grace period
 * ends, so posters already on the walls keep working while new ones are printed.
 */
export interface QrSecrets {
  current: string;
  previous?: { secret: string; retiredAt: string } | undefined;
}

const KEY_BYTES = 12;

/**
 * Keys already computed, per secret: every rating checks one, and an outlet's key never changes
 * under a secret. Bounded, as outlet ids come from requests: a map that grows past the bank's
 * outlets many times over is started afresh.
 */
const computed = new Map<string, Map<string, string>>();
const MAX_KEYS_PER_SECRET = 50_000;
const MAX_SECRETS = 4;

export function outletKey(secret: string, outletId: string): string {
  let keys = computed.get(secret);
  if (!keys || keys.size >= MAX_KEYS_PER_SECRET) {
    if (!keys && computed.size >= MAX_SECRETS) computed.clear();
    keys = new Map();
    computed.set(secret, keys);
  }
  let key = keys.get(outletId);
  if (key === undefined) {
    key = createHmac('sha256', secret)
      .update(`outlet:${outletId}`)
      .digest()
      .subarray(0, KEY_BYTES)
      .toString('base64url');
    keys.set(outletId, key);
  }
  return key;
}

export function verifyOutletKey(
  secrets: QrSecrets,
  outletId: string,
  key: string | undefined,
  now: Date,
  graceDays: number,
): boolean {
  if (!key || key.length > 64) return false;
  const candidates = [secrets.current];
  if (secrets.previous) {
    const expires = new Date(secrets.previous.retiredAt).getTime() + graceDays * 86_400_000;
    if (now.getTime() < expires) candidates.push(secrets.previous.secret);
  }
  const given = Buffer.from(key);
  return candidates.some((secret) => {
    const expected = Buffer.from(outletKey(secret, outletId));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** After a rotation the new secret signs, and the one it replaces verifies until its grace ends. */
export function rotateQrSecrets(secrets: QrSecrets, newSecret: string, now: Date): QrSecrets {
  return { current: newSecret, previous: { secret: secrets.current, retiredAt: now.toISOString() } };
}
