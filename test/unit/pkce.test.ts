import { describe, expect, it } from 'vitest';
import { challengeFor, newVerifier } from '../../web/src/shared/pkce.js';

describe('PKCE for the staff sign-in', () => {
  it('computes the S256 challenge of RFC 7636’s example', async () => {
    expect(await challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 URL-safe characters, different every time', () => {
    const a = newVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newVerifier()).not.toBe(a);
  });
});
