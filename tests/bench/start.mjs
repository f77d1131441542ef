// Studio start (issue 7.3): the time from navigation start to the prompt bar being usable (the
// prompt textarea and the create button present and enabled), over fresh loads in headless
// Chromium on loopback, beside the same measure for the floor (an empty Leptos page built the
// same way, tests/bench/floor/). Each load gets a new browser context: empty cache, no storage.
// The two apps alternate, and which goes first alternates, so drift on a shared machine hits
// both alike. One unmeasured load of each first warms the server's gzip cache and the OS.
//
// The moment is taken inside the page: a MutationObserver installed before any script runs
// sees when the selectors are all present and enabled, and the moment is the start of the next
// animation frame's callbacks after that (`performance.now()`, milliseconds since navigation
// start): the frame that puts the prompt bar on screen, after any work the page put before it
// in that frame (rendering the rest of the page first thing in the next frame does not make the
// prompt bar usable any sooner). The moment it was in the DOM is recorded too. The test
// driver does not poll the page, so it adds to neither: it learns of the moment from a console
// message (lib/ready.mjs). Until 2026-12-02 it polled with Playwright's waitForFunction, whose
// first call injects a script that took 20-30 ms of the page's main thread mid-start, in both
// apps: the floor's time was about a quarter longer than a user's, and the ratio lower.
//
// Usage: node start.mjs --studio <dist> --floor <dist> --out <json> [--runs 20] [--gzip on|off]
import { launchChromium } from "../support/browser.mjs";
import { parseArgs, writeJson } from "./lib/files.mjs";
import { median, percentile, ratio, round } from "./lib/stats.mjs";
import { readyLogged, watchForReady } from "./lib/ready.mjs";
import { serveStatic } from "../support/serve.mjs";

const args = parseArgs();
const runs = Number(args.runs ?? 20);
const gzip = (args.gzip ?? "on") === "on";
const TIMEOUT_MS = 30_000;

const apps = [
  { name: "studio", dist: args.studio, ready: ['[data-testid="prompt"]', '[data-testid="submit"]'] },
  { name: "floor", dist: args.floor, ready: ['[data-testid="ready"]'] },
];

/** One fresh load of `app`: { readyMs, errors, fetched } (readyMs null when it never got ready). */
async function load(browser, app) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    await page.addInitScript(watchForReady, app.ready);
    const ready = readyLogged(page, TIMEOUT_MS);
    ready.catch(() => {}); // awaited below, after the navigation
    await page.goto(app.url, { waitUntil: "commit" });
    try {
      await ready;
    } catch {
      errors.push(`not ready within ${TIMEOUT_MS} ms`);
      return { readyMs: null, inDomMs: null, errors, fetched: [] };
    }
    const { readyMs, inDomMs, fetched } = await page.evaluate(() => ({
      readyMs: window.__benchReadyMs,
      inDomMs: window.__benchInDomMs,
      fetched: performance
        .getEntriesByType("navigation")
        .concat(performance.getEntriesByType("resource"))
        .map((e) => ({ path: new URL(e.name).pathname, transferred: e.encodedBodySize, decoded: e.decodedBodySize })),
    }));
    return { readyMs, inDomMs, errors, fetched };
  } finally {
    await context.close();
  }
}

const servers = [];
const browser = await launchChromium();
const browserVersion = browser.version();
try {
  for (const app of apps) {
    const server = await serveStatic({ mounts: { "/": app.dist }, gzip });
    servers.push(server);
    app.url = server.url;
    app.samples = [];
    app.inDom = [];
    app.errors = [];
    app.fetched = (await load(browser, app)).fetched; // warm-up, not measured
  }
  for (let i = 0; i < runs; i++) {
    for (const app of i % 2 === 0 ? apps : [...apps].reverse()) {
      const { readyMs, inDomMs, errors } = await load(browser, app);
      app.samples.push(readyMs);
      app.inDom.push(inDomMs);
      app.errors.push(...errors);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

const result = {
  bench: "start",
  what: "ms from navigation start to the first animation frame with the prompt bar usable (floor: its one button), fresh context per load; in_dom: when it was usable in the DOM",
  runs,
  server: { loopback: true, gzip },
  browser: `chromium ${browserVersion}`,
  percentile_method: "linear interpolation between closest ranks",
  apps: {},
};
for (const app of apps) {
  const ok = app.samples.filter((x) => x !== null);
  result.apps[app.name] = {
    median_ms: round(median(ok), 1),
    p90_ms: round(percentile(ok, 90), 1),
    min_ms: round(Math.min(...ok), 1),
    samples_ms: app.samples.map((x) => round(x, 1)),
    in_dom_median_ms: round(median(app.inDom.filter((x) => x !== null)), 1),
    failed_loads: app.samples.length - ok.length,
    page_errors: [...new Set(app.errors)].slice(0, 5),
    fetched: app.fetched,
  };
}
const { studio, floor } = result.apps;
// Besides the ratio of the medians: the median of the ratios of loads made back to back, which
// a slow spell of the machine skews less.
const paired = studio.samples_ms
  .map((s, i) => ratio(s, floor.samples_ms[i]))
  .filter((r) => r !== null);
result.studio_over_floor = {
  median: round(ratio(studio.median_ms, floor.median_ms), 2),
  p90: round(ratio(studio.p90_ms, floor.p90_ms), 2),
  paired_median: round(median(paired), 2),
};
writeJson(args.out, result);

console.log(`studio start: ${runs} fresh loads each, loopback, gzip ${gzip ? "on" : "off"}`);
for (const [name, r] of Object.entries(result.apps)) {
  const failed = r.failed_loads ? `  (${r.failed_loads} loads never got ready)` : "";
  console.log(`  ${name.padEnd(7)} median ${r.median_ms} ms  p90 ${r.p90_ms} ms  (in the DOM: median ${r.in_dom_median_ms} ms)${failed}`);
}
const r = result.studio_over_floor;
console.log(`  studio / floor: median ${r.median}x  p90 ${r.p90}x  (median of back-to-back pairs ${r.paired_median}x)`);
