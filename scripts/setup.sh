#!/usr/bin/env bash
# Installs what building, serving and testing chatcart needs on a fresh Debian machine,
# skipping whatever is already present at the right version. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { echo "setup: Rust is missing; install it with rustup first" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js and npm are missing; install Node 20 first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The standard library's source: a release of the widget builds it (scripts/build-widget.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must be exactly the wasm-bindgen version in Cargo.lock. Not --locked: its own
# lock file names a crate the registry no longer serves.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# The splitter of the widget's wasm into lazily loaded chunks (scripts/build-widget.sh),
# kept in .tools/bin.
if ! grep -qs '"wasm_split_cli_support 0.2.4 ' .tools/.crates.toml || ! [ -x .tools/bin/wasm-split-cli ]; then
  say "installing wasm-split-cli 0.2.4 (about 2 minutes)"
  cargo install --locked wasm_split_cli_support --features build-binary --version 0.2.4 --root .tools
fi

missing_debs=()
command -v chromium >/dev/null || missing_debs+=(chromium)
command -v chromedriver >/dev/null || missing_debs+=(chromium-driver)
command -v brotli >/dev/null || missing_debs+=(brotli)
[ -x /usr/bin/time ] || missing_debs+=(time)
# PostgreSQL, for the receiver's tests on it. They start a server of their own on a free port,
# so the cluster that Debian's package may start on 5432 is neither needed nor in the way.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing_debs+=(postgresql)
if [ ${#missing_debs[@]} -gt 0 ]; then
  say "installing ${missing_debs[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}"
fi

# wasm-opt (npm binaryen; Debian's is broken for this), the end-to-end test driver, and
# Pagefind for the network benchmark's peer figure.
if ! [ -x node_modules/.bin/wasm-opt ] || ! [ -x node_modules/.bin/esbuild ] || ! [ -d node_modules/playwright-core ] || ! [ -d node_modules/pagefind ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

say "ready"
