//! The inpaint mask model: tool geometry, undo, PNG in and out, and every way an import is
//! refused. Expected pixels are computed independently (brute force over every pixel centre)
//! and compared exactly.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use base64::Engine as _;
use gptunnel::mask::{png_dimensions, Mask, MaskError, Rect};

// On wasm32 the same tests run in the browser (32-bit usize, the wasm allocator).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[path = "support/crc32.rs"]
mod crc32;
use crc32::crc32;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Counts the bytes this thread allocates, to show that a refusal allocates nothing big.
struct CountingAllocator;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|n| n.set(n.get() + layout.size()));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Bytes allocated on this thread while running `f`.
fn allocated_by<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let result = f();
    (result, ALLOCATED.with(Cell::get) - before)
}

/// `Rect` in one line.
fn area(x: u32, y: u32, width: u32, height: u32) -> Rect {
    Rect {
        x,
        y,
        width,
        height,
    }
}

/// A small deterministic random source (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Every pixel, row by row.
fn pixels(mask: &Mask) -> Vec<bool> {
    (0..mask.height())
        .flat_map(|y| (0..mask.width()).map(move |x| mask.get(x, y)))
        .collect()
}

/// The pixels whose centre satisfies `inside`, and the bounds of those pixels.
fn expected(
    width: u32,
    height: u32,
    inside: impl Fn(f64, f64) -> bool,
) -> (Vec<bool>, Option<Rect>) {
    let mut set = Vec::new();
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for y in 0..height {
        for x in 0..width {
            let hit = inside(f64::from(x) + 0.5, f64::from(y) + 0.5);
            if hit {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
            }
            set.push(hit);
        }
    }
    let bounds = (x0 < x1).then(|| area(x0, y0, x1 - x0, y1 - y0));
    (set, bounds)
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// Winding number of `polygon` around `p` (Sunday's algorithm, independent of the scanline).
fn winding_number(p: (f64, f64), polygon: &[(f64, f64)]) -> i32 {
    let is_left =
        |a: (f64, f64), b: (f64, f64)| (b.0 - a.0) * (p.1 - a.1) - (p.0 - a.0) * (b.1 - a.1);
    let mut winding = 0;
    for (i, &a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        if a.1 <= p.1 {
            if b.1 > p.1 && is_left(a, b) > 0.0 {
                winding += 1;
            }
        } else if b.1 <= p.1 && is_left(a, b) < 0.0 {
            winding -= 1;
        }
    }
    winding
}

fn f64_points(points: &[f32]) -> Vec<(f64, f64)> {
    points
        .chunks_exact(2)
        .map(|p| (f64::from(p[0]), f64::from(p[1])))
        .collect()
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&out[4..]).to_be_bytes());
    out
}

/// A PNG written by hand: signature, IHDR, one IDAT of stored (uncompressed) deflate, IEND.
/// `scanlines` already carry their filter bytes.
fn handmade_png(
    width: u32,
    height: u32,
    depth: u8,
    colour: u8,
    interlace: u8,
    scanlines: &[u8],
) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, colour, 0, 0, interlace]);
    let mut zlib = vec![0x78, 0x01];
    let mut blocks = scanlines.chunks(65_535).peekable();
    if scanlines.is_empty() {
        zlib.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let len = block.len() as u16;
        zlib.push(u8::from(blocks.peek().is_none()));
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in scanlines {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &zlib));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// An 8-bit PNG of `colour` type written by the png crate.
fn encoded_png(width: u32, height: u32, colour: png::ColorType, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(data).unwrap();
    writer.finish().unwrap();
    out
}

fn provider_mask() -> String {
    include_str!("fixtures/provider_mask.b64").to_owned()
}

// ---------------------------------------------------------------------------------------------
// Tool geometry
// ---------------------------------------------------------------------------------------------

#[test]
fn a_brush_dab_covers_exactly_the_pixels_whose_centres_are_within_the_radius() {
    let mut mask = Mask::new(100, 80).unwrap();
    let (cx, cy, r) = (40.3_f32, 50.7_f32, 10.3_f32);
    let changed = mask.stroke(&[cx, cy], r);
    let (want, bounds) = expected(100, 80, |x, y| {
        (x - f64::from(cx)).powi(2) + (y - f64::from(cy)).powi(2) <= f64::from(r).powi(2)
    });
    assert_eq!(pixels(&mask), want);
    assert_eq!(changed, bounds);
    assert_eq!(changed, Some(area(30, 40, 21, 21)));
    assert_eq!(
        mask.count_white(),
        want.iter().filter(|&&p| p).count() as u64
    );
}

