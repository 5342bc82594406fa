#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 with the demo data
# (a browser with no saved state starts from it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}"
