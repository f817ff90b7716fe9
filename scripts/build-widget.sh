#!/usr/bin/env bash
# Builds the widget's wasm split into lazily loaded chunks (the functions src/lazy.rs's
# `split_off!` declares), into a folder of the same file names as before plus the chunks:
#
#   chatcart-widget.js, chatcart-widget_bg.wasm   the module the page loads first
#   __wasm_split.js                               loads a chunk on a lazy function's first call
#   split_<chunk>.wasm, chunk_*.wasm              the chunks (fetched beside __wasm_split.js)
#
# The steps: cargo links the widget with --emit-relocs (build.rs) -> wasm-split-cli cuts the
# linked module at the split points -> wasm-bindgen on the main module only (keeping the
# exports the chunks import) -> in a release, wasm-opt on the main module and on each chunk,
# their functions reordered -> each chunk's files written into the loader -> in a release,
# esbuild minifies the scripts and the stylesheet.
#
#   scripts/build-widget.sh [--debug] [OUT_DIR]    (default OUT_DIR: dist)
#
# As trunk's post_build hook (Trunk.toml) it takes TRUNK_PROFILE and TRUNK_STAGING_DIR and
# writes into the staging folder. Cargo runs here in either case: a release is built with
# options trunk can't pass (below); trunk's own build is a debug build (index.html), which
# this one finds done.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
export PATH="$PWD/.tools/bin:$PATH"

profile=release
under_trunk=0
out=dist
if [[ -n "${TRUNK_STAGING_DIR:-}" ]]; then
  profile="${TRUNK_PROFILE:-release}"
  under_trunk=1
  out="$TRUNK_STAGING_DIR"
fi
while (($#)); do
  case "$1" in
    --debug) profile=debug ;;
    *) out="$1" ;;
  esac
  shift
done
name=chatcart-widget

tools=(wasm-split-cli wasm-bindgen)
[[ $profile == release ]] && tools+=(wasm-opt wasm-dis wasm-as esbuild)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || {
    echo "build-widget: $tool is not on PATH; scripts/setup.sh installs it" >&2
    exit 1
  }
done

target_dir="$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')"
flags=(--target wasm32-unknown-unknown --bin "$name")
if [[ $profile == release ]]; then
  # A release builds Rust's standard library with the widget (its source is the rust-src
  # component, which scripts/setup.sh adds), optimised for size, with a panic stopping the
  # code at once rather than formatting its message: 20.8 KB less with brotli on the first
  # download, 31.9 KB on all features (issue 13). The page's loader tells the shopper when
  # the code stopped (tidy-glue.mjs). These are unstable cargo and rustc options, allowed on
  # the stable toolchain by RUSTC_BOOTSTRAP for this build alone.
  flags+=(--release -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
    -Zpanic-immediate-abort --config 'profile.release.panic="immediate-abort"')
  RUSTC_BOOTSTRAP=1 cargo build "${flags[@]}"
else
  cargo build "${flags[@]}"
fi
wasm="$target_dir/wasm32-unknown-unknown/$profile/$name.wasm"

stage="$target_dir/wasm-split/$profile"
rm -rf "$stage"
mkdir -p "$stage/split" "$stage/bindgen" "$out"

# 0. Leptos always builds server_fn's browser client, whose wasm-streams dependency exports
#    three classes to JavaScript (IntoUnderlyingSource, IntoUnderlyingByteSource,
#    IntoUnderlyingSink: Rust streams handed to JavaScript). Nothing in the widget makes one,
#    yet as exports their methods and the futures behind them were in every first download
#    (5.5 KB with brotli). Left out of the exports, they are in no part of the split; step 2c
#    takes their classes out of the glue. The step fails if the widget ever makes one.
node scripts/unexport.mjs "$wasm" "$stage/linked.wasm" \
  '^(__wbg_|__wbindgen_describe_)?intounderlying(source|bytesource|sink)_'

# 1. Split. The main module's imports of the chunk loaders become imports of
#    ./__wasm_split.js, which imports initSync from ./chatcart-widget.js.
wasm-split-cli --target web --out-name "$name" "$stage/linked.wasm" "$stage/split"

# 2. wasm-bindgen on the main module only. --keep-lld-exports keeps memory, the function
#    table and the shared globals that the chunks import.
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-name "$name" --out-dir "$stage/bindgen" "$stage/split/$name.wasm"

# 2b. The functions the glue hands the main module get short names in both (5.0 KB less with
#     brotli, counting both files, with the glue's module named "_").
node scripts/short-imports.mjs "$stage/bindgen/${name}_bg.wasm" "$stage/bindgen/$name.js" \
  "./${name}_bg.js"

