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

// Then, once the page has loaded (never competing with the first paint), the Service Worker
// (web/sw.js): offline use and the demo mode. Scoped to the studio's folder, any sub-path.
// Absent outside secure contexts (plain http on a LAN address): the studio works without it.
function registerWorker() {
  const here = document.baseURI;
  navigator.serviceWorker
    // updateViaCache "none": the worker and the demo glue it imports are checked with the server
    // on every update, never taken from the HTTP cache (a stale glue would not fit a new wasm).
    .register(new URL("sw.js", here), { scope: new URL("./", here).href, updateViaCache: "none" })
    .catch((error) => console.warn("The studio works, but not offline:", error));
}
if ("serviceWorker" in navigator) {
  if (document.readyState === "complete") registerWorker();
  else window.addEventListener("load", registerWorker, { once: true });
}
