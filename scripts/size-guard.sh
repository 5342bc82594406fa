#!/usr/bin/env bash
# Fails when the gzipped wasm + JS of the release build passes the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=${BUDGET_KB:-350}
bytes=0
for f in dist/*.wasm dist/*.js; do
  n=$(gzip -9 -c "$f" | wc -c)
  printf '  %-60s %8d bytes raw, %7d gzipped\n' "$f" "$(wc -c <"$f")" "$n"
  bytes=$((bytes + n))
done
kb=$(( (bytes + 1023) / 1024 ))
if [ "$kb" -gt "$BUDGET_KB" ]; then
  echo "size budget exceeded: ${kb} KB gzipped > ${BUDGET_KB} KB" >&2
  exit 1
fi
echo "size: ${kb} KB gzipped (budget ${BUDGET_KB} KB)"
