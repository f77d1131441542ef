#!/usr/bin/env bash
# Runs every test: native, wasm in headless Chromium, the JS package, the studio end to end.
# Usage: scripts/test.sh            (installs missing tools first, via scripts/setup.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/setup.sh
export PATH="$root/scripts/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/tests/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT=120
export TRUNK_SKIP_VERSION_CHECK=true
# Every script finds build outputs here (CI may point it elsewhere).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

step() { printf '\n=== %s\n' "$*"; }

step "native tests (cargo test)"
cargo test

# The wasm tests call real emulators through the browser's fetch: a plain one, and one that
# injects faults into ~21 % of polls and a few creates (the browser soak). No dropped creates:
# Chromium itself re-sends a POST whose reused connection closed before any answer, which
# would double-charge whatever the client does (see the README's "Known limits").
step "starting emulators for the wasm tests"
cargo build -q -p gptunnel-emulator
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start_emulator() { # start_emulator VAR flags…: starts one, sets VAR to its URL
  local var="$1" log url; shift
  log="$(mktemp)"
  "$CARGO_TARGET_DIR/debug/gptunnel-emulator" --listen 127.0.0.1:0 --quiet "$@" >"$log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
    if [ -n "$url" ]; then printf -v "$var" '%s' "$url"; return 0; fi
    sleep 0.1
  done
  cat "$log" >&2; echo "emulator did not start" >&2; return 1
}
start_emulator GPTUNNEL_EMULATOR_URL --task-seconds 1
start_emulator GPTUNNEL_FAULTY_EMULATOR_URL --task-seconds 1 \
  --poll-500 0.04 --poll-429 0.03 --poll-drop 0.03 --poll-slow 0.08 --poll-malformed 0.03 \
  --create-500 0.02 --create-429 0.01 --create-slow 0.02 --create-malformed 0.02 \
  --retry-after-seconds 1 --slow-ms 250
export GPTUNNEL_EMULATOR_URL GPTUNNEL_FAULTY_EMULATOR_URL
echo "emulators at $GPTUNNEL_EMULATOR_URL and (faulty) $GPTUNNEL_FAULTY_EMULATOR_URL"

step "wasm tests of the core library (headless Chromium)"
cargo test -p gptunnel --target wasm32-unknown-unknown --tests

step "studio: native unit tests, then component tests (headless Chromium)"
cargo test -p gptunnel-studio --lib
cargo test -p gptunnel-studio --target wasm32-unknown-unknown --tests

step "JavaScript package tests"
scripts/package-test.sh

step "studio end-to-end tests"
scripts/e2e.sh

step "all tests passed"
