#!/usr/bin/env bash
# Builds the npm package `gptunnel` (entries `gptunnel` and `gptunnel/mask`, one wasm each)
# into crates/gptunnel/pkg/:
#   release wasm (cargo) → JS glue + .d.ts (wasm-bindgen --target web) → wasm-opt -Oz
#   → package.json (name, version from Cargo, exports map) and the package README,
# then prints each entry's wasm and JS glue sizes (raw, gzip, brotli) against its target.
#
# Usage: scripts/build-pkg.sh
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli equal to the crate's wasm-bindgen
# version, and wasm-opt from npm binaryen (scripts/node_modules; scripts/setup.sh installs all).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

crate_dir=crates/gptunnel
pkg="$crate_dir/pkg"
# npm's binaryen first: Debian's wasm-opt is too old for current rustc output (TOOLCHAIN.md).
export PATH="$root/scripts/node_modules/.bin:$PATH"

say() { printf '[build-pkg] %s\n' "$*" >&2; }

for tool in wasm-bindgen wasm-opt esbuild node; do
  command -v "$tool" >/dev/null || { say "$tool not found: run scripts/setup.sh first"; exit 1; }
done

rm -rf "$pkg"
# One wasm per entry: the same crate built once per binding feature (src/js.rs).
#   gptunnel       feature js       Client, GptunnelError (+ its allocator, package-allocator)
#   gptunnel_mask  feature js-mask  Mask (and the same GptunnelError class) (+ the same allocator)
for entry in gptunnel:js,package-allocator gptunnel_mask:js-mask,package-allocator; do
  name="${entry%%:*}" feature="${entry#*:}"
  say "$name: cargo build (release, wasm32, --features $feature)"
  cargo build -p gptunnel --target wasm32-unknown-unknown --release --features "$feature"
  # Kept per entry (cargo overwrites gptunnel.wasm): scripts/bench.sh makes named copies for twiggy.
  release="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release"
  cp "$release/gptunnel.wasm" "$release/entry-$name.wasm"
  say "$name: wasm-bindgen --target web"
  wasm-bindgen --target web --out-dir "$pkg" --out-name "$name" "$release/entry-$name.wasm"
  # Import, export and module names minified too (wasm-bindgen's carry 16 random hex digits),
  # in the wasm by wasm-opt, which prints the mapping, and in the glue and types after it.
  say "$name: wasm-opt -Oz --minify-imports-and-exports-and-modules"
  wasm-opt -Oz --strip-debug --strip-producers --minify-imports-and-exports-and-modules \
    "$pkg/${name}_bg.wasm" -o "$pkg/${name}_bg.wasm" >"$pkg/$name.names.json"
  node scripts/minify-wasm-names.mjs "$pkg" "$name" "$pkg/$name.names.json"
  rm "$pkg/$name.names.json"
  # The glue minified (esbuild): editors read the docs from the .d.ts, and the glue is what
  # every page downloads (issue 12). ES module in, ES module out, export names kept.
  say "$name: esbuild --minify (JS glue)"
  esbuild "$pkg/$name.js" --minify --format=esm --log-level=warning --outfile="$pkg/$name.js" --allow-overwrite
done

cp "$crate_dir/README.md" "$pkg/README.md"

say "package.json"
cargo metadata --no-deps --format-version 1 | node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const metadata = JSON.parse(readFileSync(0, "utf8"));
const crate = metadata.packages.find((p) => p.name === "gptunnel");
const entry = (name) => ({ types: `./${name}.d.ts`, import: `./${name}.js`, default: `./${name}.js` });
const manifest = {
  name: "gptunnel",
  version: crate.version,
  description: crate.description,
  license: crate.license,
  repository: crate.repository,
  keywords: ["gptunnel", "midjourney", "imagen", "image-generation", "wasm"],
  type: "module",
  main: "./gptunnel.js",
  module: "./gptunnel.js",
  types: "./gptunnel.d.ts",
  exports: {
    ".": entry("gptunnel"),
    // Its own wasm: apps that never paint a mask never download the PNG codec.
    "./mask": entry("gptunnel_mask"),
    // For Node, which reads the bytes itself: import.meta.resolve("gptunnel/gptunnel_bg.wasm").
    "./gptunnel_bg.wasm": "./gptunnel_bg.wasm",
    "./gptunnel_mask_bg.wasm": "./gptunnel_mask_bg.wasm",
    "./package.json": "./package.json",
  },
  sideEffects: false,
  files: [
    ...["gptunnel", "gptunnel_mask"].flatMap((name) => [`${name}.js`, `${name}.d.ts`, `${name}_bg.wasm`, `${name}_bg.wasm.d.ts`]),
    "snippets/",
    "README.md",
  ],
  engines: { node: ">=20" },
};
writeFileSync(process.argv[1] + "/package.json", JSON.stringify(manifest, null, 2) + "\n");
' "$pkg"

say "sizes (targets, issue 12: gzip -9 of wasm + JS glue, client ≤ 80 KB, mask ≤ 60 KB)"
node --input-type=module -e '
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
const pkg = process.argv[1];
// An entry glue file and the snippet modules it imports (js/error.js).
const glue = (name) => {
  const main = join(pkg, `${name}.js`);
  const imports = [...readFileSync(main, "utf8").matchAll(/from\s+["\x27](\.\/snippets\/[^"\x27]+)["\x27]/g)];
  return [main, ...imports.map((m) => resolve(pkg, m[1]))];
};
const sizes = (paths) => {
  const bytes = Buffer.concat(paths.map((p) => readFileSync(p)));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KiB";
const line = (label, s) => console.log(`${label.padEnd(22)} ${kb(s.raw)}  ${kb(s.gzip)}  ${kb(s.brotli)}`);
// KB as in the issue: 1000 bytes.
const entries = [["gptunnel", "gptunnel", 80], ["gptunnel/mask", "gptunnel_mask", 60]];
console.log("                          raw        gzip -9     brotli -11");
let allMet = true;
for (const [label, name, targetKb] of entries) {
  const wasm = sizes([join(pkg, `${name}_bg.wasm`)]);
  const js = sizes(glue(name));
  const total = { raw: wasm.raw + js.raw, gzip: wasm.gzip + js.gzip, brotli: wasm.brotli + js.brotli };
  line(`${label} wasm`, wasm);
  line(`${label} JS glue`, js);
  line(`${label} total`, total);
  const met = total.gzip <= targetKb * 1000;
  allMet &&= met;
  console.log(`  ${label}: ${(total.gzip / 1000).toFixed(1)} KB gzip, target ≤ ${targetKb} KB: ${met ? "MET" : "NOT MET"}`);
}
if (!allMet) console.log("  (sizes are printed, not enforced: the build itself succeeded)");
' "$pkg"
say "done: $pkg"