#[test]
fn a_stroke_covers_exactly_the_capsule_around_its_polyline_and_nothing_else() {
    let mut mask = Mask::new(120, 90).unwrap();
    let points = [20.2_f32, 30.1, 70.6, 60.4, 95.3, 12.9];
    let r = 7.4_f32;
    let changed = mask.stroke(&points, r);
    let path = f64_points(&points);
    let (want, bounds) = expected(120, 90, |x, y| {
        path.windows(2)
            .any(|s| distance_to_segment((x, y), s[0], s[1]) <= f64::from(r))
    });
    assert_eq!(pixels(&mask), want);
    assert_eq!(changed, bounds);
    // Nothing more than the radius away: spot-check a pixel just outside the band.
    assert!(!mask.get(45, 30));
}

#[test]
fn a_stroke_partly_outside_the_image_is_clipped() {
    let mut mask = Mask::new(50, 50).unwrap();
    let changed = mask.stroke(&[-10.0, 25.0, 60.0, 25.0], 3.0);
    assert_eq!(changed, Some(area(0, 22, 50, 6)));
    assert_eq!(mask.count_white(), 50 * 6);
}

#[test]
fn the_eraser_removes_exactly_its_capsule() {
    let mut mask = Mask::new(64, 64).unwrap();
    mask.rect(0.0, 0.0, 64.0, 64.0);
    let changed = mask.erase(&[10.5, 20.25, 50.75, 30.5], 6.2);
    let (erased, bounds) = expected(64, 64, |x, y| {
        distance_to_segment((x, y), (10.5, 20.25), (50.75, 30.5)) <= f64::from(6.2_f32)
    });
    let want: Vec<bool> = erased.iter().map(|&e| !e).collect();
    assert_eq!(pixels(&mask), want);
    assert_eq!(changed, bounds);
}

#[test]
fn a_rect_fills_exact_whole_pixel_bounds() {
    let mut mask = Mask::new(100, 100).unwrap();
    let changed = mask.rect(10.0, 20.0, 30.0, 40.0);
    assert_eq!(changed, Some(area(10, 20, 30, 40)));
    let (want, _) = expected(100, 100, |x, y| {
        (10.0..40.0).contains(&x) && (20.0..60.0).contains(&y)
    });
    assert_eq!(pixels(&mask), want);
    assert_eq!(mask.count_white(), 1200);
}

#[test]
fn a_rect_with_negative_size_is_normalised() {
    let mut mask = Mask::new(100, 100).unwrap();
    assert_eq!(
        mask.rect(40.0, 60.0, -30.0, -40.0),
        Some(area(10, 20, 30, 40))
    );
    assert_eq!(mask.count_white(), 1200);
}

#[test]
fn a_rect_is_clipped_to_the_image_and_outside_it_changes_nothing() {
    let mut mask = Mask::new(100, 50).unwrap();
    assert_eq!(mask.rect(-5.0, -5.0, 20.0, 10.0), Some(area(0, 0, 15, 5)));
    assert_eq!(
        mask.rect(90.0, 40.0, 1000.0, 1000.0),
        Some(area(90, 40, 10, 10))
    );
    assert_eq!(mask.rect(200.0, 0.0, 10.0, 10.0), None);
    assert_eq!(mask.rect(5.0, 5.0, 0.0, 10.0), None);
    assert_eq!(mask.count_white(), 75 + 100);
    assert_eq!(mask.undo_steps(), 2);
}

#[test]
fn a_fractional_rect_takes_the_pixels_whose_centres_it_holds() {
    let mut mask = Mask::new(20, 20).unwrap();
    assert_eq!(mask.rect(10.4, 3.0, 1.2, 1.0), Some(area(10, 3, 2, 1)));
    assert_eq!(mask.rect(14.6, 3.0, 0.8, 1.0), None);
}

#[test]
fn a_lasso_triangle_fills_exactly_the_pixels_whose_centres_are_inside() {
    let mut mask = Mask::new(100, 100).unwrap();
    let points = [10.2_f32, 10.3, 90.7, 12.1, 15.4, 88.9];
    let changed = mask.lasso(&points);
    let polygon = f64_points(&points);
    let (want, bounds) = expected(100, 100, |x, y| winding_number((x, y), &polygon) != 0);
    assert_eq!(pixels(&mask), want);
    assert_eq!(changed, bounds);
    assert!(mask.count_white() > 2500);
}

#[test]
fn a_concave_lasso_leaves_its_notch_black() {
    let mut mask = Mask::new(80, 80).unwrap();
    // A "U": the notch between the arms stays black.
    let points = [
        5.1_f32, 5.2, 25.3, 5.2, 25.3, 50.7, 55.1, 50.7, 55.1, 5.2, 75.6, 5.2, 75.6, 70.3, 5.1,
        70.3,
    ];
    mask.lasso(&points);
    let polygon = f64_points(&points);
    let (want, _) = expected(80, 80, |x, y| winding_number((x, y), &polygon) != 0);
    assert_eq!(pixels(&mask), want);
    assert!(!mask.get(40, 20));
    assert!(mask.get(15, 20) && mask.get(65, 20) && mask.get(40, 60));
}

