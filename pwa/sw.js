// The studio's service worker: after one visit the studio starts and works
// with the network gone. scripts/service-worker.sh writes the build's id and
// its file list in place of the two markers below, after every Trunk build,
// so a new asset is precached without anyone listing it.
const BUILD = '__BUILD__';
const FILES = __FILES__;
const CACHE = `studio-${BUILD}`;

// Precache every built file. A new version waits (it never takes over a
// page running the old code) until the page asks for it: see index.html.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

// Only this build's cache is kept.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('studio-') && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

// Cache first. Every address of the app is the same page (the router
// reads the path), so a navigation gets the cached index.html.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const key = request.mode === 'navigate' ? '/index.html' : url.pathname;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key)).then((hit) => hit || fetch(request)),
  );
});
