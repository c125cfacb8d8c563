import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { forbidden } from '../domain/errors.js';
import type { AppEnv } from './app-env.js';
import { unauthorized } from './errors.js';

/** Reads an optional bearer token; a present but invalid one is refused rather than ignored. */
export function authenticate(verifyToken: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized('unauthorized.scheme');
      const principal = await verifyToken(token);
      if (!principal) throw unauthorized('unauthorized.expired');
      c.set('principal', principal);
    }
    await next();
  };
}

/** 401 without a principal; 403 when none of its roles passes `allowed`. */
export function requirePrincipal(allowed: (p: Principal) => boolean = () => true): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) throw unauthorized();
    if (!allowed(principal)) throw forbidden('forbidden.role');
    await next();
  };
}

export function principalOf(c: { get: (key: 'principal') => Principal | undefined }): Principal {
  const principal = c.get('principal');
  if (!principal) throw unauthorized();
  return principal;
}
