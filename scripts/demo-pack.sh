#!/usr/bin/env bash
# Trunk's post-build hook: the demo store's catalog goes into the build as a pack, made from
# public/demo-catalog.json by `chatcart pack` as the merchant's guide tells merchants to.
set -euo pipefail
cd "$(dirname "$0")/.."
pack="$TRUNK_STAGING_DIR/demo-pack"
cargo run -q -p chatcart-cli -- pack public/demo-catalog.json --out "$pack" >/dev/null
# A pack reads relative image links from its own folder.
cp -r public/images "$pack/"
