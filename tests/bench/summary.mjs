// The final table of scripts/bench.sh: reads the result files under target/bench/
// (polling, size, start, mask, editor, history), prints one table and writes them together as summary.json with
// when, where and how long. A missing result prints as "not measured" with the failed step.
//
// Usage: node summary.mjs --dir <target/bench> --started <unix seconds> [--failed "a b"]
//          [--commit <sha>]
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs, readJson, writeJson } from "./lib/files.mjs";

const args = parseArgs();
const dir = args.dir;
const failed = (args.failed ?? "").split(" ").filter(Boolean);
const load = (name) => (existsSync(join(dir, `${name}.json`)) ? readJson(join(dir, `${name}.json`)) : null);
const results = { polling: load("polling"), size: load("size"), start: load("start"), mask: load("mask"), editor: load("editor"), history: load("history"), relays: load("relays") };
const durationS = Math.round(Date.now() / 1000 - Number(args.started));

/** Whether the files read from index.html are the ones Chromium fetched in the start bench. */
function sameFiles(size, start) {
  if (!start) return null;
  const fetched = start.apps.studio.fetched.map((f) => (f.path === "/" ? "index.html" : f.path.slice(1))).sort();
  const parsed = size.studio_first_load.files.map((f) => f.path).sort();
  if (fetched.join() === parsed.join()) return "= the files Chromium fetched when the studio started";
  const notFetched = parsed.filter((f) => !fetched.includes(f));
  const notCounted = fetched.filter((f) => !parsed.includes(f));
  return `differ from what Chromium fetched: not fetched ${notFetched.join(", ") || "none"}; fetched, not counted ${notCounted.join(", ") || "none"}`;
}

const out = [];
const say = (text = "") => out.push(text);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
const x = (r) => (r == null ? "n/a" : `${r.toFixed(2)}x`);
const missing = (step) => say(`   not measured${failed.length ? ` (failed steps: ${failed.join(", ")})` : ""}: see ${dir}/logs/`);

