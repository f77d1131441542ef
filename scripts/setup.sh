#!/usr/bin/env bash
# Installs every tool the project needs, at pinned versions, skipping what is already present.
# Called by scripts/dev.sh and scripts/test.sh; safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

TRUNK_VERSION=0.21.14
# Splits the studio's wasm (web/split-wasm.sh); its version matches leptos's wasm_split_macros.
WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)"

say() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Not --locked: its lockfile pins a webpki-roots release the registry lacks (TOOLCHAIN.md).
  # No default features: they are a TLS stack (rustls, ring) for the test runner to download
  # a WebDriver, and the tests name Debian's (CHROMEDRIVER): 35 s less to build.
  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --no-default-features --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 5 minutes)"
  # A debug build of trunk builds sites just as well and takes a third of the time.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install trunk --version "$TRUNK_VERSION" --locked --debug --force
fi

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes)"
  CARGO_PROFILE_DEV_DEBUG=0 cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" \
    --features build-binary --locked --debug --force
fi

for dir in scripts tests; do
  if [ -f "$dir/package.json" ] && ! (cd "$dir" && npm ls --depth=0 >/dev/null 2>&1); then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The deploy tests' runtimes (issue 15). Without them those tests skip, loudly, so a failed
# install warns instead of stopping everything else.
if ! (cd tests/deploy && npm ls --depth=0 >/dev/null 2>&1); then
  say "npm ci in tests/deploy (workerd, Cloudflare's Worker runtime)"
  (cd tests/deploy && npm ci --no-audit --no-fund --loglevel=error) ||
    say "WARNING: could not install workerd: the Cloudflare Worker relay will NOT be tested"
fi
if [ ! -x /usr/sbin/nginx ]; then
  say "installing Debian's nginx (the relay and static-site tests start their own on loopback)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq nginx >/dev/null; then
    # Debian may start it on port 80: the tests need only the binary.
    if command -v service >/dev/null; then service nginx stop >/dev/null 2>&1 || true; fi
  else
    say "WARNING: could not install nginx: the nginx relay and the site build will NOT be tested"
  fi
fi

say "tools ready"
