//! Inpaint masks: paint, undo, and turn into the PNG that `/v1/midjourney/inpaint` takes.
//!
//! The provider wants a black-and-white PNG exactly the size of the upsampled image, white
//! where the image is to be regenerated and black where it is kept. A [`Mask`] is that
//! image as one bit per pixel (`true` = white), edited with a round brush, an eraser, a
//! rectangle and a lasso, with bounded undo. It leaves as a 1-bit PNG ([`Mask::to_png`],
//! [`Mask::to_base64_png`]) and can come back in from any PNG of the right size whose pixels
//! are grey ([`Mask::from_png`]): soft anti-aliased edges, like those of the provider's own
//! example mask, are cut at 50 %.
//!
//! ```
//! use gptunnel::mask::Mask;
//!
//! let mut mask = Mask::new(1024, 1024)?;
//! mask.stroke(&[100.0, 100.0, 300.0, 120.0], 20.0);   // brush along a line
//! mask.rect(500.0, 500.0, 200.0, 100.0);               // filled rectangle
//! mask.undo();                                         // the rectangle is gone again
//! let body_field = mask.to_base64_png();               // the `mask` field of an inpaint request
//! assert!(Mask::validate_base64_png(&body_field, 1024, 1024).is_ok());
//! # Ok::<(), gptunnel::mask::MaskError>(())
//! ```
//!
//! Every edit returns the [`Rect`] of pixels it changed (the studio redraws only that), or
//! `None` when it changed nothing; no edit panics, whatever numbers it is given. Pixel
//! coverage is decided at pixel centres: pixel (x, y) is inside a shape when the point
//! (x + 0.5, y + 0.5) is.

mod codec;
mod crc32;
mod error;
mod history;
mod png_read;
mod raster;
mod shapes;

pub use codec::png_dimensions;
pub use error::MaskError;

use history::{History, Step};
use raster::{set_bounds, sub_block, Bitmap, PixelBox, WordBlock};
use shapes::{BrushPath, Polygon};

/// A block of pixels: columns `x..x + width`, rows `y..y + height`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rect {
    /// Left column.
    pub x: u32,
    /// Top row.
    pub y: u32,
    /// Number of columns.
    pub width: u32,
    /// Number of rows.
    pub height: u32,
}

impl Rect {
    /// The pixels in both rectangles, or `None` when they do not overlap.
    pub fn intersection(&self, other: &Rect) -> Option<Rect> {
        let end = |start: u32, size: u32| u64::from(start) + u64::from(size);
        let (x0, y0) = (self.x.max(other.x), self.y.max(other.y));
        let x1 = end(self.x, self.width).min(end(other.x, other.width));
        let y1 = end(self.y, self.height).min(end(other.y, other.height));
        (u64::from(x0) < x1 && u64::from(y0) < y1).then(|| Rect {
            x: x0,
            y: y0,
            width: (x1 - u64::from(x0)) as u32,
            height: (y1 - u64::from(y0)) as u32,
        })
    }
}

/// A black-and-white inpaint mask: width × height bits, `true` = white = regenerate.
///
/// Each edit that changes at least one pixel is one undo step; an edit that changes nothing
/// returns `None` and leaves both the undo and the redo list alone. History memory is bounded
/// by [`Mask::HISTORY_BYTES`] and [`Mask::HISTORY_STEPS`] (oldest steps dropped first); a step
/// stores only the words its edit changed, XOR-coded, so a brush dab costs well under 1 KiB.
#[derive(Clone)]
pub struct Mask {
    bits: Bitmap,
    history: History,
}

impl std::fmt::Debug for Mask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mask")
            .field("width", &self.width())
            .field("height", &self.height())
            .field("white", &self.count_white())
            .field("undo_steps", &self.undo_steps())
            .field("redo_steps", &self.redo_steps())
            .finish()
    }
}

