//! The mask's PNG reader against PNGs written by encoders other than ours: pypng (every colour
//! type and bit depth, palettes, tRNS, Adam7; tests/fixtures/mask_png/generate.py), Chromium's
//! canvas (generate-canvas.mjs) and the png crate (each filter type); then damaged and cut
//! files, which must be refused with a typed error, never a panic.

use gptunnel::mask::{Mask, MaskError};

#[path = "support/crc32.rs"]
mod crc32;
use crc32::crc32;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mask_png");
const W: u32 = 37;
const H: u32 = 23;

/// The fixtures' pattern, as generate.py and generate-canvas.mjs draw it.
fn white(x: u32, y: u32) -> bool {
    (x ^ y).is_multiple_of(3) || (x + 2 * y) % 7 == 1
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pypng_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".png") && !name.starts_with("canvas"))
        .collect();
    names.sort();
    names
}

fn assert_is_the_pattern(name: &str, mask: &Mask) {
    for y in 0..H {
        for x in 0..W {
            assert_eq!(mask.get(x, y), white(x, y), "{name}: pixel ({x}, {y})");
        }
    }
}

#[test]
fn every_colour_type_bit_depth_palette_and_interlacing_written_by_pypng_reads_pixel_for_pixel() {
    let names = pypng_fixtures();
    // 5 grey depths, 2 grey tRNS, 2 grey + alpha, 2 RGB, 1 RGB tRNS, 2 RGBA, 4 palettes; each
    // also interlaced.
    assert_eq!(names.len(), 2 * 18, "{names:?}");
    for name in &names {
        let mask = Mask::from_png(&fixture(name), W, H).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_is_the_pattern(name, &mask);
    }
}

#[test]
fn a_chromium_canvas_png_reads_pixel_for_pixel() {
    let mask = Mask::from_png(&fixture("canvas_rgba.png"), W, H).unwrap();
    assert_is_the_pattern("canvas_rgba.png", &mask);
}

#[test]
fn an_anti_aliased_canvas_disc_reads_as_that_disc() {
    // A white disc of radius 15 at (32, 24) on black, anti-aliased by Chromium: pixels clearly
    // inside are white, clearly outside black; the edge is cut at half grey.
    let mask = Mask::from_png(&fixture("canvas_shapes.png"), 64, 48).unwrap();
    for y in 0..48 {
        for x in 0..64 {
            let distance =
                ((f64::from(x) + 0.5 - 32.0).powi(2) + (f64::from(y) + 0.5 - 24.0).powi(2)).sqrt();
            if distance < 14.0 {
                assert!(mask.get(x, y), "({x}, {y}) inside");
            } else if distance > 16.0 {
                assert!(!mask.get(x, y), "({x}, {y}) outside");
            }
        }
    }
    let area = std::f64::consts::PI * 15.0 * 15.0;
    assert!(
        (mask.count_white() as f64 - area).abs() < 40.0,
        "{}",
        mask.count_white()
    );
}

