import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalPlatform } from '../../functions/local/platform.js';
import { platformWithKnownIssuerKey, tryForgeries } from '../support/forged-tokens.js';

/**
 * Forged staff tokens (alg none, HS256 with the public key, expired, no exp, wrong audience or
 * issuer, edited claims, another key under the issuer's kid) answer 401 on every staff endpoint,
 * while the same claims properly signed answer 200.
 */
let started: Awaited<ReturnType<typeof platformWithKnownIssuerKey>>;
let platform: LocalPlatform;
let key: JWK;
beforeAll(async () => {
  started = await platformWithKnownIssuerKey(inject('dynamoEndpoint'));
  platform = started.platform;
  key = started.privateJwk;
});
afterAll(async () => {
  await started?.stop();
});

describe('forged tokens', () => {
  it('are refused with 401 everywhere; the genuine ones pass', async () => {
    const results = await tryForgeries(platform, key);
    const wrong = results.filter((r) => r.status !== r.expected);
    expect(wrong).toEqual([]);
    expect(new Set(results.map((r) => r.kind))).toEqual(
      new Set([
        'valid (control)',
        'alg none',
        'HS256 with the public key',
        'expired',
        'no exp',
        'wrong audience',
        'wrong issuer',
        'edited claims',
        "another key under the issuer's kid",
      ]),
    );
  }, 60_000);
});
