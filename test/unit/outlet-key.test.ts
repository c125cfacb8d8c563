import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outletKey, verifyOutletKey } from '../../functions/domain/outlet-key.js';

const secretA = 'a'.repeat(43);
const secretB = 'b'.repeat(43);
const now = new Date('2026-11-24T00:00:00Z');

describe('outlet keys in QR codes', () => {
  it('are 96-bit base64url strings that differ per outlet and per secret', () => {
    const key = outletKey(secretA, 'sh-jingan');
    expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(outletKey(secretA, 'sh-jingan')).toBe(key);
    expect(outletKey(secretA, 'sh-lujiazui')).not.toBe(key);
    expect(outletKey(secretB, 'sh-jingan')).not.toBe(key);
  });

  it('are the first 12 bytes of HMAC-SHA256("outlet:<id>") under the secret, however many secrets and outlets were asked before (fast-check)', () => {
    // Keys are remembered per secret: asking in any order, again and again, must not change one.
    const asked = fc.array(
      fc.record({
        secret: fc.constantFrom(
          's'.repeat(32),
          't'.repeat(32),
          'u'.repeat(40),
          'v'.repeat(48),
          'w'.repeat(33),
        ),
        outletId: fc.string({ minLength: 1, maxLength: 12 }),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(asked, (requests) => {
        for (const { secret, outletId } of requests) {
          const hmac = createHmac('sha256', secret).update(`outlet:${outletId}`).digest();
          expect(outletKey(secret, outletId)).toBe(hmac.subarray(0, 12).toString('base64url'));
        }
      }),
    );
  });

  it('verify only for the outlet they were made for', () => {
    const key = outletKey(secretA, 'sh-jingan');
    expect(verifyOutletKey({ current: secretA }, 'sh-jingan', key, now, 90)).toBe(true);
    expect(verifyOutletKey({ current: secretA }, 'sh-lujiazui', key, now, 90)).toBe(false);
  });

  it('refuse altered, truncated, missing and oversized keys', () => {
    const key = outletKey(secretA, 'sh-jingan');
    const altered = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    for (const bad of [altered, key.slice(0, 15), '', undefined, key + key + key + key + key]) {
      expect(verifyOutletKey({ current: secretA }, 'sh-jingan', bad, now, 90)).toBe(false);
    }
  });

  it('keep verifying with the previous secret during the grace period after a rotation, not after', () => {
    const oldKey = outletKey(secretA, 'sh-jingan');
    const secrets = { current: secretB, previous: { secret: secretA, retiredAt: '2026-11-01T00:00:00Z' } };
    expect(verifyOutletKey(secrets, 'sh-jingan', oldKey, now, 30)).toBe(true);
    expect(verifyOutletKey(secrets, 'sh-jingan', oldKey, now, 20)).toBe(false);
    expect(verifyOutletKey(secrets, 'sh-jingan', outletKey(secretB, 'sh-jingan'), now, 0)).toBe(true);
  });
});
