//! Inpaint masks: base64 of a black-and-white PNG the size of the parent image (CONTRACT §3).
//! Black keeps, white regenerates. The provider's own example mask (seed 002, 512x512, 4-bit
//! palette) has anti-aliased grey edges, so soft edges are allowed; colour is not. The PNG
//! header is checked against the expected size BEFORE any pixel buffer is allocated.

use std::io::Cursor;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};

/// The documented 400 message for any mask problem.
pub(crate) const MASK_MESSAGE: &str =
    "'mask' should be base64 png black and white image with same size as previous generation";

/// A pixel whose channels differ by more than this is a colour pixel.
const COLOUR_SPREAD: u8 = 32;
/// Luminance strictly between these is "grey" (an edge), not black or white.
const DARK: u8 = 32;
const LIGHT: u8 = 224;
/// At most this share of grey pixels: edges, not a greyscale photograph.
const MAX_GREY_SHARE: f64 = 0.10;
/// Decoder memory ceiling, whatever the header claims.
const DECODER_BYTES_LIMIT: usize = 128 << 20;

const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a mask was refused (the client only ever sees `MASK_MESSAGE`; this goes to the journal).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum MaskProblem {
    #[error("mask is empty")]
    Empty,
    #[error("mask is not valid base64")]
    NotBase64,
    #[error("mask is not a PNG (it starts with {0})")]
    NotPng(String),
    #[error("mask PNG could not be decoded: {0}")]
    Undecodable(String),
    #[error(
        "mask is {width}x{height}, the previous generation is {expected_width}x{expected_height}"
    )]
    WrongSize {
        width: u32,
        height: u32,
        expected_width: u32,
        expected_height: u32,
    },
    #[error("mask has {0} colour pixels; it must be black and white")]
    Colour(usize),
    #[error("mask is {0:.0}% grey; it must be black and white (soft edges only)")]
    TooGrey(f64),
    #[error("mask has no white area, so nothing would change")]
    NothingToChange,
}

/// A decoded mask: per pixel, how much to regenerate (0 = keep, 255 = regenerate).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mask {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) weights: Vec<u8>,
}

impl Mask {
    /// Weight at a pixel (0..=255).
    pub(crate) fn weight(&self, x: u32, y: u32) -> u8 {
        self.weights[(y * self.width + x) as usize]
    }

    /// Share of pixels that are regenerated at least half.
    #[cfg(test)]
    pub(crate) fn white_share(&self) -> f64 {
        let white = self.weights.iter().filter(|weight| **weight >= 128).count();
        white as f64 / self.weights.len().max(1) as f64
    }
}

/// Decodes and checks a mask against the parent's pixel size. Tolerates a `data:…;base64,`
/// prefix and whitespace (line-wrapped base64).
pub(crate) fn decode_mask(text: &str, expected: (u32, u32)) -> Result<Mask, MaskProblem> {
    let text = text.trim();
    let text = match text.strip_prefix("data:") {
        Some(rest) => rest.split_once(',').map(|(_, data)| data).unwrap_or(""),
        None => text,
    };
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return Err(MaskProblem::Empty);
    }
    let bytes = BASE64
        .decode(compact.as_bytes())
        .map_err(|_| MaskProblem::NotBase64)?;
    decode_png_mask(&bytes, expected)
}

/// Checks raw PNG bytes as a mask.
pub(crate) fn decode_png_mask(
    bytes: &[u8],
    (expected_width, expected_height): (u32, u32),
) -> Result<Mask, MaskProblem> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if !bytes.starts_with(&SIGNATURE) {
        let start: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
        return Err(MaskProblem::NotPng(if start.is_empty() {
            "nothing".into()
        } else {
            start.join(" ")
        }));
    }
    let limits = png::Limits {
        bytes: DECODER_BYTES_LIMIT,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| MaskProblem::Undecodable(e.to_string()))?;
    let (width, height) = (reader.info().width, reader.info().height);
    if (width, height) != (expected_width, expected_height) {
        return Err(MaskProblem::WrongSize {
            width,
            height,
            expected_width,
            expected_height,
        });
    }
    let mut buffer = vec![0u8; reader.output_buffer_size()];
    let frame = reader
        .next_frame(&mut buffer)
        .map_err(|e| MaskProblem::Undecodable(e.to_string()))?;
    let channels = frame.color_type.samples();
    let pixels = &buffer[..frame.buffer_size()];
    weights_of(pixels, channels, frame.line_size, width, height)
}