/// The pattern encoded by the png crate with one filter type for every row.
fn png_crate_encoded(
    colour: png::ColorType,
    depth: png::BitDepth,
    filter: png::FilterType,
) -> Vec<u8> {
    // 8-bit samples of a white and of a black pixel.
    let pixel = |white: bool| -> Vec<u16> {
        match (colour, white) {
            (png::ColorType::Rgb, true) => vec![250, 240, 236],
            (png::ColorType::Rgb, false) => vec![0, 0, 0],
            (png::ColorType::Rgba, true) => vec![255, 255, 255, 255],
            (png::ColorType::Rgba, false) => vec![0, 0, 0, 255],
            (_, true) => vec![255],
            (_, false) => vec![0],
        }
    };
    let mut data = Vec::new();
    for y in 0..H {
        let mut row = Vec::new();
        for x in 0..W {
            for sample in pixel(white(x, y)) {
                match depth {
                    png::BitDepth::Sixteen => row.extend((sample * 257).to_be_bytes()),
                    png::BitDepth::Two => row.push((sample / 85) as u8),
                    _ => row.push(sample as u8),
                }
            }
        }
        if depth == png::BitDepth::Two {
            // Four pixels a byte, most significant first.
            row = row
                .chunks(4)
                .map(|p| {
                    p.iter()
                        .enumerate()
                        .fold(0, |byte, (i, v)| byte | v << (6 - 2 * i))
                })
                .collect();
        }
        data.extend(row);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, W, H);
    encoder.set_color(colour);
    encoder.set_depth(depth);
    encoder.set_filter(filter);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn every_filter_type_written_by_the_png_crate_reads_pixel_for_pixel() {
    use png::{BitDepth, ColorType, FilterType};
    let formats = [
        (ColorType::Grayscale, BitDepth::Two),
        (ColorType::Grayscale, BitDepth::Eight),
        (ColorType::Grayscale, BitDepth::Sixteen),
        (ColorType::Rgb, BitDepth::Eight),
        (ColorType::Rgba, BitDepth::Eight),
        (ColorType::Rgba, BitDepth::Sixteen),
    ];
    for filter in [
        FilterType::NoFilter,
        FilterType::Sub,
        FilterType::Up,
        FilterType::Avg,
        FilterType::Paeth,
    ] {
        for (colour, depth) in formats {
            let name = format!("{colour:?} {depth:?} {filter:?}");
            let mask = Mask::from_png(&png_crate_encoded(colour, depth, filter), W, H)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_is_the_pattern(&name, &mask);
        }
    }
}

fn is_corrupt(result: &Result<Mask, MaskError>) -> bool {
    matches!(result, Err(MaskError::Corrupt { .. }))
}

#[test]
fn every_cut_of_a_png_is_refused_as_corrupt() {
    for name in [
        "grey1_adam7.png",
        "palette4.png",
        "rgba16.png",
        "canvas_rgba.png",
    ] {
        let bytes = fixture(name);
        for cut in 8..bytes.len() {
            let result = Mask::from_png(&bytes[..cut], W, H);
            assert!(
                is_corrupt(&result),
                "{name} cut at {cut}: {:?}",
                result.err()
            );
        }
    }
}

#[test]
fn every_changed_byte_is_refused_and_none_panics() {
    for name in [
        "grey2_adam7.png",
        "palette8.png",
        "rgb16.png",
        "canvas_rgba.png",
    ] {
        let bytes = fixture(name);
        for at in 0..bytes.len() {
            for flip in [0x01, 0x80] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                // The chunk CRCs cover all but the signature and the length fields, which
                // then point elsewhere: every single change is caught.
                let result = Mask::from_png(&damaged, W, H);
                assert!(
                    result.is_err(),
                    "{name}, byte {at} ^ {flip:#x} was accepted"
                );
            }
        }
    }
}

/// The chunks of a PNG after its signature: (type, data).
fn chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at < png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        out.push((
            png[at + 4..at + 8].try_into().unwrap(),
            png[at + 8..at + 8 + len].to_vec(),
        ));
        at += 12 + len;
    }
    out
}

