#!/usr/bin/env bash
# Fuzzes the core client (issue 8): the server-answer decoder and the mask importer, each for
# a bounded time, then prints executions and findings per target.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 60
#   TARGET              decode_response, mask_import (default: both)
# Environment:
#   FUZZ_SANITIZER      none (default: fastest; the code under test is safe Rust) or address
#
# Needs the nightly toolchain (rust-toolchain lists it) and cargo-fuzz, which is installed at
# the pinned version below when missing. Seeds come from crates/gptunnel/tests/fixtures; the
# growing corpus (fuzz/corpus/) and any crash inputs (fuzz/artifacts/) stay out of git.
# A finding makes the script exit 1; keep its input as a row of tests/bad_input.rs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/crates/gptunnel/fuzz"
fixtures="$root/crates/gptunnel/tests/fixtures"

CARGO_FUZZ_VERSION=0.13.2
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(decode_response mask_import)
sanitizer="${FUZZ_SANITIZER:-none}"

case "$seconds" in
  '' | *[!0-9]*) echo "seconds must be a whole number, got '$seconds'" >&2; exit 2 ;;
esac

if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "cargo-fuzz needs the nightly toolchain: rustup toolchain install nightly" >&2
  exit 2
fi

# Seeds, once: the provider's answers and pages for the decoder, PNG and base64 masks for
# the importer.
seed() {
  local target="$1" dir="$fuzz/corpus/$1"
  mkdir -p "$dir"
  [ -z "$(ls -A "$dir")" ] || return 0
  case "$target" in
    decode_response)
      cp "$fixtures"/*.json "$fixtures"/*.html "$dir"/
      ;;
    mask_import)
      cp "$fixtures/provider_mask.b64" "$dir/provider_mask.b64"
      base64 -d <"$fixtures/provider_mask.b64" >"$dir/provider_mask.png"
      { printf 'data:image/png;base64,'; cat "$fixtures/provider_mask.b64"; } >"$dir/provider_mask.dataurl"
      ;;
  esac
}

cd "$fuzz"
echo "building the fuzz targets (sanitizer: $sanitizer)"
cargo +nightly fuzz build -s "$sanitizer"

summary=()
found=0
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "artifacts/$target"
  before="$(find "artifacts/$target" -type f | wc -l)"
  log="$(mktemp)"
  echo "=== $target: ${seconds}s"
  set +e
  cargo +nightly fuzz run -s "$sanitizer" "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    >"$log" 2>&1
  status=$?
  set -e
  tail -n 5 "$log"
  executions="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  per_second="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  corpus="$(find "corpus/$target" -type f | wc -l)"
  after="$(find "artifacts/$target" -type f | wc -l)"
  new=$((after - before))
  if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
    found=1
    echo "finding in $target (exit $status); inputs in $fuzz/artifacts/$target:"
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | head -n 5 || true
    find "artifacts/$target" -type f -newer "$log" | head -n 5
  fi
  summary+=("| $target | ${seconds} s | ${executions:-?} | ${per_second:-?}/s | $corpus | $new |")
  rm -f "$log"
done

echo
echo "| target | time | executions | speed | corpus | new findings |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
exit "$found"
