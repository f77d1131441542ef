// Demo mode (issue 16): the time from clicking "Try the demo" to a finished grid whose picture
// has loaded, in headless Chromium, with no server beyond the static files. Each run is a new
// browser (no worker, empty cache), so it includes fetching and compiling the demo's wasm.
// The built site's demo tasks take 6 s; `--task-ms` runs a copy of the site whose worker makes
// tasks of that length instead (the issue asks for 3 s tasks). Prints the runs and the median.
//
// Usage: node tests/bench/demo.mjs --dist dist [--runs 5] [--task-ms 3000]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, skipWelcome } from "../support/browser.mjs";
import { serveStatic } from "../support/serve.mjs";
import { parseArgs } from "./lib/files.mjs";
import { median } from "./lib/stats.mjs";

const args = parseArgs();
const runs = Number(args.runs ?? 5);
let dist = args.dist ?? "dist";
let copy;
if (args["task-ms"]) {
  copy = mkdtempSync(join(tmpdir(), "demo-bench-"));
  cpSync(dist, copy, { recursive: true });
  const sw = join(copy, "sw.js");
  const source = readFileSync(sw, "utf8");
  const patched = source.replace(/const TASK_MS = \d+;/, `const TASK_MS = ${Number(args["task-ms"])};`);
  if (patched === source) throw new Error("sw.js has no `const TASK_MS = …;` to set");
  writeFileSync(sw, patched);
  dist = copy;
}

const site = await serveStatic({ mounts: { "/sub/": dist }, gzip: true });
const times = [];
try {
  for (let run = 0; run < runs; run++) {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      await skipWelcome(context);
      const page = await context.newPage();
      await page.goto(site.url);
      await page.getByTestId("prompt").waitFor({ timeout: 30_000 });
      const started = Date.now();
      await page.getByTestId("demo-try").first().click();
      await page.getByTestId("demo-banner").waitFor({ timeout: 60_000 });
      await page.getByTestId("prompt").fill("a lighthouse at dawn");
      await page.getByTestId("prompt").press("Enter");
      const image = page.locator('[data-testid="task-card"][data-phase="done"] [data-testid="grid-image"]');
      await image.waitFor({ timeout: 60_000 });
      await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle());
      times.push(Date.now() - started);
    } finally {
      await browser.close();
    }
  }
} finally {
  await site.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
}
const tasks = args["task-ms"] ? `${args["task-ms"]} ms tasks` : "the site's tasks";
console.log(`demo: "Try the demo" to a finished grid (${tasks}), ms: ${times.join(", ")}; median ${median(times)}`);