fn weights_of(
    pixels: &[u8],
    channels: usize,
    line_size: usize,
    width: u32,
    height: u32,
) -> Result<Mask, MaskProblem> {
    let mut weights = Vec::with_capacity((width * height) as usize);
    let (mut colour, mut grey) = (0usize, 0usize);
    for row in pixels.chunks(line_size).take(height as usize) {
        for pixel in row[..width as usize * channels].chunks_exact(channels) {
            let (r, g, b, a) = match channels {
                1 => (pixel[0], pixel[0], pixel[0], 255),
                2 => (pixel[0], pixel[0], pixel[0], pixel[1]),
                3 => (pixel[0], pixel[1], pixel[2], 255),
                _ => (pixel[0], pixel[1], pixel[2], pixel[3]),
            };
            let spread = r.max(g).max(b) - r.min(g).min(b);
            if spread > COLOUR_SPREAD && a > 0 {
                colour += 1;
            }
            // Transparent counts as black (keep): canvas exports often paint white on nothing.
            let luminance = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
            let weight = (luminance * u32::from(a) / 255) as u8;
            if weight > DARK && weight < LIGHT {
                grey += 1;
            }
            weights.push(weight);
        }
    }
    if colour > 0 {
        return Err(MaskProblem::Colour(colour));
    }
    let grey_share = grey as f64 / weights.len().max(1) as f64;
    if grey_share > MAX_GREY_SHARE {
        return Err(MaskProblem::TooGrey(grey_share * 100.0));
    }
    let mask = Mask {
        width,
        height,
        weights,
    };
    if !mask.weights.iter().any(|weight| *weight >= 128) {
        return Err(MaskProblem::NothingToChange);
    }
    Ok(mask)
}

/// Encodes an 8-bit greyscale PNG (used by tests and by the emulator's own fixtures).
#[cfg(test)]
pub(crate) fn encode_grey_png(width: u32, height: u32, grey: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("png header into a Vec");
    writer.write_image_data(grey).expect("png data into a Vec");
    writer.finish().expect("png end into a Vec");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_mask(size: u32) -> Vec<u8> {
        (0..size * size)
            .map(|i| if (i % size) < size / 2 { 0 } else { 255 })
            .collect()
    }

    #[test]
    fn a_half_white_greyscale_mask_is_accepted() {
        let png = encode_grey_png(8, 8, &square_mask(8));
        let mask = decode_mask(&BASE64.encode(&png), (8, 8)).unwrap();
        assert_eq!(mask.weight(0, 0), 0);
        assert_eq!(mask.weight(7, 0), 255);
        assert!((mask.white_share() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_data_url_prefix_and_line_breaks_are_tolerated() {
        let encoded = BASE64.encode(encode_grey_png(8, 8, &square_mask(8)));
        let wrapped = format!(
            "data:image/png;base64,{}\n{}",
            &encoded[..10],
            &encoded[10..]
        );
        assert!(decode_mask(&wrapped, (8, 8)).is_ok());
    }

    #[test]
    fn the_size_is_checked_before_decoding_pixels() {
        let png = encode_grey_png(8, 8, &square_mask(8));
        let problem = decode_mask(&BASE64.encode(&png), (16, 16)).unwrap_err();
        assert!(matches!(
            problem,
            MaskProblem::WrongSize {
                width: 8,
                height: 8,
                ..
            }
        ));
    }

    #[test]
    fn an_all_black_mask_changes_nothing_and_is_refused() {
        let png = encode_grey_png(4, 4, &[0; 16]);
        assert_eq!(
            decode_mask(&BASE64.encode(&png), (4, 4)),
            Err(MaskProblem::NothingToChange)
        );
    }

    #[test]
    fn a_mid_grey_picture_is_not_a_mask() {
        let png = encode_grey_png(4, 4, &[128; 16]);
        assert!(matches!(
            decode_mask(&BASE64.encode(&png), (4, 4)),
            Err(MaskProblem::TooGrey(_))
        ));
    }

    #[test]
    fn empty_and_broken_inputs_are_refused() {
        assert_eq!(decode_mask("", (4, 4)), Err(MaskProblem::Empty));
        assert_eq!(
            decode_mask("%%%not base64%%%", (4, 4)),
            Err(MaskProblem::NotBase64)
        );
        assert!(matches!(
            decode_mask("aGVsbG8=", (4, 4)),
            Err(MaskProblem::NotPng(_))
        ));
    }
}
