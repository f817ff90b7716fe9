#!/usr/bin/env bash
# Fails when what a shopper downloads grows past its budget in .ci/size-budget, printing each
# file, the figure and the budget. Run after `trunk build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Until the first product card: the loader, the glue, the wasm, the stylesheet, the catalog.
first_interaction=(chatcart.js chatcart-widget.js chatcart-widget_bg.wasm chatcart.css demo-catalog.json)
# Loaded later, when a feature is first used: nothing yet.
later=()

budget() { awk -v name="$1" '$1 == name { print $2 }' .ci/size-budget; }

# Adds the brotli sizes of the files to $total, printing each.
total=0
add() {
  local file size
  for file in "$@"; do
    size=$(brotli -q 11 -c "dist/$file" | wc -c)
    total=$((total + size))
    printf '  %-28s %9d %9d\n' "$file" "$(wc -c <"dist/$file")" "$size"
  done
}

printf '  %-28s %9s %9s\n' file raw brotli
add "${first_interaction[@]}"
first=$total
add "${later[@]}"
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
