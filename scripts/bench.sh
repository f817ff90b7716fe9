#!/usr/bin/env bash
# Builds the release bundle and prints what a shopper downloads (the size gate's figures), then
# the cost of reading the 6,387-item DMart feed natively (the checker) and in Chromium (the
# widget), and what a shopper on a slow phone waits for, beside Pagefind on the same products;
# last, the order receiver under load, whose correctness (every order stored exactly once) is
# the one thing here that fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/env.sh
trunk build --release >/dev/null 2>&1 || trunk build --release
echo "What a shopper downloads (brotli -q 11), against the budgets the size gate holds:"
scripts/size-gate.sh || true
echo
cargo build --release -q -p chatcart-cli
feed=../shared/data/feed-dmart.csv
echo "feed-dmart.csv natively (chatcart check, release build), 5 runs:"
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  peak_kb=$(/usr/bin/time -f '%M' target/release/chatcart check "$feed" 2>&1 >/dev/null | tail -n 1)
  echo "$(( ($(date +%s%N) - start) / 1000000 )) $peak_kb"
done | sort -n | awk '{ t[NR] = $1; m = ($2 > m ? $2 : m) } END {
  printf "  whole run: median %d ms (min %d, max %d); peak memory %.1f MB\n", t[3], t[1], t[5], m / 1024 }'
echo
# 50,000 products: the DMart feed scaled up, for the search and memory figures below.
mkdir -p target/bench
if ! [ -s target/bench/feed-50k.csv ] || [ "$feed" -nt target/bench/feed-50k.csv ]; then
  cargo run -q --release -p chatcart-core --example scale_feed -- 50000 <"$feed" >target/bench/feed-50k.csv
fi
node scripts/bench-feed.mjs "$feed:5" target/bench/feed-50k.csv:3
echo
big=target/bench/feed-50k.csv
echo "chatcart pack of the 50,000-row feed, the whole command (release build), 3 runs each:"
# Wall time, with the command's own work (user) apart from the kernel's (system): creating
# some 13,000 files is the file system's work, and on a shared virtual disk it varies more
# than anything the command computes.
pack_runs() {
  for _ in 1 2 3; do
    [ "$1" = fresh ] && rm -rf target/bench/pack-timing
    /usr/bin/time -f '%e %U %S' target/release/chatcart pack "$big" --out target/bench/pack-timing 2>&1 >/dev/null | tail -n 1
  done | sort -n | awk -v what="$2" '{ w[NR] = $1; u[NR] = $2; s[NR] = $3 } END {
    printf "  %s: wall median %.2f s (min %.2f, max %.2f), of which user %.2f s, system %.2f s\n", what, w[2], w[1], w[3], u[2], s[2] }'
}
pack_runs fresh "into an empty folder"
pack_runs again "again into the same folder (nothing changed: only the manifest is written)"
rm -rf target/bench/pack-timing
echo "Packing a feed already read, and what a 1% price change rewrites:"
for f in "$feed" "$big"; do
  printf '  %s: ' "${f##*/}"
  cargo run -q --release -p chatcart-core --example pack_figures <"$f" | paste -sd ';' | sed 's/;/; /'
done
echo
# The reference slow phone: time to the greeting and the first result, bytes by then; the demo
# for a first visit and a returning shopper's; each feed raw, as a pack and in Pagefind.
node scripts/bench-network.mjs demo returning "raw:$feed" "pack:$feed" "pagefind:$feed" "raw:$big" "pack:$big" "pagefind:$big"
echo "Heap of the catalog and index natively (counting allocator):"
for f in "$feed" target/bench/feed-50k.csv; do
  printf '  %s: ' "${f##*/}"
  cargo run -q --release -p chatcart-core --example catalog_memory <"$f"
done

echo
echo "WhatsApp hand-off links for DMart orders (3 of each product, full address and notes):"
cargo run -q --release -p chatcart-core --example link_lengths <"$feed" | sed 's/^/  /'

echo
# Search at 50,000 products, read by the real core in Chromium.
cargo build -q --release -p chatcart-search-bench --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir target/search-bench \
  target/wasm32-unknown-unknown/release/chatcart_search_bench.wasm
node scripts/bench-search.mjs target/bench/feed-50k.csv target/search-bench

echo
node scripts/bench-lighthouse.mjs

echo
# 100 slow clients hold connections open (half never finish their headers, half their body),
# then 200 shoppers behind the trusted proxy place 5 distinct orders each and retry one. The
# slow clients are held 15 s, past the receiver's 10 s header and body deadlines. The same run
# then goes to a PostgreSQL server started for it; a failure of the first does not skip it.
echo "The order receiver under load (SQLite, release build):"
load_status=0
cargo run -q --release -p chatcart-cli --example receiver_load -- --hold-seconds 15 || load_status=$?
echo "The order receiver under load (PostgreSQL, a server started for the run):"
cargo run -q --release -p chatcart-cli --example receiver_load -- --hold-seconds 15 --postgres ||
  load_status=$?
exit "$load_status"
