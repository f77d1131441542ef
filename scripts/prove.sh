#!/usr/bin/env bash
# Issue 8's suites alone, at full size, with their reports printed: the soak under faults
# (native and in headless Chromium), the bad-input corpus (Rust API, emulator; the JS rows are
# in tests/package/node.test.mjs), secrets and hostile servers, and loss (the studio, end to
# end). scripts/test.sh runs the same suites among all the others; fuzzing is scripts/fuzz.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
export PATH="$root/scripts/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/tests/webdriver.json"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

step() { printf '\n=== %s\n' "$*"; }

step "soak under faults and the bad-input corpus (native; reports below)"
cargo test -p gptunnel --test soak --test bad_input -- --nocapture
cargo test -p gptunnel-emulator --test bad_input -- --nocapture

step "the same in headless Chromium, through fetch"
source scripts/emulators.sh
cargo test -p gptunnel --target wasm32-unknown-unknown --test wasm_soak --test bad_input

step "secrets, hostile servers and loss (the studio in headless Chromium)"
scripts/e2e.sh tests/e2e/secrets.test.mjs tests/e2e/hostile.test.mjs tests/e2e/loss.test.mjs
