import { pageFetch } from './page-fetch.js';

/** The signed-in staff member's token, kept for the browser tab only. */
const KEY = 'bf.token';

export const getToken = () => sessionStorage.getItem(KEY);
export const setToken = (token: string) => sessionStorage.setItem(KEY, token);
export const clearToken = () => sessionStorage.removeItem(KEY);

export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = getToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await pageFetch(path, { ...init, headers });
  if (response.status === 401 && token) {
    clearToken();
    location.href = `/signin?next=${encodeURIComponent(location.pathname + location.search)}`;
  }
  return response;
}

/** Sets text only: every value from the API goes through here or textContent, never innerHTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export interface SignedInUser {
  username: string;
  displayName: string;
  roles: string[];
}

/**
 * The signed-in user as the token says (for display and navigation only: the API checks every
 * request itself). Sends the browser to sign-in when there is no usable token.
 */
export function requireSignIn(): SignedInUser {
  const token = getToken();
  const user = token ? readClaims(token) : undefined;
  if (!user) {
    location.href = `/signin?next=${encodeURIComponent(location.pathname + location.search)}`;
    throw new Error('Not signed in');
  }
  return user;
}

export function readClaims(token: string): SignedInUser | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = decodeURIComponent(
      [...atob(payload.replace(/-/g, '+').replace(/_/g, '/'))]
        .map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json) as Record<string, unknown>;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return undefined;
    const username = String(claims['cognito:username'] ?? claims.sub ?? '');
    const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
    return username ? { username, displayName: String(claims.name ?? username), roles: groups } : undefined;
  } catch {
    return undefined;
  }
}

export function signOut() {
  clearToken();
  location.href = '/signin';
}
