//! A rectangle selection from the keyboard alone (issue 14): with the Rectangle tool and the
//! image focused, an arrow key places a rectangle in the middle, arrows move it, Shift+arrows
//! resize it, Enter adds it to the region. Each change is said in words (percent of the image)
//! for a screen reader.
use super::strings::MaskStrings;

/// A rectangle in image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyRect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// What a key does to the keyboard rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyRectStep {
    /// Show (or move, or resize) the rectangle.
    Show(KeyRect),
    /// Fill this rectangle into the mask.
    Add(KeyRect),
}

/// One twentieth of the image per key press, at least a pixel.
fn steps(width: f64, height: f64) -> (f64, f64) {
    ((width / 20.0).max(1.0), (height / 20.0).max(1.0))
}

/// The rectangle an arrow key places: a third of the image, centred.
pub fn placed(width: f64, height: f64) -> KeyRect {
    let (w, h) = (
        (width / 3.0).round().max(1.0),
        (height / 3.0).round().max(1.0),
    );
    KeyRect {
        x: ((width - w) / 2.0).round(),
        y: ((height - h) / 2.0).round(),
        w,
        h,
    }
}

/// What `key` (a DOM `KeyboardEvent.key`) does to `current` on an image `width` × `height`;
/// `None` for keys it does not use (they keep their usual meaning). The rectangle stays
/// inside the image.
pub fn key_rect(
    current: Option<KeyRect>,
    key: &str,
    shift: bool,
    width: f64,
    height: f64,
) -> Option<KeyRectStep> {
    let (dx, dy) = match key {
        "ArrowLeft" => (-1.0, 0.0),
        "ArrowRight" => (1.0, 0.0),
        "ArrowUp" => (0.0, -1.0),
        "ArrowDown" => (0.0, 1.0),
        "Enter" => return current.map(KeyRectStep::Add),
        _ => return None,
    };
    let Some(mut r) = current else {
        return Some(KeyRectStep::Show(placed(width, height)));
    };
    let (sx, sy) = steps(width, height);
    if shift {
        r.w = (r.w + dx * sx).clamp(sx.min(width - r.x), width - r.x);
        r.h = (r.h + dy * sy).clamp(sy.min(height - r.y), height - r.y);
    } else {
        r.x = (r.x + dx * sx).clamp(0.0, width - r.w);
        r.y = (r.y + dy * sy).clamp(0.0, height - r.h);
    }
    Some(KeyRectStep::Show(r))
}

/// The words for a rectangle: "Rectangle 33 × 33 % of the image, from 33 %, 33 %".
pub fn describe(r: KeyRect, width: f64, height: f64, s: &MaskStrings) -> String {
    let pct = |v: f64, of: f64| (v / of * 100.0).round();
    format!(
        "{} {} × {} % {}, {} {} %, {} %",
        s.key_rect,
        pct(r.w, width),
        pct(r.h, height),
        s.key_rect_of_image,
        s.key_rect_from,
        pct(r.x, width),
        pct(r.y, height)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const W: f64 = 1000.0;
    const H: f64 = 600.0;

    fn shown(step: Option<KeyRectStep>) -> KeyRect {
        match step {
            Some(KeyRectStep::Show(r)) => r,
            other => panic!("expected a shown rectangle, got {other:?}"),
        }
    }

    #[test]
    fn an_arrow_places_a_centred_third_then_arrows_move_and_shift_resizes() {
        let r = shown(key_rect(None, "ArrowRight", false, W, H));
        assert_eq!(
            r,
            KeyRect {
                x: 334.0,
                y: 200.0,
                w: 333.0,
                h: 200.0
            }
        );
        let r = shown(key_rect(Some(r), "ArrowRight", false, W, H));
        assert_eq!((r.x, r.y), (384.0, 200.0));
        let r = shown(key_rect(Some(r), "ArrowUp", false, W, H));
        assert_eq!((r.x, r.y), (384.0, 170.0));
        let r = shown(key_rect(Some(r), "ArrowRight", true, W, H));
        assert_eq!((r.w, r.h), (383.0, 200.0));
        let r = shown(key_rect(Some(r), "ArrowUp", true, W, H));
        assert_eq!((r.w, r.h), (383.0, 170.0));
        assert_eq!(
            key_rect(Some(r), "Enter", false, W, H),
            Some(KeyRectStep::Add(r))
        );
    }

    #[test]
    fn the_rectangle_stays_inside_the_image_and_other_keys_are_left_alone() {
        let mut r = placed(W, H);
        for _ in 0..40 {
            r = shown(key_rect(Some(r), "ArrowLeft", false, W, H));
            r = shown(key_rect(Some(r), "ArrowDown", true, W, H));
        }
        assert_eq!((r.x, r.y + r.h), (0.0, H));
        for _ in 0..40 {
            r = shown(key_rect(Some(r), "ArrowLeft", true, W, H));
        }
        assert_eq!(r.w, 50.0, "never narrower than one step");
        assert_eq!(key_rect(Some(r), "a", false, W, H), None);
        assert_eq!(
            key_rect(None, "Enter", false, W, H),
            None,
            "nothing to add yet"
        );
    }

    #[test]
    fn it_is_described_in_percent_of_the_image() {
        let s = super::super::strings::mask_strings(Lang::En);
        let text = describe(placed(W, H), W, H, s);
        assert_eq!(text, "Rectangle 33 × 33 % of the image, from 33 %, 33 %");
    }
}
