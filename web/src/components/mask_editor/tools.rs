//! The painting tools and the brush size: which tool does what, the size range for an image,
//! and the `[` / `]` steps.

/// What a drag on the image does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tool {
    /// Paints white (regenerate) with a round brush.
    #[default]
    Brush,
    /// Paints black (keep) with a round brush.
    Eraser,
    /// Fills the dragged rectangle on release.
    Rectangle,
    /// Fills the drawn outline on release.
    Lasso,
}

impl Tool {
    /// Every tool, in toolbar order.
    pub const ALL: [Tool; 4] = [Tool::Brush, Tool::Eraser, Tool::Rectangle, Tool::Lasso];

    /// A stable name (test ids, `data-tool`).
    pub fn name(self) -> &'static str {
        match self {
            Tool::Brush => "brush",
            Tool::Eraser => "eraser",
            Tool::Rectangle => "rectangle",
            Tool::Lasso => "lasso",
        }
    }

    /// Whether the tool paints with the round brush (and so shows the brush cursor).
    pub fn uses_brush(self) -> bool {
        matches!(self, Tool::Brush | Tool::Eraser)
    }
}

/// Smallest brush diameter, in image pixels.
pub const MIN_BRUSH: f64 = 2.0;

/// Largest brush diameter for an image of `width` × `height`: half its longer side.
pub fn max_brush(width: u32, height: u32) -> f64 {
    (f64::from(width.max(height)) / 2.0)
        .max(MIN_BRUSH * 2.0)
        .round()
}

/// The starting brush diameter: a sixteenth of the longer side (32 px on a 512 image).
pub fn default_brush(width: u32, height: u32) -> f64 {
    (f64::from(width.max(height)) / 16.0)
        .round()
        .clamp(MIN_BRUSH, max_brush(width, height))
}

/// One `]` step up: about 20 % bigger, at least one pixel, at most `max`.
pub fn bigger(size: f64, max: f64) -> f64 {
    (size * 1.2).round().max(size + 1.0).min(max)
}

/// One `[` step down: about 20 % smaller, at least one pixel, at least [`MIN_BRUSH`].
pub fn smaller(size: f64) -> f64 {
    (size / 1.2).round().min(size - 1.0).max(MIN_BRUSH)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_default_brush_scales_with_the_image() {
        assert_eq!(default_brush(512, 512), 32.0);
        assert_eq!(default_brush(2048, 1024), 128.0);
        assert_eq!(default_brush(16, 16), MIN_BRUSH);
    }

    #[test]
    fn brackets_step_the_size_within_bounds() {
        assert_eq!(bigger(32.0, 256.0), 38.0);
        assert_eq!(bigger(2.0, 256.0), 3.0);
        assert_eq!(bigger(250.0, 256.0), 256.0);
        assert_eq!(smaller(38.0), 32.0);
        assert_eq!(smaller(3.0), 2.0);
        assert_eq!(smaller(2.0), 2.0);
        let mut size = 32.0;
        for _ in 0..5 {
            size = bigger(size, 256.0);
        }
        for _ in 0..5 {
            size = smaller(size);
        }
        assert!(
            (size - 32.0).abs() <= 2.0,
            "up and down again lands near the start: {size}"
        );
    }
}
