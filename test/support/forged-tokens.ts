/**
 * Forged and misused staff tokens, made with `jose`: `alg: none`, HS256 signed with the issuer's
 * public key, expired, without `exp`, for another audience or from another issuer, claims edited
 * after signing, signed by another key under the issuer's key id. Each must answer 401 on every
 * staff endpoint; the same claims properly signed answer 200 (the control).
 *
 * The platform must run with a data directory whose `dev-issuer-key.json` was written by
 * `writeIssuerKey` first, so the test holds the issuer's private key and can sign what the issuer
 * never would.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { type LocalPlatform, startLocalPlatform } from '../../functions/local/platform.js';

export async function writeIssuerKey(dataDir: string): Promise<JWK> {
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  writeFileSync(join(dataDir, 'dev-issuer-key.json'), JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

const KEY_ID = 'local-dev-1';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface Forgery {
  kind: string;
  token: string;
}

/** Every kind of forgery for the user `username` with `roles`, `variants` of each (other users, roles). */
export async function forgeries(options: {
  privateJwk: JWK;
  issuer: string;
  audience: string;
  users: { username: string; roles: string[] }[];
}): Promise<{ valid: Forgery[]; forged: Forgery[] }> {
  const privateKey = await importJWK(options.privateJwk, 'ES256');
  const { d: _d, ...publicJwk } = options.privateJwk;
  const now = Math.floor(Date.now() / 1000);
  const valid: Forgery[] = [];
  const forged: Forgery[] = [];
  for (const user of options.users) {
    const claims = {
      'cognito:username': user.username,
      'cognito:groups': user.roles,
      name: user.username,
      sub: user.username,
    };
    const sign = (
      payload: Record<string, unknown>,
      set: { iss?: string; aud?: string; exp?: number | null; iat?: number } = {},
      key: CryptoKey | Uint8Array = privateKey as CryptoKey,
      alg = 'ES256',
    ) => {
      let jwt = new SignJWT(payload)
        .setProtectedHeader({ alg, kid: KEY_ID, typ: 'JWT' })
        .setIssuer(set.iss ?? options.issuer)
        .setAudience(set.aud ?? options.audience)
        .setIssuedAt(set.iat ?? now);
      if (set.exp !== null) jwt = jwt.setExpirationTime(set.exp ?? now + 3600);
      return jwt.sign(key);
    };
    valid.push({ kind: 'valid (control)', token: await sign(claims) });

    const header = { alg: 'none', typ: 'JWT' };
    const body = { ...claims, iss: options.issuer, aud: options.audience, iat: now, exp: now + 3600 };
    forged.push({ kind: 'alg none', token: `${b64(header)}.${b64(body)}.` });
    forged.push({ kind: 'alg none', token: `${b64({ ...header, alg: 'None', kid: KEY_ID })}.${b64(body)}.` });
    // The classic confusion: the public key (as the JWKS publishes it) used as an HMAC secret.
    for (const secret of [
      JSON.stringify(publicJwk),
      JSON.stringify({ ...publicJwk, kid: KEY_ID, alg: 'ES256', use: 'sig' }),
    ])
      forged.push({
        kind: 'HS256 with the public key',
        token: await sign(claims, {}, new TextEncoder().encode(secret), 'HS256'),
      });
    forged.push({ kind: 'expired', token: await sign(claims, { exp: now - 60, iat: now - 7200 }) });
    forged.push({
      kind: 'expired',
      token: await sign(claims, { exp: now - 86_400 * 30, iat: now - 86_400 * 31 }),
    });
    forged.push({ kind: 'no exp', token: await sign(claims, { exp: null }) });
    forged.push({ kind: 'wrong audience', token: await sign(claims, { aud: 'another-app' }) });
    forged.push({ kind: 'wrong audience', token: await sign(claims, { aud: `${options.audience}x` }) });
    forged.push({
      kind: 'wrong issuer',
      token: await sign(claims, { iss: 'https://evil.example/api/v1/local' }),
    });
    forged.push({ kind: 'wrong issuer', token: await sign(claims, { iss: `${options.issuer}/` }) });
    // Signed properly, then its claims edited: the signature no longer matches.
    const genuine = await sign(claims);
    const [h, , s] = genuine.split('.');
    for (const edit of [
      { 'cognito:groups': [...user.roles, 'dept:operations'] },
      { 'cognito:groups': ['admin', 'head-office', 'outlet:sh-jingan'] },
      { 'cognito:username': `${user.username}-x` },
      { exp: now + 86_400 * 365 },
    ])
      forged.push({ kind: 'edited claims', token: `${h}.${b64({ ...body, ...edit })}.${s}` });
    const { privateKey: stranger } = await generateKeyPair('ES256');
    forged.push({ kind: "another key under the issuer's kid", token: await sign(claims, {}, stranger) });
  }
  return { valid, forged };
}

/** The staff endpoints each forgery is tried on (each answers 200 to a valid head-office token). */
export const STAFF_PATHS = [
  '/staff/me',
  '/staff/oversight?view=major',
  '/admin/routing-rules',
  '/stats/warnings?period=2026-11',
];

/**
 * A local platform whose dev issuer signs with a key this module wrote (so forgeries can be signed
 * with it), with its own table and data directory. `check` tries every forgery on every staff path.
 */
export async function platformWithKnownIssuerKey(dynamoEndpoint: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'forged-tokens-'));
  const privateJwk = await writeIssuerKey(dataDir);
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint,
    dataDir,
    tableName: `forged-${randomUUID()}`,
    scheduler: false,
    env: { LOG_LEVEL: 'ERROR' },
  });
  return {
    platform,
    privateJwk,
    async stop() {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TokenResult {
  kind: string;
  path: string;
  status: number;
  expected: number;
}

/**
 * Every forgery (and the valid control) on every staff path: `expected` 401 for a forgery, and for
 * the control what its role gets (head office 200 everywhere; admin 200 on what admins may read).
 */
export async function tryForgeries(
  platform: LocalPlatform,
  privateJwk: JWK,
  variants = 1,
): Promise<TokenResult[]> {
  const users = Array.from({ length: variants }, (_, i) => [
    { username: 'head-office', roles: ['head-office'] },
    { username: i === 0 ? 'admin' : `admin-${i}`, roles: ['admin'] },
  ]).flat();
  const { valid, forged } = await forgeries({
    privateJwk,
    issuer: platform.issuer.issuer,
    audience: platform.issuer.audience,
    users,
  });
  const results: TokenResult[] = [];
  for (const [list, forgedList] of [
    [valid, false],
    [forged, true],
  ] as const) {
    for (const { kind, token } of list)
      for (const path of STAFF_PATHS) {
        const expected = forgedList ? 401 : isAdminToken(token) && path.startsWith('/staff/') ? 403 : 200;
        const response = await fetch(`${platform.url}/api/v1${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        results.push({ kind, path, status: response.status, expected });
      }
  }
  return results;
}

const isAdminToken = (token: string) => {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    'cognito:groups'?: string[];
  };
  return !payload['cognito:groups']?.includes('head-office');
};
