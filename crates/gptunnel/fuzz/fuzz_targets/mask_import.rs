//! Any bytes as an imported inpaint mask: as PNG bytes, as base64 text, and as the base64 of
//! the bytes. Import must succeed or return a `MaskError`, never panic; a mask that was read
//! must survive its own PNG round trip unchanged.
#![no_main]

use base64::Engine as _;
use gptunnel::mask::{png_dimensions, Mask};
use libfuzzer_sys::fuzz_target;

/// Largest side decoded in full: enough for every decoder path, small enough for speed.
const FULL_DECODE_SIDE: u32 = 256;

fn round_trip(mask: &Mask) {
    let png = mask.to_png();
    let again = Mask::from_png(&png, mask.width(), mask.height()).expect("our own PNG reads back");
    assert_eq!(again.to_png(), png, "a mask changed in a PNG round trip");
    assert_eq!(again.count_white(), mask.count_white());
}

fuzz_target!(|data: &[u8]| {
    // A fixed target size: most inputs are refused on the header.
    let _ = Mask::from_png(data, 64, 64);
    // The size the header declares: the pixel decoder runs on every well-formed header.
    if let Ok((width, height)) = png_dimensions(data) {
        if width <= FULL_DECODE_SIDE && height <= FULL_DECODE_SIDE {
            if let Ok(mask) = Mask::from_png(data, width, height) {
                round_trip(&mask);
            }
            let text = base64::engine::general_purpose::STANDARD.encode(data);
            let _ = Mask::from_base64_png(&text, width, height);
        }
    }
    // The input as base64 text (data: URLs, whitespace, padding and all).
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Mask::from_base64_png(text, 64, 64);
        if let Ok(mask) = Mask::from_base64_png(text, 512, 512) {
            round_trip(&mask);
        }
    }
});
