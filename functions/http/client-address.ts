import { timingSafeEqual } from 'node:crypto';

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
  const viewer = headers.get('x-viewer-address');
  const proof = headers.get('x-origin-verify');
  if (viewer && proof && originVerify && sameSecret(proof, originVerify)) return viewer;
  return sourceIp ?? 'unknown';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