#[test]
fn a_self_crossing_lasso_is_filled_by_the_nonzero_rule() {
    let mut mask = Mask::new(100, 100).unwrap();
    // A pentagram: its centre is wound twice, so nonzero fills it (even-odd would not).
    let star: Vec<f32> = (0..5)
        .flat_map(|i| {
            let angle =
                -std::f64::consts::FRAC_PI_2 + f64::from(i * 2) * std::f64::consts::TAU / 5.0;
            [
                (50.3 + 45.0 * angle.cos()) as f32,
                (50.2 + 45.0 * angle.sin()) as f32,
            ]
        })
        .collect();
    mask.lasso(&star);
    let polygon = f64_points(&star);
    let (want, _) = expected(100, 100, |x, y| winding_number((x, y), &polygon) != 0);
    assert_eq!(pixels(&mask), want);
    assert!(mask.get(50, 50));
}

#[test]
fn a_lasso_needs_three_points() {
    let mut mask = Mask::new(10, 10).unwrap();
    assert_eq!(mask.lasso(&[1.0, 1.0, 8.0, 8.0]), None);
    assert_eq!(mask.lasso(&[1.0, 1.0, 8.0, 8.0, f32::NAN, 3.0, 9.0]), None);
    assert_eq!(
        mask.lasso(&[1.0, 1.0, 5.0, 5.0, 9.0, 9.0]),
        None,
        "a degenerate polygon covers nothing"
    );
    assert!(!mask.can_undo());
}

#[test]
fn invert_swaps_every_pixel_and_is_one_undo_step() {
    let mut mask = Mask::new(70, 30).unwrap();
    mask.rect(3.0, 4.0, 20.0, 10.0);
    let before = pixels(&mask);
    assert_eq!(mask.invert(), Some(area(0, 0, 70, 30)));
    assert_eq!(mask.count_white(), 70 * 30 - 200);
    assert_eq!(
        pixels(&mask),
        before.iter().map(|&p| !p).collect::<Vec<_>>()
    );
    assert_eq!(mask.undo(), Some(area(0, 0, 70, 30)));
    assert_eq!(pixels(&mask), before);
}

#[test]
fn clear_blackens_everything_and_reports_where_white_was() {
    let mut mask = Mask::new(300, 200).unwrap();
    mask.rect(10.0, 20.0, 5.0, 5.0);
    mask.rect(200.0, 150.0, 10.0, 3.0);
    assert_eq!(mask.clear(), Some(area(10, 20, 200, 133)));
    assert_eq!(mask.count_white(), 0);
    assert_eq!(mask.clear(), None);
    mask.undo();
    assert_eq!(mask.count_white(), 25 + 30);
}

#[test]
fn an_odd_trailing_value_is_ignored() {
    let mut odd = Mask::new(40, 40).unwrap();
    let mut even = Mask::new(40, 40).unwrap();
    odd.stroke(&[10.0, 10.0, 30.0, 20.0, 35.0], 4.0);
    even.stroke(&[10.0, 10.0, 30.0, 20.0], 4.0);
    assert_eq!(pixels(&odd), pixels(&even));
}

