#!/usr/bin/env bash
# Runs every check: format, lints, native tests, browser tests in headless
# Chromium (the app's and the patched wasm-streams'), that the benchmarks
# build, the release build with its size budget, and end-to-end tests
# against the built app served on 127.0.0.1. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step's wall time, printed at the end (also when a step fails), so a
# slow step shows up in every run's log.
step_names=() step_secs=() current="" started=$SECONDS
end_step() {
  if [ -n "$current" ]; then
    step_names+=("$current") step_secs+=($((SECONDS - started)))
  fi
  current=""
}
step() {
  end_step
  current="$*" started=$SECONDS
  printf '\n\033[1m==> %s\033[0m\n' "$*"
}
report() {
  local status=$?
  end_step
  printf '\n\033[1m==> time per step\033[0m\n'
  for i in "${!step_names[@]}"; do
    printf '%6ss  %s\n' "${step_secs[$i]}" "${step_names[$i]}"
  done
  printf '%6ss  total\n' "$SECONDS"
  exit "$status"
}
trap report EXIT

step "setup (installs only what is missing)"
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# cargo test of wasm-bindgen-test suites, run in headless Chromium.
browser_test() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown "$@"
}

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

step "native tests"
cargo test

step "browser tests (wasm-bindgen-test in headless Chromium)"
browser_test --test browser

step "browser tests of the patched wasm-streams (vendor/wasm-streams/PATCHED.md)"
# Its own suite; fetch_as_stream needs the internet. The crate is a
# workspace of its own (its own Cargo.lock), built in a target directory of
# its own so that its builds never replace the app's. Its suite does not
# ask for a browser itself (WASM_BINDGEN_USE_BROWSER does).
(export CARGO_TARGET_DIR="$PWD/target/vendor-wasm-streams" && cd vendor/wasm-streams &&
  cargo test --test unit &&
  WASM_BINDGEN_USE_BROWSER=1 browser_test --test web -- --skip fetch_as_stream)

step "the benchmarks build (scripts/bench.sh runs them; they are not tests)"
# Built as bench.sh builds them, in release, so that a change which breaks
# only the release build of the benchmarks fails here and not on the next
# machine that measures.
cargo bench --bench domain --no-run
cargo build --release --example large_state

step "release build"
trunk build --release --offline
scripts/size-guard.sh

step "end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
