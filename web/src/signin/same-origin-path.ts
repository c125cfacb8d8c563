/**
 * Where to go after signing in, from the `next` query parameter: only a path on this site.
 * Checking the text (`starts with one slash`) is not enough: browsers read `/\evil.example` and
 * `/<tab>/evil.example` as `//evil.example`, another site. So the value is resolved as the browser
 * would resolve it, against this page's address, and kept only when it stays on this origin; what
 * is kept is the resolved path, never the raw text. Resolving is not the end of it either: dot
 * segments (`/.//evil.example`, `/staff/..//evil.example`) resolve to a path that starts with
 * `//`, which the browser, once it is followed, reads as another host. So the kept path must
 * itself be one that resolves to the same place: never starting with `//` or `/\`.
 */
export function sameOriginPath(next: string | null | undefined, pageUrl: string): string | undefined {
  if (!next) return undefined;
  let target: URL;
  try {
    target = new URL(next, pageUrl);
  } catch {
    return undefined;
  }
  const page = new URL(pageUrl);
  if (target.origin !== page.origin) return undefined;
  const path = `${target.pathname}${target.search}${target.hash}`;
  if (/^[/\\]{2}/.test(target.pathname)) return undefined;
  const followed = new URL(path, pageUrl);
  return followed.origin === page.origin && followed.pathname === target.pathname ? path : undefined;
}