#[test]
fn no_edit_panics_whatever_the_numbers() {
    let weird = [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::MAX,
        f32::MIN,
        f32::MIN_POSITIVE,
        -0.0,
        0.0,
        -1.0,
        0.3,
        7.5,
        33.0,
        1e9,
        -1e9,
        1e30,
        f32::MAX / 2.0,
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut mask = Mask::new(37, 23).unwrap();
    let pick = |rng: &mut Rng| {
        if rng.below(3) == 0 {
            weird[rng.below(weird.len() as u64) as usize]
        } else {
            rng.below(60) as f32 - 10.0
        }
    };
    let mut edits = 0;
    for _ in 0..400 {
        let points: Vec<f32> = (0..rng.below(9)).map(|_| pick(&mut rng)).collect();
        let changed = match rng.below(5) {
            0 => mask.stroke(&points, pick(&mut rng)),
            1 => mask.erase(&points, pick(&mut rng)),
            2 => mask.rect(
                pick(&mut rng),
                pick(&mut rng),
                pick(&mut rng),
                pick(&mut rng),
            ),
            3 => mask.lasso(&points),
            _ => mask.invert(),
        };
        if let Some(rect) = changed {
            edits += 1;
            assert!(rect.width > 0 && rect.height > 0);
            assert!(
                rect.x + rect.width <= 37 && rect.y + rect.height <= 23,
                "{rect:?}"
            );
        }
    }
    assert!(edits > 100, "only {edits} edits changed pixels");
    // Every step can be taken back to the empty mask and replayed to the same end.
    let end = pixels(&mask);
    while mask.undo().is_some() {}
    assert_eq!(mask.count_white(), 0);
    while mask.redo().is_some() {}
    assert_eq!(pixels(&mask), end);
    // A huge radius paints everything; an infinite one too.
    let mut mask = Mask::new(10, 10).unwrap();
    assert_eq!(
        mask.stroke(&[1e30, -1e30], f32::INFINITY),
        Some(area(0, 0, 10, 10))
    );
    assert_eq!(mask.erase(&[5.0, 5.0], f32::MAX), Some(area(0, 0, 10, 10)));
    assert_eq!(mask.stroke(&[5.0, 5.0], -3.0), None);
    assert_eq!(mask.stroke(&[], 3.0), None);
}

#[test]
fn new_refuses_zero_and_oversized_sides() {
    assert_eq!(
        Mask::new(0, 10).unwrap_err(),
        MaskError::ZeroSize {
            width: 0,
            height: 10
        }
    );
    assert_eq!(
        Mask::new(8193, 10).unwrap_err(),
        MaskError::TooLarge {
            width: 8193,
            height: 10
        }
    );
    assert_eq!(Mask::new(8192, 1).unwrap().width(), 8192);
}

#[test]
fn the_overlay_is_coloured_where_white_and_clipped_to_the_mask() {
    let mut mask = Mask::new(8, 6).unwrap();
    mask.rect(2.0, 1.0, 3.0, 2.0);
    let red = [255, 0, 0, 128];
    let overlay = mask.rgba_overlay(area(1, 1, 3, 1), red);
    assert_eq!(overlay, [[0; 4], red, red].concat());
    let clipped = mask.rgba_overlay(area(4, 2, 100, 100), red);
    assert_eq!(clipped.len(), 4 * 4 * 4);
    assert_eq!(&clipped[..8], [red, [0; 4]].concat());
    assert!(mask.rgba_overlay(area(8, 0, 5, 5), red).is_empty());
    assert_eq!(mask.rgba_overlay(mask.bounds(), red).len(), 8 * 6 * 4);
}

// ---------------------------------------------------------------------------------------------
// Undo and redo
// ---------------------------------------------------------------------------------------------

#[test]
fn undo_and_redo_walk_the_edits_in_order() {
    let mut mask = Mask::new(64, 64).unwrap();
    let mut states = vec![pixels(&mask)];
    let a = mask.stroke(&[10.0, 10.0, 40.0, 12.0], 5.0).unwrap();
    states.push(pixels(&mask));
    let b = mask.lasso(&[30.0, 30.0, 60.0, 35.0, 40.0, 60.0]).unwrap();
    states.push(pixels(&mask));
    let c = mask.erase(&[35.0, 40.0], 8.0).unwrap();
    states.push(pixels(&mask));

    assert_eq!(mask.undo(), Some(c));
    assert_eq!(pixels(&mask), states[2]);
    assert_eq!(mask.undo(), Some(b));
    assert_eq!(pixels(&mask), states[1]);
    assert_eq!(mask.undo(), Some(a));
    assert_eq!(pixels(&mask), states[0]);
    assert_eq!(mask.undo(), None);
    assert!(!mask.can_undo() && mask.can_redo());

    assert_eq!(mask.redo(), Some(a));
    assert_eq!(pixels(&mask), states[1]);
    assert_eq!(mask.redo(), Some(b));
    assert_eq!(mask.redo(), Some(c));
    assert_eq!(pixels(&mask), states[3]);
    assert_eq!(mask.redo(), None);
    assert!(mask.can_undo() && !mask.can_redo());
}

#[test]
fn a_new_edit_clears_the_redo_list() {
    let mut mask = Mask::new(32, 32).unwrap();
    mask.rect(0.0, 0.0, 4.0, 4.0);
    mask.rect(10.0, 10.0, 4.0, 4.0);
    mask.undo();
    assert!(mask.can_redo());
    mask.stroke(&[20.0, 20.0], 2.0);
    assert!(!mask.can_redo());
    assert_eq!(mask.redo(), None);
    assert_eq!(mask.undo_steps(), 2);
}

#[test]
fn history_memory_stays_within_the_byte_budget_after_many_large_edits() {
    let mut mask = Mask::new(4096, 4096).unwrap();
    // 40 full-image edits of 2 MiB each: 80 MiB if all were kept.
    for i in 0..40 {
        if i % 2 == 0 {
            mask.rect(0.0, 0.0, 4096.0, 4096.0).unwrap();
        } else {
            mask.clear().unwrap();
        }
        assert!(mask.history_bytes() <= Mask::HISTORY_BYTES);
    }
    // 2 MiB + 64 bytes a step: 15 fit in 32 MiB, 16 do not.
    assert_eq!(mask.undo_steps(), 15);
    for _ in 0..15 {
        mask.undo().unwrap();
        assert!(mask.history_bytes() <= Mask::HISTORY_BYTES);
    }
    assert_eq!(mask.undo(), None);
    // The oldest kept step was edit 26 (a clear), so undoing it leaves edit 25: all white.
    assert_eq!(mask.count_white(), 4096 * 4096);
}

#[test]
fn history_keeps_at_most_the_step_cap() {
    let mut mask = Mask::new(1024, 1024).unwrap();
    let dab = Mask::new(64, 64)
        .unwrap()
        .stroke(&[16.0, 16.0], 3.0)
        .map(|r| (r.width, r.height));
    assert_eq!(dab, Some((6, 6)));
    let mut one = Mask::new(64, 64).unwrap();
    one.stroke(&[16.0, 16.0], 3.0);
    let per_dab = one.count_white();
    for i in 0..Mask::HISTORY_STEPS + 100 {
        let (x, y) = ((i % 32) as f32 * 32.0 + 16.0, (i / 32) as f32 * 32.0 + 16.0);
        assert!(mask.stroke(&[x, y], 3.0).is_some());
    }
    assert_eq!(mask.undo_steps(), Mask::HISTORY_STEPS);
    assert!(
        mask.history_bytes() < 100 * 1024,
        "{} bytes for small dabs",
        mask.history_bytes()
    );
    while mask.undo().is_some() {}
    // The first 100 dabs can no longer be undone.
    assert_eq!(mask.count_white(), 100 * per_dab);
}

// ---------------------------------------------------------------------------------------------
// PNG out and in
// ---------------------------------------------------------------------------------------------

#[test]
fn random_content_survives_a_png_round_trip_pixel_for_pixel() {
    let (width, height) = (513, 257);
    let mut rng = Rng(42);
    let grey: Vec<u8> = (0..width * height)
        .map(|_| if rng.below(2) == 0 { 0 } else { 255 })
        .collect();
    let source = Mask::from_png(
        &encoded_png(width, height, png::ColorType::Grayscale, &grey),
        width,
        height,
    )
    .unwrap();
    let want: Vec<bool> = grey.iter().map(|&g| g == 255).collect();
    assert_eq!(pixels(&source), want);

    let png = source.to_png();
    let again = Mask::from_png(&png, width, height).unwrap();
    assert_eq!(pixels(&again), want);

    // Read by the png crate on its own: a 1-bit greyscale image with the same pixels.
    let mut decoder = png::Decoder::new(png.as_slice());
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    assert_eq!(
        (reader.info().color_type, reader.info().bit_depth),
        (png::ColorType::Grayscale, png::BitDepth::One)
    );
    let mut buffer = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut buffer).unwrap();
    assert_eq!(buffer.iter().map(|&g| g == 255).collect::<Vec<_>>(), want);
}

