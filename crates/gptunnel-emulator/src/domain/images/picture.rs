//! What a task's image IS, as a small tree over procedural scenes: a scene, a scene extended
//! past its edges (pan, outpaint), or a scene repainted under a mask (inpaint). A `Frame` is a
//! picture seen through a viewport at a pixel size; an `Art` is either one frame (upsample,
//! upscale) or a 2x2 grid of four candidate frames (imagine, variation, reroll, inpaint,
//! outpaint, pan). Because it is a tree and not pixels, "candidate 3 at full size" (upsample)
//! is drawn crisp and derived tasks stay visibly related to their parents.

use std::sync::Arc;

use super::raster::Raster;
use super::scene::{Rect, Rgb, Scene};
use crate::domain::masks::Mask;

/// A picture over the whole plane.
#[derive(Debug)]
pub(crate) enum Picture {
    Scene(Scene),
    /// `inner` inside `inner_rect`, `outer` everywhere else.
    Extended {
        inner: Arc<Picture>,
        inner_rect: Rect,
        outer: Scene,
    },
    /// `base` with `fill` blended in by `mask`, which covers `rect`.
    Inpainted {
        base: Arc<Picture>,
        fill: Scene,
        mask: Arc<Mask>,
        rect: Rect,
    },
}

impl Picture {
    pub(crate) fn color_at(&self, x: f64, y: f64) -> Rgb {
        match self {
            Picture::Scene(scene) => scene.color_at(x, y),
            Picture::Extended {
                inner,
                inner_rect,
                outer,
            } => {
                if inner_rect.contains(x, y) {
                    inner.color_at(x, y)
                } else {
                    outer.color_at(x, y)
                }
            }
            Picture::Inpainted {
                base,
                fill,
                mask,
                rect,
            } => {
                let weight = mask_weight(mask, rect, x, y);
                match weight {
                    0 => base.color_at(x, y),
                    255 => fill.color_at(x, y),
                    _ => base
                        .color_at(x, y)
                        .lerp(fill.color_at(x, y), f32::from(weight) / 255.0),
                }
            }
        }
    }

    /// The scene at the bottom of the tree (its look is what extensions continue).
    pub(crate) fn root_scene(&self) -> &Scene {
        match self {
            Picture::Scene(scene) => scene,
            Picture::Extended { inner, .. } => inner.root_scene(),
            Picture::Inpainted { base, .. } => base.root_scene(),
        }
    }

    /// Redo the last step with new randomness (reroll): new shapes, new extension, new fill.
    pub(crate) fn reseeded(&self, seed: u64) -> Picture {
        match self {
            Picture::Scene(scene) => Picture::Scene(scene.reseeded(seed)),
            Picture::Extended {
                inner,
                inner_rect,
                outer,
            } => Picture::Extended {
                inner: inner.clone(),
                inner_rect: *inner_rect,
                outer: outer.extension(outer.area, *inner_rect, seed),
            },
            Picture::Inpainted {
                base,
                fill,
                mask,
                rect,
            } => Picture::Inpainted {
                base: base.clone(),
                fill: fill.reseeded(seed),
                mask: mask.clone(),
                rect: *rect,
            },
        }
    }

    /// The whole picture nudged by `strength` (variation).
    pub(crate) fn jittered(&self, seed: u64, strength: f64) -> Picture {
        match self {
            Picture::Scene(scene) => Picture::Scene(scene.jittered(seed, strength)),
            Picture::Extended {
                inner,
                inner_rect,
                outer,
            } => Picture::Extended {
                inner: Arc::new(inner.jittered(seed, strength)),
                inner_rect: *inner_rect,
                outer: outer.jittered(seed ^ 1, strength),
            },
            Picture::Inpainted {
                base,
                fill,
                mask,
                rect,
            } => Picture::Inpainted {
                base: Arc::new(base.jittered(seed, strength)),
                fill: fill.jittered(seed ^ 1, strength),
                mask: mask.clone(),
                rect: *rect,
            },
        }
    }
}

fn mask_weight(mask: &Mask, rect: &Rect, x: f64, y: f64) -> u8 {
    if !rect.contains(x, y) {
        return 0;
    }
    let column = (((x - rect.x) / rect.w) * f64::from(mask.width)) as u32;
    let row = (((y - rect.y) / rect.h) * f64::from(mask.height)) as u32;
    mask.weight(column.min(mask.width - 1), row.min(mask.height - 1))
}

/// A picture seen through `viewport`, drawn at `width` x `height` pixels.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub(crate) picture: Arc<Picture>,
    pub(crate) viewport: Rect,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl Frame {
    /// Draws the frame, sampling the picture at each pixel's centre.
    pub(crate) fn render(&self) -> Raster {
        let Frame {
            picture,
            viewport,
            width,
            height,
        } = self;
        let (step_x, step_y) = (
            viewport.w / f64::from(*width),
            viewport.h / f64::from(*height),
        );
        Raster::from_fn(*width, *height, |column, row| {
            let x = viewport.x + (f64::from(column) + 0.5) * step_x;
            let y = viewport.y + (f64::from(row) + 0.5) * step_y;
            picture.color_at(x, y)
        })
    }

    /// The same view at another pixel size.
    pub(crate) fn resized(&self, width: u32, height: u32) -> Frame {
        Frame {
            width,
            height,
            ..self.clone()
        }
    }
}

/// What a task shows when done.
#[derive(Debug, Clone)]
pub(crate) enum Art {
    /// Four candidates, numbered 1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right; each
    /// candidate frame is half the grid's width and height.
    Grid {
        width: u32,
        height: u32,
        candidates: [Frame; 4],
    },
    Single(Frame),
}

impl Art {
    /// Pixel size of the whole image.
    pub(crate) fn size(&self) -> (u32, u32) {
        match self {
            Art::Grid { width, height, .. } => (*width, *height),
            Art::Single(frame) => (frame.width, frame.height),
        }
    }

    /// Candidate `n` (1..=4) of a grid.
    pub(crate) fn candidate(&self, n: u8) -> Option<&Frame> {
        match self {
            Art::Grid { candidates, .. } => candidates.get(usize::from(n).checked_sub(1)?),
            Art::Single(_) => None,
        }
    }

    pub(crate) fn render(&self) -> Raster {
        match self {
            Art::Single(frame) => frame.render(),
            Art::Grid {
                width,
                height,
                candidates,
            } => {
                let mut grid = Raster::new(*width, *height);
                for (index, candidate) in candidates.iter().enumerate() {
                    let left = if index % 2 == 1 { width / 2 } else { 0 };
                    let top = if index >= 2 { height / 2 } else { 0 };
                    grid.blit(&candidate.render(), left, top);
                }
                grid
            }
        }
    }
}
