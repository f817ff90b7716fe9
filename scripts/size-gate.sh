#!/usr/bin/env bash
# Fails when what a shopper downloads grows past its budget in .ci/size-budget, printing each
# file, the figure and the budget. Run after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/../dist"

budget() { awk -v name="$1" '$1 == name { print $2 }' ../.ci/size-budget; }

# Adds the files' brotli sizes to $total, printing them as one row named $1.
total=0
add() {
  local name=$1 raw=0 compressed=0 file
  shift
  for file in "$@"; do
    raw=$((raw + $(wc -c <"$file")))
    compressed=$((compressed + $(brotli -q 11 -c "$file" | wc -c)))
  done
  total=$((total + compressed))
  printf '  %-52s %9d %9d\n' "$name" "$raw" "$compressed"
}

printf '  %-52s %9s %9s\n' file raw brotli
# Until the first product card: the loader, the glue, the wasm, the stylesheet, and the demo's
# catalog.
for file in chatcart.js chatcart-widget.js chatcart-widget_bg.wasm __wasm_split.js chatcart.css; do
  add "$file" "$file"
done
pack=(demo-pack/manifest.json demo-pack/{index,pages,ids}/*)
add "demo-pack (all ${#pack[@]} files; a shopper fetches some)" "${pack[@]}"
first=$total
# Loaded when a feature is first used (scripts/build-widget.sh): each lazy function's chunk,
# and the code chunks share.
for file in split_*.wasm chunk_*.wasm; do
  add "$file" "$file"
done
all=$total

failed=0
for check in "first-interaction $first" "all-features $all"; do
  set -- $check
  limit=$(budget "$1")
  if [ "$2" -gt "$limit" ]; then
    verdict="OVER BUDGET by $(($2 - limit)) bytes"
    failed=1
  else
    verdict="within budget ($((limit - $2)) bytes to spare)"
  fi
  printf '%-18s %7d bytes brotli; budget %7d: %s\n' "$1" "$2" "$limit" "$verdict"
done
exit "$failed"
