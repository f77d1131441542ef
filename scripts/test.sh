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

step "style: cargo fmt --check"
cargo fmt --all --check

step "lints: clippy -D warnings (native crates with tests and benches; wasm32: studio, js binding, demo)"
cargo clippy --all-targets -- -D warnings
cargo clippy -p gptunnel --target wasm32-unknown-unknown --features js,js-mask --lib --tests -- -D warnings
cargo clippy -p gptunnel-studio --target wasm32-unknown-unknown --lib --tests -- -D warnings
# The demo: the emulator's service without its server, in a Service Worker (wasm32 only).
cargo clippy -p gptunnel-emulator --no-default-features --target wasm32-unknown-unknown --lib -- -D warnings
cargo clippy -p gptunnel-demo --target wasm32-unknown-unknown --all-targets -- -D warnings

step "what no test runs still compiles: the fuzz targets and the bench floor app"
(cd crates/gptunnel/fuzz && cargo check -q --bins)
(cd tests/bench/floor && cargo check -q --target wasm32-unknown-unknown)

step "native tests (cargo test: the core, the emulator, the relay, the demo's service)"
cargo test

step "starting emulators for the wasm tests"
source scripts/emulators.sh

step "wasm tests of the core library (headless Chromium)"
cargo test -p gptunnel --target wasm32-unknown-unknown --tests

step "studio: unit tests (Node), then component tests (headless Chromium), all in its wasm build"
cargo test -p gptunnel-studio --target wasm32-unknown-unknown --tests

step "JavaScript package tests"
scripts/package-test.sh

step "studio end-to-end tests"
scripts/e2e.sh

step "deploy: the three relays and the site build (issue 15), reusing the e2e step's dist/"
scripts/deploy-test.sh --reuse-dist

step "all tests passed"