# 2c. Out of the glue: the classes of the exports step 0 left out, and the chunk loader's
#     module imported again for each function the main module takes from it (esbuild warned
#     of each as a duplicate key). Into it: each call into the code guarded, so that the
#     loader hears when the code stopped.
node scripts/tidy-glue.mjs "$stage/bindgen/$name.js" \
  IntoUnderlyingSource IntoUnderlyingByteSource IntoUnderlyingSink

# 3. Copy out (removing chunks of an earlier build), optimising every wasm file.
rm -f "$out"/split_*.wasm "$out"/chunk_*.wasm "$out/__wasm_split.js"
cp "$stage/bindgen/$name.js" "$stage/split/__wasm_split.js" "$out/"
optimise() { # in out [more wasm-opt options]
  if [[ $profile == release ]]; then
    # Flattening and rebuilding the control flow before the size passes leaves the main
    # module 1.4 KB smaller with brotli than -Os alone (-Oz and -O3 were larger); repeating
    # them until nothing changes (--converge), 0.5 KB smaller again; -O2's passes before the
    # last -Os (rather than a second -Os), 0.3 KB smaller again over all the files.
    local ordered features
    ordered="$stage/ordered-$(basename "$2" .wasm)"
    wasm-opt --flatten --rereloop -O2 -Os --converge "${@:3}" "$1" -o "$ordered.wasm" \
      2> >(grep -v 'unknown name subsection' >&2)
    # Then the functions in an order brotli compresses better (scripts/order-functions.mjs),
    # through binaryen's text, which keeps no list of the features the code uses: they are
    # read from the wasm first ($features, one option per word, is left unquoted). The text
    # keeps no custom section either: the producers and target features sections, for tools
    # and not browsers, are gone. The last size passes run again on the text made wasm (its
    # writer optimises the stack code only when optimising).
    features=$(wasm-opt --print-features "$ordered.wasm" -o /dev/null)
    wasm-dis "$ordered.wasm" -o "$ordered.wat"
    node scripts/order-functions.mjs "$ordered.wat" "$ordered.wat"
    wasm-as $features "$ordered.wat" -o "$ordered.wasm"
    wasm-opt $features -O2 -Os "${@:3}" "$ordered.wasm" -o "$2"
    rm "$ordered.wasm" "$ordered.wat"
  else
    cp "$1" "$2"
  fi
}
optimise "$stage/bindgen/${name}_bg.wasm" "$out/${name}_bg.wasm"
for chunk in "$stage"/split/*.wasm; do
  [[ $(basename "$chunk") == "$name.wasm" ]] && continue
  # A chunk reaches the main module's functions through a small function of its own that
  # calls through the table; inlining functions of up to 10 bytes (not 2) puts those calls in
  # place: 1.1 KB less with brotli over the chunks (8 to 12 did as well; the main module
  # gained nothing from it).
  optimise "$chunk" "$out/$(basename "$chunk")" --always-inline-max-function-size 10
done

# 4. The loader asks for all of a chunk's files at once when it knows the chunk will be needed:
#    each chunk's files, read from the chunk loader, are written into it. Under trunk, its
#    copy of chatcart.js is in the staging folder by now; run alone, it is copied out here.
((under_trunk)) || cp public/chatcart.js "$out/chatcart.js"
files=$(node scripts/chunk-files.mjs "$stage/split/__wasm_split.js")
grep -q '^const chunkFiles = {};$' "$out/chatcart.js" || {
  echo "build-widget: $out/chatcart.js has no line 'const chunkFiles = {};' to write the chunks' files into" >&2
  exit 1
}
sed -i "s|^const chunkFiles = {};\$|const chunkFiles = $files;|" "$out/chatcart.js"

# 5. A release minifies the scripts and the stylesheet a shopper downloads (3.5 KB less with
#    brotli): under trunk, its copies of chatcart.js and chatcart.css are in the staging folder
#    by now; run alone, whichever are in OUT_DIR. Their readable sources are
#    public/chatcart.js and style/chatcart.css.
if [[ $profile == release ]]; then
  for file in "$name.js" __wasm_split.js chatcart.js chatcart.css; do
    [[ -f "$out/$file" ]] || continue
    esbuild --minify --log-level=warning "$out/$file" --outfile="$out/$file" --allow-overwrite
  done
fi

echo "build-widget: $profile, into $out:"
(cd "$out" && ls -l "$name.js" "${name}_bg.wasm" __wasm_split.js $(ls split_*.wasm chunk_*.wasm 2>/dev/null) | awk '{print "  " $5 "\t" $9}')
