// Masks (issue 7.4), in headless Chromium: encoding a 2048×2048 mask to base64 PNG with our
// `Mask.toBase64Png()` versus `canvas.toDataURL("image/png")` of the same black/white pixels
// (time and bytes), and the time of one brush event (`stroke` of a short segment, radius 20)
// while painting on 2048². The page (tests/bench/mask/) loads the JS package from
// crates/gptunnel/pkg. Each repetition is a fresh browser context (a new wasm instance); in
// each, the two encoders alternate, and the first encode of either kind is reported apart
// ("cold": what the first export of a session costs, wasm code not yet tiered up) from the
// median of the following ones ("warm").
// The page is cross-origin isolated so `performance.now()` resolves 5 µs, not 100 µs.
//
// Usage: node mask.mjs --pkg <dir> --out <json> [--reps 7]
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/browser.mjs";
import { parseArgs, writeJson } from "./lib/files.mjs";
import { median, percentile, ratio, round } from "./lib/stats.mjs";
import { serveStatic } from "../support/serve.mjs";

const args = parseArgs();
const reps = Number(args.reps ?? 7);
const options = { brushEvents: 2000, brushRadius: 20, encodeCalls: 6 };
const here = dirname(fileURLToPath(import.meta.url));

const server = await serveStatic({ mounts: { "/": join(here, "mask"), "/pkg/": args.pkg }, isolate: true });
const browser = await launchChromium();
const browserVersion = browser.version();
const runs = [];
try {
  for (let i = 0; i < reps; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    await page.goto(server.url);
    await page.waitForFunction(() => window.maskBench !== undefined, null, { timeout: 30_000 });
    runs.push({ ...(await page.evaluate((o) => window.maskBench.run(o), options)), errors });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

/** Median over repetitions of `pick(run)`. */
const overRuns = (pick) => median(runs.map(pick));
const encodeStats = (key) => ({
  cold_ms: round(overRuns((r) => r[key].ms[0]), 2),
  warm_ms: round(overRuns((r) => median(r[key].ms.slice(1))), 2),
  png_bytes: runs[0][key].bytes,
});
const ours = encodeStats("ours");
const canvas = encodeStats("canvas");

const result = {
  bench: "mask",
  browser: `chromium ${browserVersion} (--disable-gpu: canvas is CPU-backed)`,
  repetitions: reps,
  cross_origin_isolated: runs.every((r) => r.crossOriginIsolated),
  encode: {
    size: "2048x2048",
    white_pixels: runs[0].whitePixels,
    same_content: runs.every((r) => r.sameContent),
    calls_per_repetition: options.encodeCalls,
    ours_to_base64_png: ours,
    canvas_to_data_url: canvas,
    ours_over_canvas: {
      cold_time: round(ratio(ours.cold_ms, canvas.cold_ms), 3),
      warm_time: round(ratio(ours.warm_ms, canvas.warm_ms), 3),
      // The median of ours ÷ canvas over the warm calls made back to back.
      warm_time_paired: round(median(runs.flatMap((r) => r.ours.ms.slice(1).map((ms, i) => ms / r.canvas.ms[i + 1]))), 3),
      bytes: round(ratio(ours.png_bytes, canvas.png_bytes), 4),
    },
  },
  brush: {
    size: "2048x2048",
    events_per_repetition: options.brushEvents,
    radius: options.brushRadius,
    mean_segment_px: round(runs[0].brush.meanSegmentPx, 1),
    median_us: round(overRuns((r) => median(r.brush.times)) * 1000, 1),
    p95_us: round(overRuns((r) => percentile(r.brush.times, 95)) * 1000, 1),
    mean_us: round(overRuns((r) => r.brush.times.reduce((a, b) => a + b, 0) / r.brush.times.length) * 1000, 1),
    max_us: round(overRuns((r) => Math.max(...r.brush.times)) * 1000, 1),
  },
  page_errors: [...new Set(runs.flatMap((r) => r.errors))].slice(0, 5),
};
writeJson(args.out, result);

const e = result.encode;
console.log(`masks: ${reps} repetitions, medians; same content: ${e.same_content}; isolated timer: ${result.cross_origin_isolated}`);
console.log(`  encode 2048² ours   cold ${ours.cold_ms} ms  warm ${ours.warm_ms} ms  ${ours.png_bytes} B`);
console.log(`  encode 2048² canvas cold ${canvas.cold_ms} ms  warm ${canvas.warm_ms} ms  ${canvas.png_bytes} B`);
console.log(`  ours / canvas: time cold ${e.ours_over_canvas.cold_time}x warm ${e.ours_over_canvas.warm_time}x, bytes ${e.ours_over_canvas.bytes}x`);
const b = result.brush;
console.log(`  brush r${b.radius} on 2048², ${b.events_per_repetition} events of ~${b.mean_segment_px} px: median ${b.median_us} µs  p95 ${b.p95_us} µs  mean ${b.mean_us} µs`);
console.log(`  studio editor: ${result.studio_editor}`);
