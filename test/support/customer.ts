import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { outletKey } from '../../functions/domain/outlet-key.js';
import type { LocalPlatform } from '../../functions/local/platform.js';

/** What a customer's phone would send: the outlet key from the QR code and fresh ids. */
export async function keyFor(platform: LocalPlatform, outletId: string): Promise<string> {
  return outletKey((await platform.secrets.qrSecrets()).current, outletId);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export const newSubmissionId = () => randomUUID();

/**
 * A request from a chosen loopback address (127.0.0.2, 127.0.0.3, …): the local server sees it
 * as another client, so per-address rules can be tested from one machine.
 */
export function fetchFrom(
  localAddress: string,
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    // The server listens on IPv4 loopback; `localhost` might resolve to ::1, which no 127.x address reaches.
    const req = request(
      url.replace('//localhost:', '//127.0.0.1:'),
      {
        method: init.method ?? 'GET',
        localAddress,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
