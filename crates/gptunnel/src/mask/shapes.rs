//! Scan conversion of the mask tools: which pixels a brush path, a rectangle or a lasso covers.
//!
//! A pixel belongs to a shape when its *centre* `(x + 0.5, y + 0.5)` lies inside the shape.
//! Each shape is turned into horizontal spans, visiting only the rows of its own bounding box,
//! so an edit costs in proportion to its size, never to the image's. Coordinates arrive as
//! `f32` and are computed in `f64`, where the square of any finite `f32` is still finite: no
//! input, however large, can overflow into NaN. Non-finite inputs are filtered out up front.

use super::raster::{Bitmap, PixelBox};

type Point = (f64, f64);

/// The first pixel index whose centre is at or after `v`.
fn first_centre_from(v: f64) -> f64 {
    (v - 0.5).ceil()
}

/// One past the last pixel index whose centre is at or before `v`.
fn past_centre_through(v: f64) -> f64 {
    (v - 0.5).floor() + 1.0
}

/// A float pixel index clamped into `0..=limit` (NaN gives 0).
///
/// `as` saturates (NaN and negatives give 0); not `f64::clamp`, whose check of its bounds
/// brings float formatting into the wasm for a panic message that cannot happen.
fn clamp_index(v: f64, limit: u32) -> u32 {
    (v as u32).min(limit)
}

/// The pixels whose centres fall in `[lo, hi]` (`closed`) or `[lo, hi)`, clipped to `0..limit`.
fn pixel_range(lo: f64, hi: f64, closed: bool, limit: u32) -> (u32, u32) {
    let end = if closed {
        past_centre_through(hi)
    } else {
        first_centre_from(hi)
    };
    (
        clamp_index(first_centre_from(lo), limit),
        clamp_index(end, limit),
    )
}

/// Finite points out of `x0, y0, x1, y1, …`; a trailing odd value is ignored and a pair with a
/// non-finite coordinate yields `None` in its place.
fn points(coords: &[f32]) -> impl Iterator<Item = Option<Point>> + '_ {
    coords.chunks_exact(2).map(|pair| {
        let (x, y) = (pair[0], pair[1]);
        (x.is_finite() && y.is_finite()).then(|| (f64::from(x), f64::from(y)))
    })
}

/// The `x` for which `lo <= slope * x + offset <= hi`, as an interval (possibly unbounded).
fn solve_between(slope: f64, offset: f64, lo: f64, hi: f64) -> Option<(f64, f64)> {
    if slope == 0.0 {
        (lo <= offset && offset <= hi).then_some((f64::NEG_INFINITY, f64::INFINITY))
    } else {
        let (a, b) = ((lo - offset) / slope, (hi - offset) / slope);
        Some((a.min(b), a.max(b)))
    }
}

