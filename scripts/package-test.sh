#!/usr/bin/env bash
# Tests the npm package `gptunnel` the way a stranger uses it: packed with `npm pack`,
# installed by path into tests/package with npm, imported by its name, and run against a real
# emulator process in Node, a Vite app (vite build, no plugin), a module worker and a plain
# <script type="module"> page (both in headless Chromium), plus `tsc --strict` on a typed example.
#
# Usage: scripts/package-test.sh            build the package first (scripts/build-pkg.sh)
#        scripts/package-test.sh --fresh    crates/gptunnel/pkg is already built: use it
#        extra arguments are passed to `node --test` (e.g. node.test.mjs to run one file)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

say() { printf '[package-test] %s\n' "$*" >&2; }

fresh=false
if [ "${1:-}" = "--fresh" ]; then fresh=true; shift; fi

if ! $fresh; then
  scripts/build-pkg.sh
fi
[ -f crates/gptunnel/pkg/package.json ] || { say "no package in crates/gptunnel/pkg: run without --fresh"; exit 1; }

say "building the emulator"
# The same selection in every script (deploy-test.sh needs the relay): one build serves all.
cargo build -q -p gptunnel-emulator -p gptunnel-relay
export GPTUNNEL_EMULATOR_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/gptunnel-emulator"

cd tests/package
say "npm ci (test tools: vite, playwright-core, typescript)"
npm ci --no-audit --no-fund --loglevel=error

# Installed from a tarball, as from a registry: only the files the package lists, copied
# into node_modules/gptunnel (a path or link install would let Vite and Node see the repo).
tarballs="$(mktemp -d)"
trap 'rm -rf "$tarballs"' EXIT
say "npm pack + npm install (by path)"
tarball="$(npm pack "$root/crates/gptunnel/pkg" --pack-destination "$tarballs" --loglevel=error | tail -n1)"
npm install --no-save --no-audit --no-fund --loglevel=error "$tarballs/$tarball"

say "node --test"
if [ "$#" -gt 0 ]; then
  node --test --test-timeout=180000 "$@"
else
  node --test --test-timeout=180000 ./*.test.mjs
fi
