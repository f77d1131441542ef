#!/usr/bin/env bash
# Benchmarks (issue 7): what users feel, side by side with the obvious alternatives.
#   1. polling   our poller vs fixed-interval polling (cargo bench, virtual clock)
#   2. size      the JS package and the studio's first load; largest wasm contributors (twiggy)
#   3. start     studio start vs an empty Leptos app (tests/bench/floor), headless Chromium;
#                and the wasm functions V8 compiles before the prompt bar is in the DOM
#   4. mask      Mask.toBase64Png vs canvas.toDataURL, and one brush event, headless Chromium;
#      editor    one brush event through the studio's mask editor (real emulator, 2048²)
#   5. history   the studio with 5,000 tasks in IndexedDB vs an empty history (and vs 10 tasks
#                for one poll update): load, cards in the DOM and scrolling, memory
#   6. relays    latency each relay of deploy/ adds (nginx, Cloudflare Worker in workerd,
#      gptunnel-relay), 1000 GET /v1/balance direct vs relayed, loopback; config sizes
# Prints one table at the end and writes every result as JSON under $CARGO_TARGET_DIR/bench/
# (default target/bench/; summary.json holds them all, logs/ each step's output).
#
# It reports numbers and never fails on them: machines are shared and noisy, so every
# comparison is a ratio within this run, over repetitions, with medians. It exits non-zero only
# when a step could not run (a build broke); the other steps still run and print.
#
# Usage: scripts/bench.sh
#   BENCH_START_RUNS=20  fresh loads per app for the start benchmark (at least 10)
#   BENCH_MASK_REPS=7    fresh pages for the mask benchmark (at least 5)
#   BENCH_RELAY_REQUESTS=1000 requests per relay (and as many direct) for the relay benchmark
#   BENCH_HISTORY_LOADS=10  page loads per history arm (at least 10)
#   BENCH_GROUPS="size start"  only these groups (of: polling size start mask editor history relays), and
#                        only the builds they need; default all
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

TWIGGY_VERSION=0.8.0
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
# Absolute, so the steps that build from another folder (the floor app) agree on it.
[ -n "${CARGO_TARGET_DIR:-}" ] && export CARGO_TARGET_DIR="$target"
out="$target/bench"
start_runs="${BENCH_START_RUNS:-20}"
mask_reps="${BENCH_MASK_REPS:-7}"
history_loads="${BENCH_HISTORY_LOADS:-10}"
started="$(date +%s)"
failed=()
groups=" ${BENCH_GROUPS:-polling size start mask editor history relays} "
want() { for g in "$@"; do [[ "$groups" == *" $g "* ]] && return 0; done; return 1; }

# npm's binaryen first: trunk and build-pkg.sh take the first wasm-opt (TOOLCHAIN.md).
export PATH="$root/scripts/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '\n[bench] %s\n' "$*" >&2; }

# Runs a named step, showing its output and keeping it in $out/logs/<name>.log.
step() {
  local name="$1"
  shift
  say "$name"
  "$@" 2>&1 | tee "$out/logs/$name.log"
  local rc="${PIPESTATUS[0]}"
  if [ "$rc" -ne 0 ]; then
    say "$name FAILED (exit $rc): $out/logs/$name.log"
    failed+=("$name")
  fi
  return "$rc"
}
failed_step() { [[ " ${failed[*]} " == *" $1 "* ]]; }

