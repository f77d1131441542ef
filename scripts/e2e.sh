#!/usr/bin/env bash
# Browser end-to-end flows of the studio: builds the release dist/ (base URL left at its
# default: each test sets its own emulator's address in the settings, as a user would),
# builds the emulator, installs tests/ npm deps if missing, runs `node --test tests/e2e/`.
# Screenshots land in tests/artifacts/. Extra arguments go to `node --test` (e.g. a file).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
export PATH="$root/scripts/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
unset GPTUNNEL_STUDIO_BASE_URL GPTUNNEL_STUDIO_DEMO_KEY

echo "[e2e] building the studio (release) and the emulator" >&2
trunk build index.html --release
# The same selection in every script (deploy-test.sh needs the relay): one build serves all.
cargo build -p gptunnel-emulator -p gptunnel-relay

if [ ! -d tests/node_modules/playwright-core ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi

# Two files at a time: each starts its own emulator and browser on ports the OS picks, and
# the flows mostly wait (on tasks, timers, the browser): the 68 take 4.6–5.5 min instead of 8.8.
if [ "$#" -gt 0 ]; then
  node --test --test-concurrency=2 "$@"
else
  node --test --test-concurrency=2 tests/e2e/
fi