impl Mask {
    /// Longest side accepted, in pixels.
    ///
    /// The largest image the service returns is a 4× upscale, about 4096 pixels a side (and
    /// the provider's size check means the mask is never larger than its image); 8192 leaves
    /// room while keeping a mask at 8 MiB and its decode time bounded. A PNG header declaring
    /// more is refused before any pixel is allocated.
    pub const MAX_SIDE: u32 = 8192;
    /// Most bytes the undo and redo lists hold together (32 MiB): at least four full-image
    /// steps even at 8192 × 8192, 64 at 2048 × 2048, tens of thousands of brush dabs.
    pub const HISTORY_BYTES: usize = 32 * 1024 * 1024;
    /// Most undo steps kept, however small (500).
    pub const HISTORY_STEPS: usize = 500;
    /// Smallest brush radius: a smaller positive radius paints as this one, so that a stroke
    /// always covers the pixels it passes over.
    pub const MIN_BRUSH_RADIUS: f32 = BrushPath::MIN_RADIUS;

    /// An all-black (keep everything) mask.
    ///
    /// # Errors
    /// [`MaskError::ZeroSize`] for a zero side, [`MaskError::TooLarge`] for a side over
    /// [`Mask::MAX_SIDE`].
    pub fn new(width: u32, height: u32) -> Result<Mask, MaskError> {
        Self::check_dimensions(width, height)?;
        Ok(Self::from_bitmap(Bitmap::new(width, height)))
    }

    fn from_bitmap(bits: Bitmap) -> Mask {
        Mask {
            bits,
            history: History::new(Self::HISTORY_BYTES, Self::HISTORY_STEPS),
        }
    }

    pub(crate) fn check_dimensions(width: u32, height: u32) -> Result<(), MaskError> {
        if width == 0 || height == 0 {
            Err(MaskError::ZeroSize { width, height })
        } else if width > Self::MAX_SIDE || height > Self::MAX_SIDE {
            Err(MaskError::TooLarge { width, height })
        } else {
            Ok(())
        }
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.bits.width()
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.bits.height()
    }

    /// The whole mask as a rectangle.
    pub fn bounds(&self) -> Rect {
        self.bits.full_box().into()
    }

    /// Whether pixel (x, y) is white (regenerate); `false` outside the mask.
    pub fn get(&self, x: u32, y: u32) -> bool {
        self.bits.get(x, y)
    }

    /// Number of white pixels.
    pub fn count_white(&self) -> u64 {
        self.bits.count_ones()
    }

    /// Paints white with a round brush of `radius` along the polyline `points`
    /// (`x0, y0, x1, y1, …`; a single point paints a disc).
    ///
    /// A pixel is painted when its centre is within `radius` of the path. A trailing odd value
    /// is ignored; a point with a non-finite coordinate is skipped and breaks the line in two;
    /// a NaN or non-positive radius paints nothing; radii below [`Mask::MIN_BRUSH_RADIUS`]
    /// paint as it. Only the rows and columns near the path are visited.
    pub fn stroke(&mut self, points: &[f32], radius: f32) -> Option<Rect> {
        self.brush(points, radius, true)
    }

    /// The eraser: like [`Mask::stroke`], but paints black (keep).
    pub fn erase(&mut self, points: &[f32], radius: f32) -> Option<Rect> {
        self.brush(points, radius, false)
    }

    fn brush(&mut self, points: &[f32], radius: f32, value: bool) -> Option<Rect> {
        let path = BrushPath::new(points, radius)?;
        let area = path.bounds(self.width(), self.height())?;
        self.edit(area, |bits| path.paint(bits, area, value))
    }

