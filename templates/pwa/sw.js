// The portal's service worker (bangphlat/pwa.py serves it at /sw.js). It keeps one page for
// use without a connection, the activity form, with the files it loads, and a Thai offline
// page (templates/pwa/offline.html, with the entries waiting on the phone) that stands in for
// any other page of the portal that cannot be reached; everything else goes to the network as
// if it were not here. Entries made offline wait in IndexedDB and are sent
// by static/js/offline_entry.js, not by this worker.
const CONFIG = {{ config|safe }};
const STATIC_CACHE = "bp-static-__VERSION__";
const PAGE_CACHE = "bp-pages"; // offline_entry.js empties it when another user logs in

// The offline copies of the form and of the offline page: asked for with headers that keep
// flash messages for the page the user sees next and leave the submission key empty (each
// entry gets its own).
async function refreshForm() {
  const cache = await caches.open(PAGE_CACHE);
  for (const url of [CONFIG.form, CONFIG.offline]) {
    try {
      const response = await fetch(url, {
        headers: { "X-Keep-Messages": "1", "X-Offline-Copy": "1" },
      });
      // Sent to the login page, or refused (a role that records nothing): nothing to keep.
      if (response.ok && !response.redirected) await cache.put(url, response);
    } catch {
      // Offline: keep the copy there is.
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      // File by file: one that fails leaves the others cached.
      await Promise.allSettled(CONFIG.static.map((url) => cache.add(url)));
      await refreshForm();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("bp-static-") && name !== STATIC_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// offline_entry.js, after another user logged in on this phone and the old copy was dropped.
self.addEventListener("message", (event) => {
  if (event.data === "refresh-form") event.waitUntil(refreshForm());
});

async function formPage(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(refreshForm());
    return response;
  } catch (error) {
    const copy = await caches.match(CONFIG.form, { cacheName: PAGE_CACHE });
    if (copy) return copy;
    throw error;
  }
}

// The home-screen icon opens the home page; offline, the form is the page that works.
async function homePage(event) {
  try {
    return await fetch(event.request);
  } catch (error) {
    if (await caches.match(CONFIG.form, { cacheName: PAGE_CACHE })) {
      return Response.redirect(CONFIG.form, 302);
    }
    throw error;
  }
}

// Any other page: the network, and when there is none the offline page instead of the
// browser's error. A phone that never kept one (logged out) gets a few plain words.
const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function plainOfflinePage() {
  const words = CONFIG.offlineText;
  const html = `<!doctype html><html lang="${words.lang}"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(words.title)}</title>
<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.body)}</p><p><a href="">${escapeHtml(words.retry)}</a></p>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function anyPage(event) {
  try {
    return await fetch(event.request);
  } catch {
    const copy = await caches.match(CONFIG.offline, { cacheName: PAGE_CACHE });
    return copy || plainOfflinePage();
  }
}

// A name with a content hash (collectstatic's, as deploy/nginx/bangphlat.conf matches them)
// never changes: cache first. A plain name (development) may: network first.
const HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;

async function staticFile(request) {
  const cache = await caches.open(STATIC_CACHE);
  if (HASHED.test(new URL(request.url).pathname)) {
    const hit = await cache.match(request);
    if (hit) return hit;
  }
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === CONFIG.form) {
    event.respondWith(formPage(event));
  } else if (request.mode === "navigate" && url.pathname === CONFIG.home) {
    event.respondWith(homePage(event));
  } else if (request.mode === "navigate" && !url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(anyPage(event));
  } else if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(request));
  }
});
