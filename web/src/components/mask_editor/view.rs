//! Zoom and pan: where the image sits in the stage, as plain numbers (no DOM), so the maths
//! of "zoom around the pointer" and "pinch with two fingers" is unit-tested natively.
//!
//! The image (and the mask canvas over it) is laid out at its natural pixel size and moved
//! with one CSS transform, `translate(x, y) scale(scale)` from the top-left corner: a stage
//! point `s` shows image point `(s - offset) / scale`.

/// Smallest zoom, as a share of the zoom that fits the whole image (or of 100 % if smaller).
const MIN_ZOOM_OF_FIT: f64 = 0.5;
/// Largest zoom: 32 screen pixels per image pixel.
pub const MAX_SCALE: f64 = 32.0;
/// The zoom step of the buttons and the `+`/`-` keys.
pub const ZOOM_STEP: f64 = 1.25;
/// Free space kept around a fitted image, in CSS pixels.
const FIT_MARGIN: f64 = 8.0;

/// How the image is placed in the stage: `stage = image * scale + (x, y)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewTransform {
    /// CSS pixels per image pixel.
    pub scale: f64,
    /// Stage position of the image's left edge.
    pub x: f64,
    /// Stage position of the image's top edge.
    pub y: f64,
}

impl Default for ViewTransform {
    fn default() -> Self {
        Self {
            scale: 1.0,
            x: 0.0,
            y: 0.0,
        }
    }
}

impl ViewTransform {
    /// The whole image centred in a `stage` (width, height) of CSS pixels.
    pub fn fit(stage: (f64, f64), image: (u32, u32)) -> Self {
        let (iw, ih) = (f64::from(image.0.max(1)), f64::from(image.1.max(1)));
        let room_w = (stage.0 - 2.0 * FIT_MARGIN).max(1.0);
        let room_h = (stage.1 - 2.0 * FIT_MARGIN).max(1.0);
        let scale = (room_w / iw).min(room_h / ih).min(MAX_SCALE);
        Self {
            scale,
            x: (stage.0 - iw * scale) / 2.0,
            y: (stage.1 - ih * scale) / 2.0,
        }
    }

    /// The image point under stage point (`sx`, `sy`).
    pub fn to_image(self, sx: f64, sy: f64) -> (f64, f64) {
        ((sx - self.x) / self.scale, (sy - self.y) / self.scale)
    }

    /// Zoomed by `factor` around stage point (`sx`, `sy`), which keeps showing the same
    /// image point; the scale stays within `limits` (min, max).
    pub fn zoom_at(&self, sx: f64, sy: f64, factor: f64, limits: (f64, f64)) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let scale = (self.scale * factor).clamp(limits.0, limits.1);
        let (ix, iy) = self.to_image(sx, sy);
        Self {
            scale,
            x: sx - ix * scale,
            y: sy - iy * scale,
        }
    }

    /// Moved by (`dx`, `dy`) CSS pixels.
    pub fn panned(&self, dx: f64, dy: f64) -> Self {
        Self {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }

    /// The CSS `transform` value.
    pub fn css(&self) -> String {
        format!(
            "translate({:.3}px, {:.3}px) scale({:.5})",
            self.x, self.y, self.scale
        )
    }
}

/// The allowed zoom range for an image whose fitted scale is `fit_scale`.
pub fn zoom_limits(fit_scale: f64) -> (f64, f64) {
    let min = fit_scale.min(1.0) * MIN_ZOOM_OF_FIT;
    (min.min(MAX_SCALE), MAX_SCALE)
}

/// The zoom factor of one wheel event. `delta_mode` is the DOM's (0 pixels, 1 lines, 2 pages);
/// a trackpad pinch arrives as a wheel event with Ctrl held and small deltas, so it is
/// amplified to feel like the fingers.
pub fn wheel_factor(delta_y: f64, delta_mode: u32, ctrl: bool) -> f64 {
    let pixels = match delta_mode {
        1 => delta_y * 16.0,
        2 => delta_y * 400.0,
        _ => delta_y,
    };
    let per_pixel = if ctrl { 0.01 } else { 0.0015 };
    (-pixels.clamp(-400.0, 400.0) * per_pixel).exp()
}

