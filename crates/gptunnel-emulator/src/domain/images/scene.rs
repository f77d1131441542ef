//! Procedural scenes: a background (gradient or stripes) and a few flat shapes, defined over
//! continuous world coordinates so the same scene can be drawn at any size or extended past
//! its edges (pan, outpaint). Everything derives from seeds: same seed, same scene.

use crate::model::rng::Rng;

/// A colour with channels in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub(crate) [f32; 3]);

impl Rgb {
    pub(crate) fn lerp(self, other: Rgb, t: f32) -> Rgb {
        let [a, b, c] = self.0;
        let [x, y, z] = other.0;
        Rgb([a + (x - a) * t, b + (y - b) * t, c + (z - c) * t])
    }

    pub(crate) fn scale(self, factor: f32) -> Rgb {
        let [r, g, b] = self.0;
        Rgb([
            (r * factor).clamp(0.0, 1.0),
            (g * factor).clamp(0.0, 1.0),
            (b * factor).clamp(0.0, 1.0),
        ])
    }

    /// From hue (turns), saturation and value, all 0..=1.
    pub(crate) fn hsv(hue: f64, saturation: f64, value: f64) -> Rgb {
        let h = hue.rem_euclid(1.0) * 6.0;
        let c = value * saturation;
        let x = c * (1.0 - ((h % 2.0) - 1.0).abs());
        let m = value - c;
        let (r, g, b) = match h as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        Rgb([(r + m) as f32, (g + m) as f32, (b + m) as f32])
    }

    pub(crate) fn to_bytes(self) -> [u8; 3] {
        self.0
            .map(|channel| (channel.clamp(0.0, 1.0) * 255.0 + 0.5) as u8)
    }
}

/// A rectangle in world coordinates (y grows downwards, like pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) w: f64,
    pub(crate) h: f64,
}

impl Rect {
    pub(crate) fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }
}

/// Colours of a scene: a sky-to-ground gradient and three accents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Palette {
    pub(crate) top: Rgb,
    pub(crate) bottom: Rgb,
    pub(crate) accents: [Rgb; 3],
}

impl Palette {
    pub(crate) fn from_seed(seed: u64) -> Palette {
        let mut rng = Rng::new(seed);
        let hue = rng.next_f64();
        Palette {
            top: Rgb::hsv(hue, rng.range(0.25, 0.55), rng.range(0.8, 0.97)),
            bottom: Rgb::hsv(
                hue + rng.range(0.05, 0.2),
                rng.range(0.5, 0.85),
                rng.range(0.2, 0.45),
            ),
            accents: [
                Rgb::hsv(hue + 0.33 + rng.range(-0.05, 0.05), 0.8, 0.95),
                Rgb::hsv(hue + 0.5 + rng.range(-0.05, 0.05), 0.75, 0.85),
                Rgb::hsv(hue + 0.66 + rng.range(-0.05, 0.05), 0.7, 0.9),
            ],
        }
    }
}

/// How the background is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    Gradient,
    Stripes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShapeKind {
    Disc,
    Square,
    Ring,
    Diamond,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Shape {
    kind: ShapeKind,
    x: f64,
    y: f64,
    size: f64,
    color: Rgb,
}

impl Shape {
    /// Shade of the shape at a point, or `None` outside it.
    fn shade_at(&self, x: f64, y: f64) -> Option<Rgb> {
        if self.size <= 0.0 {
            return None;
        }
        let (dx, dy) = ((x - self.x) / self.size, (y - self.y) / self.size);
        let distance = match self.kind {
            ShapeKind::Disc | ShapeKind::Ring => (dx * dx + dy * dy).sqrt(),
            ShapeKind::Square => dx.abs().max(dy.abs()),
            ShapeKind::Diamond => dx.abs() + dy.abs(),
        };
        let inside = match self.kind {
            ShapeKind::Ring => (0.6..1.0).contains(&distance),
            _ => distance < 1.0,
        };
        inside.then(|| self.color.scale(1.1 - 0.35 * distance as f32))
    }
}

/// A background and shapes, over the whole plane.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scene {
    pub(crate) palette: Palette,
    pub(crate) pattern: Pattern,
    /// Phase of the background's brightness wave.
    pub(crate) wave: f64,
    /// Where the shapes were placed (reseeding places new ones there).
    pub(crate) area: Rect,
    /// What the background gradient spans; extensions keep their parent's, so the sky
    /// continues past the old edges without a seam.
    pub(crate) ground: Rect,
    shapes: Vec<Shape>,
}

