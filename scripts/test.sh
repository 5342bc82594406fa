#!/usr/bin/env bash
# Runs every check: format, lints, the domain and storage crates' tests (no
# Leptos), the app's native tests, the release build with its size budget,
# the storage's browser tests in headless Chromium, and end-to-end tests
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
scripts/setup.sh --browser --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# cargo test of wasm-bindgen-test suites, run in headless Chromium.
browser_test() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown "$@"
}

step "formatting (cargo fmt, and leptosfmt for view! markup)"
cargo fmt --all --check
leptosfmt --check --quiet src

step "cargo clippy --workspace --all-targets -- -D warnings"
# --all-targets also type-checks the benchmarks and the large-state example,
# which scripts/bench.sh builds in release.
cargo clippy --workspace --all-targets -- -D warnings

step "domain and storage tests (crates/: rules, invariants, the stored document; no Leptos)"
cargo test -p partner-access-domain -p partner-access-storage

step "app native tests (the screens' logic, catalogues, rule coverage)"
cargo test -p partner-access-studio

step "release build"
trunk build --release --offline
scripts/size-guard.sh

step "browser tests (storage against localStorage in headless Chromium)"
browser_test -p partner-access-storage --test browser

step "end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
