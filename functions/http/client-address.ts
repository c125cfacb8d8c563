import { timingSafeEqual } from 'node:crypto';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from './origin-verify.js';

/**
 * The customer's address as the platform can trust it in AWS. Behind CloudFront, API Gateway's
 * source IP is a CloudFront edge; the viewer's address is written into `x-viewer-address` by a
 * CloudFront function (infra/web.ts), overwriting whatever the client sent. A client calling API
 * Gateway directly could send that header too, so it is believed only together with the
 * origin-verify value CloudFront adds and clients never see. Otherwise API Gateway's source IP.
 */
export function trustedClientAddress(
  headers: { get(name: string): string | undefined },
  sourceIp: string | undefined,
  originVerify: string | undefined,
): string {
  const viewer = headers.get(VIEWER_ADDRESS_HEADER);
  const proof = headers.get(ORIGIN_VERIFY_HEADER);
  if (viewer && proof && originVerify && sameSecret(proof, originVerify)) return viewer;
  return sourceIp ?? 'unknown';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The origin-verify value in AWS, read at run time from Secrets Manager (never an environment
 * variable, which anyone allowed to read the function's configuration could see). `refresh()`
 * runs before each request and costs nothing while the loader's cache is fresh (Powertools, five
 * minutes), so a rotated value reaches every instance within that time; the check itself
 * (`current()`) stays synchronous. A failed read keeps the last value: until a first read
 * succeeds, the client address is API Gateway's source IP, as for any unproven request.
 */
export class OriginVerify {
  private value: string | undefined;

  constructor(private readonly load: () => Promise<string>) {}

  async refresh(): Promise<unknown> {
    try {
      this.value = await this.load();
      return undefined;
    } catch (error) {
      return error;
    }
  }

  current(): string | undefined {
    return this.value;
  }
}
