// Starts the studio. Trunk normally does this with an inline module script; the page's
// Content-Security-Policy forbids inline scripts, so Trunk.toml's `pattern_script` leaves a
// <meta name="trunk-app"> with the (hashed, relative) file names and this file does the rest.
const app = document.querySelector('meta[name="trunk-app"]');
const { default: init } = await import(new URL(app.dataset.js, document.baseURI).href);
await init({ module_or_path: new URL(app.dataset.wasm, document.baseURI).href });