impl Scene {
    /// A scene with `count` shapes placed in `area`.
    pub(crate) fn new(
        palette: Palette,
        pattern: Pattern,
        area: Rect,
        seed: u64,
        count: usize,
    ) -> Scene {
        let mut rng = Rng::new(seed);
        let wave = rng.next_f64();
        let mut scene = Scene {
            palette,
            pattern,
            wave,
            area,
            ground: area,
            shapes: Vec::new(),
        };
        scene.shapes = (0..count)
            .map(|_| random_shape(&mut rng, &palette, area))
            .collect();
        scene
    }

    /// Same look, new shapes in `area` outside `keep_clear`, none reaching into it
    /// (extensions: the parent's pixels are kept as they were, so no new shape may be cut by
    /// its edge).
    pub(crate) fn extension(&self, area: Rect, keep_clear: Rect, seed: u64) -> Scene {
        let mut rng = Rng::new(seed);
        let count = 3 + rng.below(3) as usize;
        let shapes = (0..count)
            .map(|_| border_shape(&mut rng, &self.palette, area, keep_clear))
            .collect();
        Scene {
            area,
            shapes,
            ..self.clone()
        }
    }

    /// Same palette and background, new shapes (reroll).
    pub(crate) fn reseeded(&self, seed: u64) -> Scene {
        let mut rng = Rng::new(seed);
        let shapes = (0..self.shapes.len().max(3))
            .map(|_| random_shape(&mut rng, &self.palette, self.area))
            .collect();
        Scene {
            shapes,
            wave: rng.next_f64(),
            ..self.clone()
        }
    }

    /// The same scene nudged: shapes moved, resized and recoloured by up to `strength`.
    pub(crate) fn jittered(&self, seed: u64, strength: f64) -> Scene {
        let mut rng = Rng::new(seed);
        let reach = 0.08 * strength * self.area.w.min(self.area.h);
        let shapes = self
            .shapes
            .iter()
            .map(|shape| {
                let tint = (0.12 * strength) as f32;
                let [r, g, b] = shape.color.0;
                let mut nudge =
                    |c: f32| (c + tint * (rng.next_f64() as f32 * 2.0 - 1.0)).clamp(0.0, 1.0);
                let color = Rgb([nudge(r), nudge(g), nudge(b)]);
                Shape {
                    x: shape.x + rng.range(-reach, reach),
                    y: shape.y + rng.range(-reach, reach),
                    size: shape.size * rng.range(1.0 - 0.2 * strength, 1.0 + 0.2 * strength),
                    color,
                    ..*shape
                }
            })
            .collect();
        Scene {
            shapes,
            wave: self.wave + rng.range(-0.1, 0.1) * strength,
            ..self.clone()
        }
    }

    /// Colour at a world point.
    pub(crate) fn color_at(&self, x: f64, y: f64) -> Rgb {
        for shape in self.shapes.iter().rev() {
            if let Some(color) = shape.shade_at(x, y) {
                return color;
            }
        }
        self.background(x, y)
    }

    fn background(&self, x: f64, y: f64) -> Rgb {
        let t = ((y - self.ground.y) / self.ground.h).clamp(0.0, 1.0) as f32;
        let wave =
            1.0 + 0.08 * ((x * 1.7 + y * 0.6 + self.wave) * std::f64::consts::TAU).sin() as f32;
        let ground = self.palette.top.lerp(self.palette.bottom, t).scale(wave);
        match self.pattern {
            Pattern::Gradient => ground,
            Pattern::Stripes => {
                let band = ((x + y) * 9.0 + self.wave).floor() as i64;
                let accent = self.palette.accents[band.rem_euclid(2) as usize];
                ground.lerp(accent, 0.75)
            }
        }
    }
}