#[test]
fn base64_output_is_standard_without_a_prefix_and_reads_back() {
    let mut mask = Mask::new(30, 20).unwrap();
    mask.stroke(&[5.0, 5.0, 25.0, 15.0], 3.0);
    let b64 = mask.to_base64_png();
    assert!(b64.starts_with("iVBORw0KGgo"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&b64)
        .unwrap();
    assert_eq!(bytes, mask.to_png());
    assert_eq!(
        pixels(&Mask::from_base64_png(&b64, 30, 20).unwrap()),
        pixels(&mask)
    );
}

#[test]
fn a_2048_mask_with_a_few_shapes_encodes_small() {
    let mut mask = Mask::new(2048, 2048).unwrap();
    mask.stroke(
        &[100.0, 100.0, 900.0, 400.0, 1500.0, 300.0, 1900.0, 1200.0],
        40.0,
    );
    mask.rect(300.0, 1300.0, 700.0, 500.0);
    mask.lasso(&[
        1200.0, 1400.0, 1900.0, 1500.0, 1700.0, 2000.0, 1300.0, 1900.0,
    ]);
    mask.erase(&[500.0, 1500.0, 800.0, 1600.0], 30.0);
    let png = mask.to_png();
    println!(
        "2048×2048 mask, {} white pixels: {} bytes of PNG",
        mask.count_white(),
        png.len()
    );
    assert!(png.len() < 30_000, "{} bytes", png.len());
    assert_eq!(
        pixels(&Mask::from_png(&png, 2048, 2048).unwrap()),
        pixels(&mask)
    );
}

#[test]
fn soft_grey_edges_are_cut_at_half_and_transparency_counts_as_black() {
    let ramp: Vec<u8> = (0..=255).collect();
    let mask = Mask::from_png(
        &encoded_png(256, 1, png::ColorType::Grayscale, &ramp),
        256,
        1,
    )
    .unwrap();
    assert_eq!(
        pixels(&mask),
        (0..256).map(|g| g >= 128).collect::<Vec<_>>()
    );

    // White at alpha 255, 200, 100, 0; a red pixel that is fully transparent is not colour.
    let rgba = [
        255, 255, 255, 255, 255, 255, 255, 200, 255, 255, 255, 100, 255, 255, 255, 0, 255, 0, 0, 0,
    ];
    let mask = Mask::from_png(&encoded_png(5, 1, png::ColorType::Rgba, &rgba), 5, 1).unwrap();
    assert_eq!(pixels(&mask), [true, true, false, false, false]);
}

#[test]
fn an_interlaced_16_bit_png_is_read_pixel_for_pixel() {
    let (width, height) = (13u32, 11u32);
    let mut rng = Rng(7);
    let white: Vec<bool> = (0..width * height).map(|_| rng.below(2) == 1).collect();
    // Adam7 passes, each row: filter byte 0, then 16-bit grey samples.
    let passes = [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ];
    let mut scanlines = Vec::new();
    for (x0, y0, dx, dy) in passes {
        if x0 >= width || y0 >= height {
            continue;
        }
        for y in (y0..height).step_by(dy) {
            scanlines.push(0);
            for x in (x0..width).step_by(dx) {
                let sample: u16 = if white[(y * width + x) as usize] {
                    0xffff
                } else {
                    0x0100
                };
                scanlines.extend_from_slice(&sample.to_be_bytes());
            }
        }
    }
    let png = handmade_png(width, height, 16, 0, 1, &scanlines);
    let mask = Mask::from_png(&png, width, height).unwrap();
    assert_eq!(pixels(&mask), white);
}

#[test]
fn the_providers_example_mask_is_accepted_and_binarised() {
    let b64 = provider_mask();
    let mask = Mask::from_base64_png(&b64, 512, 512).unwrap();
    // Counted independently: 4-bit palette (0, 43, 78, aa, d7, ff), entries ≥ 128 are white.
    assert_eq!(mask.count_white(), 23_951);
    let white_rows: Vec<u32> = (0..512)
        .filter(|&y| (0..512).any(|x| mask.get(x, y)))
        .collect();
    let white_cols: Vec<u32> = (0..512)
        .filter(|&x| (0..512).any(|y| mask.get(x, y)))
        .collect();
    assert_eq!((white_rows[0], *white_rows.last().unwrap()), (133, 274));
    assert_eq!((white_cols[0], *white_cols.last().unwrap()), (180, 356));
    // Re-encoded it is a 1-bit PNG, smaller than the original.
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .unwrap();
    assert!(
        mask.to_png().len() < bytes.len(),
        "{} vs {}",
        mask.to_png().len(),
        bytes.len()
    );
    assert_eq!(Mask::validate_base64_png(&b64, 512, 512), Ok(()));
}

#[test]
fn the_providers_example_mask_is_refused_for_a_1024_image() {
    assert_eq!(
        Mask::validate_base64_png(&provider_mask(), 1024, 1024),
        Err(MaskError::WrongSize {
            expected_width: 1024,
            expected_height: 1024,
            width: 512,
            height: 512
        })
    );
}

#[test]
fn png_dimensions_reads_the_header_alone() {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(provider_mask().trim())
        .unwrap();
    assert_eq!(png_dimensions(&bytes), Ok((512, 512)));
    assert_eq!(png_dimensions(&bytes[..24]), Ok((512, 512)));
    assert!(matches!(
        png_dimensions(&bytes[..20]),
        Err(MaskError::Corrupt { .. })
    ));
    assert_eq!(png_dimensions(b""), Err(MaskError::Empty));
}

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

fn jpeg_bytes() -> Vec<u8> {
    let mut jpeg = vec![
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    ];
    jpeg.extend_from_slice(&[0xff, 0xd9]);
    jpeg
}

fn webp_bytes() -> Vec<u8> {
    let mut webp = b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0".to_vec();
    webp.extend_from_slice(&[0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]);
    webp
}

#[test]
fn a_mask_of_another_size_is_refused() {
    let png = Mask::new(300, 200).unwrap().to_png();
    assert_eq!(
        Mask::from_png(&png, 200, 300).unwrap_err(),
        MaskError::WrongSize {
            expected_width: 200,
            expected_height: 300,
            width: 300,
            height: 200
        }
    );
}

#[test]
fn a_colour_pixel_is_refused_with_its_position() {
    let (width, height) = (10, 9);
    let mut rgb = vec![0u8; width * height * 3];
    let at = (7 * width + 5) * 3;
    rgb[at..at + 3].copy_from_slice(&[200, 30, 30]);
    let png = encoded_png(width as u32, height as u32, png::ColorType::Rgb, &rgb);
    let error = Mask::from_png(&png, 10, 9).unwrap_err();
    assert_eq!(error, MaskError::NotBlackAndWhite { x: 5, y: 7 });
    assert!(error.to_string().contains("x=5, y=7"), "{error}");
}

#[test]
fn jpeg_and_webp_bytes_are_not_png() {
    let error = Mask::from_png(&jpeg_bytes(), 512, 512).unwrap_err();
    assert_eq!(
        error,
        MaskError::NotPng {
            found: "a JPEG image"
        }
    );
    assert!(error.to_string().contains("JPEG"));
    assert_eq!(
        Mask::from_png(&webp_bytes(), 512, 512).unwrap_err(),
        MaskError::NotPng {
            found: "a WebP image"
        }
    );
    let b64 = base64::engine::general_purpose::STANDARD.encode(jpeg_bytes());
    assert_eq!(
        Mask::validate_base64_png(&b64, 512, 512),
        Err(MaskError::NotPng {
            found: "a JPEG image"
        })
    );
    assert!(matches!(
        Mask::from_png(b"GIF89a\x01\0\x01\0", 1, 1),
        Err(MaskError::NotPng {
            found: "a GIF image"
        })
    ));
}

#[test]
fn a_truncated_png_is_corrupt() {
    let mut mask = Mask::new(256, 256).unwrap();
    mask.stroke(&[10.0, 10.0, 250.0, 240.0], 30.0);
    let png = mask.to_png();
    for cut in [png.len() / 2, png.len() - 13, 40, 30, 5] {
        let error = Mask::from_png(&png[..cut], 256, 256).unwrap_err();
        assert!(
            matches!(error, MaskError::Corrupt { .. }),
            "cut at {cut}: {error:?}"
        );
    }
}

#[test]
fn broken_base64_is_refused() {
    let error = Mask::validate_base64_png("iVBORw0K!!!GgoAAAANSUhEUg", 512, 512).unwrap_err();
    assert!(matches!(error, MaskError::Base64 { .. }), "{error:?}");
    assert!(error.to_string().contains("'!'"), "{error}");
}

#[test]
fn a_data_url_prefix_and_whitespace_are_accepted() {
    let b64 = provider_mask();
    let wrapped: String = b64
        .trim()
        .as_bytes()
        .chunks(76)
        .map(|l| format!("{}\n", std::str::from_utf8(l).unwrap()))
        .collect();
    for form in [
        format!("data:image/png;base64,{}", b64.trim()),
        format!("  \n DATA:image/png;BASE64,{wrapped}\n"),
        format!("\t{}\r\n", b64.trim_end_matches(['=', '\n'])),
    ] {
        assert_eq!(
            Mask::validate_base64_png(&form, 512, 512),
            Ok(()),
            "{form:.40}"
        );
    }
    assert!(matches!(
        Mask::validate_base64_png(&format!("data:image/png,{}", b64.trim()), 512, 512),
        Err(MaskError::Base64 { .. })
    ));
}

#[test]
fn an_empty_mask_is_refused() {
    assert_eq!(
        Mask::validate_base64_png("", 512, 512),
        Err(MaskError::Empty)
    );
    assert_eq!(
        Mask::validate_base64_png("  \n", 512, 512),
        Err(MaskError::Empty)
    );
    assert_eq!(
        Mask::validate_base64_png("data:image/png;base64,", 512, 512),
        Err(MaskError::Empty)
    );
    assert_eq!(Mask::from_png(&[], 512, 512).unwrap_err(), MaskError::Empty);
}

#[test]
fn a_1x1_png_is_refused_for_a_512_image() {
    let png = Mask::new(1, 1).unwrap().to_png();
    assert_eq!(
        Mask::from_png(&png, 512, 512).unwrap_err(),
        MaskError::WrongSize {
            expected_width: 512,
            expected_height: 512,
            width: 1,
            height: 1
        }
    );
}

#[test]
fn a_header_claiming_20000_squared_is_refused_without_allocating() {
    let mut header = handmade_png(20_000, 20_000, 8, 0, 0, &[]);
    header.truncate(33);
    let (result, bytes) = allocated_by(|| Mask::from_png(&header, 20_000, 20_000));
    assert_eq!(
        result.unwrap_err(),
        MaskError::TooLarge {
            width: 20_000,
            height: 20_000
        }
    );
    let (result, more) = allocated_by(|| Mask::from_png(&header, 512, 512));
    assert_eq!(
        result.unwrap_err(),
        MaskError::TooLarge {
            width: 20_000,
            height: 20_000
        }
    );
    assert!(bytes + more < 1024, "{bytes} + {more} bytes allocated");

    // Through base64, with 12 MB of payload behind the header: refused after 33 bytes.
    let mut big = header.clone();
    big.resize(12_000_000, 0);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&big);
    let (result, bytes) = allocated_by(|| Mask::validate_base64_png(&b64, 512, 512));
    assert_eq!(
        result.unwrap_err(),
        MaskError::TooLarge {
            width: 20_000,
            height: 20_000
        }
    );
    assert!(bytes < 1024, "{bytes} bytes allocated");
}