/// The `x` on the line `y = cy` within `r` of the segment `a`–`b`, as an interval.
///
/// The capsule is the union of the discs at both ends and the band along the segment; it is
/// convex, so the union of the three intervals is one interval.
fn capsule_span(a: Point, b: Point, r: f64, cy: f64) -> Option<(f64, f64)> {
    let r2 = r * r;
    let mut span: Option<(f64, f64)> = None;
    let mut add = |lo: f64, hi: f64| {
        span = Some(span.map_or((lo, hi), |(l, h)| (l.min(lo), h.max(hi))));
    };
    for (px, py) in [a, b] {
        let dy = cy - py;
        if dy * dy <= r2 {
            let half = (r2 - dy * dy).sqrt();
            add(px - half, px + half);
        }
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if len2 > 0.0 {
        // With x' = x - a.x: along = x'·dx + (cy - a.y)·dy must lie in [0, len²] and
        // across = x'·dy - (cy - a.y)·dx in [-r·len, r·len].
        let rel_y = cy - a.1;
        let across_limit = r * len2.sqrt();
        let along = solve_between(dx, rel_y * dy, 0.0, len2);
        let across = solve_between(dy, -rel_y * dx, -across_limit, across_limit);
        if let (Some((l1, h1)), Some((l2, h2))) = (along, across) {
            let (lo, hi) = (l1.max(l2), h1.min(h2));
            if lo <= hi {
                add(lo + a.0, hi + a.0);
            }
        }
    }
    span
}

/// A round brush dragged along a polyline.
pub(crate) struct BrushPath {
    /// Segments of the path; a lone point is a segment from the point to itself (a dot).
    segments: Vec<(Point, Point)>,
    radius: f64,
}

impl BrushPath {
    /// The thinnest brush: any point is within this distance of some pixel centre (√2 / 2 ≈ 0.71),
    /// so a stroke always paints the pixels it passes over.
    pub const MIN_RADIUS: f32 = 0.75;

    /// The path through `coords` (`x0, y0, x1, y1, …`). A non-finite point breaks the polyline
    /// in two. `None` when no finite point is left or the radius is NaN or not positive.
    pub fn new(coords: &[f32], radius: f32) -> Option<Self> {
        if radius.is_nan() || radius <= 0.0 {
            return None;
        }
        // max/min, not clamp: see `clamp_index`.
        let radius = f64::from(radius.min(f32::MAX)).max(f64::from(Self::MIN_RADIUS));
        let mut segments = Vec::new();
        let mut previous: Option<Point> = None;
        let mut run_has_segment = false;
        for point in points(coords).chain(std::iter::once(None)) {
            match (previous, point) {
                (Some(a), Some(b)) => {
                    segments.push((a, b));
                    run_has_segment = true;
                }
                (Some(a), None) if !run_has_segment => segments.push((a, a)),
                _ => {}
            }
            if point.is_none() {
                run_has_segment = false;
            }
            previous = point;
        }
        (!segments.is_empty()).then_some(Self { segments, radius })
    }

    fn segment_box(&self, (a, b): (Point, Point), width: u32, height: u32) -> Option<PixelBox> {
        let r = self.radius;
        let (x0, x1) = pixel_range(a.0.min(b.0) - r, a.0.max(b.0) + r, true, width);
        let (y0, y1) = pixel_range(a.1.min(b.1) - r, a.1.max(b.1) + r, true, height);
        PixelBox::new(x0, y0, x1, y1)
    }

    /// The pixels the brush may touch inside a `width` × `height` image.
    pub fn bounds(&self, width: u32, height: u32) -> Option<PixelBox> {
        self.segments
            .iter()
            .filter_map(|&segment| self.segment_box(segment, width, height))
            .reduce(PixelBox::union)
    }

    /// Sets every pixel within the radius of the path to `value`, never outside `area`.
    pub fn paint(&self, bitmap: &mut Bitmap, area: PixelBox, value: bool) {
        let (width, height) = (bitmap.width(), bitmap.height());
        for &(a, b) in &self.segments {
            let Some(rows) = self.segment_box((a, b), width, height) else {
                continue;
            };
            for y in rows.y0.max(area.y0)..rows.y1.min(area.y1) {
                let Some((lo, hi)) = capsule_span(a, b, self.radius, f64::from(y) + 0.5) else {
                    continue;
                };
                let (x0, x1) = pixel_range(lo, hi, true, width);
                bitmap.fill_span(y, x0.max(area.x0), x1.min(area.x1), value);
            }
        }
    }
}

/// The pixels of the axis-aligned rectangle at (`x`, `y`) of size `w` × `h` (negative sizes
/// extend left / up), clipped to the image. Edges are half-open, so integer input covers
/// exactly `x..x + w` × `y..y + h`. `None` when a value is NaN or nothing is left.
pub(crate) fn rect_box(
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    width: u32,
    height: u32,
) -> Option<PixelBox> {
    let span = |start: f32, size: f32| {
        let (a, b) = (f64::from(start), f64::from(start) + f64::from(size));
        (!a.is_nan() && !b.is_nan()).then(|| (a.min(b), a.max(b)))
    };
    let (left, right) = span(x, w)?;
    let (top, bottom) = span(y, h)?;
    let (x0, x1) = pixel_range(left, right, false, width);
    let (y0, y1) = pixel_range(top, bottom, false, height);
    PixelBox::new(x0, y0, x1, y1)
}

/// A closed polygon filled by the nonzero winding rule.
pub(crate) struct Polygon {
    vertices: Vec<Point>,
}

impl Polygon {
    /// The polygon through the finite points of `coords`; `None` with fewer than three.
    pub fn new(coords: &[f32]) -> Option<Self> {
        let vertices: Vec<Point> = points(coords).flatten().collect();
        (vertices.len() >= 3).then_some(Self { vertices })
    }

    /// The pixels the polygon may cover inside a `width` × `height` image.
    pub fn bounds(&self, width: u32, height: u32) -> Option<PixelBox> {
        let (mut x_lo, mut y_lo) = (f64::INFINITY, f64::INFINITY);
        let (mut x_hi, mut y_hi) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(x, y) in &self.vertices {
            (x_lo, x_hi, y_lo, y_hi) = (x_lo.min(x), x_hi.max(x), y_lo.min(y), y_hi.max(y));
        }
        let (x0, x1) = pixel_range(x_lo, x_hi, false, width);
        let (y0, y1) = pixel_range(y_lo, y_hi, false, height);
        PixelBox::new(x0, y0, x1, y1)
    }

    /// Sets every pixel inside the polygon, never outside `area`.
    pub fn paint(&self, bitmap: &mut Bitmap, area: PixelBox) {
        let width = bitmap.width();
        let edges: Vec<(Point, Point)> = self
            .vertices
            .iter()
            .zip(self.vertices.iter().cycle().skip(1))
            .map(|(&a, &b)| (a, b))
            .collect();
        let mut crossings: Vec<(f64, i32)> = Vec::new();
        for y in area.y0..area.y1 {
            let cy = f64::from(y) + 0.5;
            crossings.clear();
            for &((x0, y0), (x1, y1)) in &edges {
                if (y0 <= cy) != (y1 <= cy) {
                    let x = x0 + (cy - y0) * (x1 - x0) / (y1 - y0);
                    crossings.push((x, if y1 > y0 { 1 } else { -1 }));
                }
            }
            crossings.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            let mut winding = 0;
            let mut start = 0.0;
            for &(x, direction) in &crossings {
                if winding == 0 {
                    start = x;
                }
                winding += direction;
                if winding == 0 {
                    let (x0, x1) = pixel_range(start, x, false, width);
                    bitmap.fill_span(y, x0.max(area.x0), x1.min(area.x1), true);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_horizontal_capsule_row_spans_the_band_and_the_caps() {
        let span = capsule_span((10.0, 10.0), (30.0, 10.0), 5.0, 10.0).unwrap();
        assert_eq!(span, (5.0, 35.0));
        let top = capsule_span((10.0, 10.0), (30.0, 10.0), 5.0, 14.0).unwrap();
        assert_eq!(top, (7.0, 33.0));
        assert_eq!(capsule_span((10.0, 10.0), (30.0, 10.0), 5.0, 15.5), None);
    }

    #[test]
    fn a_non_finite_point_breaks_the_path_into_dots_and_segments() {
        let path =
            BrushPath::new(&[1.0, 1.0, f32::NAN, 0.0, 5.0, 5.0, 6.0, 6.0, 9.0], 2.0).unwrap();
        assert_eq!(
            path.segments,
            vec![((1.0, 1.0), (1.0, 1.0)), ((5.0, 5.0), (6.0, 6.0))]
        );
    }

    #[test]
    fn a_brush_needs_a_positive_radius_and_a_finite_point() {
        assert!(BrushPath::new(&[1.0, 1.0], 0.0).is_none());
        assert!(BrushPath::new(&[1.0, 1.0], f32::NAN).is_none());
        assert!(BrushPath::new(&[f32::INFINITY, 1.0], 3.0).is_none());
        assert_eq!(BrushPath::new(&[1.0, 1.0], 0.1).unwrap().radius, 0.75);
    }

    #[test]
    fn rect_box_is_half_open_and_normalised() {
        assert_eq!(
            rect_box(2.0, 3.0, 4.0, 5.0, 100, 100),
            PixelBox::new(2, 3, 6, 8)
        );
        assert_eq!(
            rect_box(6.0, 8.0, -4.0, -5.0, 100, 100),
            PixelBox::new(2, 3, 6, 8)
        );
        assert_eq!(rect_box(f32::NAN, 0.0, 1.0, 1.0, 100, 100), None);
        assert_eq!(
            rect_box(-1e30, -1e30, f32::INFINITY, 1e38, 10, 20),
            PixelBox::new(0, 0, 10, 20)
        );
    }
}
