// The studio's one Service Worker (issue 13 §6, and the demo mode of issue 16). web/boot.js
// registers it on every load, scoped to the folder the studio is served from (any sub-path).
// - The app shell (index.html, the hashed JS/wasm of the main module and its chunks, CSS,
//   icons, manifest) is cached on install, so the studio, its history and its gallery open
//   offline. scripts/build-sw.sh writes the file list and a build version into the BUILD line
//   below: every build changes this file's bytes, so the browser installs the new worker.
// - index.html and other unhashed files: network first (a new version is used on the next load
//   while online), the cached copy when offline. Hashed files never change: cache first.
// - Requests under <scope>demo-api/ (the demo's API calls and the pictures it links to) are
//   answered by the emulator compiled to wasm (crates/gptunnel-demo). Only its small glue is
//   imported here; the wasm is fetched and compiled on the first demo request, so a user who
//   never tries the demo never downloads it.
// - Nothing else (the real API, other origins) passes through this worker.
importScripts("./demo/gptunnel_demo.js");

const BUILD = { version: "dev", shell: [], hashed: [] }; // written by scripts/build-sw.sh

const SCOPE = self.registration.scope;
const API = new URL("demo-api/", SCOPE).href;
// Caches are per origin, not per folder: names carry the scope so that two studios served
// from two sub-paths of one host never delete each other's files.
const CACHE_PREFIX = `gptunnel-shell ${SCOPE} `;
const CACHE = CACHE_PREFIX + BUILD.version;
// The demo's worker (before issue 13) kept its copies here.
const LEGACY_CACHES = ["gptunnel-demo-shell"];
const INDEX = new URL("index.html", SCOPE).href;
const HASHED = new Set(BUILD.hashed.map((file) => new URL(file, SCOPE).href));
const DEMO_WASM = new URL("demo/gptunnel_demo_bg.wasm", SCOPE).href;
// Demo tasks take 6 s: the whole workflow in seconds, yet long enough to show progress. (With
// 3 s tasks the studio's poller, which waits about 3 s after a task's first "idle" answer,
// would see a task only idle and then done: no percent, no preview.)
const TASK_MS = 6000;
const NULL_BODY = new Set([101, 204, 205, 304]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([bypassOtherOrigins(event), precache()]).then(() => self.skipWaiting()),
  );
});
self.addEventListener("activate", (event) => {
  event.waitUntil(dropOldCaches().then(() => self.clients.claim()));
});
// An open demo page pings every 20 s (web/src/demo.rs): each message is an event, so the
// browser does not stop this worker (and lose the demo's tasks) while the page is open.
self.addEventListener("message", () => {});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.url.startsWith(API)) event.respondWith(answer(request));
  else if (request.method === "GET" && request.url.startsWith(SCOPE)) {
    event.respondWith(HASHED.has(request.url) ? cacheFirst(request) : networkFirst(request));
  }
});

async function precache() {
  const cache = await caches.open(CACHE);
  // The first load usually left the hashed files in the HTTP cache: taken from there. The others
  // are revalidated with the server ("no-cache"), so an HTTP-cached old index.html is never kept.
  const requests = BUILD.shell.map((file) => {
    const url = new URL(file, SCOPE).href;
    return new Request(url, { cache: HASHED.has(url) ? "default" : "no-cache" });
  });
  await cache.addAll(requests);
}

async function dropOldCaches() {
  const names = await caches.keys();
  const old = names.filter((name) => (name.startsWith(CACHE_PREFIX) && name !== CACHE) || LEGACY_CACHES.includes(name));
  await Promise.all(old.map((name) => caches.delete(name)));
}

/** Requests outside the scope go straight to the network, without starting this worker (the
 * static routing API; where the browser lacks it, the fetch handler lets them pass). */
async function bypassOtherOrigins(event) {
  if (typeof event.addRoutes !== "function" || typeof URLPattern !== "function") return;
  const here = new URL(SCOPE);
  const path = here.pathname.replace(/[:*?+(){}\\]/g, "\\$&");
  const inScope = new URLPattern({
    protocol: here.protocol.slice(0, -1),
    hostname: here.hostname,
    port: here.port,
    pathname: `${path}*`,
  });
  await event.addRoutes({ condition: { not: { urlPattern: inScope } }, source: "network" }).catch(() => {});
}

/** Hashed files: the cached copy, else the network (kept for next time). */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** index.html and other unhashed files: fresh from the network when there is one, else the
 * last copy (for a page address, the cached index.html). */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const copy =
      (await cache.match(request, { ignoreSearch: true })) ??
      (request.mode === "navigate" ? await cache.match(INDEX) : undefined);
    if (copy) return copy;
    throw offline;
  }
}

let demo = null;
/** Fetches (from the cache after the first time, so the demo also runs offline), compiles and
 * starts the demo's emulator, once; a failed start is tried again on the next request. */
function startDemo() {
  demo ??= (async () => {
    const cache = await caches.open(CACHE);
    let wasm = await cache.match(DEMO_WASM);
    if (!wasm) {
      wasm = await fetch(DEMO_WASM);
      if (!wasm.ok) throw new Error(`the demo's wasm: HTTP ${wasm.status}`);
      await cache.put(DEMO_WASM, wasm.clone());
    }
    await wasm_bindgen({ module_or_path: wasm });
    wasm_bindgen.start_demo(API.slice(0, -1), TASK_MS);
  })().catch((error) => {
    demo = null;
    throw error;
  });
  return demo;
}

/** One request to the demo's emulator: the request's parts in, a Response out. */
async function answer(request) {
  try {
    await startDemo();
    const path = "/" + request.url.slice(API.length).split("#")[0];
    const headers = [];
    request.headers.forEach((value, name) => headers.push(name, value));
    const body = new Uint8Array(await request.arrayBuffer());
    const out = await wasm_bindgen.handle(request.method, path, headers, body);
    const status = out.status;
    const responseHeaders = new Headers();
    const pairs = out.headers;
    for (let i = 0; i + 1 < pairs.length; i += 2) responseHeaders.append(pairs[i], pairs[i + 1]);
    const responseBody = NULL_BODY.has(status) ? null : out.body;
    out.free();
    return new Response(responseBody, { status, headers: responseHeaders });
  } catch (error) {
    const message = `The demo could not answer: ${error}`;
    return new Response(JSON.stringify({ error: { message } }), {
      status: 500,
      headers: { "content-type": "application/json" },
    });
  }
}
