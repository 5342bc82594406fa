#!/usr/bin/env bash
# Installs what building needs on a fresh machine, skipping whatever is
# already present at the right version; with --browser also Chromium and
# its driver (the tests and benchmarks), with --test also leptosfmt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, to the patch.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  say "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # No --locked: one of its locked dependencies is not on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# binaryen (wasm-opt >= 120; Debian's v108 breaks the page), playwright-core
# and axe-core (the accessibility checks of the end-to-end tests).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -f node_modules/playwright-core/package.json ] \
   || [ ! -f node_modules/axe-core/axe.min.js ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

browser=false test=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --test) test=true ;;
  esac
done

if $test && ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION"; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (about 3 minutes)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

if $browser; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
fi
