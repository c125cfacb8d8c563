import { describe, expect, it } from 'vitest';
import { OriginVerify, trustedClientAddress } from '../../functions/http/client-address.js';

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] });
const viaCloudFront = headers({
  'x-viewer-address': '203.0.113.7',
  'x-origin-verify': 'from-secrets-manager',
});

describe('the origin-verify value, read at run time', () => {
  it('is unknown until read, so a request is not believed to come through CloudFront before then', async () => {
    const value = new OriginVerify(async () => 'from-secrets-manager');
    expect(trustedClientAddress(viaCloudFront, '130.176.1.1', value.current())).toBe('130.176.1.1');
    expect(await value.refresh()).toBeUndefined();
    expect(trustedClientAddress(viaCloudFront, '130.176.1.1', value.current())).toBe('203.0.113.7');
  });

  it('follows a rotation at the next read, and keeps the last value when a read fails', async () => {
    const answers: (string | Error)[] = ['first', 'second', new Error('Secrets Manager unavailable')];
    const value = new OriginVerify(async () => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next ?? '';
    });
    await value.refresh();
    expect(value.current()).toBe('first');
    await value.refresh();
    expect(value.current()).toBe('second');
    expect(await value.refresh()).toBeInstanceOf(Error);
    expect(value.current()).toBe('second');
  });
});