/// A PNG from chunks, each with a correct CRC.
fn assemble(chunks: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in chunks {
        png.extend((data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend(kind);
        png.extend(data);
        let crc = crc32(&png[start..]);
        png.extend(crc.to_be_bytes());
    }
    png
}

#[test]
fn damaged_image_data_with_correct_checksums_is_refused() {
    let original = chunks(&fixture("rgb8.png"));
    let idat = original
        .iter()
        .position(|(kind, _)| kind == b"IDAT")
        .unwrap();
    for at in 0..original[idat].1.len() {
        let mut damaged = original.clone();
        damaged[idat].1[at] ^= 0x10;
        let result = Mask::from_png(&assemble(&damaged), W, H);
        // Caught by inflate, by the stream's Adler-32, or as a coloured pixel on the way.
        assert!(
            matches!(
                result,
                Err(MaskError::Corrupt { .. } | MaskError::NotBlackAndWhite { .. })
            ),
            "IDAT byte {at}: {:?}",
            result.map(|_| ())
        );
    }
}

#[test]
fn ancillary_chunks_are_skipped_and_unknown_critical_ones_refused() {
    let original = chunks(&fixture("grey8.png"));
    let with = |kind: &[u8; 4]| {
        let mut edited = original.clone();
        edited.insert(1, (*kind, b"some bytes".to_vec()));
        Mask::from_png(&assemble(&edited), W, H)
    };
    assert_is_the_pattern("with tEXt", &with(b"tEXt").unwrap());
    assert!(is_corrupt(&with(b"QUUX")));
}

#[test]
fn image_data_split_over_many_chunks_reads_the_same() {
    let original = chunks(&fixture("rgba8_adam7.png"));
    let mut split = Vec::new();
    for (kind, data) in original {
        if &kind == b"IDAT" {
            // One byte per chunk, and an empty chunk between each.
            for byte in data {
                split.push((kind, vec![byte]));
                split.push((kind, Vec::new()));
            }
        } else {
            split.push((kind, data));
        }
    }
    assert_is_the_pattern("split", &Mask::from_png(&assemble(&split), W, H).unwrap());
}

#[test]
fn missing_or_surplus_parts_are_refused_as_corrupt() {
    let original = chunks(&fixture("palette2.png"));
    let without = |kind: &[u8; 4]| {
        let kept: Vec<_> = original
            .iter()
            .filter(|(k, _)| k != kind)
            .cloned()
            .collect();
        Mask::from_png(&assemble(&kept), W, H)
    };
    assert!(is_corrupt(&without(b"PLTE")), "no palette");
    assert!(is_corrupt(&without(b"IDAT")), "no image data");
    assert!(is_corrupt(&without(b"IEND")), "no end");

    // Rows for a taller image than the header says: data past the last row.
    let taller = chunks(&png_crate_encoded(
        png::ColorType::Grayscale,
        png::BitDepth::Eight,
        png::FilterType::Sub,
    ));
    let mut taller_png = taller.clone();
    let header = &mut taller_png[0].1;
    header[4..8].copy_from_slice(&(H - 1).to_be_bytes());
    assert!(is_corrupt(&Mask::from_png(
        &assemble(&taller_png),
        W,
        H - 1
    )));

    // A palette index past the palette's end.
    let mut short_palette = original.clone();
    let plte = short_palette
        .iter()
        .position(|(k, _)| k == b"PLTE")
        .unwrap();
    short_palette[plte].1.truncate(3);
    assert!(is_corrupt(&Mask::from_png(&assemble(&short_palette), W, H)));

    // A bit depth the colour type does not allow (RGB at 4 bits).
    let mut bad_depth = chunks(&fixture("rgb8.png"));
    bad_depth[0].1[8..10].copy_from_slice(&[4, 2]);
    assert!(is_corrupt(&Mask::from_png(&assemble(&bad_depth), W, H)));
}

/// The PNG predictor of the spec (section 9.4): a, b, c are left, up and up-left.
fn paeth_predictor(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// An interlaced pypng fixture (rows unfiltered) with its rows filtered again here, cycling
/// through all five filter types, so that Up, Average and Paeth also meet the first row of
/// each Adam7 pass (where the row above counts as zeros).
fn refiltered_adam7(name: &str) -> Vec<u8> {
    let mut parts = chunks(&fixture(name));
    let (depth, colour) = (parts[0].1[8], parts[0].1[9]);
    let channels = match colour {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    };
    let bits = usize::from(depth) * channels;
    let step = (bits / 8).max(1);
    let idat: Vec<u8> = parts
        .iter()
        .filter(|(k, _)| k == b"IDAT")
        .flat_map(|(_, d)| d.clone())
        .collect();
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&idat).unwrap();
    let mut out = Vec::new();
    let mut at = 0;
    let mut kind = 0u8;
    for (x0, y0, dx, dy) in [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ] {
        let (cols, rows) = (
            (W as usize).saturating_sub(x0).div_ceil(dx),
            (H as usize).saturating_sub(y0).div_ceil(dy),
        );
        if cols == 0 || rows == 0 {
            continue;
        }
        let len = (cols * bits).div_ceil(8);
        let mut above = vec![0u8; len];
        for _ in 0..rows {
            assert_eq!(raw[at], 0, "pypng writes unfiltered rows");
            let row = &raw[at + 1..at + 1 + len];
            out.push(kind);
            for i in 0..len {
                let a = if i >= step { row[i - step] } else { 0 };
                let c = if i >= step { above[i - step] } else { 0 };
                let b = above[i];
                let predicted = match kind {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                    _ => paeth_predictor(a, b, c),
                };
                out.push(row[i].wrapping_sub(predicted));
            }
            above.copy_from_slice(row);
            at += 1 + len;
            kind = (kind + 1) % 5;
        }
    }
    assert_eq!(at, raw.len());
    parts.retain(|(k, _)| k != b"IDAT");
    let end = parts.len() - 1;
    parts.insert(
        end,
        (
            *b"IDAT",
            miniz_oxide::deflate::compress_to_vec_zlib(&out, 6),
        ),
    );
    assemble(&parts)
}

#[test]
fn every_filter_type_reads_right_in_every_adam7_pass() {
    for name in [
        "grey2_adam7.png",
        "rgb8_adam7.png",
        "rgba16_adam7.png",
        "palette4_adam7.png",
    ] {
        let mask =
            Mask::from_png(&refiltered_adam7(name), W, H).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_is_the_pattern(name, &mask);
    }
}
