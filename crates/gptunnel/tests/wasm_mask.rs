#![cfg(target_arch = "wasm32")]
//! The mask's PNG reader compiled to wasm32 (32-bit sizes, the build the `gptunnel/mask`
//! entry ships), in Node: files of independent encoders read pixel for pixel, as natively
//! (tests/mask_png.rs), and our own PNG reads back.

use gptunnel::mask::{Mask, MaskError};
use wasm_bindgen_test::*;

const W: u32 = 37;
const H: u32 = 23;

/// The fixtures' pattern (tests/fixtures/mask_png/generate.py).
fn white(x: u32, y: u32) -> bool {
    (x ^ y).is_multiple_of(3) || (x + 2 * y) % 7 == 1
}

#[wasm_bindgen_test]
fn independent_encoders_files_read_pixel_for_pixel() {
    let files: [(&str, &[u8]); 5] = [
        (
            "grey1_adam7",
            include_bytes!("fixtures/mask_png/grey1_adam7.png"),
        ),
        ("palette4", include_bytes!("fixtures/mask_png/palette4.png")),
        (
            "rgba16_adam7",
            include_bytes!("fixtures/mask_png/rgba16_adam7.png"),
        ),
        (
            "grey16_trns",
            include_bytes!("fixtures/mask_png/grey16_trns.png"),
        ),
        (
            "canvas_rgba",
            include_bytes!("fixtures/mask_png/canvas_rgba.png"),
        ),
    ];
    for (name, bytes) in files {
        let mask = Mask::from_png(bytes, W, H).unwrap_or_else(|e| panic!("{name}: {e}"));
        for y in 0..H {
            for x in 0..W {
                assert_eq!(mask.get(x, y), white(x, y), "{name}: ({x}, {y})");
            }
        }
    }
}

#[wasm_bindgen_test]
fn our_png_reads_back_and_a_cut_one_is_corrupt() {
    let mut mask = Mask::new(300, 200).unwrap();
    mask.stroke(&[10.0, 10.0, 290.0, 190.0], 25.0);
    let png = mask.to_png();
    let again = Mask::from_png(&png, 300, 200).unwrap();
    assert_eq!(again.count_white(), mask.count_white());
    assert_eq!(again.to_png(), png);
    assert!(matches!(
        Mask::from_png(&png[..png.len() - 20], 300, 200),
        Err(MaskError::Corrupt { .. })
    ));
}
