//! Mounts the studio; everything else lives in the library so components are testable.
fn main() {
    gptunnel_studio::mount();
}
