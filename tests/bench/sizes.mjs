// Size (issue 7.2): what users download.
// - The JS package (crates/gptunnel/pkg), per entry (issue 12): `gptunnel` (gptunnel_bg.wasm,
//   gptunnel.js + its snippets) and `gptunnel/mask` (gptunnel_mask_bg.wasm, gptunnel_mask.js +
//   its snippets): the wasm and the JS glue, raw, gzip -9 and brotli -11.
// - The studio's first load: every file dist/index.html pulls in (the page, its icon, CSS,
//   loader, JS glue and its imports, wasm), found by reading the HTML, JS imports and CSS
//   url()s; the floor app's first load beside it. Files the first load's JS only names as
//   `new URL("./x", import.meta.url)` (the mask editor's wasm chunk, fetched when the editor
//   first opens) are reported apart, as "on demand".
// - The largest contributors by retained size (twiggy top), on copies of both wasm files
//   optimised exactly like the shipped ones but keeping function names (`wasm-opt -Oz -g`; the
//   shipped files have them stripped). Index-space and name-section rows (`table[0]`,
//   `elem[0]`, "function names") are left out: they say nothing about what to cut.
//
// Usage: node sizes.mjs [--pkg <dir>] --studio <dist> --floor <dist> --out <json>
//          [--named-pkg <wasm>] [--named-pkg-mask <wasm>] [--named-studio <wasm>]
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { compressedSizes, parseArgs, writeJson } from "./lib/files.mjs";

const args = parseArgs();
const TOP = 10;

/** Every file under `dir`. */
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** Sizes of the concatenation of `paths`, with the file names relative to `root`. */
function group(root, paths) {
  return { files: paths.map((p) => relative(root, p)), ...compressedSizes(Buffer.concat(paths.map((p) => readFileSync(p)))) };
}

/** One package entry (`gptunnel` or `gptunnel_mask`): its wasm, and its glue with the snippet modules it imports. */
function packageSizes(pkg, name) {
  const main = join(pkg, `${name}.js`);
  const snippets = [...readFileSync(main, "utf8").matchAll(/from\s+["'](\.\/snippets\/[^"']+)["']/g)].map((m) => resolve(pkg, m[1]));
  return { wasm: group(pkg, [join(pkg, `${name}_bg.wasm`)]), js_glue: group(pkg, [main, ...snippets]) };
}

