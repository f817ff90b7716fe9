// The widget is split into lazily loaded wasm chunks after linking (scripts/build-widget.sh),
// which needs the linker's relocations in the binary. Only the widget's wasm link is affected.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=chatcart-widget=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
