#!/usr/bin/env bash
# Fails when the gzipped wasm + JS of the release build passes the size
# budget. What the build weighed over time, and what made it lighter, is
# in docs/PERFORMANCE.md ("Size"). The service worker (sw.js) is reported
# apart: the page never loads it, the browser fetches it after the start.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=400
GUARD_KB=${GUARD_KB:-400}
bytes=0
for f in dist/*.wasm dist/*.js; do
  [ "$f" = dist/sw.js ] && continue
  n=$(gzip -9 -c "$f" | wc -c)
  printf '  %-60s %8d bytes raw, %7d gzipped\n' "$f" "$(wc -c <"$f")" "$n"
  bytes=$((bytes + n))
done
if [ -f dist/sw.js ]; then
  printf '  %-60s %8d bytes raw, %7d gzipped (service worker, not counted)\n' \
    dist/sw.js "$(wc -c <dist/sw.js)" "$(gzip -9 -c dist/sw.js | wc -c)"
fi
kb=$(( (bytes + 1023) / 1024 ))
if [ "$kb" -gt "$GUARD_KB" ]; then
  echo "size guard exceeded: ${kb} KB gzipped > ${GUARD_KB} KB (budget ${BUDGET_KB} KB)" >&2
  exit 1
fi
echo "size: ${kb} KB gzipped (guard ${GUARD_KB} KB, budget ${BUDGET_KB} KB)"
