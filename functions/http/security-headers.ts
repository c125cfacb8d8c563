/**
 * The security headers every response carries, declared once: the local page server, the API
 * (hono's secureHeaders) and the CloudFront response-headers policy (infra/web.ts) all take them
 * from here, so a page cannot be stricter locally than in the bank's deployment or the reverse.
 *
 * The pages are built by Vite into script and style files: no inline script or style, no `eval`,
 * so the policy allows scripts and styles from the page's own origin only. Images may be `data:`
 * and `blob:` URLs (QR codes and exported files are made in the page). The sign-in page fetches
 * its token from the identity provider's token endpoint, so that origin is the one
 * `connect-src` exception, passed in by whoever knows it (the stack knows the Cognito domain).
 * Photos are uploaded straight to the photo bucket (a presigned POST: `connect-src`) and shown
 * through a redirect to a presigned GET of it (`img-src`): the bucket's origin, and no other, is
 * added to both (in AWS `https://<bucket>.s3.<region>.amazonaws.com`, locally the local S3 server).
 */
export interface PagePolicyOptions {
  /** Origins pages may fetch besides their own (the identity provider's token endpoint). */
  connectSources?: readonly string[];
  /** The photo bucket's origin: uploads go to it and photo reads redirect to it. */
  photoOrigin?: string | undefined;
}

/** The Content-Security-Policy of every page. */
export function pageContentSecurityPolicy(options: PagePolicyOptions = {}): string {
  const photos = options.photoOrigin ? [options.photoOrigin] : [];
  const connect = ["'self'", ...(options.connectSources ?? []), ...photos].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data: blob:", ...photos].join(' '),
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers are data, never documents: nothing may load from them or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Two years, subdomains included: the bank serves nothing over plain HTTP. */
export const STRICT_TRANSPORT_SECURITY_SECONDS = 63_072_000;
export const STRICT_TRANSPORT_SECURITY = `max-age=${STRICT_TRANSPORT_SECURITY_SECONDS}; includeSubDomains`;

/** Links to other sites carry the origin only, never a page's path or query (tracking numbers). */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** Headers for a page (HTML) or a static asset served by the local page server. */
export function pageSecurityHeaders(options: PagePolicyOptions = {}): Record<string, string> {
  return {
    'content-security-policy': pageContentSecurityPolicy(options),
    'x-frame-options': 'DENY',
    'referrer-policy': REFERRER_POLICY,
    'strict-transport-security': STRICT_TRANSPORT_SECURITY,
    'x-content-type-options': 'nosniff',
  };
}
