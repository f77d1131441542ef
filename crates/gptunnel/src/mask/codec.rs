//! PNG and base64 in and out of a mask.
//!
//! Out: a 1-bit greyscale PNG (the smallest honest form of a black-and-white image), deflated
//! at zlib's best level. In: any PNG, checked in order of cost — the signature, then the
//! header's size against the target (33 bytes read, nothing allocated), then the pixels,
//! decoded one row at a time straight into the bitmap by [`super::png_read`].

use std::borrow::Cow;

use super::crc32::crc32;
use super::png_read;
use super::raster::Bitmap;
use super::{Mask, MaskError};
use crate::base64::{self, Base64Error};

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// Signature, IHDR length and type, width, height: all `png_dimensions` needs.
const HEADER_LEN: usize = 8 + 4 + 4 + 4 + 4;

/// Largest difference between a pixel's channels (0–255, after alpha) still counted as grey.
pub(crate) const GREY_TOLERANCE: u32 = 16;

/// Width and height of a PNG, read from its header alone (the first 24 bytes).
///
/// Nothing is decoded or allocated, so it is cheap on any input: use it to learn a parent
/// image's size, or to turn away a header claiming 20000 × 20000 before reading further.
/// The size is reported as declared; [`Mask::from_png`] is what refuses sizes over
/// [`Mask::MAX_SIDE`].
///
/// # Errors
/// [`MaskError::Empty`] for no bytes, [`MaskError::NotPng`] when the bytes are not a PNG,
/// [`MaskError::Corrupt`] when they end inside the header or it is malformed, and
/// [`MaskError::ZeroSize`] when it declares a zero side.
pub fn png_dimensions(bytes: &[u8]) -> Result<(u32, u32), MaskError> {
    if bytes.is_empty() {
        return Err(MaskError::Empty);
    }
    if !bytes.starts_with(&PNG_SIGNATURE) {
        if PNG_SIGNATURE.starts_with(bytes) {
            return Err(corrupt("the data ends inside the PNG signature"));
        }
        return Err(MaskError::NotPng {
            found: sniff(bytes),
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(corrupt(
            "the data ends before the PNG header (IHDR) is complete",
        ));
    }
    let be32 =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if be32(8) != 13 || &bytes[12..16] != b"IHDR" {
        return Err(corrupt("the first chunk is not a PNG header (IHDR)"));
    }
    let (width, height) = (be32(16), be32(20));
    if width == 0 || height == 0 {
        return Err(MaskError::ZeroSize { width, height });
    }
    Ok((width, height))
}

/// What non-PNG data looks like, for the error message.
fn sniff(bytes: &[u8]) -> &'static str {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if at(0, &[0xff, 0xd8, 0xff]) {
        "a JPEG image"
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        "a WebP image"
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        "a GIF image"
    } else if at(0, b"BM") {
        "a BMP image"
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        "a TIFF image"
    } else if at(4, b"ftyp") {
        "an AVIF or HEIC image"
    } else if bytes
        .iter()
        .take(64)
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
    {
        "text"
    } else {
        "data of an unknown kind"
    }
}

pub(super) fn corrupt(reason: impl Into<String>) -> MaskError {
    MaskError::Corrupt {
        reason: reason.into(),
    }
}

/// Refuses a target or declared size that cannot be a mask, and a header that does not match.
pub(crate) fn check_size(header: (u32, u32), width: u32, height: u32) -> Result<(), MaskError> {
    Mask::check_dimensions(width, height)?;
    let (found_width, found_height) = header;
    if found_width > Mask::MAX_SIDE || found_height > Mask::MAX_SIDE {
        return Err(MaskError::TooLarge {
            width: found_width,
            height: found_height,
        });
    }
    if (found_width, found_height) != (width, height) {
        return Err(MaskError::WrongSize {
            expected_width: width,
            expected_height: height,
            width: found_width,
            height: found_height,
        });
    }
    Ok(())
}

/// Encodes as a 1-bit greyscale PNG (bit 1 = white): IHDR, one IDAT, IEND. Written here
/// rather than with the png crate's encoder: a fixed format needs none of its options, and
/// its encoder and flate2 were a fifth of the mask's wasm.
pub(crate) fn encode(bitmap: &Bitmap) -> Vec<u8> {
    let (width, height) = (bitmap.width(), bitmap.height());
    let row_bytes = width.div_ceil(8) as usize;
    let mut rows = Vec::with_capacity((row_bytes + 1) * height as usize);
    for y in 0..height {
        rows.push(0); // filter type None
                      // Our words are least-significant-bit first; PNG rows are most-significant-bit first.
        let row = bitmap.row(y);
        rows.extend((0..row_bytes).map(|k| ((row[k / 8] >> (8 * (k % 8))) as u8).reverse_bits()));
    }
    let mut header = Vec::with_capacity(13);
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    // Bit depth 1, colour type 0 (greyscale), deflate, adaptive filtering, not interlaced.
    header.extend([1, 0, 0, 0, 0]);
    let mut out = PNG_SIGNATURE.to_vec();
    chunk(&mut out, b"IHDR", &header);
    // Level 9: zlib's best, as the png crate's `Compression::Best` asked of flate2.
    chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&rows, 9),
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Appends one PNG chunk: length, type, data, CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(kind);
    out.extend(data);
    out.extend(crc32(&[kind, data]).to_be_bytes());
}

