// Where the studio's start time goes (issue 12): per fresh load, the moments of the start
// benchmark's path (tests/bench/start.mjs) taken inside the page, for the studio and the floor
// alternately, then the median of each phase.
//
// Moments (ms since navigation start): the HTML received, each file fetched (resource timing),
// DOMContentLoaded, the loader's (web/boot.js) fetch of the wasm called and answered,
// WebAssembly.compileStreaming called and resolved (overlapping the download and the glue's),
// then WebAssembly.instantiate (all wrapped before any script runs), the app's first nodes in
// <body> (Leptos mounting, inside `main`), ready (the start benchmark's measure: every selector present and
// enabled, noted by a MutationObserver, so just after `main` and the microtasks it queued),
// and the paint entries. Then the long tasks of the first loads.
//
// Usage: node tests/bench/start-phases.mjs --studio <dist> --floor <dist> [--runs 10] [--out <json>]
import { launchChromium } from "../support/browser.mjs";
import { parseArgs, writeJson } from "./lib/files.mjs";
import { median, round } from "./lib/stats.mjs";
import { readyLogged, watchForReady } from "./lib/ready.mjs";
import { serveStatic } from "../support/serve.mjs";

const args = parseArgs();
const runs = Number(args.runs ?? 10);

const apps = [
  { name: "studio", dist: args.studio, ready: ['[data-testid="prompt"]', '[data-testid="submit"]'] },
  { name: "floor", dist: args.floor, ready: ['[data-testid="ready"]'] },
];

/** Runs in the page before its scripts. */
function instrument(selectors) {
  const marks = (window.__phases = {});
  const note = (name) => (marks[name] ??= performance.now());
  for (const fn of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
    const original = WebAssembly[fn];
    WebAssembly[fn] = function (...a) {
      note(`${fn}:call`);
      const p = original.apply(this, a);
      p.then(() => note(`${fn}:done`));
      return p;
    };
  }
  const fetchOriginal = window.fetch;
  window.fetch = function (...a) {
    note("fetch:call");
    return fetchOriginal.apply(this, a).then((r) => (note("fetch:response"), r));
  };
  document.addEventListener("DOMContentLoaded", () => note("domContentLoaded"));
  const usable = (s) => {
    const el = document.querySelector(s);
    return el !== null && !el.disabled && !el.matches(":disabled");
  };
  new MutationObserver(() => {
    // The app's first nodes in <body> (beside its <noscript>): Leptos mounting, inside `main`.
    if (document.body && document.body.children.length > 1) note("mounted");
    if (marks.ready === undefined && selectors.every(usable)) note("ready");
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) (marks.longtasks ??= []).push([round1(e.startTime), round1(e.duration)]);
  }).observe({ type: "longtask", buffered: true });
  function round1(x) {
    return Math.round(x * 10) / 10;
  }
}

async function load(browser, app) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(instrument, app.ready);
    await page.addInitScript(watchForReady, app.ready);
    const ready = readyLogged(page, 30_000);
    await page.goto(app.url, { waitUntil: "commit" });
    await ready;
    await page.waitForTimeout(300);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const out = { ...window.__phases, htmlEnd: nav.responseEnd, domInteractive: nav.domInteractive };
      for (const e of performance.getEntriesByType("resource")) {
        const file = new URL(e.name).pathname.split("/").pop();
        const kind = file.endsWith("_bg.wasm")
          ? "wasm"
          : file.startsWith("boot")
            ? "boot"
            : file.endsWith(".js")
              ? "glue"
              : file.endsWith(".css")
                ? `css`
                : file.includes(".wasm")
                  ? `chunk`
                  : "other";
        out[`${kind}:start`] ??= e.startTime;
        out[`${kind}:end`] = Math.max(out[`${kind}:end`] ?? 0, e.responseEnd);
        (out.files ??= []).push([file, Math.round(e.startTime), Math.round(e.responseEnd)]);
      }
      for (const p of performance.getEntriesByType("paint")) out[p.name] = p.startTime;
      return out;
    });
  } finally {
    await context.close();
  }
}

const browser = await launchChromium();
const results = {};
try {
  for (const app of apps) {
    const server = await serveStatic({ mounts: { "/": app.dist }, gzip: true });
    app.url = server.url;
    app.server = server;
    results[app.name] = [];
    await load(browser, app);
  }
  for (let i = 0; i < runs; i++) {
    for (const app of i % 2 === 0 ? apps : [...apps].reverse()) results[app.name].push(await load(browser, app));
  }
} finally {
  await browser.close();
  await Promise.all(apps.map((a) => a.server?.close()));
}

const keys = [
  "htmlEnd", "boot:start", "boot:end", "glue:start", "glue:end", "css:end", "wasm:start",
  "domContentLoaded", "fetch:call", "fetch:response", "compileStreaming:call", "wasm:end", "compileStreaming:done",
  "instantiate:call", "instantiate:done", "mounted", "ready",
  "chunk:start", "chunk:end", "first-paint", "first-contentful-paint",
];
console.log(`phase medians over ${runs} fresh loads (ms since navigation start)`);
console.log(`${"moment".padEnd(28)}${"studio".padStart(9)}${"floor".padStart(9)}`);
for (const k of keys) {
  const row = apps.map((a) => {
    const v = results[a.name].map((r) => r[k]).filter((x) => x !== undefined);
    return v.length ? round(median(v), 1).toFixed(1) : "-";
  });
  console.log(`${k.padEnd(28)}${row[0].padStart(9)}${row[1].padStart(9)}`);
}
const diff = (r, a, b) => r[b] - r[a];
for (const [label, a, b] of [
  ["compile (streaming)", "compileStreaming:call", "compileStreaming:done"],
  ["after wasm fetched -> instantiated", "wasm:end", "instantiate:done"],
  ["instantiated -> ready (main)", "instantiate:done", "ready"],
]) {
  const row = apps.map((app) => {
    const v = results[app.name].map((r) => diff(r, a, b)).filter((x) => !Number.isNaN(x));
    return v.length ? round(median(v), 1).toFixed(1) : "-";
  });
  console.log(`${label.padEnd(36)}${row[0].padStart(9)}${row[1].padStart(9)}`);
}
console.log("studio files (first load):", JSON.stringify(results.studio[0].files));
for (const app of apps) console.log(`${app.name} long tasks:`, results[app.name].slice(0, 4).map((r) => JSON.stringify(r.longtasks)).join(" "));
if (args.out) writeJson(args.out, results);