/** Local URLs referenced by `file`'s text, resolved to paths under `root`. */
function references(root, file) {
  const text = readFileSync(file, "utf8");
  const patterns = {
    ".html": /\b(?:href|src|data-js|data-wasm)="([^"]+)"/g,
    ".js": /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g,
    ".css": /url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/g,
  };
  const pattern = patterns[file.slice(file.lastIndexOf("."))];
  if (!pattern) return [];
  return [...text.matchAll(pattern)]
    .map((m) => m[1] ?? m[2])
    .filter((url) => !/^(?:[a-z]+:|\/\/|#)/i.test(url))
    .map((url) => resolve(dirname(file), decodeURIComponent(url.split(/[?#]/)[0])))
    .filter((path) => path.startsWith(resolve(root)) && existsSync(path) && statSync(path).isFile());
}

/** Files the JS files among `paths` fetch later, by `new URL("./x", import.meta.url)`. */
function lazyReferences(paths) {
  const pattern = /new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g;
  return paths
    .filter((p) => p.endsWith(".js"))
    .flatMap((p) => [...readFileSync(p, "utf8").matchAll(pattern)].map((m) => resolve(dirname(p), m[1])))
    .filter((path) => existsSync(path) && statSync(path).isFile());
}

/** Each of `paths` with its sizes, relative to `dist`, and their total. */
function fileSet(dist, paths) {
  const files = paths.map((p) => ({ path: relative(dist, p), ...compressedSizes(readFileSync(p)) }));
  const sum = (key) => files.reduce((total, f) => total + f[key], 0);
  return { files, total: { raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") } };
}

/** Every file the first load of `dist/index.html` pulls in, each with its sizes, and the total;
 * `on_demand`: what its JS fetches later (the same shape). */
function firstLoad(dist) {
  const seen = new Set();
  const queue = [resolve(dist, "index.html")];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...references(dist, file));
  }
  const onDemand = [...new Set(lazyReferences([...seen]))].filter((p) => !seen.has(p));
  return { ...fileSet(dist, [...seen]), on_demand: fileSet(dist, onDemand) };
}

/** The top items by retained size of a named copy of `shipped`; null when there is no copy. */
function largest(named, shipped) {
  if (!named || !existsSync(named)) return null;
  const rows = JSON.parse(execFileSync("twiggy", ["top", "--retained", "-f", "json", named], { encoding: "utf8", maxBuffer: 1 << 28 }));
  const shippedBytes = statSync(shipped).size;
  const meta = /^(?:table|elem|memory|type|global)\[\d+\]$|names" subsection$|^custom section|^"producers"/;
  return {
    shipped_wasm_bytes: shippedBytes,
    top: rows
      .filter((row) => !meta.test(row.name))
      .slice(0, TOP)
      .map((row) => ({
        item: row.name.replace(/::h[0-9a-f]{16}$/, ""),
        retained: row.retained_size,
        shallow: row.shallow_size,
        percent_of_shipped: Number(((100 * row.retained_size) / shippedBytes).toFixed(1)),
      })),
  };
}

// The studio's main wasm (dist/demo/ holds the demo's own `_bg.wasm`, which is not it).
const studioWasm = (dist) => walk(dist).find((p) => /(^|\/)gptunnel-studio-[0-9a-f]+_bg\.wasm$/.test(p));
const result = {
  bench: "size",
  compression: "gzip level 9, brotli quality 11",
  package: args.pkg ? packageSizes(args.pkg, "gptunnel") : null,
  package_mask: args.pkg ? packageSizes(args.pkg, "gptunnel_mask") : null,
  studio_first_load: firstLoad(args.studio),
  floor_first_load: firstLoad(args.floor),
  largest: {
    package_wasm: args.pkg ? largest(args["named-pkg"], join(args.pkg, "gptunnel_bg.wasm")) : null,
    package_mask_wasm: args.pkg ? largest(args["named-pkg-mask"], join(args.pkg, "gptunnel_mask_bg.wasm")) : null,
    studio_wasm: largest(args["named-studio"], studioWasm(args.studio)),
  },
};
writeJson(args.out, result);

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const line = (label, s) => `  ${label.padEnd(22)} ${kib(s.raw).padStart(10)} ${kib(s.gzip).padStart(10)} ${kib(s.brotli).padStart(10)}`;
console.log(`size                          raw       gzip     brotli`);
if (result.package) {
  console.log(line("package wasm", result.package.wasm));
  console.log(line("package JS glue", result.package.js_glue));
  console.log(line("package/mask wasm", result.package_mask.wasm));
  console.log(line("package/mask JS glue", result.package_mask.js_glue));
}
for (const f of result.studio_first_load.files) console.log(line(`studio ${f.path.replace(/-[0-9a-f]{16}/, "")}`, f));
console.log(line("studio first load", result.studio_first_load.total));
for (const f of result.studio_first_load.on_demand.files) console.log(line(`on demand ${f.path.replace(/-[0-9a-f]{16}/, "")}`, f));
console.log(line("floor first load", result.floor_first_load.total));
for (const [name, report] of Object.entries(result.largest)) {
  if (!report) continue;
  console.log(`  largest in ${name} (twiggy, retained bytes, % of the shipped ${kib(report.shipped_wasm_bytes)}):`);
  for (const row of report.top) console.log(`    ${String(row.retained).padStart(8)}  ${String(row.percent_of_shipped).padStart(5)}%  ${row.item}`);
}
