/**
 * `fetch` that tells the API the page's language (Accept-Language, from `<html lang>`, which the
 * language switch keeps), so every refusal the API words comes back in the words on the screen,
 * whatever language the browser itself prefers.
 */
export function pageFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept-language'))
    headers.set('accept-language', document.documentElement.lang || 'zh-CN');
  return fetch(input, { ...init, headers });
}