say(`gptunnel benchmarks — ${new Date().toISOString()}${args.commit ? `, commit ${args.commit}` : ""}`);
say(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}; every comparison is within this run`);
say();

say("1. Polling efficiency (virtual clock, medians over seeds; cargo bench -p gptunnel --bench polling)");
const polling = results.polling;
if (!polling) missing("polling");
else {
  say(`   ${"poller".padEnd(18)}${"req/finished".padStart(13)}${"req/job".padStart(9)}${"median s".padStart(10)}${"p95 s".padStart(8)}${"failed".padStart(8)}${"timed out".padStart(10)}`);
  for (const p of polling.pollers) {
    const n = (v) => (v == null ? "n/a" : v.toFixed(2));
    say(`   ${p.name.padEnd(18)}${n(p.requests_per_finished_job).padStart(13)}${n(p.requests_per_job).padStart(9)}${n(p.median_done_delay_s).padStart(10)}${n(p.p95_done_delay_s).padStart(8)}${String(p.failed).padStart(8)}${String(p.timed_out).padStart(10)}`);
  }
  const r = polling.ours_vs_fixed_2s;
  say(`   ours / fixed 2 s: requests per finished job ${x(r.requests_ratio)}, median done delay ${x(r.median_delay_ratio)}, plain jobs ${x(r.plain_requests_ratio)}`);
}
say();

say("2. Size (gzip -9, brotli -11)");
const size = results.size;
if (!size) missing("size");
else {
  const row = (label, s) => say(`   ${label.padEnd(34)}${kib(s.raw)}${kib(s.gzip)}${kib(s.brotli)}`);
  say(`   ${"".padEnd(34)}${"raw".padStart(11)}${"gzip".padStart(11)}${"brotli".padStart(11)}`);
  if (size.package) {
    row("package wasm", size.package.wasm);
    row("package JS glue", size.package.js_glue);
  }
  if (size.package_mask) {
    row("package/mask wasm", size.package_mask.wasm);
    row("package/mask JS glue", size.package_mask.js_glue);
  }
  row(`studio first load (${size.studio_first_load.files.length} files)`, size.studio_first_load.total);
  const onDemand = size.studio_first_load.on_demand;
  if (onDemand?.files.length) row(`studio mask editor, when it opens (${onDemand.files.length})`, onDemand.total);
  row(`floor first load (${size.floor_first_load.files.length} files)`, size.floor_first_load.total);
  say(`   studio / floor first load, gzip: ${x(size.studio_first_load.total.gzip / size.floor_first_load.total.gzip)}`);
  say(`   first-load files ${sameFiles(size, results.start) ?? "not compared (no start result)"}`);
  for (const [name, report] of Object.entries(size.largest)) {
    if (!report) {
      say(`   largest in ${name}: not measured`);
      continue;
    }
    say(`   largest in ${name.replaceAll("_", " ")} by retained size (twiggy; % of the shipped ${kib(report.shipped_wasm_bytes).trim()}):`);
    for (const item of report.top) {
      const name = item.item.length > 84 ? `${item.item.slice(0, 81)}...` : item.item;
      say(`     ${kib(item.retained)} ${`${item.percent_of_shipped.toFixed(1)}%`.padStart(6)}  ${name}`);
    }
  }
}
say();

const start = results.start;
say(`3. Studio start: navigation start → first frame with the prompt bar usable, headless Chromium, loopback${start ? `, gzip ${start.server.gzip ? "on" : "off"}, ${start.runs} fresh loads each` : ""}`);
if (!start) missing("start");
else {
  say(`   ${"".padEnd(18)}${"median".padStart(10)}${"p90".padStart(10)}`);
  for (const [name, r] of Object.entries(start.apps)) {
    const note = r.failed_loads ? `   (${r.failed_loads} loads never got ready)` : "";
    const ms = (v) => (v == null ? "n/a" : `${v.toFixed(1)} ms`);
    say(`   ${(name === "floor" ? "floor (empty app)" : name).padEnd(18)}${ms(r.median_ms).padStart(10)}${ms(r.p90_ms).padStart(10)}${note}`);
  }
  const r = start.studio_over_floor;
  say(`   ${"studio / floor".padEnd(18)}${x(r.median).padStart(10)}${x(r.p90).padStart(10)}   (median of back-to-back pairs: ${x(r.paired_median)})`);
}
say();

const mask = results.mask;
say(`4. Masks, 2048×2048, headless Chromium${mask ? `, medians of ${mask.repetitions} fresh pages` : ""}`);
if (!mask) missing("mask");
else {
  const e = mask.encode;
  say(`   ${"encode to base64 PNG".padEnd(30)}${"first call".padStart(12)}${"warm".padStart(10)}${"PNG bytes".padStart(11)}`);
  const ms = (v) => `${v.toFixed(1)} ms`;
  const row = (label, s) => say(`   ${label.padEnd(30)}${ms(s.cold_ms).padStart(12)}${ms(s.warm_ms).padStart(10)}${String(s.png_bytes).padStart(11)}`);
  row("Mask.toBase64Png() (ours)", e.ours_to_base64_png);
  row('canvas.toDataURL("image/png")', e.canvas_to_data_url);
  const r = e.ours_over_canvas;
  say(`   ${"ours / canvas".padEnd(30)}${x(r.cold_time).padStart(12)}${x(r.warm_time).padStart(10)}${x(r.bytes).padStart(11)}   (warm, median of back-to-back pairs: ${x(r.warm_time_paired)})`);
  if (!e.same_content) say("   WARNING: the canvas did not hold exactly the mask's pixels");
  const b = mask.brush;
  say(`   brush event (stroke, radius ${b.radius}, ~${b.mean_segment_px} px segments, ${b.events_per_repetition} events):`);
  say(`     median ${b.median_us} µs, p95 ${b.p95_us} µs, mean ${b.mean_us} µs, max ${b.max_us} µs (timer step ${mask.cross_origin_isolated ? "5" : "100"} µs)`);
}
const editor = results.editor;
if (!editor) missing("editor");
else {
  say(`   studio mask editor (real pointer events, ${editor.repetitions} × ${editor.events_per_repetition} on 2048×2048, brush ${editor.brush_px} px):`);
  say(`     event → overlay updated: median ${editor.median_ms} ms, p90 ${editor.p90_ms} ms, max ${editor.max_ms} ms (timer step ${editor.timer_step_ms} ms)`);
}
say();

const history = results.history;
say(`5. A ${history ? history.tasks : 5000}-task history vs an empty one (10 tasks for one poll update), headless Chromium, real emulator`);
if (!history) missing("history");
else {
  const { load: l, dom, scroll: sc, poll_update: pu, memory: m } = history;
  const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
  say(`   load → usable prompt bar, median of ${history.loads}: empty ${l.empty_median_ms} ms, full ${l.big_median_ms} ms: ${x(l.big_over_empty)} (target ≤ 1.5x)`);
  say(`   cards in the DOM after load: ${dom.cards_after_load.big}; the first ${dom.checked_in_order} are the fixture's, newest first`);
  say(`   scrolling ${sc.big.frames} frames: p95 ${sc.big.p95_ms} ms, max ${sc.big.max_ms} ms, ${sc.big.over_25ms} over 25 ms (10 tasks: p95 ${sc.ten.p95_ms} ms, max ${sc.ten.max_ms} ms)`);
  say(`   one poll update: ${pu.big.cards_per_update_max} card(s) touched at most, median ${pu.big.update_median_ms} ms (10 tasks: ${pu.ten.update_median_ms} ms): ${x(pu.big_over_ten_ms)}`);
  say(`   main thread busy while its tasks run: ${pu.big.main_thread_busy_ms_per_s} ms/s (10 tasks: ${pu.ten.main_thread_busy_ms_per_s} ms/s): ${x(pu.big_over_ten_busy)}`);
  say(`   memory (JS heap + wasm) after load: empty ${mib(m.empty.total_bytes)}, full ${mib(m.big.total_bytes)}: ${x(m.big_over_empty)} (target ≤ 2x)`);
}
say();

say("6. Relays (deploy/): added latency per request, loopback, medians (node tests/bench/relays.mjs)");
const relays = results.relays;
if (!relays) missing("relays");
else {
  for (const r of relays.relays) {
    const size = `${r.config_lines.code} lines of ${r.config_lines.kind} (${r.config_lines.total} with comments)`;
    if (r.skipped) say(`   ${r.name.padEnd(8)}not measured: ${r.skipped}`);
    else say(`   ${r.name.padEnd(8)}direct ${r.direct_median_ms} ms, relayed ${r.relay_median_ms} ms, added ${r.added_median_ms} ms (p90 ${r.added_p90_ms} ms); ${size}`);
  }
}
say();
say(`took ${Math.floor(durationS / 60)} min ${durationS % 60} s${failed.length ? `; FAILED steps: ${failed.join(", ")}` : ""}`);

console.log(out.join("\n"));
writeJson(join(dir, "summary.json"), {
  generated_at: new Date().toISOString(),
  commit: args.commit ?? null,
  machine: { cores: cpus().length, load_average_at_end: loadavg() },
  duration_s: durationS,
  failed_steps: failed,
  ...results,
});
