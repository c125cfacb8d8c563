import { describe, expect, it } from 'vitest';
import { trustedClientAddress } from '../../functions/http/client-address.js';

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] });

describe('the client address in AWS', () => {
  it('is the CloudFront viewer address when CloudFront proves the request came through it', () => {
    const h = headers({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 's3cret' });
    expect(trustedClientAddress(h, '130.176.1.1', 's3cret')).toBe('203.0.113.7');
    const v6 = headers({ 'x-viewer-address': '2001:db8::1', 'x-origin-verify': 's3cret' });
    expect(trustedClientAddress(v6, '130.176.1.1', 's3cret')).toBe('2001:db8::1');
  });

  it('ignores a viewer address a client forged when calling the API directly', () => {
    const forged = headers({ 'x-viewer-address': '198.51.100.1', 'x-origin-verify': 'guess' });
    expect(trustedClientAddress(forged, '192.0.2.55', 's3cret')).toBe('192.0.2.55');
    const noProof = headers({ 'x-viewer-address': '198.51.100.1' });
    expect(trustedClientAddress(noProof, '192.0.2.55', 's3cret')).toBe('192.0.2.55');
    expect(trustedClientAddress(noProof, '192.0.2.55', undefined)).toBe('192.0.2.55');
    expect(trustedClientAddress(headers({}), undefined, 's3cret')).toBe('unknown');
  });
});
