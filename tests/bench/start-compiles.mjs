// What V8 compiles while the studio starts (issue 12): V8 compiles a wasm function lazily, on the
// main thread, the first time it is called, so the code the first view runs costs its
// compilation inside `main`. This loads the studio fresh (as tests/bench/start.mjs does) under a
// Chromium trace and lists the functions compiled lazily before the prompt bar is in the DOM:
// how many, their code bytes, the trace's compile time (tracing makes it slower than untraced),
// by crate and the largest. Names come from a copy of the main wasm optimised like the shipped
// one but keeping its names (scripts/bench.sh writes one: `named/studio.wasm`); it must have the
// same functions, body for body, or this refuses to guess.
//
// Usage: node tests/bench/start-compiles.mjs --studio <dist> --named <wasm> [--runs 3] [--top 15]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { FUNCTION, Reader, sections } from "../../web/wasm-binary.mjs";
import { launchChromium } from "../support/browser.mjs";
import { parseArgs } from "./lib/files.mjs";
import { watchForReady } from "./lib/ready.mjs";
import { serveStatic } from "../support/serve.mjs";

const args = parseArgs();
const runs = Number(args.runs ?? 3);
const top = Number(args.top ?? 15);
const READY = ['[data-testid="prompt"]', '[data-testid="submit"]'];

/** Function imports, code body sizes and (name section) function names of a wasm module. */
function functionsOf(path) {
  const bytes = readFileSync(path);
  let imports = 0;
  const sizes = [];
  const names = new Map();
  for (const { id, body, end } of sections(bytes)) {
    const reader = new Reader(bytes, body);
    if (id === 2) {
      for (let n = reader.u32(); n > 0; n--) {
        reader.name();
        reader.name();
        if (reader.importDescription() === FUNCTION) imports++;
      }
    } else if (id === 10) {
      for (let n = reader.u32(); n > 0; n--) {
        const size = reader.u32();
        sizes.push(size);
        reader.at += size;
      }
    } else if (id === 0 && reader.name() === "name") {
      while (reader.at < end) {
        const sub = bytes[reader.at++];
        const subEnd = reader.u32() + reader.at;
        if (sub === 1) for (let n = reader.u32(); n > 0; n--) names.set(reader.u32(), reader.name());
        reader.at = subEnd;
      }
    }
  }
  return { imports, sizes, names };
}

const mainWasm = readdirSync(args.studio).find((f) => /^gptunnel-studio-[0-9a-f]+_bg\.wasm$/.test(f));
const shipped = functionsOf(join(args.studio, mainWasm));
const named = functionsOf(args.named);
if (shipped.imports !== named.imports || shipped.sizes.join() !== named.sizes.join()) {
  console.error(`start-compiles: ${args.named} is not ${mainWasm} with names (its functions differ)`);
  process.exit(1);
}
const nameOf = (index) => named.names.get(index) ?? `function ${index}`;
const sizeOf = (index) => named.sizes[index - named.imports];

const traces = mkdtempSync(join(tmpdir(), "start-compiles-"));
const server = await serveStatic({ mounts: { "/": args.studio }, gzip: true });
const browser = await launchChromium();
const compiledMs = new Map(); // function index -> compile ms summed over the loads
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(watchForReady, READY);
    const path = join(traces, `${run}.json`);
    await browser.startTracing(page, { path, categories: ["v8.wasm", "blink.user_timing"] });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__benchInDomMs !== undefined, null, { timeout: 30_000 });
    await browser.stopTracing();
    await context.close();
    const events = JSON.parse(readFileSync(path, "utf8")).traceEvents;
    const ready = events.find((e) => e.name === "bench-in-dom").ts;
    const lazy = events.filter((e) => e.name === "wasm.CompileLazy" && e.ts < ready);
    const bytes = lazy.reduce((sum, e) => sum + sizeOf(e.args.func_index), 0);
    const ms = lazy.reduce((sum, e) => sum + e.dur, 0) / 1000;
    console.log(`load ${run + 1}: ${lazy.length} functions compiled lazily, ${(bytes / 1024).toFixed(1)} KiB of code, ${ms.toFixed(1)} ms (traced)`);
    for (const e of lazy) compiledMs.set(e.args.func_index, (compiledMs.get(e.args.func_index) ?? 0) + e.dur / 1000);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(traces, { recursive: true, force: true });
}

const rows = [...compiledMs].map(([index, ms]) => ({ name: nameOf(index), bytes: sizeOf(index), ms: ms / runs }));
const total = rows.reduce((sum, r) => sum + r.bytes, 0);
const shippedCode = shipped.sizes.reduce((a, b) => a + b, 0);
console.log(`\nin any load: ${rows.length} functions, ${(total / 1024).toFixed(1)} KiB of the main wasm's ${(shippedCode / 1024).toFixed(1)} KiB of code`);
// The crate is the first path segment of the (demangled) name; `<T as Trait>` names by T's.
const crateOf = (name) => name.match(/^<?&?(?:dyn )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/)?.[1] ?? "(other)";
const byCrate = new Map();
for (const r of rows) {
  const c = byCrate.get(crateOf(r.name)) ?? { n: 0, bytes: 0, ms: 0 };
  c.n++;
  c.bytes += r.bytes;
  c.ms += r.ms;
  byCrate.set(crateOf(r.name), c);
}
console.log("\nby crate: functions, KiB, ms per load (traced)");
for (const [crate, c] of [...byCrate].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
  console.log(`  ${crate.padEnd(24)} ${String(c.n).padStart(4)} ${(c.bytes / 1024).toFixed(1).padStart(6)} ${c.ms.toFixed(2).padStart(6)}`);
}
console.log("\nlargest: bytes, ms per load (traced), name");
for (const r of rows.sort((a, b) => b.bytes - a.bytes).slice(0, top)) {
  console.log(`  ${String(r.bytes).padStart(6)} ${r.ms.toFixed(2).padStart(6)} ${r.name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 110)}`);
}
