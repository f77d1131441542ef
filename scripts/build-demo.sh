#!/usr/bin/env bash
# Builds the demo mode into a static site folder: the emulator's service compiled to wasm
# (crates/gptunnel-demo, release, wasm-bindgen --target no-modules for importScripts, then
# wasm-opt -Oz when on PATH) as <out>/demo/, loaded by the studio's Service Worker (web/sw.js).
# Run by Trunk after every studio build (scripts/post-build.sh, into its staging dir), so
# `trunk build` makes a complete site. Usage: scripts/build-demo.sh [out] (default: Trunk's
# staging dir, else dist/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-${TRUNK_STAGING_DIR:-$root/dist}}"
target="${CARGO_TARGET_DIR:-$root/target}"

cargo build --manifest-path "$root/Cargo.toml" -p gptunnel-demo \
  --target wasm32-unknown-unknown --release
mkdir -p "$out/demo"
wasm-bindgen --target no-modules --no-typescript --out-dir "$out/demo" \
  "$target/wasm32-unknown-unknown/release/gptunnel_demo.wasm"
# wasm-opt only for release sites: `trunk serve` (debug) rebuilds stay quick.
if [ "${TRUNK_PROFILE:-release}" = release ] && command -v wasm-opt >/dev/null; then
  wasm-opt -Oz --strip-debug --strip-producers \
    "$out/demo/gptunnel_demo_bg.wasm" -o "$out/demo/gptunnel_demo_bg.wasm"
fi
