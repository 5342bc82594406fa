#!/usr/bin/env bash
# Runs every check: format, lints, native tests, browser tests in headless
# Chromium, the release build with its size budget, and end-to-end tests
# against the built app served on 127.0.0.1. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

step "native tests"
cargo test

step "browser tests (wasm-bindgen-test in headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test browser

step "browser tests of the patched wasm-streams (vendor/wasm-streams/PATCHED.md)"
# Its own suite; fetch_as_stream needs the internet. A target directory of
# its own: the crate is a cdylib, whose files carry no hash, so a build of
# it as its own workspace would overwrite the app's build of it.
(export CARGO_TARGET_DIR="$PWD/target/vendor-wasm-streams" && cd vendor/wasm-streams &&
  cargo test --test unit &&
  WASM_BINDGEN_USE_BROWSER=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown --test web -- --skip fetch_as_stream)

step "release build"
trunk build --release --offline
scripts/size-guard.sh

step "end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
