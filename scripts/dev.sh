#!/usr/bin/env bash
# Runs the studio against a local emulator: installs tools (scripts/setup.sh), starts the
# emulator in the background, builds the studio with its address as the default API base URL,
# serves dist/ and prints the URL to open. Ctrl+C stops both.
#   STUDIO_PORT (default 8080), EMULATOR_PORT (default 8787), TASK_SECONDS (default 20),
#   RELEASE=1 for an optimised build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

STUDIO_PORT="${STUDIO_PORT:-8080}"
EMULATOR_PORT="${EMULATOR_PORT:-8787}"
TASK_SECONDS="${TASK_SECONDS:-20}"

bash scripts/setup.sh
export PATH="$root/scripts/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "[dev] building and starting the emulator" >&2
# The same selection as every test script: one build of both, never a rebuild.
cargo build -p gptunnel-emulator -p gptunnel-relay
log="$(mktemp)"
"$CARGO_TARGET_DIR/debug/gptunnel-emulator" --listen "127.0.0.1:$EMULATOR_PORT" --task-seconds "$TASK_SECONDS" >"$log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
emulator_url="$(grep -o 'http://[^ ]*' "$log" | head -n1)"
[ -n "$emulator_url" ] || { cat "$log" >&2; echo "[dev] the emulator did not start" >&2; exit 1; }

echo "[dev] building the studio against $emulator_url" >&2
export GPTUNNEL_STUDIO_BASE_URL="${emulator_url%/}"
# The emulator accepts any non-empty key: bake one in so no key is needed to try the studio.
export GPTUNNEL_STUDIO_DEMO_KEY=emulator-demo-key
# Its own output folder: dist/ belongs to the end-to-end tests' release build.
dev_dist="$CARGO_TARGET_DIR/studio-dev"
if [ "${RELEASE:-0}" = 1 ]; then release=(--release); else release=(); fi
trunk build index.html "${release[@]}" --dist "$dev_dist"

node tests/support/serve.mjs "$dev_dist" "$STUDIO_PORT" / &
pids+=("$!")
sleep 0.5
cat <<MSG

  Studio:   http://127.0.0.1:$STUDIO_PORT/
  Emulator: $emulator_url  (any non-empty API key works; journal at $emulator_url/__emulator/journal)

  Press Ctrl+C to stop both.
MSG
wait -n "${pids[@]}"
