#!/usr/bin/env bash
# Sets up and runs every test: formatting and lints, the native core tests, the in-browser
# component tests, and the end-to-end tests against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p chatcart --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p chatcart --target wasm32-unknown-unknown --all-targets --features eager -- -D warnings

step "native tests (commerce core, command line: feed checker, order receiver)"
cargo test -p chatcart-core -p chatcart-cli
# The end-to-end tests run the receiver binary this builds.
cargo build -p chatcart-cli

step "in-browser component tests (wasm-bindgen-test, headless Chromium)"
cargo test -p chatcart --target wasm32-unknown-unknown --features eager

step "release build, and what a shopper downloads against its budget"
trunk build --release
scripts/size-gate.sh

step "end-to-end tests (Playwright, Chromium, real HTTP server)"
node --test --test-concurrency=1 tests/e2e/
