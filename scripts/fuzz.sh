#!/usr/bin/env bash
# Fuzzes the stored-document loader with cargo fuzz (libFuzzer) for a while:
#   scripts/fuzz.sh [seconds]      (default 60)
# Needs the nightly toolchain (rustup) and installs cargo-fuzz if missing.
# Not part of the tests: a finding is a crash file under fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/loader
cp -n crates/storage/tests/fixtures/document-v1.json fuzz/corpus/loader/v1.json
cargo +nightly fuzz run loader fuzz/corpus/loader -- -max_total_time="$seconds"
