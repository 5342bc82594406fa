#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): writes the service worker, sw.js, into
# the build with the build's file list and an id made from their contents,
# so the cache is named by the build and a new asset cannot be forgotten.
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}
source_dir=${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}
public_url=${TRUNK_PUBLIC_URL:-/}
cd "$staging"
files=$(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
build=$(printf '%s\n' "$files" | xargs sha256sum | sha256sum | cut -c1-16)
list=$(printf '%s\n' "$files" | sed "s|.*|  \"${public_url}&\",|")
BUILD=$build LIST=$list awk '
  { gsub(/__BUILD__/, ENVIRON["BUILD"]) }
  /__FILES__/ { sub(/__FILES__/, "[\n" ENVIRON["LIST"] "\n]") }
  { print }
' "$source_dir/pwa/sw.js" >sw.js
echo "service worker: build $build, $(printf '%s\n' "$files" | wc -l) files precached"
