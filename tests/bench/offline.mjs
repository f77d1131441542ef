// Installable and offline (issue 13 §6): what the Service Worker (web/sw.js) downloads on
// install, and how long a reload takes with the site unreachable.
// - Sizes: the app shell it precaches (the list scripts/build-sw.sh wrote into dist/sw.js),
//   raw and gzip -9 file by file (as a gzip-serving host sends them), and what it fetches
//   besides: its own script and the demo's glue it imports (not the demo's wasm).
// - Times: each run is a fresh browser that loads the studio from a sub-path (gzip on), waits
//   until the worker controls the page, reloads once online, then stops the server (connection
//   refused) and reloads again: navigation start to a usable prompt, online vs offline.
//
// Usage: node tests/bench/offline.mjs --dist dist [--runs 5]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../support/browser.mjs";
import { serveStatic } from "../support/serve.mjs";
import { parseArgs } from "./lib/files.mjs";
import { median } from "./lib/stats.mjs";

const args = parseArgs();
const dist = args.dist ?? "dist";
const runs = Number(args.runs ?? 5);

const worker = readFileSync(join(dist, "sw.js"), "utf8");
const build = JSON.parse(worker.match(/^const BUILD = (\{.*\});/m)?.[1] ?? "null");
if (!build) throw new Error(`no BUILD line in ${dist}/sw.js: was it built by scripts/build-sw.sh?`);
const sizes = (files) =>
  files.reduce(
    (sum, file) => {
      const bytes = readFileSync(join(dist, file));
      return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
const shell = sizes(build.shell);
const extra = sizes(["sw.js", "demo/gptunnel_demo.js"]);
console.log(`offline: precached app shell, ${build.shell.length} files: ${shell.raw} B, ${shell.gzip} B gzip -9`);
console.log(`offline: plus the worker and the demo glue it imports: ${extra.raw} B, ${extra.gzip} B gzip -9`);

/** Reloads and resolves to the milliseconds until the prompt is usable. */
async function timedReload(page) {
  await page.reload({ waitUntil: "commit" });
  await page.getByTestId("prompt").waitFor({ timeout: 30_000 });
  return page.evaluate(() => Math.round(performance.now()));
}

const online = [];
const offline = [];
for (let run = 0; run < runs; run++) {
  const site = await serveStatic({ mounts: { "/sub/": dist }, gzip: true });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    online.push(await timedReload(page));
    await site.close();
    offline.push(await timedReload(page));
  } finally {
    await browser.close();
    await site.close().catch(() => {});
  }
}
console.log(`offline: reload to a usable prompt, online (through the worker), ms: ${online.join(", ")}; median ${median(online)}`);
console.log(`offline: reload to a usable prompt, site unreachable, ms: ${offline.join(", ")}; median ${median(offline)}`);
