//! With `split`, the studio binary keeps the linker's relocations: `wasm-split` needs
//! them to cut the mask editor and the poller out into chunks (web/split-wasm.sh).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let lazy = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if lazy && wasm {
        println!("cargo:rustc-link-arg-bin=gptunnel-studio=--emit-relocs");
    }
}
