#!/usr/bin/env bash
# Builds the npm package `gptunnel` into crates/gptunnel/pkg/:
#   release wasm (cargo) → JS glue + .d.ts (wasm-bindgen --target web) → wasm-opt -Oz
#   → package.json (name, version from Cargo, exports map) and the package README,
# then prints the sizes of the wasm and the JS glue: raw, gzip and brotli.
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

for tool in wasm-bindgen wasm-opt node; do
  command -v "$tool" >/dev/null || { say "$tool not found: run scripts/setup.sh first"; exit 1; }
done

say "cargo build (release, wasm32)"
cargo build -p gptunnel --target wasm32-unknown-unknown --release --features js

say "wasm-bindgen --target web"
rm -rf "$pkg"
wasm-bindgen --target web --out-dir "$pkg" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/gptunnel.wasm"

say "wasm-opt -Oz"
wasm-opt -Oz --strip-debug --strip-producers "$pkg/gptunnel_bg.wasm" -o "$pkg/gptunnel_bg.wasm"

cp "$crate_dir/README.md" "$pkg/README.md"

say "package.json"
cargo metadata --no-deps --format-version 1 | node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const metadata = JSON.parse(readFileSync(0, "utf8"));
const crate = metadata.packages.find((p) => p.name === "gptunnel");
const entry = { types: "./gptunnel.d.ts", import: "./gptunnel.js", default: "./gptunnel.js" };
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
    ".": entry,
    // For Node, which reads the bytes itself: import.meta.resolve("gptunnel/gptunnel_bg.wasm").
    "./gptunnel_bg.wasm": "./gptunnel_bg.wasm",
    "./package.json": "./package.json",
  },
  sideEffects: false,
  files: ["gptunnel.js", "gptunnel.d.ts", "gptunnel_bg.wasm", "gptunnel_bg.wasm.d.ts", "snippets/", "README.md"],
  engines: { node: ">=20" },
};
writeFileSync(process.argv[1] + "/package.json", JSON.stringify(manifest, null, 2) + "\n");
' "$pkg"

say "sizes"
node --input-type=module -e '
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
const pkg = process.argv[1];
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const glue = [join(pkg, "gptunnel.js"), ...files(join(pkg, "snippets")).filter((f) => f.endsWith(".js"))];
const groups = [["wasm", [join(pkg, "gptunnel_bg.wasm")]], ["JS glue", glue]];
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KiB";
console.log("               raw        gzip -9     brotli -11");
for (const [label, paths] of groups) {
  const bytes = Buffer.concat(paths.map((p) => readFileSync(p)));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${label.padEnd(9)} ${kb(bytes.length)}  ${kb(gzip)}  ${kb(brotli)}`);
}
' "$pkg"
say "done: $pkg"
