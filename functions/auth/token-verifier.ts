import type { JWTPayload } from 'jose';
import { departmentIds } from '../config/departments.js';
import { type Principal, parseRole } from './principal.js';

export type TokenVerifier = (token: string) => Promise<Principal | undefined>;

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

/**
 * Verifies staff bearer tokens against the issuer's published JWKS. The same code runs against
 * Cognito in AWS and against the local dev issuer: both put the user's groups in
 * `cognito:groups`, so roles are read the same way everywhere.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  // jose is loaded with the first token, so a customer's request never pays for it.
  let verify: Promise<TokenVerifier> | undefined;
  return async (token) => {
    verify ??= verifierWithJose(options);
    return (await verify)(token);
  };
}

async function verifierWithJose({ issuer, audience, jwksUrl }: TokenVerifierOptions): Promise<TokenVerifier> {
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  const keys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience, requiredClaims: ['exp'] });
      return principalFromClaims(payload);
    } catch {
      return undefined;
    }
  };
}

export function principalFromClaims(payload: JWTPayload): Principal | undefined {
  const username =
    stringClaim(payload, 'cognito:username') ?? stringClaim(payload, 'username') ?? payload.sub;
  if (!username) return undefined;
  const groups = payload['cognito:groups'];
  // A department the platform does not have grants nothing: such a role is dropped, so a
  // `dept:<typo>` user is refused (403) rather than shown an empty inbox.
  const roles = (Array.isArray(groups) ? groups : [])
    .filter((g): g is string => typeof g === 'string')
    .map(parseRole)
    .filter((r) => r !== undefined)
    .filter((r) => r.kind !== 'department' || departmentIds.includes(r.departmentId));
  return { username, displayName: stringClaim(payload, 'name') ?? username, roles };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
