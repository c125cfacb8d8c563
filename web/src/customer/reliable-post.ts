import { pageFetch } from '../shared/page-fetch.js';

/**
 * Posts that survive a bad network: the same body (and so the same submissionId) is retried with
 * backoff, and kept in local storage until the server has answered, so a rating or complaint
 * made in a basement with no signal is sent on the next visit. The server stores a submissionId
 * once, so a retry can never count twice.
 */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfter: number | undefined;
}

type Pending = { url: string; body: { submissionId: string } & Record<string, unknown>; at: number };
const STORE = 'bf.pending';
const WEEK_MS = 7 * 86_400_000;

export class StillOffline extends Error {}

export async function postReliably(
  url: string,
  body: Pending['body'],
  options: { headers?: Record<string, string>; attempts?: number } = {},
): Promise<Answer> {
  const attempts = options.attempts ?? 4;
  // A post carrying a staff token is retried in the page only: the token must not be kept.
  const keep = !options.headers;
  if (keep) remember({ url, body, at: Date.now() });
  for (let attempt = 1; ; attempt++) {
    const answer = await postOnce(url, body, options.headers);
    if (answer) {
      if (keep) forget(url, body.submissionId);
      return answer;
    }
    if (attempt >= attempts) throw new StillOffline();
    await new Promise((r) => setTimeout(r, 800 * 2 ** attempt));
  }
}

/** Sends what an earlier visit could not; silently keeps what still fails. */
export async function sendPending(): Promise<void> {
  for (const item of load()) {
    if (Date.now() - item.at > WEEK_MS || (await postOnce(item.url, item.body)))
      forget(item.url, item.body.submissionId);
  }
}

/** The server's answer, or undefined for a network failure or a server error (worth retrying). */
async function postOnce(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer | undefined> {
  try {
    const response = await pageFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (response.status >= 500) return undefined;
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    return { status: response.status, body: await response.json().catch(() => ({})), retryAfter };
  } catch {
    return undefined;
  }
}

function load(): Pending[] {
  try {
    const items = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}
function save(items: Pending[]) {
  try {
    if (items.length) localStorage.setItem(STORE, JSON.stringify(items));
    else localStorage.removeItem(STORE);
  } catch {
    // private mode without storage: the in-page retries still apply
  }
}
function remember(item: Pending) {
  save([
    ...load().filter((p) => !(p.url === item.url && p.body.submissionId === item.body.submissionId)),
    item,
  ]);
}
function forget(url: string, submissionId: string) {
  save(load().filter((p) => !(p.url === url && p.body.submissionId === submissionId)));
}

export function newId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
