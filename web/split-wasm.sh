#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): cuts the studio's wasm into a main module and chunks
# fetched on first use, so that the mask editor (its views, the mask model, the PNG encoder)
# and the poller (the core's wait loops) are not part of the first load.
#
# Trunk has built the binary with the `split` feature (index.html), run wasm-bindgen and
# wasm-opt, and left `gptunnel-studio-<hash>.js` / `_bg.wasm` in the staging dir. This redoes
# the last two steps on a split binary:
#   1. wasm-split-cli (wasm_split_cli_support, installed by scripts/setup.sh) splits Cargo's
#      raw output (linked with --emit-relocs, web/build.rs) at the `#[wasm_split]` function
#      into a main module, one chunk per split point and a small JS loader;
#   2. wasm-bindgen and (release) wasm-opt, as Trunk runs them, on the main module; wasm-opt
#      on the chunks; (release) the import names shortened (web/minify-imports.mjs);
#   3. esbuild bundles the loader into the glue (minified in release): one module to fetch
#      and link before the wasm can be instantiated, not two;
#   4. the results replace Trunk's files under the same hashed names; the chunks get names
#      derived from that hash too, so a cached old chunk never meets a new main;
#      index.html's preload `integrity` hashes are recomputed for the replaced files.
# The chunk is fetched with `fetch(new URL(<chunk>, import.meta.url))`: same origin, relative
# to the glue, so it works under any sub-path and the page's CSP (connect-src 'self').
set -euo pipefail

staging="${TRUNK_STAGING_DIR:?run by trunk as a hook}"
profile="${TRUNK_PROFILE:?run by trunk as a hook}"
shopt -s nullglob
glue=("$staging"/gptunnel-studio-*.js)
[ "${#glue[@]}" -eq 1 ] || { echo "split-wasm: expected one studio glue in $staging" >&2; exit 1; }
stem="$(basename "${glue[0]}" .js)"

target_dir="$(cargo metadata --format-version 1 --no-deps --manifest-path "$TRUNK_SOURCE_DIR/Cargo.toml" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
raw="$target_dir/wasm32-unknown-unknown/$profile/gptunnel-studio.wasm"
work="$target_dir/wasm-split/$profile"
rm -rf "$work" && mkdir -p "$work/split" "$work/bindgen" "$work/out"

wasm-split-cli "$raw" "$work/split" --target web --out-name "$stem"
chunks=()
for wasm in "$work/split"/*.wasm; do
  [ "$(basename "$wasm")" = "$stem.wasm" ] || chunks+=("$wasm")
done
[ "${#chunks[@]}" -gt 0 ] || { echo "split-wasm: no split point found (is split on?)" >&2; exit 1; }

wasm-bindgen --target web --no-typescript --out-dir "$work/bindgen" --out-name "$stem" \
  "$work/split/$stem.wasm"
# Release: wasm-bindgen's long import names shortened, in the wasm and the glue alike.
if [ "$profile" = release ]; then
  node "$(dirname "$0")/minify-imports.mjs" "$work/bindgen/${stem}_bg.wasm" "$work/bindgen/$stem.js"
fi

loader="${stem}_split.js"
# Only the import statement: the imports object keeps the module name the wasm asks for.
sed "/^import /s#['\"]\./__wasm_split\.js['\"]#'./$loader'#" "$work/bindgen/$stem.js" >"$work/out/$stem.js"
grep -q "^import .*'./$loader'" "$work/out/$stem.js" || { echo "split-wasm: glue does not import the loader" >&2; exit 1; }
cp "$work/split/__wasm_split.js" "$work/out/$loader"
node "$(dirname "$0")/split-export-table.mjs" "$work/bindgen/${stem}_bg.wasm"
# Release: wasm-opt -Oz on the main module and every chunk, in one process (web/wasm-opt-z.mjs).
pairs=("$work/bindgen/${stem}_bg.wasm" "$work/out/${stem}_bg.wasm")
for chunk in "${chunks[@]}"; do
  name="$(basename "$chunk")"
  pairs+=("$chunk" "$work/out/${stem}_$name")
  sed -i "s#\./$name\b#./${stem}_$name#g" "$work/out/$loader"
done
if [ "$profile" = release ]; then
  node "$(dirname "$0")/wasm-opt-z.mjs" "${pairs[@]}"
else
  for ((i = 0; i < ${#pairs[@]}; i += 2)); do cp "${pairs[i]}" "${pairs[i + 1]}"; done
fi
# The loader bundled into the glue: as a module of its own (preloaded) it held the wasm's
# instantiation back by about 10 ms of a fresh start (fetched, compiled and linked before the
# glue could run; Performance §3). Release: minified (as scripts/build-pkg.sh does for the
# package): 13.0 + 1.9 kB gzip of the first load unminified; smaller to send and to parse.
minify=()
[ "$profile" = release ] && minify=(--minify)
esbuild "$work/out/$stem.js" --bundle "${minify[@]}" --format=esm --log-level=error \
  --outfile="$work/out/$stem.js" --allow-overwrite
rm "$work/out/$loader"
cp "$work/out"/* "$staging"/
node - "$staging/index.html" "$stem.js" "${stem}_bg.wasm" <<'JS'
// Sets integrity="sha384-…" of the tags naming each replaced file to its new content's hash.
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const [html, ...files] = process.argv.slice(2);
const sri = (file) => "sha384-" + createHash("sha384").update(readFileSync(join(dirname(html), file))).digest("base64");
let text = readFileSync(html, "utf8");
for (const file of files) {
  const tag = new RegExp(`(<[^>]*href="\\./${file.replace(/[.]/g, "\\.")}"[^>]*integrity=")[^"]*(")`, "g");
  text = text.replace(tag, `$1${sri(file)}$2`);
}
writeFileSync(html, text);
JS
echo "split-wasm: $stem split into main + ${#chunks[@]} chunk(s)"
