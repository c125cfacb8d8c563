import { existsSync, readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { replaceFile } from '../adapters/files/whole-files.js';
import type { SeedUser } from './seed-data.js';

export interface DevIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  jwks: { keys: JWK[] };
  sign(user: SeedUser): Promise<string>;
}

const KEY_ID = 'local-dev-1';

/**
 * The local stand-in for Cognito: an OIDC-style issuer with its own ES256 key that signs tokens
 * for the seeded users, with their groups in `cognito:groups` just as Cognito does. The API
 * verifies them through the JWKS URL like any other issuer's. Local platform only.
 */
export async function createDevIssuer(options: { baseUrl: string; keyFile?: string }): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const privateKey = await importJWK(privateJwk, 'ES256');
  const { d: _d, ...publicJwk } = privateJwk;
  const issuer = `${options.baseUrl}/api/v1/local`;
  const audience = 'local-platform';
  return {
    issuer,
    audience,
    jwksUrl: `${issuer}/jwks.json`,
    jwks: { keys: [{ ...publicJwk, kid: KEY_ID, alg: 'ES256', use: 'sig' }] },
    sign: (user) =>
      new SignJWT({ 'cognito:username': user.username, 'cognito:groups': user.roles, name: user.displayName })
        .setProtectedHeader({ alg: 'ES256', kid: KEY_ID })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(user.username)
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(privateKey),
  };
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (keyFile) replaceFile(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}
