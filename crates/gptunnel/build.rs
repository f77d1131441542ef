//! Marks test builds that know a running emulator (`GPTUNNEL_EMULATOR_URL`, set by
//! scripts/test.sh), so the browser tests that need one are reported as ignored, with the
//! reason, instead of passing silently.
fn main() {
    println!("cargo::rerun-if-env-changed=GPTUNNEL_EMULATOR_URL");
    println!("cargo::rerun-if-env-changed=GPTUNNEL_FAULTY_EMULATOR_URL");
    println!("cargo::rustc-check-cfg=cfg(gptunnel_emulator_url)");
    if std::env::var_os("GPTUNNEL_EMULATOR_URL").is_some_and(|url| !url.is_empty()) {
        println!("cargo::rustc-cfg=gptunnel_emulator_url");
    }
}