    /// Fills the rectangle at (`x`, `y`) of `width` × `height` with white. A negative size
    /// extends left or up; the rectangle is clipped to the mask; NaN anywhere paints nothing.
    /// Edges are half-open on pixel centres, so whole numbers fill exactly columns
    /// `x..x + width` and rows `y..y + height`.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) -> Option<Rect> {
        let area = shapes::rect_box(x, y, width, height, self.width(), self.height())?;
        self.edit(area, |bits| {
            (area.y0..area.y1).for_each(|row| bits.fill_span(row, area.x0, area.x1, true));
        })
    }

    /// Fills the closed polygon through `points` (`x0, y0, x1, y1, …`) with white.
    ///
    /// Filled by the **nonzero** winding rule: where a hand-drawn lasso crosses itself, the
    /// loops stay filled (even-odd would punch holes the user did not draw). Points with a
    /// non-finite coordinate and a trailing odd value are ignored; fewer than three points
    /// paint nothing.
    pub fn lasso(&mut self, points: &[f32]) -> Option<Rect> {
        let polygon = Polygon::new(points)?;
        let area = polygon.bounds(self.width(), self.height())?;
        self.edit(area, |bits| polygon.paint(bits, area))
    }

    /// Swaps black and white everywhere. Always one undo step (stored in a few bytes).
    pub fn invert(&mut self) -> Option<Rect> {
        self.bits.invert();
        self.history.record(Step::Invert);
        Some(self.bounds())
    }

    /// Makes every pixel black; `None` (and no undo step) when it already was.
    pub fn clear(&mut self) -> Option<Rect> {
        let area = self.bits.set_bounds()?;
        self.edit(area, |bits| {
            (area.y0..area.y1).for_each(|row| bits.fill_span(row, area.x0, area.x1, false));
        })
    }

    /// Takes back the newest edit; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Rect> {
        self.history.undo(&mut self.bits).map(Rect::from)
    }

    /// Re-applies the newest undone edit; `None` when there is nothing to redo (a new edit
    /// since the undo empties the redo list).
    pub fn redo(&mut self) -> Option<Rect> {
        self.history.redo(&mut self.bits).map(Rect::from)
    }

    /// Whether [`Mask::undo`] would change something.
    pub fn can_undo(&self) -> bool {
        self.history.undo_len() > 0
    }

    /// Whether [`Mask::redo`] would change something.
    pub fn can_redo(&self) -> bool {
        self.history.redo_len() > 0
    }

    /// Number of edits that can be undone.
    pub fn undo_steps(&self) -> usize {
        self.history.undo_len()
    }

    /// Number of undone edits that can be redone.
    pub fn redo_steps(&self) -> usize {
        self.history.redo_len()
    }

    /// Bytes the undo and redo lists are charged, together; never more than
    /// [`Mask::HISTORY_BYTES`].
    pub fn history_bytes(&self) -> usize {
        self.history.bytes()
    }

    /// Runs `paint`, which changes pixels inside `area` only, and records what changed.
    fn edit(&mut self, area: PixelBox, paint: impl FnOnce(&mut Bitmap)) -> Option<Rect> {
        let block = WordBlock::covering(area);
        let mut delta = self.bits.copy_block(block);
        paint(&mut self.bits);
        self.bits.xor_into(block, &mut delta);
        let changed = set_bounds(block, &delta)?;
        let tight = WordBlock::covering(changed);
        let delta = if tight == block {
            delta
        } else {
            sub_block(block, &delta, tight)
        };
        self.history.record(Step::Delta {
            block: tight,
            delta,
            changed,
        });
        Some(changed.into())
    }

    /// RGBA pixels for drawing the mask over its image: `colour` where white, transparent
    /// `[0, 0, 0, 0]` where black, row by row, for `area` clipped to the mask (an area an
    /// edit returned is already inside). Empty when `area` misses the mask.
    pub fn rgba_overlay(&self, area: Rect, colour: [u8; 4]) -> Vec<u8> {
        let Some(area) = area.intersection(&self.bounds()) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(area.width as usize * area.height as usize * 4);
        for y in area.y..area.y + area.height {
            for x in area.x..area.x + area.width {
                out.extend_from_slice(&if self.get(x, y) { colour } else { [0; 4] });
            }
        }
        out
    }

    /// The mask as a 1-bit greyscale PNG (white = regenerate), deflated at the best level:
    /// a 2048 × 2048 mask of a few shapes is a few kilobytes.
    pub fn to_png(&self) -> Vec<u8> {
        codec::encode(&self.bits)
    }

    /// [`Mask::to_png`] as standard base64 with padding and no `data:` prefix: the form the
    /// inpaint request's `mask` field takes.
    pub fn to_base64_png(&self) -> String {
        crate::base64::encode(&self.to_png())
    }

    /// Reads a PNG mask for a `width` × `height` image (the undo history starts empty).
    ///
    /// The header is checked before any pixel is decoded: a size over [`Mask::MAX_SIDE`] or
    /// other than `width` × `height` is refused without allocating. Any PNG colour type and
    /// depth is read; pixels must be grey (channels within 16 of 255 of each other), alpha is
    /// applied over black (transparent = keep), and grey is cut at 50 % (128 of 255 and up
    /// is white), which turns soft anti-aliased edges into hard ones.
    ///
    /// # Errors
    /// [`MaskError::Empty`], [`MaskError::NotPng`] (JPEG, WebP, GIF, anything else),
    /// [`MaskError::Corrupt`] (truncated or damaged), [`MaskError::TooLarge`],
    /// [`MaskError::WrongSize`], [`MaskError::ZeroSize`], [`MaskError::NotBlackAndWhite`].
    pub fn from_png(bytes: &[u8], width: u32, height: u32) -> Result<Mask, MaskError> {
        codec::decode(bytes, width, height).map(Self::from_bitmap)
    }

    /// [`Mask::from_png`] from base64. Surrounding whitespace, line breaks inside, missing
    /// `=` padding and a `data:image/png;base64,` prefix are all tolerated. The header is
    /// decoded and checked first, so a mis-sized mask is refused before the rest is decoded.
    ///
    /// # Errors
    /// As [`Mask::from_png`], plus [`MaskError::Base64`].
    pub fn from_base64_png(b64: &str, width: u32, height: u32) -> Result<Mask, MaskError> {
        let bytes = codec::decode_base64(b64, width, height)?;
        Self::from_png(&bytes, width, height)
    }

    /// Checks that `b64` is a mask the provider will take for a `width` × `height` image,
    /// by the rules of [`Mask::from_base64_png`].
    ///
    /// # Errors
    /// As [`Mask::from_base64_png`].
    pub fn validate_base64_png(b64: &str, width: u32, height: u32) -> Result<(), MaskError> {
        Self::from_base64_png(b64, width, height).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_records_only_the_words_it_changed() {
        let mut mask = Mask::new(2048, 2048).unwrap();
        let changed = mask
            .stroke(&[1000.0, 1000.0, 1010.0, 1000.0], 20.0)
            .unwrap();
        assert_eq!(
            changed,
            Rect {
                x: 980,
                y: 980,
                width: 50,
                height: 40
            }
        );
        // 40 rows × 2 words (columns 960..1088) + the fixed overhead.
        assert_eq!(mask.history_bytes(), 40 * 2 * 8 + history::STEP_OVERHEAD);
    }

    #[test]
    fn painting_over_white_changes_nothing_and_records_nothing() {
        let mut mask = Mask::new(64, 64).unwrap();
        mask.rect(0.0, 0.0, 64.0, 64.0).unwrap();
        mask.undo();
        mask.redo();
        assert_eq!(mask.stroke(&[10.0, 10.0], 5.0), None);
        assert_eq!((mask.undo_steps(), mask.redo_steps()), (1, 0));
    }

    #[test]
    fn rect_intersection_does_not_overflow() {
        let huge = Rect {
            x: u32::MAX - 1,
            y: 0,
            width: u32::MAX,
            height: 5,
        };
        let small = Rect {
            x: 0,
            y: 0,
            width: 10,
            height: 10,
        };
        assert_eq!(huge.intersection(&small), None);
        let wide = Rect {
            x: 3,
            y: 2,
            width: u32::MAX,
            height: u32::MAX,
        };
        assert_eq!(
            wide.intersection(&small),
            Some(Rect {
                x: 3,
                y: 2,
                width: 7,
                height: 8
            })
        );
    }
}