#[test]
fn damaged_pngs_and_random_text_never_panic() {
    let mut mask = Mask::new(64, 48).unwrap();
    mask.stroke(&[3.0, 4.0, 60.0, 40.0], 6.0);
    let provider = base64::engine::general_purpose::STANDARD
        .decode(provider_mask().trim())
        .unwrap();
    let small = [
        mask.to_png(),
        encoded_png(5, 1, png::ColorType::Rgba, &[255; 20]),
    ];
    let mut rng = Rng(99);
    for round in 0..2000 {
        // The 512×512 example is slow to decode in a debug build: one round in twenty.
        let mut bytes = if round % 20 == 0 {
            provider.clone()
        } else {
            small[round % 2].clone()
        };
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len() as u64) as usize;
            bytes[at] = rng.next() as u8;
        }
        if rng.below(4) == 0 {
            bytes.truncate(rng.below(bytes.len() as u64) as usize);
        }
        let (width, height) = png_dimensions(&bytes).unwrap_or((64, 48));
        if let Ok(decoded) = Mask::from_png(&bytes, width, height) {
            assert_eq!((decoded.width(), decoded.height()), (width, height));
        }
    }
    let alphabet = b"AZaz09+/=-_ \n:;,!\xc3\xa9data";
    for _ in 0..2000 {
        let text: Vec<u8> = (0..rng.below(80))
            .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
            .collect();
        let text = String::from_utf8_lossy(&text);
        assert!(Mask::validate_base64_png(&text, 4, 4).is_err());
    }
}