tools() {
  scripts/setup.sh || return
  if [ "$(twiggy --version 2>/dev/null | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
    cargo install twiggy --version "$TWIGGY_VERSION" --locked --force || return
  fi
}

studio() {
  rm -rf "$out/studio/dist"
  trunk build index.html --release --dist "$out/studio/dist"
}

# Its own workspace, target dir and dist; built exactly like the studio.
floor() {
  rm -rf "$out/floor/dist"
  (cd tests/bench/floor &&
    CARGO_TARGET_DIR="$out/floor/target" trunk build index.html --release --dist "$out/floor/dist")
}

# Copies of the package and studio wasm optimised like the shipped ones but keeping function
# names (wasm-opt -g), for twiggy: the shipped files have their names stripped.
named_wasm() {
  local release="$target/wasm32-unknown-unknown/release" tmp="$out/named/bindgen"
  mkdir -p "$out/named"
  rm -f "$out/named/package.wasm" "$out/named/package-mask.wasm" "$out/named/studio.wasm"
  if want size && ! failed_step package; then
    # One per package entry (build-pkg.sh keeps each entry's cargo output).
    rm -rf "$tmp" && wasm-bindgen --target web --out-dir "$tmp" "$release/entry-gptunnel.wasm" &&
      wasm-opt -Oz -g "$tmp/entry-gptunnel_bg.wasm" -o "$out/named/package.wasm" || return
    rm -rf "$tmp" && wasm-bindgen --target web --out-dir "$tmp" "$release/entry-gptunnel_mask.wasm" &&
      wasm-opt -Oz -g "$tmp/entry-gptunnel_mask_bg.wasm" -o "$out/named/package-mask.wasm" || return
  fi
  if ! failed_step studio; then
    # The studio's first-load (main) module: web/split-wasm.sh keeps wasm-bindgen's output.
    local main=("$target"/wasm-split/release/bindgen/gptunnel-studio-*_bg.wasm)
    wasm-opt -Oz -g "${main[0]}" -o "$out/named/studio.wasm" || return
  fi
  rm -rf "$tmp"
}

mkdir -p "$out/logs"
rm -f "$out"/{polling,size,start,mask,editor,history,relays,summary}.json

step tools tools || { say "tools missing: cannot run the benchmarks"; exit 1; }
want polling && step polling cargo bench -p gptunnel --bench polling
want size mask && step package scripts/build-pkg.sh
want size start editor history && step studio studio
want editor history relays && step emulator cargo build -p gptunnel-emulator -p gptunnel-relay
want size start && step floor floor
want size start && step named-wasm named_wasm

if ! want size; then :
elif failed_step package || failed_step studio || failed_step floor; then
  say "size: skipped, a build failed"
else
  step size node tests/bench/sizes.mjs --pkg crates/gptunnel/pkg --studio "$out/studio/dist" \
    --floor "$out/floor/dist" --named-pkg "$out/named/package.wasm" \
    --named-pkg-mask "$out/named/package-mask.wasm" \
    --named-studio "$out/named/studio.wasm" --out "$out/size.json"
fi
if ! want start; then :
elif failed_step studio || failed_step floor; then
  say "start: skipped, a build failed"
else
  step start node tests/bench/start.mjs --studio "$out/studio/dist" --floor "$out/floor/dist" \
    --runs "$start_runs" --out "$out/start.json"
  failed_step named-wasm ||
    step start-compiles node tests/bench/start-compiles.mjs --studio "$out/studio/dist" \
      --named "$out/named/studio.wasm"
fi
if ! want mask; then :
elif failed_step package; then
  say "mask: skipped, the package did not build"
else
  step mask node tests/bench/mask.mjs --pkg crates/gptunnel/pkg --reps "$mask_reps" --out "$out/mask.json"
fi
if ! want editor; then :
elif failed_step studio || failed_step emulator; then
  say "editor: skipped, a build failed"
else
  step editor node tests/bench/editor.mjs --studio "$out/studio/dist" --out "$out/editor.json"
fi
if ! want history; then :
elif failed_step studio || failed_step emulator; then
  say "history: skipped, a build failed"
else
  step history node tests/bench/history.mjs --studio "$out/studio/dist" --loads "$history_loads" \
    --out "$out/history.json"
fi
if ! want relays; then :
elif failed_step emulator; then
  say "relays: skipped, a build failed"
else
  step relays node tests/bench/relays.mjs --requests "${BENCH_RELAY_REQUESTS:-1000}" --out "$out/relays.json"
fi

say "summary"
echo
node tests/bench/summary.mjs --dir "$out" --started "$started" --failed "${failed[*]}" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo +changes)" |
  tee "$out/summary.txt"
echo "JSON: $out/summary.json (and polling, size, start, mask, editor, history, relays .json)"
[ "${#failed[@]}" -eq 0 ]