/// Rows of the image in the order the decoder yields them: `(y, first x, x step, pixels)`.
pub(super) fn row_layout(width: u32, height: u32, interlaced: bool) -> Vec<(u32, u32, u32, u32)> {
    if !interlaced {
        return (0..height).map(|y| (y, 0, 1, width)).collect();
    }
    // Adam7 passes as (x0, y0, dx, dy); empty passes are skipped, as the png crate does.
    const ADAM7: [(u32, u32, u32, u32); 7] = [
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ];
    let count = |size: u32, start: u32, step: u32| size.saturating_sub(start).div_ceil(step);
    let mut rows = Vec::new();
    for (x0, y0, dx, dy) in ADAM7 {
        let pixels = count(width, x0, dx);
        if pixels > 0 {
            rows.extend((0..count(height, y0, dy)).map(|line| (y0 + line * dy, x0, dx, pixels)));
        }
    }
    rows
}

/// Whether a pixel is white, from its expanded 8-bit channels (grey, grey+alpha, RGB, RGBA).
///
/// Alpha is applied over black (transparent = keep), so a mask never asks to regenerate what
/// it does not clearly mark. `None` for a colour pixel.
pub(super) fn classify(channels: &[u8]) -> Option<bool> {
    let (rgb, alpha) = match *channels {
        [g] => ([g, g, g], 255),
        [g, a] => ([g, g, g], a),
        [r, g, b] => ([r, g, b], 255),
        [r, g, b, a] => ([r, g, b], a),
        _ => return None,
    };
    let [r, g, b] = rgb.map(|c| (u32::from(c) * u32::from(alpha) + 127) / 255);
    if r.max(g).max(b) - r.min(g).min(b) > GREY_TOLERANCE {
        return None;
    }
    Some((r + g + b) * 2 >= 3 * 255)
}

/// Decodes and validates `bytes` as a `width` × `height` mask.
pub(crate) fn decode(bytes: &[u8], width: u32, height: u32) -> Result<Bitmap, MaskError> {
    check_size(png_dimensions(bytes)?, width, height)?;
    png_read::decode(bytes, width, height)
}

/// The bytes of a base64 mask: surrounding and embedded whitespace and a
/// `data:…;base64,` prefix are tolerated. Before decoding everything, the first 33 bytes are
/// decoded and the header checked, so an oversized or mis-sized PNG is refused cheaply.
pub(crate) fn decode_base64(b64: &str, width: u32, height: u32) -> Result<Vec<u8>, MaskError> {
    let mut text = b64.trim();
    if text
        .get(..5)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:"))
    {
        let (meta, payload) = text
            .split_once(',')
            .ok_or_else(|| base64_error("the data: URL has no comma before its content"))?;
        if !meta.to_ascii_lowercase().ends_with(";base64") {
            return Err(base64_error(
                "the data: URL is not base64-encoded (no ;base64)",
            ));
        }
        text = payload.trim();
    }
    let text: Cow<str> = if text.bytes().any(|b| b.is_ascii_whitespace()) {
        Cow::Owned(text.chars().filter(|c| !c.is_ascii_whitespace()).collect())
    } else {
        Cow::Borrowed(text)
    };
    if text.is_empty() {
        return Err(MaskError::Empty);
    }
    // 44 base64 characters are 33 bytes: the signature, the IHDR chunk and its checksum.
    if let Some(Ok(head)) = text.get(..44).map(|head| base64::decode(head.as_bytes())) {
        check_size(png_dimensions(&head)?, width, height)?;
    }
    let bytes = base64::decode(text.as_bytes()).map_err(|e| base64_error(describe_base64(e)))?;
    if bytes.is_empty() {
        return Err(MaskError::Empty);
    }
    Ok(bytes)
}

fn base64_error(reason: impl Into<String>) -> MaskError {
    MaskError::Base64 {
        reason: reason.into(),
    }
}

fn describe_base64(error: Base64Error) -> String {
    use Base64Error as E;
    let shown = |byte: u8| match byte {
        // Quoted by hand: `{:?}` of a char would bring Unicode escaping tables into the wasm.
        b' '..=b'~' => format!("'{}'", byte as char),
        _ => format!("byte 0x{byte:02x}"),
    };
    match error {
        E::Byte(offset, byte) => {
            format!(
                "{} at position {offset} is not a base64 character",
                shown(byte)
            )
        }
        E::Length(length) => format!("{length} characters cannot be base64 (one too many)"),
        E::LastSymbol(offset, byte) => {
            format!(
                "the last character {} (position {offset}) is not valid there",
                shown(byte)
            )
        }
        E::Padding => "the '=' padding is wrong".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_tolerance_and_alpha_decide_the_pixel() {
        assert_eq!(classify(&[127]), Some(false));
        assert_eq!(classify(&[128]), Some(true));
        assert_eq!(classify(&[250, 240, 236]), Some(true));
        assert_eq!(classify(&[255, 0, 0]), None);
        assert_eq!(classify(&[255, 0, 0, 0]), Some(false));
        assert_eq!(classify(&[255, 255, 255, 100]), Some(false));
        assert_eq!(classify(&[255, 255, 255, 200]), Some(true));
    }

    #[test]
    fn adam7_rows_cover_every_pixel_once() {
        let (width, height) = (13, 11);
        let mut seen = vec![0; (width * height) as usize];
        for (y, x0, dx, pixels) in row_layout(width, height, true) {
            for i in 0..pixels {
                seen[(y * width + x0 + i * dx) as usize] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
    }

    #[test]
    fn sniffing_names_common_formats() {
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), "a JPEG image");
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), "a WebP image");
        assert_eq!(sniff(b"GIF89a"), "a GIF image");
        assert_eq!(sniff(b"hello"), "text");
        assert_eq!(sniff(&[0, 1, 2, 3]), "data of an unknown kind");
    }
}
