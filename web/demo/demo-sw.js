// The demo's Service Worker, registered by the studio only when "Try the demo" is pressed
// (web/src/demo.rs), never on first load. It answers every request under <scope>demo-api/
// (API calls and the pictures the API links to) with the emulator compiled to wasm
// (crates/gptunnel-demo); every other request goes to the network, with a copy kept so the
// studio also opens offline after a visit in demo mode.
importScripts("./demo/gptunnel_demo.js");

const API = new URL("demo-api/", self.registration.scope).href;
const SHELL_CACHE = "gptunnel-demo-shell";
// Demo tasks take 6 s: the whole workflow in seconds, yet long enough to show progress. (With
// 3 s tasks the studio's poller, which waits about 3 s after a task's first "idle" answer,
// would see a task only idle and then done: no percent, no preview.)
const TASK_MS = 6000;
const NULL_BODY = new Set([101, 204, 205, 304]);

const ready = wasm_bindgen({ module_or_path: new URL("./demo/gptunnel_demo_bg.wasm", self.location.href) })
  .then(() => wasm_bindgen.start_demo(API.slice(0, -1), TASK_MS));

self.addEventListener("install", (event) => event.waitUntil(ready.then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
// An open demo page pings every 20 s (web/src/demo.rs): each message is an event, so the
// browser does not stop this worker (and lose the demo's tasks) while the page is open.
self.addEventListener("message", () => {});
self.addEventListener("fetch", (event) => {
  const url = event.request.url;
  if (url.startsWith(API)) event.respondWith(answer(event.request));
  else if (event.request.method === "GET" && url.startsWith(self.registration.scope)) {
    event.respondWith(networkThenCache(event.request));
  }
});

/** One request to the emulator: the request's parts in, a Response out. */
async function answer(request) {
  try {
    await ready;
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

/** The studio's own files: fresh from the network when there is one, else the last copy. */
async function networkThenCache(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const copy = await cache.match(request);
    if (copy) return copy;
    throw offline;
  }
}
