import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalPlatform, startLocalPlatform } from '../../functions/local/platform.js';

/**
 * The local server answers only requests that name this machine (a DNS-rebinding page names its
 * own site in Host), and its local-only routes carry the API's security headers and body limit.
 */
const webRoot = mkdtempSync(join(tmpdir(), 'local-host-web-'));
writeFileSync(join(webRoot, 'signin.html'), '<!doctype html><title>Sign in</title>');
let platform: LocalPlatform;
let port: number;
beforeAll(async () => {
  platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `test-${randomUUID()}`,
    scheduler: false,
    webRoot,
    env: { LOG_LEVEL: 'ERROR' },
  });
  port = Number(new URL(platform.url).port);
});
afterAll(async () => {
  await platform?.stop();
  rmSync(webRoot, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * A request over loopback with the Host a browser would send for the name in its address bar;
 * node:http, since fetch does not let a caller choose Host. `chunked` sends the body without a length.
 */
function send(
  path: string,
  host: string,
  init: { method?: string; body?: string; chunked?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: {
          host,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.body !== undefined && !init.chunked
            ? { 'content-length': Buffer.byteLength(init.body) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (init.chunked && init.body !== undefined) {
      for (let i = 0; i < init.body.length; i += 8192) req.write(init.body.slice(i, i + 8192));
      req.end();
    } else {
      req.end(init.body);
    }
  });
}

const tokenRequest = JSON.stringify({ username: 'admin' });

/** What every answer of the API carries (functions/http/security-headers.ts). */
function expectApiSecurityHeaders(answer: Answer) {
  expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(answer.headers['x-frame-options']).toBe('DENY');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
}

describe('the Host a request names', () => {
  it.each([
    ['a page', 'GET', '/signin'],
    ['the API', 'GET', '/api/v1/health'],
    ['the local token route', 'POST', '/api/v1/local/token'],
  ])(
    'refuses %s for another site (421, JSON, security headers) and mints nothing',
    async (_, method, path) => {
      for (const host of ['evil.example', `evil.example:${port}`, `localhost.evil.example:${port}`]) {
        const answer = await send(path, host, {
          method,
          ...(method === 'POST' ? { body: tokenRequest } : {}),
        });
        expect(answer.status, host).toBe(421);
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(answer.text)).toMatchObject({ error: 'misdirected' });
        expect(answer.text).not.toContain('token');
        expectApiSecurityHeaders(answer);
      }
    },
  );

  it('refuses a loopback name with another port', async () => {
    expect((await send('/api/v1/health', `localhost:${port + 1}`)).status).toBe(421);
    expect((await send('/api/v1/health', 'localhost')).status).toBe(421);
  });

  it.each(['localhost', '127.0.0.1', '[::1]'])(
    'serves pages, the API and the local routes as %s',
    async (name) => {
      const host = `${name}:${port}`;
      const page = await send('/signin', host);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Sign in');
      expect((await send('/api/v1/health', host)).status).toBe(200);
      const minted = await send('/api/v1/local/token', host, { method: 'POST', body: tokenRequest });
      expect(minted.status).toBe(200);
      expect(JSON.parse(minted.text)).toEqual({ token: expect.any(String) });
    },
  );
});

describe('the local routes', () => {
  it('carry the security headers of the API', async () => {
    for (const answer of [
      await send('/api/v1/local/users', `localhost:${port}`),
      await send('/api/v1/local/token', `localhost:${port}`, { method: 'POST', body: '{}' }),
      await send('/api/v1/local/nope', `localhost:${port}`),
    ]) {
      expectApiSecurityHeaders(answer);
      expect(answer.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('refuse a body over 64 KB with 413, declared or chunked', async () => {
    const body = JSON.stringify({ username: 'admin', padding: 'x'.repeat(65 * 1024) });
    for (const chunked of [false, true]) {
      const answer = await send('/api/v1/local/token', `localhost:${port}`, {
        method: 'POST',
        body,
        chunked,
      });
      expect(answer.status, chunked ? 'chunked' : 'declared').toBe(413);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'payload_too_large' });
      expect(answer.text).not.toContain('token');
      expectApiSecurityHeaders(answer);
    }
  });
});
