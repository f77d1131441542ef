//! How each task's `Art` is made from its prompt or from its parent's art, with the geometry of
//! each action: upsample = one candidate at the grid's size; pan widens (left/right) or
//! heightens (up/down) by 1.5x; outpaint zooms out so the parent fills 50 % or 75 % in the
//! middle; upscale multiplies the pixel size; inpaint repaints only the mask's white area.

use std::sync::Arc;

use super::picture::{Art, Frame, Picture};
use super::scene::{Palette, Pattern, Rect, Scene};
use crate::domain::actions::ActionRequest;
use crate::model::direction::Direction;
use crate::model::rng::{hash_str, mix};

/// Largest side of any generated image.
pub(crate) const MAX_SIDE: u32 = 4096;
/// How much a pan extends the canvas.
pub(crate) const PAN_GROWTH: f64 = 1.5;

/// The four-candidate grid of an imagine. Same prompt, same grid. A `--ar W:H` flag in the
/// prompt shapes the grid (longest side `image_size`), as it does in Midjourney.
pub(crate) fn imagine(prompt: &str, image_size: u32) -> Art {
    let (width, height, viewport, seed) = canvas(prompt, image_size, aspect_from_prompt(prompt));
    let palette = Palette::from_seed(seed);
    let candidates = [1u64, 2, 3, 4].map(|n| {
        let scene = Scene::new(
            palette,
            Pattern::Gradient,
            viewport,
            mix(seed, n),
            5 + (mix(seed, n) % 4) as usize,
        );
        Frame {
            picture: Arc::new(Picture::Scene(scene)),
            viewport,
            width: width / 2,
            height: height / 2,
        }
    });
    Art::Grid {
        width,
        height,
        candidates,
    }
}

/// A single image for a media task (`ar` like "16:9", longest side `image_size`).
pub(crate) fn media(prompt: &str, image_size: u32, ar: Option<&str>) -> Art {
    let (width, height, viewport, seed) = canvas(prompt, image_size, ar.and_then(parse_aspect));
    let scene = Scene::new(
        Palette::from_seed(seed),
        Pattern::Gradient,
        viewport,
        mix(seed, 1),
        7,
    );
    Art::Single(Frame {
        picture: Arc::new(Picture::Scene(scene)),
        viewport,
        width,
        height,
    })
}

/// A new picture's size (longest side `image_size`, square unless `aspect`), its whole
/// viewport, and its seed: the same prompt always draws the same picture.
fn canvas(prompt: &str, image_size: u32, aspect: Option<(u32, u32)>) -> (u32, u32, Rect, u64) {
    let (width, height) = dims_for(image_size, aspect.unwrap_or((1, 1)));
    let viewport = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(width) / f64::from(height),
        h: 1.0,
    };
    (width, height, viewport, hash_str(prompt.trim()))
}

/// The art of a task derived from `parent` by `request`. `seed` is the new task's own seed;
/// `fill_prompt` is what an inpaint paints with. Fails only when the result would be too big
/// or the parent has the wrong shape (which the action lists already prevent).
pub(crate) fn derive(
    parent: &Art,
    request: &ActionRequest,
    seed: u64,
    fill_prompt: &str,
) -> Result<Art, String> {
    let (width, height) = parent.size();
    match request {
        ActionRequest::Upsample { image } => {
            let frame = candidate(parent, *image)?;
            Ok(Art::Single(frame.resized(width, height)))
        }
        ActionRequest::Variation { image } => {
            let base = candidate(parent, *image)?.clone();
            Ok(grid(width, height, |n| Frame {
                picture: Arc::new(base.picture.jittered(mix(seed, n), 1.0)),
                ..base.clone()
            }))
        }
        ActionRequest::VariationMode { strong } => {
            let base = single(parent)?;
            let strength = if *strong { 1.0 } else { 0.35 };
            Ok(grid(width, height, |n| Frame {
                picture: Arc::new(base.picture.jittered(mix(seed, n), strength)),
                ..base.resized(width / 2, height / 2)
            }))
        }
        ActionRequest::Reroll => {
            let Art::Grid { candidates, .. } = parent else {
                return Err("reroll needs a grid".into());
            };
            Ok(grid(width, height, |n| {
                let old = &candidates[(n - 1) as usize];
                Frame {
                    picture: Arc::new(old.picture.reseeded(mix(seed, n))),
                    ..old.clone()
                }
            }))
        }
        ActionRequest::Inpaint { mask, .. } => {
            let base = single(parent)?;
            let fill_seed = hash_str(fill_prompt.trim());
            let palette = Palette::from_seed(fill_seed ^ 0x5bd1_e995);
            Ok(grid(width, height, |n| {
                let fill = Scene::new(palette, Pattern::Stripes, base.viewport, mix(seed, n), 5);
                let picture = Picture::Inpainted {
                    base: base.picture.clone(),
                    fill,
                    mask: mask.clone(),
                    rect: base.viewport,
                };
                Frame {
                    picture: Arc::new(picture),
                    ..base.resized(width / 2, height / 2)
                }
            }))
        }
        ActionRequest::Outpaint { zoom } => {
            let base = single(parent)?;
            let grow = 100.0 / f64::from(*zoom);
            let inner = base.viewport;
            let (w, h) = (inner.w * grow, inner.h * grow);
            let outer = Rect {
                x: inner.x - (w - inner.w) / 2.0,
                y: inner.y - (h - inner.h) / 2.0,
                w,
                h,
            };
            Ok(extended(base, outer, width, height, seed))
        }
        ActionRequest::Pan { direction } => {
            let base = single(parent)?;
            let inner = base.viewport;
            let horizontal = matches!(direction, Direction::Left | Direction::Right);
            let (new_width, new_height) = if horizontal {
                (round4(f64::from(width) * PAN_GROWTH), height)
            } else {
                (width, round4(f64::from(height) * PAN_GROWTH))
            };
            check_size(new_width, new_height)?;
            let (w, h) = (
                inner.w * f64::from(new_width) / f64::from(width),
                inner.h * f64::from(new_height) / f64::from(height),
            );
            let outer = match direction {
                Direction::Left => Rect {
                    x: inner.x - (w - inner.w),
                    w,
                    ..inner
                },
                Direction::Right => Rect { w, ..inner },
                Direction::Up => Rect {
                    y: inner.y - (h - inner.h),
                    h,
                    ..inner
                },
                Direction::Down => Rect { h, ..inner },
            };
            Ok(extended(base, outer, new_width, new_height, seed))
        }
        ActionRequest::Upscale { factor } => {
            let base = single(parent)?;
            let (new_width, new_height) = (width * u32::from(*factor), height * u32::from(*factor));
            check_size(new_width, new_height)?;
            Ok(Art::Single(base.resized(new_width, new_height)))
        }
    }
}

