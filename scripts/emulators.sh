# Sourced by test.sh and prove.sh: starts the two emulators the wasm tests call through the
# browser's fetch, exports their URLs (read at build time by crates/gptunnel/build.rs and the
# wasm tests), and stops them when the calling script exits.
#   GPTUNNEL_EMULATOR_URL         plain, 1 s tasks
#   GPTUNNEL_FAULTY_EMULATOR_URL  faults in ~21 % of polls and a few creates (the browser soak).
# Dropped creates included: each must fail with outcome unknown; the browser soak counts and
# prints the ones Chromium re-sent by itself (README, "Known limits").

emulator_pids=()
trap 'kill "${emulator_pids[@]}" 2>/dev/null || true' EXIT

start_emulator() { # start_emulator VAR flags…: starts one, sets VAR to its URL
  local var="$1" log url; shift
  log="$(mktemp)"
  "$CARGO_TARGET_DIR/debug/gptunnel-emulator" --listen 127.0.0.1:0 --quiet "$@" >"$log" 2>&1 &
  emulator_pids+=("$!")
  for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
    if [ -n "$url" ]; then printf -v "$var" '%s' "$url"; return 0; fi
    sleep 0.1
  done
  cat "$log" >&2; echo "emulator did not start" >&2; return 1
}

# The same selection in every script (deploy-test.sh needs the relay): one build serves all.
cargo build -q -p gptunnel-emulator -p gptunnel-relay
start_emulator GPTUNNEL_EMULATOR_URL --task-seconds 1
start_emulator GPTUNNEL_FAULTY_EMULATOR_URL --task-seconds 1 \
  --poll-500 0.04 --poll-429 0.03 --poll-drop 0.03 --poll-slow 0.08 --poll-malformed 0.03 \
  --create-500 0.02 --create-429 0.01 --create-drop 0.02 --create-slow 0.02 --create-malformed 0.02 \
  --retry-after-seconds 1 --slow-ms 250
export GPTUNNEL_EMULATOR_URL GPTUNNEL_FAULTY_EMULATOR_URL
echo "emulators at $GPTUNNEL_EMULATOR_URL and (faulty) $GPTUNNEL_FAULTY_EMULATOR_URL"
