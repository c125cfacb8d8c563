/// <reference lib="webworker" />
/**
 * The capture page's service worker (/inspect-sw.js), registered with the scope `/inspect` (staff)
 * or `/mystery/` (a shopper's link), never the whole site. It keeps exactly the capture page's
 * own files, which the build lists in `PRECACHE` (web/vite.config.ts writes them in): its HTML
 * and the script and style files that HTML loads. Nothing of other pages, and no API answers:
 * the page keeps its data in IndexedDB itself.
 *
 * - A page load (navigation) asks the network first, so a new build is seen at once, and answers
 *   from the kept HTML when there is no network.
 * - The page's script and style files (named by their content's hash) answer from the cache.
 * - A new build has a new cache name; the old cache is deleted when the new worker takes over.
 */
declare const self: ServiceWorkerGlobalScope;
declare const PRECACHE: { html: string; assets: string[]; version: string };

const CACHE = `capture-${PRECACHE.version}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([PRECACHE.html, ...PRECACHE.assets]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('capture-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(
        async () => (await caches.match(PRECACHE.html, { cacheName: CACHE })) ?? Response.error(),
      ),
    );
    return;
  }
  if (PRECACHE.assets.includes(url.pathname))
    event.respondWith(
      caches.match(url.pathname, { cacheName: CACHE }).then((kept) => kept ?? fetch(request)),
    );
});
