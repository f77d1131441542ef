// Starts the studio. Trunk normally does this with an inline module script; the page's
// Content-Security-Policy forbids inline scripts, so Trunk.toml's `pattern_script` leaves a
// <meta name="trunk-app"> with the (hashed, relative) file names and this file does the rest.
const app = document.querySelector('meta[name="trunk-app"]');
const href = (file) => new URL(file, document.baseURI).href;
// The wasm compiles while the glue is fetched and evaluated (the glue would start it only once
// it runs); init then just instantiates it. Streaming needs the host to send .wasm as
// application/wasm, as the chunks fetched later need too (deploy/nginx/gptunnel-site.conf).
const compiled = WebAssembly.compileStreaming(fetch(href(app.dataset.wasm)));
const glue = import(href(app.dataset.js));
// The first use of each Web Storage area is a synchronous round trip to the browser process
// (about 2 ms of the app's start here). Made now, it overlaps the compile instead of holding up
// the first view, which reads the settings and the key. The app copes with storage refused.
try {
  localStorage.length;
  sessionStorage.length;
} catch {}
const { default: init } = await glue;
await init({ module_or_path: compiled });

// Then the Service Worker (web/sw.js): offline use and the demo mode. Installing it fetches
// and caches every file of the studio, which competes with drawing the first frame: registered
// here at once (the app's code has run, its first frame is next) it held the first contentful
// paint back by 14-26 ms (medians of 20-30 fresh loads). So it waits until that paint is on
// screen and the page is idle (or 3 s, for a tab opened in the background, which paints
// nothing). The demo registers it itself when started (web/src/demo.rs). Scoped to the
// studio's folder, any sub-path.
// Absent outside secure contexts (plain http on a LAN address): the studio works without it.
function registerWorker() {
  const here = document.baseURI;
  navigator.serviceWorker
    // updateViaCache "none": the worker and the demo glue it imports are checked with the server
    // on every update, never taken from the HTTP cache (a stale glue would not fit a new wasm).
    .register(new URL("sw.js", here), { scope: new URL("./", here).href, updateViaCache: "none" })
    .catch((error) => console.warn("The studio works, but not offline:", error));
}

/** Runs `run` once, when the page is idle after its first contentful paint (or after 3 s). */
function afterFirstPaint(run) {
  let pending = true;
  const once = () => {
    if (!pending) return;
    pending = false;
    if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run);
  };
  if (globalThis.PerformanceObserver?.supportedEntryTypes?.includes("paint")) {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length === 0) return;
      observer.disconnect();
      once();
    }).observe({ type: "paint", buffered: true });
  }
  setTimeout(once, 3000);
}

if ("serviceWorker" in navigator) afterFirstPaint(registerWorker);