#[test]
fn zero_and_oversized_targets_are_refused() {
    let png = Mask::new(4, 4).unwrap().to_png();
    assert_eq!(
        Mask::from_png(&png, 0, 4).unwrap_err(),
        MaskError::ZeroSize {
            width: 0,
            height: 4
        }
    );
    assert_eq!(
        Mask::from_png(&png, 9000, 4).unwrap_err(),
        MaskError::TooLarge {
            width: 9000,
            height: 4
        }
    );
}

#[test]
fn every_error_message_names_the_problem() {
    let messages = [
        (MaskError::Empty.to_string(), "empty"),
        (
            MaskError::Base64 { reason: "x".into() }.to_string(),
            "base64",
        ),
        (
            MaskError::NotPng {
                found: "a JPEG image",
            }
            .to_string(),
            "not a PNG",
        ),
        (
            MaskError::Corrupt { reason: "x".into() }.to_string(),
            "damaged",
        ),
        (
            MaskError::WrongSize {
                expected_width: 1024,
                expected_height: 1024,
                width: 512,
                height: 512,
            }
            .to_string(),
            "512×512 pixels but its image is 1024×1024",
        ),
        (
            MaskError::TooLarge {
                width: 20_000,
                height: 1,
            }
            .to_string(),
            "at most 8192",
        ),
        (
            MaskError::ZeroSize {
                width: 0,
                height: 1,
            }
            .to_string(),
            "at least one pixel",
        ),
    ];
    for (message, needle) in messages {
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Speed (printed, not asserted), out of the default run:
// `cargo test --release --test mask -- --ignored --nocapture timing`
// ---------------------------------------------------------------------------------------------

#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore = "a timing printout, not a check: run it with --ignored"]
fn timing_of_encoding_and_brush_events_on_2048() {
    use std::time::Instant;
    let mut mask = Mask::new(2048, 2048).unwrap();
    mask.stroke(
        &[100.0, 100.0, 900.0, 400.0, 1500.0, 300.0, 1900.0, 1200.0],
        40.0,
    );
    mask.rect(300.0, 1300.0, 700.0, 500.0);
    mask.lasso(&[
        1200.0, 1400.0, 1900.0, 1500.0, 1700.0, 2000.0, 1300.0, 1900.0,
    ]);
    mask.erase(&[500.0, 1500.0, 800.0, 1600.0], 30.0);
    let runs = 10;
    let start = Instant::now();
    let mut shapes_png = Vec::new();
    for _ in 0..runs {
        shapes_png = mask.to_png();
    }
    println!(
        "2048×2048 with four shapes: to_png {:?}, {} bytes",
        start.elapsed() / runs,
        shapes_png.len()
    );

    let events = 2000;
    let start = Instant::now();
    for i in 0..events {
        let t = i as f32;
        mask.stroke(
            &[
                200.0 + t * 0.8,
                1000.0 + (t * 0.05).sin() * 300.0,
                201.0 + t * 0.8,
                1001.0 + (t * 0.05).sin() * 300.0,
            ],
            20.0,
        );
    }
    let per_event = start.elapsed() / events;

    let start = Instant::now();
    let mut size = 0;
    for _ in 0..runs {
        size = mask.to_png().len();
    }
    let per_encode = start.elapsed() / runs;
    let start = Instant::now();
    let decoded = Mask::from_png(&mask.to_png(), 2048, 2048).unwrap();
    let decode = start.elapsed();
    assert_eq!(decoded.count_white(), mask.count_white());
    println!(
        "2048×2048: brush event (radius 20) {per_event:?}; after {events} events to_png {per_encode:?} \
         ({size} bytes), from_png (incl. encode) {decode:?}; history {} bytes in {} steps",
        mask.history_bytes(),
        mask.undo_steps()
    );
}
