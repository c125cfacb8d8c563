import { describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/config/env.js';
import {
  acceptsOriginProof,
  OriginVerify,
  type OriginVerifySecret,
  originVerifySecretSchema,
  previousAcceptedUntil,
  rotateOriginVerify,
} from '../../functions/http/origin-verify.js';
import { hoursAfterRotation, NEW, OLD, proofCases, ROTATED_AT, rotated } from '../support/origin-proofs.js';

describe('a request proves it came through CloudFront (current value, or the previous one during its overlap)', () => {
  for (const { name, proof, at, accepted } of proofCases) {
    it(`${accepted ? 'accepts' : 'refuses'} ${name}`, () => {
      expect(acceptsOriginProof(rotated, proof, at, 48)).toBe(accepted);
    });
  }

  it('holds the previous value as long as the configured overlap says', () => {
    expect(acceptsOriginProof(rotated, OLD, hoursAfterRotation(60), 72)).toBe(true);
    expect(acceptsOriginProof(rotated, OLD, hoursAfterRotation(2), 1)).toBe(false);
    expect(previousAcceptedUntil(rotated, 48)).toEqual(hoursAfterRotation(48));
    expect(previousAcceptedUntil({ value: NEW }, 48)).toBeUndefined();
  });

  it('accepts nothing before the secret has been read', () => {
    expect(acceptsOriginProof(undefined, NEW, hoursAfterRotation(1), 48)).toBe(false);
    expect(acceptsOriginProof(undefined, undefined, hoursAfterRotation(1), 48)).toBe(false);
  });
});

describe('rotating the origin-verify value', () => {
  it('keeps the value it replaces as the previous one, with when it was replaced', () => {
    expect(rotated).toEqual({ value: NEW, previous: { value: OLD, retiredAt: ROTATED_AT } });
  });

  it('forgets the value before that at the next rotation', () => {
    const again = rotateOriginVerify(rotated, 'third-value-after-two-rotations', hoursAfterRotation(100));
    expect(again.previous?.value).toBe(NEW);
    expect(JSON.stringify(again)).not.toContain(OLD);
  });

  it('reads the secret as the stack generates it and as a rotation writes it, and nothing else', () => {
    expect(originVerifySecretSchema.parse({ value: NEW })).toEqual({ value: NEW });
    expect(originVerifySecretSchema.parse(JSON.parse(JSON.stringify(rotated)))).toEqual(rotated);
    expect(() => originVerifySecretSchema.parse({ value: 'short' })).toThrow();
    expect(() => originVerifySecretSchema.parse({ value: NEW, previous: { value: OLD } })).toThrow();
    expect(() =>
      originVerifySecretSchema.parse({ value: NEW, previous: { value: OLD, retiredAt: 'yesterday' } }),
    ).toThrow();
  });

  it('takes its overlap from ORIGIN_VERIFY_OVERLAP_HOURS (48 by default), refusing a value that is not whole hours', () => {
    const env = {
      TABLE_NAME: 't',
      PUBLIC_BASE_URL: 'https://feedback.example-bank.com',
      JWT_ISSUER: 'https://issuer.example',
      JWT_AUDIENCE: 'client',
      JWKS_URL: 'https://issuer.example/jwks.json',
    };
    expect(readConfig(env).ORIGIN_VERIFY_OVERLAP_HOURS).toBe(48);
    expect(readConfig({ ...env, ORIGIN_VERIFY_OVERLAP_HOURS: '72' }).ORIGIN_VERIFY_OVERLAP_HOURS).toBe(72);
    for (const wrong of ['0', '-1', '1.5', 'two days'])
      expect(() => readConfig({ ...env, ORIGIN_VERIFY_OVERLAP_HOURS: wrong })).toThrow(
        /ORIGIN_VERIFY_OVERLAP_HOURS/,
      );
  });
});

describe('the origin-verify value, read at run time', () => {
  it('is unknown until read, so no request is believed to come through CloudFront before then', async () => {
    const value = new OriginVerify(async () => ({ value: NEW }), 48);
    expect(value.current()).toBeUndefined();
    expect(value.accepts(NEW, hoursAfterRotation(1))).toBe(false);
    expect(await value.refresh()).toBeUndefined();
    expect(value.accepts(NEW, hoursAfterRotation(1))).toBe(true);
  });

  it('follows a rotation at the next read, and keeps the last value when a read fails', async () => {
    const answers: (OriginVerifySecret | Error)[] = [
      { value: OLD },
      rotated,
      new Error('Secrets Manager unavailable'),
    ];
    const value = new OriginVerify(async () => {
      const next = answers.shift();
      if (!next || next instanceof Error) throw next;
      return next;
    }, 48);
    await value.refresh();
    expect(value.current()).toEqual({ value: OLD });
    await value.refresh();
    expect(value.current()).toEqual(rotated);
    expect(await value.refresh()).toBeInstanceOf(Error);
    expect(value.current()).toEqual(rotated);
  });
});
