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

# The wasm tests call a real emulator through the browser's fetch: start one for them.
step "starting an emulator for the wasm tests"
cargo build -q -p gptunnel-emulator
log="$(mktemp)"
"$CARGO_TARGET_DIR/debug/gptunnel-emulator" --listen 127.0.0.1:0 --task-seconds 1 >"$log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "emulator did not start" >&2; exit 1; }
export GPTUNNEL_EMULATOR_URL="$url"
echo "emulator at $url"

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
