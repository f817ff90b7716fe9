#!/usr/bin/env bash
# Fails when what a shopper downloads grows past its budget in .ci/size-budget, printing each
# file, the figure and the budget. Run after `trunk build --release`. A file that should be
# there and is not fails the gate too: a smaller figure must never come from a missing file.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/../dist"

fail() {
  echo "size gate: $*" >&2
  exit 1
}

budget() {
  local limit
  limit=$(awk -v name="$1" '$1 == name { print $2 }' ../.ci/size-budget)
  [[ $limit =~ ^[0-9]+$ ]] || fail "no budget \"$1 <bytes>\" in .ci/size-budget"
  echo "$limit"
}

# Adds the files' brotli sizes to $total, printing them as one row named $1.
total=0
add() {
  local name=$1 raw=0 compressed=0 file
  shift
  (($#)) || fail "nothing to count for $name"
  for file in "$@"; do
    [[ -f $file ]] || fail "$file is missing from dist/"
    raw=$((raw + $(wc -c <"$file")))
    compressed=$((compressed + $(brotli -q 11 -c "$file" | wc -c)))
  done
  total=$((total + compressed))
  printf '  %-52s %9d %9d\n' "$name" "$raw" "$compressed"
}

printf '  %-52s %9s %9s\n' file raw brotli
# Until the first product card: the loader, the glue, the wasm, the chunk loader, the
# stylesheet, the demo shop's settings file, and the demo's catalog.
for file in chatcart.js chatcart-widget.js chatcart-widget_bg.wasm __wasm_split.js chatcart.css demo-shop.json; do
  add "$file" "$file"
done
pack=(demo-pack/manifest.json demo-pack/{index,pages,ids}/*)
add "demo-pack (all ${#pack[@]} files; a shopper fetches some)" "${pack[@]}"
first=$total
# Fetched when a feature is first used (scripts/build-widget.sh): each chunk, and the code
# chunks share; every one there is, so a new chunk is counted without being named here.
for file in split_*.wasm chunk_*.wasm; do
  add "$file" "$file"
done
all=$total

failed=0
for check in "first-interaction $first" "all-features $all"; do
  set -- $check
  limit=$(budget "$1")
  if (($2 > limit)); then
    verdict="OVER BUDGET by $(($2 - limit)) bytes"
    failed=1
  else
    verdict="within budget ($((limit - $2)) bytes to spare)"
  fi
  printf '%-18s %7d bytes brotli; budget %7d: %s\n' "$1" "$2" "$limit" "$verdict"
done
exit "$failed"
