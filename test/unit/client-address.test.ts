import { describe, expect, it } from 'vitest';
import { trustedClientAddress } from '../../functions/http/client-address.js';
import { acceptsOriginProof } from '../../functions/http/origin-verify.js';
import { proofCases, rotated as secret } from '../support/origin-proofs.js';

const headers = (h: Record<string, string | undefined>) => ({ get: (name: string) => h[name] });
const CLOUDFRONT_EDGE = '130.176.1.1';

describe('the client address in AWS', () => {
  for (const { name, proof, at, accepted } of proofCases) {
    it(`is ${accepted ? 'the CloudFront viewer address' : 'API Gateway’s source IP'} with ${name}`, () => {
      const proven = (p: string | undefined) => acceptsOriginProof(secret, p, at, 48);
      const h = headers({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': proof });
      expect(trustedClientAddress(h, CLOUDFRONT_EDGE, proven)).toBe(
        accepted ? '203.0.113.7' : CLOUDFRONT_EDGE,
      );
    });
  }

  it('takes an IPv6 viewer address as it is', () => {
    const v6 = headers({ 'x-viewer-address': '2001:db8::1', 'x-origin-verify': 's3cret' });
    expect(trustedClientAddress(v6, CLOUDFRONT_EDGE, (p) => p === 's3cret')).toBe('2001:db8::1');
  });

  it('ignores a viewer address a client forged when calling the API directly', () => {
    const forged = headers({ 'x-viewer-address': '198.51.100.1', 'x-origin-verify': 'guess' });
    expect(trustedClientAddress(forged, '192.0.2.55', (p) => p === 's3cret')).toBe('192.0.2.55');
    const noProof = headers({ 'x-viewer-address': '198.51.100.1' });
    expect(trustedClientAddress(noProof, '192.0.2.55', (p) => p === 's3cret')).toBe('192.0.2.55');
    // Before the secret has been read, nothing is proven.
    expect(trustedClientAddress(noProof, '192.0.2.55', () => false)).toBe('192.0.2.55');
    expect(trustedClientAddress(headers({}), undefined, (p) => p === 's3cret')).toBe('unknown');
  });

  it('falls back to the source IP when a proven request carries no viewer address', () => {
    const proofOnly = headers({ 'x-origin-verify': 's3cret' });
    expect(trustedClientAddress(proofOnly, CLOUDFRONT_EDGE, (p) => p === 's3cret')).toBe(CLOUDFRONT_EDGE);
  });
});
