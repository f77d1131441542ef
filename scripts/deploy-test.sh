#!/usr/bin/env bash
# Issue 15: the three relays of deploy/ (nginx, the Cloudflare Worker in workerd, gptunnel-relay)
# in front of a real emulator, and the site build served by nginx from a sub-path, driven over
# HTTP and through the studio in headless Chromium: `node --test tests/deploy/`.
# Builds the release studio (dist/) unless --reuse-dist is given (scripts/test.sh passes it after
# its e2e step built dist/), the emulator and the relay, and packages dist/ with
# scripts/build-site.sh. Extra arguments go to `node --test` (e.g. a file).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

reuse_dist=""
if [ "${1:-}" = "--reuse-dist" ]; then
  reuse_dist=1
  shift
fi

bash scripts/setup.sh
export PATH="$root/scripts/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

if [ -z "$reuse_dist" ] || [ ! -f dist/index.html ]; then
  echo "[deploy] building the studio (release)" >&2
  trunk build index.html --release
fi
echo "[deploy] building the emulator and the relay" >&2
cargo build -p gptunnel-emulator -p gptunnel-relay
site="$CARGO_TARGET_DIR/deploy-site"
scripts/build-site.sh --from dist "$site"
export GPTUNNEL_SITE_DIR="$site"

if [ "$#" -gt 0 ]; then
  node --test --test-concurrency=1 "$@"
else
  node --test --test-concurrency=1 tests/deploy/
fi
