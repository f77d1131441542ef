//! The mask and its overlay canvas, kept in step.
//!
//! Every edit goes to the `gptunnel` mask model, which returns the rectangle of pixels it
//! changed; only that rectangle is redrawn (`putImageData` of the model's RGBA overlay), so a
//! brush dab on a 2048 × 2048 mask touches a few kilobytes, never the whole canvas. The PNG
//! is encoded once, on submit.
use gptunnel::mask::{Mask, Rect};
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::history::Gestures;

/// The overlay colour where the mask is white (the canvas itself is drawn translucent).
pub const OVERLAY_COLOUR: [u8; 4] = [255, 40, 110, 255];

/// What the toolbar shows about the mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    /// Undo would change something.
    pub can_undo: bool,
    /// Redo would change something.
    pub can_redo: bool,
    /// At least one pixel is marked for regeneration.
    pub has_region: bool,
}

/// A mask, its gesture history and the 2D context of the canvas that shows it.
pub struct Painter {
    mask: Mask,
    ctx: CanvasRenderingContext2d,
    gestures: Gestures,
}

impl Painter {
    /// An empty mask of `width` × `height`, shown on `canvas` (resized to match).
    pub fn new(canvas: &HtmlCanvasElement, width: u32, height: u32) -> Option<Painter> {
        let mask = Mask::new(width, height).ok()?;
        canvas.set_width(width);
        canvas.set_height(height);
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        ctx.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
        Some(Painter {
            mask,
            ctx,
            gestures: Gestures::default(),
        })
    }

    /// Toolbar state. `exact` also counts the white pixels (skipped while a stroke is in
    /// progress: a brush only adds them).
    pub fn status(&self, exact: bool, previous: Status) -> Status {
        Status {
            can_undo: self.mask.can_undo(),
            can_redo: self.mask.can_redo(),
            has_region: if exact {
                self.mask.count_white() > 0
            } else {
                previous.has_region
            },
        }
    }

    /// One brush (or eraser) segment along `points` of the gesture in progress: one model
    /// call, then the changed pixels redrawn.
    pub fn brush(&mut self, points: &[f32], radius: f32, erase: bool) {
        let changed = if erase {
            self.mask.erase(points, radius)
        } else {
            self.mask.stroke(points, radius)
        };
        self.record(changed);
    }

    /// Fills a rectangle (a whole gesture).
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        let changed = self.mask.rect(x, y, width, height);
        self.record(changed);
        self.end_gesture();
    }

    /// Fills a lasso outline (a whole gesture).
    pub fn lasso(&mut self, points: &[f32]) {
        let changed = self.mask.lasso(points);
        self.record(changed);
        self.end_gesture();
    }

    /// Swaps kept and regenerated pixels (a whole gesture).
    pub fn invert(&mut self) {
        let changed = self.mask.invert();
        self.record(changed);
        self.end_gesture();
    }

    /// Keeps every pixel again (a whole gesture).
    pub fn clear(&mut self) {
        let changed = self.mask.clear();
        self.record(changed);
        self.end_gesture();
    }

    /// Ends the gesture in progress: its steps become one undo entry.
    pub fn end_gesture(&mut self) {
        self.gestures.close(self.mask.undo_steps());
    }

    /// Takes back the gesture in progress (a second finger made it a pinch).
    pub fn abandon_gesture(&mut self) {
        let steps = self.gestures.abandon();
        let area = self.repeat(steps, Mask::undo);
        self.draw(area);
    }

    /// Takes back the last gesture.
    pub fn undo(&mut self) {
        self.end_gesture();
        let steps = self.gestures.undo();
        let area = self.repeat(steps, Mask::undo);
        self.gestures.undone(area.map_or(0, |(_, n)| n));
        self.draw(area);
    }

    /// Re-applies the last undone gesture.
    pub fn redo(&mut self) {
        self.end_gesture();
        let steps = self.gestures.redo();
        let area = self.repeat(steps, Mask::redo);
        self.gestures.redone(area.map_or(0, |(_, n)| n));
        self.draw(area);
    }

    /// The mask as the inpaint request's `mask` field.
    pub fn encode(&self) -> String {
        self.mask.to_base64_png()
    }

    /// Runs `op` up to `steps` times; the union of what changed and how many times it did.
    fn repeat(&mut self, steps: usize, op: fn(&mut Mask) -> Option<Rect>) -> Option<(Rect, usize)> {
        let mut out: Option<(Rect, usize)> = None;
        for _ in 0..steps {
            let Some(r) = op(&mut self.mask) else { break };
            out = Some(match out {
                None => (r, 1),
                Some((area, n)) => (union(area, r), n + 1),
            });
        }
        out
    }

    fn record(&mut self, changed: Option<Rect>) {
        if let Some(area) = changed {
            self.gestures.step();
            self.draw(Some((area, 1)));
        }
    }

    /// Redraws `area` of the overlay from the mask.
    fn draw(&self, area: Option<(Rect, usize)>) {
        let Some((area, _)) = area else { return };
        let pixels = self.mask.rgba_overlay(area, OVERLAY_COLOUR);
        if pixels.is_empty() {
            return;
        }
        if let Ok(image) =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), area.width, area.height)
        {
            let _ = self
                .ctx
                .put_image_data(&image, f64::from(area.x), f64::from(area.y));
        }
    }
}

/// The smallest rectangle holding both.
fn union(a: Rect, b: Rect) -> Rect {
    let x0 = a.x.min(b.x);
    let y0 = a.y.min(b.y);
    let x1 = (a.x + a.width).max(b.x + b.width);
    let y1 = (a.y + a.height).max(b.y + b.height);
    Rect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    }
}
