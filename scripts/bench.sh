#!/usr/bin/env bash
# Builds the release bundle and prints what a shopper downloads: brotli -q 11 of the
# .wasm, .js and widget .css (the figure we track).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/env.sh
trunk build --release >/dev/null 2>&1 || trunk build --release
total=0
printf '%-12s %10s %10s\n' part raw brotli
for pattern in 'chatcart-*_bg.wasm' 'chatcart-*.js' 'chatcart-*.css'; do
  file=$(find dist -maxdepth 1 -name "$pattern" | head -n 1)
  raw=$(wc -c <"$file")
  compressed=$(brotli -q 11 -c "$file" | wc -c)
  total=$((total + compressed))
  printf '%-12s %10d %10d\n' "${file##*.}" "$raw" "$compressed"
done
printf '%-12s %10s %10d\n' total '' "$total"
