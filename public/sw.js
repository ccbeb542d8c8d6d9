// Pipewright's service worker: after one visit the app loads and works offline.
// Each release registers this file with its own ?build= id, so a new release installs
// as a new worker, precaches its own files and deletes the previous release's cache.
const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const CACHE = `pipewright-${BUILD}`;

/** Every same-origin file index.html references: scripts, styles, wasm, icons, and the
 *  files loaded on demand it lists for offline use (ECharts). */
function assetsOf(html) {
  const urls = new Set(['./', './manifest.webmanifest']);
  const patterns = [
    /(?:href|src)="([^"]+)"/g,
    /from '([^']+)'/g,
    /module_or_path: '([^']+)'/g,
    /name="pipewright-offline" content="([^"]+)"/g,
  ];
  for (const pattern of patterns) {
    // The offline list holds several files, separated by spaces.
    for (const url of [...html.matchAll(pattern)].flatMap((match) => match[1].split(/\s+/))) {
      if (!/^([a-z]+:)?\/\//i.test(url) && !url.startsWith('data:') && !url.startsWith('#')) urls.add(url);
    }
  }
  // Resolved and deduplicated: Cache.addAll rejects the same URL twice.
  const resolved = new Set([...urls].map((url) => new URL(url, self.registration.scope).href));
  resolved.delete(new URL('./index.html', self.registration.scope).href);
  return [...resolved];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('./index.html', { cache: 'no-cache' });
      const html = await response.clone().text();
      await cache.put('./index.html', response);
      await cache.addAll(assetsOf(html).map((url) => new Request(url, { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('pipewright-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new release shows as soon as it is online; the cached shell offline.
    event.respondWith(
      (async () => {
        try {
          return await fetch(request);
        } catch {
          const cache = await caches.open(CACHE);
          return (await cache.match('./index.html')) || Response.error();
        }
      })(),
    );
    return;
  }
  // Release files are content-hashed and never change: cache first.
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok) cache.put(request, response.clone());
      return response;
    })(),
  );
});