/// A two-finger gesture: the image point first under the fingers' midpoint stays under it,
/// and the scale follows the distance between the fingers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pinch {
    start: ViewTransform,
    /// Image point under the first midpoint.
    anchor: (f64, f64),
    distance: f64,
}

impl Pinch {
    /// Starts from the fingers at stage points `a` and `b`.
    pub fn new(start: ViewTransform, a: (f64, f64), b: (f64, f64)) -> Self {
        let mid = midpoint(a, b);
        Self {
            start,
            anchor: start.to_image(mid.0, mid.1),
            distance: distance(a, b).max(1.0),
        }
    }

    /// The transform with the fingers now at `a` and `b`.
    pub fn update(&self, a: (f64, f64), b: (f64, f64), limits: (f64, f64)) -> ViewTransform {
        let scale =
            (self.start.scale * distance(a, b).max(1.0) / self.distance).clamp(limits.0, limits.1);
        let mid = midpoint(a, b);
        ViewTransform {
            scale,
            x: mid.0 - self.anchor.0 * scale,
            y: mid.1 - self.anchor.1 * scale,
        }
    }
}

fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn a_fitted_image_is_centred_and_fully_visible() {
        let v = ViewTransform::fit((1016.0, 528.0), (2048, 2048));
        assert!((v.scale - 0.25).abs() < 1e-12);
        assert!(close((v.x, v.y), (252.0, 8.0)));
        assert!(close(v.to_image(508.0, 264.0), (1024.0, 1024.0)));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = ViewTransform::fit((800.0, 600.0), (512, 512));
        let before = v.to_image(300.0, 200.0);
        let z = v.zoom_at(300.0, 200.0, 3.0, (0.1, 32.0));
        assert!((z.scale - v.scale * 3.0).abs() < 1e-12);
        assert!(close(z.to_image(300.0, 200.0), before));
    }

    #[test]
    fn zoom_stops_at_the_limits_and_ignores_nonsense() {
        let v = ViewTransform::default();
        assert_eq!(v.zoom_at(0.0, 0.0, 1000.0, (0.5, 32.0)).scale, 32.0);
        assert_eq!(v.zoom_at(0.0, 0.0, 0.0001, (0.5, 32.0)).scale, 0.5);
        assert_eq!(v.zoom_at(5.0, 5.0, f64::NAN, (0.5, 32.0)), v);
    }

    #[test]
    fn a_pinch_scales_with_the_fingers_and_pans_with_their_midpoint() {
        let start = ViewTransform::default();
        let pinch = Pinch::new(start, (100.0, 100.0), (200.0, 100.0));
        let v = pinch.update((50.0, 150.0), (250.0, 150.0), (0.1, 32.0));
        assert!((v.scale - 2.0).abs() < 1e-12);
        // The image point first under the midpoint (150, 100) is now under (150, 150).
        assert!(close(v.to_image(150.0, 150.0), (150.0, 100.0)));
    }

    #[test]
    fn the_wheel_zooms_in_when_scrolled_up_and_out_when_down() {
        assert!(wheel_factor(-100.0, 0, false) > 1.0);
        assert!(wheel_factor(100.0, 0, false) < 1.0);
        assert!((wheel_factor(3.0, 1, false) - wheel_factor(48.0, 0, false)).abs() < 1e-12);
        assert!(wheel_factor(-10.0, 0, true) > wheel_factor(-10.0, 0, false));
    }

    #[test]
    fn small_images_may_zoom_out_to_half_size() {
        assert_eq!(zoom_limits(2.0), (0.5, MAX_SCALE));
        assert_eq!(zoom_limits(0.2), (0.1, MAX_SCALE));
    }
}
