import { randomUUID } from 'node:crypto';
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