fn random_shape(rng: &mut Rng, palette: &Palette, area: Rect) -> Shape {
    let x = area.x + rng.range(0.1, 0.9) * area.w;
    let y = area.y + rng.range(0.15, 0.9) * area.h;
    let size = area.w.min(area.h) * rng.range(0.08, 0.22);
    shape_at(rng, palette, x, y, size)
}

/// A shape in the band of `area` around `inner`, sized so it stays out of `inner`.
fn border_shape(rng: &mut Rng, palette: &Palette, area: Rect, inner: Rect) -> Shape {
    let (left, right) = (inner.x - area.x, (area.x + area.w) - (inner.x + inner.w));
    let (top, bottom) = (inner.y - area.y, (area.y + area.h) - (inner.y + inner.h));
    // The band as four strips, picked in proportion to their area.
    let strips = [
        Rect {
            x: area.x,
            y: area.y,
            w: left,
            h: area.h,
        },
        Rect {
            x: inner.x + inner.w,
            y: area.y,
            w: right,
            h: area.h,
        },
        Rect {
            x: inner.x,
            y: area.y,
            w: inner.w,
            h: top,
        },
        Rect {
            x: inner.x,
            y: inner.y + inner.h,
            w: inner.w,
            h: bottom,
        },
    ];
    let total: f64 = strips
        .iter()
        .map(|strip| strip.w.max(0.0) * strip.h.max(0.0))
        .sum();
    let mut pick = rng.range(0.0, total.max(1e-12));
    let strip = strips
        .iter()
        .find(|strip| {
            pick -= strip.w.max(0.0) * strip.h.max(0.0);
            pick < 0.0
        })
        .unwrap_or(&strips[0]);
    let x = strip.x + rng.range(0.2, 0.8) * strip.w;
    let y = strip.y + rng.range(0.2, 0.8) * strip.h;
    let wanted = area.w.min(area.h) * rng.range(0.06, 0.2);
    shape_at(rng, palette, x, y, wanted.min(gap(&inner, x, y)))
}

fn shape_at(rng: &mut Rng, palette: &Palette, x: f64, y: f64, size: f64) -> Shape {
    let kinds = [
        ShapeKind::Disc,
        ShapeKind::Square,
        ShapeKind::Ring,
        ShapeKind::Diamond,
    ];
    let kind = kinds[rng.below(4) as usize];
    let color = palette.accents[rng.below(3) as usize].scale(rng.range(0.8, 1.1) as f32);
    Shape {
        kind,
        x,
        y,
        size,
        color,
    }
}

/// Distance from a point to a rectangle along the larger axis gap (0 inside): a shape whose
/// half-size is at most this does not reach into the rectangle.
fn gap(rect: &Rect, x: f64, y: f64) -> f64 {
    let dx = (rect.x - x).max(x - (rect.x + rect.w)).max(0.0);
    let dy = (rect.y - y).max(y - (rect.y + rect.h)).max(0.0);
    dx.max(dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: Rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 1.0,
        h: 1.0,
    };

    #[test]
    fn the_same_seed_draws_the_same_scene() {
        let palette = Palette::from_seed(3);
        let a = Scene::new(palette, Pattern::Gradient, UNIT, 9, 6);
        let b = Scene::new(palette, Pattern::Gradient, UNIT, 9, 6);
        assert_eq!(a, b);
        assert_ne!(a, Scene::new(palette, Pattern::Gradient, UNIT, 10, 6));
    }

    #[test]
    fn hsv_primaries_come_out_right() {
        assert_eq!(Rgb::hsv(0.0, 1.0, 1.0).to_bytes(), [255, 0, 0]);
        assert_eq!(Rgb::hsv(1.0 / 3.0, 1.0, 1.0).to_bytes(), [0, 255, 0]);
    }
}
