import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from './origin-verify.js';

/**
 * The customer's address as the platform can trust it in AWS. Behind CloudFront, API Gateway's
 * source IP is a CloudFront edge; the viewer's address is written into `x-viewer-address` by a
 * CloudFront function (infra/web.ts), overwriting whatever the client sent. A client calling API
 * Gateway directly could send that header too, so it is believed only together with an
 * origin-verify value `proven` accepts (origin-verify.ts: the current value, or the previous one
 * during a rotation's overlap). Otherwise API Gateway's source IP. (In AWS the gate has already
 * refused a request without one; this stays true on its own.)
 */
export function trustedClientAddress(
  headers: { get(name: string): string | undefined },
  sourceIp: string | undefined,
  proven: (proof: string | undefined) => boolean,
): string {
  const viewer = headers.get(VIEWER_ADDRESS_HEADER);
  if (viewer && proven(headers.get(ORIGIN_VERIFY_HEADER))) return viewer;
  return sourceIp ?? 'unknown';
}