fn extended(base: &Frame, outer: Rect, width: u32, height: u32, seed: u64) -> Art {
    let root = base.picture.root_scene().clone();
    grid(width, height, |n| {
        let picture = Picture::Extended {
            inner: base.picture.clone(),
            inner_rect: base.viewport,
            outer: root.extension(outer, base.viewport, mix(seed, n)),
        };
        Frame {
            picture: Arc::new(picture),
            viewport: outer,
            width: width / 2,
            height: height / 2,
        }
    })
}

fn grid(width: u32, height: u32, mut make: impl FnMut(u64) -> Frame) -> Art {
    Art::Grid {
        width,
        height,
        candidates: [make(1), make(2), make(3), make(4)],
    }
}

fn candidate(parent: &Art, image: u8) -> Result<&Frame, String> {
    parent
        .candidate(image)
        .ok_or_else(|| format!("the parent has no image {image}"))
}

fn single(parent: &Art) -> Result<&Frame, String> {
    match parent {
        Art::Single(frame) => Ok(frame),
        Art::Grid { .. } => Err("the parent is a grid, not a single image".into()),
    }
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width > MAX_SIDE || height > MAX_SIDE {
        Err(format!(
            "the result would be {width}x{height} pixels, above the {MAX_SIDE}-pixel limit"
        ))
    } else {
        Ok(())
    }
}

/// Rounds to a multiple of 4 (grids halve twice into even candidate sizes).
fn round4(value: f64) -> u32 {
    ((value / 4.0).round() as u32).max(1) * 4
}

/// Pixel size with the longest side `size` and the given aspect ratio.
pub(crate) fn dims_for(size: u32, (aw, ah): (u32, u32)) -> (u32, u32) {
    let ratio = f64::from(aw) / f64::from(ah);
    if ratio >= 1.0 {
        (size, round4(f64::from(size) / ratio))
    } else {
        (round4(f64::from(size) * ratio), size)
    }
}

/// `W:H` with both parts positive and a ratio between 1:4 and 4:1.
pub(crate) fn parse_aspect(text: &str) -> Option<(u32, u32)> {
    let (w, h) = text.split_once(':')?;
    let (w, h) = (w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?);
    let ratio = f64::from(w) / f64::from(h.max(1));
    (w > 0 && h > 0 && (0.25..=4.0).contains(&ratio)).then_some((w, h))
}

/// The `--ar W:H` (or `--aspect W:H`) flag of a Midjourney prompt, if any.
pub(crate) fn aspect_from_prompt(prompt: &str) -> Option<(u32, u32)> {
    let words: Vec<&str> = prompt.split_whitespace().collect();
    words
        .windows(2)
        .find(|pair| pair[0] == "--ar" || pair[0] == "--aspect")
        .and_then(|pair| parse_aspect(pair[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_aspect_flag_shapes_the_grid() {
        assert_eq!(imagine("a fox --ar 16:9", 512).size(), (512, 288));
        assert_eq!(imagine("a fox", 512).size(), (512, 512));
        assert_eq!(imagine("a fox --ar 9:16", 512).size(), (288, 512));
        assert_eq!(aspect_from_prompt("a fox --ar 100:1"), None);
    }

    #[test]
    fn pan_and_upscale_have_the_documented_geometry() {
        let grid = imagine("a fox", 64);
        let upsampled = derive(&grid, &ActionRequest::Upsample { image: 2 }, 1, "").unwrap();
        assert_eq!(upsampled.size(), (64, 64));
        let left = derive(
            &upsampled,
            &ActionRequest::Pan {
                direction: Direction::Left,
            },
            2,
            "",
        )
        .unwrap();
        assert_eq!(left.size(), (96, 64));
        let up = derive(
            &upsampled,
            &ActionRequest::Pan {
                direction: Direction::Up,
            },
            2,
            "",
        )
        .unwrap();
        assert_eq!(up.size(), (64, 96));
        let big = derive(&upsampled, &ActionRequest::Upscale { factor: 4 }, 3, "").unwrap();
        assert_eq!(big.size(), (256, 256));
        let zoomed = derive(&upsampled, &ActionRequest::Outpaint { zoom: 50 }, 4, "").unwrap();
        assert_eq!(zoomed.size(), (64, 64));
    }

    #[test]
    fn grids_refuse_single_image_actions() {
        let grid = imagine("a fox", 64);
        assert!(derive(&grid, &ActionRequest::Upscale { factor: 2 }, 1, "").is_err());
    }
}
