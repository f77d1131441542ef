#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml). Trunk starts the hooks of one stage all at once, so the
# order the Service Worker needs is kept here: the wasm split (web/split-wasm.sh) and the demo
# (scripts/build-demo.sh) run side by side; then scripts/build-sw.sh lists their output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

bash "$root/web/split-wasm.sh" &
split=$!
bash "$root/scripts/build-demo.sh" &
demo=$!
status=0
wait "$split" || status=1
wait "$demo" || status=1
[ "$status" -eq 0 ] || { echo "post-build: the wasm split or the demo build failed" >&2; exit 1; }
bash "$root/scripts/build-sw.sh"
