#!/usr/bin/env bash
# Prints benchmark figures (never part of the tests): the native criterion
# benchmarks of the domain core and the document, then the browser figures
# with a 10,000-user client and a partner with 500 clients and 2,000
# employees, each beside a reference measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo bench --bench domain -- --noplot 2>&1 | grep -E "^[a-z0-9].*|time:" | sed 's/^ *//'
trunk build --release --offline
big=$(mktemp --suffix=.json)
audit=$(mktemp --suffix=.json)
cargo run --quiet --release --example large_state -- 10000 500 2000 > "$big"
cargo run --quiet --release --example large_state -- 10000 0 0 50000 > "$audit"
node bench/browser.mjs "$big" 5 "$audit"
rm -f "$big" "$audit"
