/**
 * What the capture page's first view loads, read from its built HTML: the script, module-preload
 * and style files under /assets/. The service worker keeps exactly these (with the HTML), and
 * the page's size budget is measured over them.
 */
export function captureFilesOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
}
