//! The PNG reader of [`super::Mask::from_png`]: any PNG a user may give (every colour type,
//! bit depths 1–16, palettes, tRNS transparency, Adam7 interlacing), decoded row by row
//! straight into the mask's bitmap, so even an 8192 × 8192 16-bit RGBA file never needs its
//! expanded pixels in memory (two rows and the inflate state at most).
//!
//! Written here on top of miniz_oxide's inflate (the writer already uses its deflate) rather
//! than with the png crate: its general decoder was over two fifths of the mask's wasm
//! (issue 12), and a mask needs none of its outputs, only "is this pixel white". Damage of any
//! kind (bad checksums, a cut file, broken compressed data) is a [`MaskError::Corrupt`]
//! naming it; nothing here can panic on input.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::codec::{classify, corrupt, row_layout};
use super::crc32::crc32;
use super::raster::Bitmap;
use super::MaskError;

const TRUNCATED: &str = "the file ends early (truncated)";

/// What the header (IHDR) says about the pixels.
struct Header {
    /// Bits per sample: 1, 2, 4, 8 or 16.
    depth: u8,
    /// 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
    colour: u8,
    interlaced: bool,
}

impl Header {
    /// The header from IHDR's 13 bytes (the size was checked already by `png_dimensions`).
    fn parse(data: &[u8]) -> Result<Header, MaskError> {
        let [depth, colour, compression, filter, interlace] = *data.get(8..13).unwrap_or(&[])
        else {
            return Err(corrupt("the PNG header (IHDR) is malformed"));
        };
        let depth_allowed = match colour {
            0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
            3 => matches!(depth, 1 | 2 | 4 | 8),
            2 | 4 | 6 => matches!(depth, 8 | 16),
            _ => return Err(corrupt("the header names an unknown colour type")),
        };
        if !depth_allowed {
            return Err(corrupt(
                "the header's bit depth is not allowed for its colour type",
            ));
        }
        if compression != 0 || filter != 0 || interlace > 1 {
            return Err(corrupt(
                "the header names an unknown compression, filter or interlace method",
            ));
        }
        Ok(Header {
            depth,
            colour,
            interlaced: interlace == 1,
        })
    }

    /// Samples per pixel.
    fn channels(&self) -> usize {
        match self.colour {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }

    /// Bytes of a row of `pixels` pixels, without its filter byte.
    fn row_len(&self, pixels: u32) -> usize {
        (pixels as usize * self.channels() * usize::from(self.depth)).div_ceil(8)
    }

    /// The byte distance the Sub, Average and Paeth filters look back: one pixel, at least 1.
    fn filter_step(&self) -> usize {
        (self.channels() * usize::from(self.depth) / 8).max(1)
    }

    /// Sample `index` of a row, as stored (a 16-bit sample big-endian, smaller ones packed
    /// from the most significant bit).
    fn sample(&self, row: &[u8], index: usize) -> u16 {
        let depth = usize::from(self.depth);
        let bit = index * depth;
        let byte = |at: usize| u16::from(row.get(at).copied().unwrap_or(0));
        match depth {
            16 => (byte(bit / 8) << 8) | byte(bit / 8 + 1),
            8 => byte(bit / 8),
            _ => (byte(bit / 8) >> (8 - depth - bit % 8)) & ((1 << depth) - 1),
        }
    }

    /// A sample scaled to 8 bits: a 16-bit one keeps its high byte, a 1-, 2- or 4-bit one is
    /// stretched so that its maximum is 255.
    fn to_8_bits(&self, sample: u16) -> u8 {
        match self.depth {
            16 => (sample >> 8) as u8,
            8 => sample as u8,
            depth => (u32::from(sample) * 255 / ((1 << depth) - 1)) as u8,
        }
    }
}

/// The chunks a mask needs, found by one walk over the file (nothing is copied).
struct Chunks<'a> {
    header: Header,
    /// PLTE: red, green, blue per entry.
    palette: &'a [u8],
    /// tRNS: an alpha per palette entry, or the one grey or RGB sample value that is transparent.
    transparency: &'a [u8],
    /// The data of every IDAT chunk, in order: together, one zlib stream.
    image_data: Vec<&'a [u8]>,
}

/// Walks the chunks after the signature, checking each one's length and CRC, up to IEND.
fn read_chunks(bytes: &[u8]) -> Result<Chunks<'_>, MaskError> {
    let mut rest = bytes.get(8..).unwrap_or(&[]);
    let mut header = None;
    let (mut palette, mut transparency): (&[u8], &[u8]) = (&[], &[]);
    let mut image_data = Vec::new();
    loop {
        let [a, b, c, d, k0, k1, k2, k3, ..] = *rest else {
            return Err(corrupt(TRUNCATED));
        };
        let len = u32::from_be_bytes([a, b, c, d]) as usize;
        let kind = [k0, k1, k2, k3];
        let (data, after) = rest[8..]
            .split_at_checked(len)
            .ok_or_else(|| corrupt(TRUNCATED))?;
        let (stored_crc, after) = after
            .split_first_chunk::<4>()
            .ok_or_else(|| corrupt(TRUNCATED))?;
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(corrupt("a chunk has an invalid name"));
        }
        if crc32(&[&kind, data]) != u32::from_be_bytes(*stored_crc) {
            return Err(corrupt("a chunk's checksum is wrong"));
        }
        match &kind {
            b"IHDR" if header.is_none() => header = Some(Header::parse(data)?),
            b"IHDR" => return Err(corrupt("it has two headers (IHDR)")),
            b"PLTE" => palette = data,
            b"tRNS" => transparency = data,
            b"IDAT" => image_data.push(data),
            b"IEND" => break,
            // Bit 5 of the first letter: lower case marks an ancillary chunk, safe to skip.
            _ if kind[0].is_ascii_lowercase() => {}
            _ => return Err(corrupt("it has a critical chunk this reader does not know")),
        }
        rest = after;
    }
    let header = header.ok_or_else(|| corrupt("the first chunk is not a PNG header (IHDR)"))?;
    if image_data.is_empty() {
        return Err(corrupt("it holds no image data (IDAT)"));
    }
    if header.colour == 3 && (palette.is_empty() || palette.len() % 3 != 0 || palette.len() > 768) {
        return Err(corrupt("its palette (PLTE) is missing or malformed"));
    }
    Ok(Chunks {
        header,
        palette,
        transparency,
        image_data,
    })
}

/// The zlib stream spread over the IDAT chunks, inflated on demand.
struct Inflow<'a> {
    state: Box<InflateState>,
    chunks: std::slice::Iter<'a, &'a [u8]>,
    /// The unread rest of the current chunk.
    input: &'a [u8],
    ended: bool,
}

impl<'a> Inflow<'a> {
    fn new(chunks: &'a [&'a [u8]]) -> Self {
        Inflow {
            state: InflateState::new_boxed(DataFormat::Zlib),
            chunks: chunks.iter(),
            input: &[],
            ended: false,
        }
    }

    /// Fills `out` with the next inflated bytes.
    fn read_exact(&mut self, out: &mut [u8]) -> Result<(), MaskError> {
        let mut filled = 0;
        while filled < out.len() {
            if self.ended {
                return Err(corrupt("the image data ends before its last row"));
            }
            let result = inflate(
                &mut self.state,
                self.input,
                &mut out[filled..],
                MZFlush::None,
            );
            self.input = self.input.get(result.bytes_consumed..).unwrap_or(&[]);
            filled += result.bytes_written;
            match result.status {
                Ok(MZStatus::StreamEnd) => self.ended = true,
                Ok(_) => {}
                // All input so far is used up: on to the next IDAT chunk.
                Err(MZError::Buf) => {
                    self.input = self.chunks.next().ok_or_else(|| corrupt(TRUNCATED))?
                }
                Err(_) => return Err(corrupt("its compressed image data is damaged")),
            }
        }
        Ok(())
    }

    /// Reads to the end of the stream, whose checksum inflate verifies: refuses a cut stream
    /// and data past the last row.
    fn finish(&mut self) -> Result<(), MaskError> {
        let mut extra = [0u8; 1];
        match self.read_exact(&mut extra) {
            Ok(()) => Err(corrupt("it holds more image data than its header says")),
            Err(_) if self.ended => Ok(()),
            Err(error) => Err(error),
        }
    }
}

/// Undoes a row's filter in place (PNG filter types 0–4), given the row above (zeros for the
/// first row of an image or of an interlace pass; as long as `row`). One loop per type: this
/// runs for every byte of the image.
fn unfilter(kind: u8, row: &mut [u8], above: &[u8], step: usize) -> Result<(), MaskError> {
    let len = row.len().min(above.len());
    let (row, above) = (&mut row[..len], &above[..len]);
    match kind {
        0 => {}
        1 => (step..len).for_each(|i| row[i] = row[i].wrapping_add(row[i - step])),
        2 => row
            .iter_mut()
            .zip(above)
            .for_each(|(x, &up)| *x = x.wrapping_add(up)),
        // The first pixel has nothing to its left: there Average is half of up and Paeth is up.
        3 => {
            let first = step.min(len);
            (0..first).for_each(|i| row[i] = row[i].wrapping_add(above[i] / 2));
            (first..len).for_each(|i| {
                let mean = (u16::from(row[i - step]) + u16::from(above[i])) / 2;
                row[i] = row[i].wrapping_add(mean as u8);
            });
        }
        4 => {
            let first = step.min(len);
            (0..first).for_each(|i| row[i] = row[i].wrapping_add(above[i]));
            (first..len).for_each(|i| {
                let predicted = paeth(row[i - step], above[i], above[i - step]);
                row[i] = row[i].wrapping_add(predicted);
            });
        }
        _ => return Err(corrupt("a row has an unknown filter type")),
    }
    Ok(())
}

/// The Paeth predictor: whichever of left, up and up-left is closest to left + up − up-left.
fn paeth(left: u8, up: u8, up_left: u8) -> u8 {
    let (a, b, c) = (i16::from(left), i16::from(up), i16::from(up_left));
    let p = a + b - c;
    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
    if pa <= pb && pa <= pc {
        left
    } else if pb <= pc {
        up
    } else {
        up_left
    }
}

/// Pixel `index` of an unfiltered row as 8-bit red, green, blue, alpha; `None` when a palette
/// index points past the palette.
fn rgba(chunks: &Chunks<'_>, row: &[u8], index: usize) -> Option<[u8; 4]> {
    let header = &chunks.header;
    let channels = header.channels();
    let sample = |k: usize| header.sample(row, index * channels + k);
    let scaled = |k: usize| header.to_8_bits(sample(k));
    // tRNS of a grey or RGB image: the one sample value (per channel, as stored) that is transparent.
    let keyed = |count: usize| {
        chunks.transparency.len() == 2 * count
            && (0..count).all(|k| {
                let key = &chunks.transparency[2 * k..2 * k + 2];
                u16::from_be_bytes([key[0], key[1]]) == sample(k)
            })
    };
    let opaque_unless = |transparent: bool| if transparent { 0 } else { 255 };
    Some(match header.colour {
        0 => [scaled(0), scaled(0), scaled(0), opaque_unless(keyed(1))],
        2 => [scaled(0), scaled(1), scaled(2), opaque_unless(keyed(3))],
        3 => {
            let entry = usize::from(sample(0));
            let rgb = chunks.palette.get(3 * entry..3 * entry + 3)?;
            let alpha = chunks.transparency.get(entry).copied().unwrap_or(255);
            [rgb[0], rgb[1], rgb[2], alpha]
        }
        4 => [scaled(0), scaled(0), scaled(0), scaled(1)],
        _ => [scaled(0), scaled(1), scaled(2), scaled(3)],
    })
}

/// How a row's pixels reach `classify`, chosen once per image: the general [`rgba`] costs
/// several times the other two on the common formats.
#[derive(Clone, Copy)]
enum Route {
    /// 8-bit grey, RGB or with alpha, no tRNS key (canvas exports, most editors): the samples
    /// as they are.
    Direct(usize),
    /// Grey of 1, 2 or 4 bits without a tRNS key (1-bit: our own masks): whether each of
    /// the 16 possible samples is white, classified once.
    Grey([bool; 16]),
    /// Everything else: palettes, 16 bits, tRNS keys.
    Full,
}

impl Route {
    fn of(chunks: &Chunks<'_>) -> Route {
        let header = &chunks.header;
        let keyed = matches!(header.colour, 0 | 2) && !chunks.transparency.is_empty();
        match (header.colour, header.depth) {
            _ if keyed => Route::Full,
            (0 | 2 | 4 | 6, 8) => Route::Direct(header.channels()),
            (0, 1 | 2 | 4) => Route::Grey(std::array::from_fn(|sample| {
                classify(&[header.to_8_bits(sample as u16)]) == Some(true)
            })),
            _ => Route::Full,
        }
    }
}

/// Decodes a PNG (its size already checked against `width` × `height`) into a bitmap.
pub(crate) fn decode(bytes: &[u8], width: u32, height: u32) -> Result<Bitmap, MaskError> {
    let chunks = read_chunks(bytes)?;
    let header = &chunks.header;
    let mut inflow = Inflow::new(&chunks.image_data);
    let widest = header.row_len(width);
    let (mut row, mut above) = (vec![0u8; 1 + widest], vec![0u8; widest]);
    let mut bitmap = Bitmap::new(width, height);
    let mut pass = None;
    let route = Route::of(&chunks);
    for (y, x0, dx, pixels) in row_layout(width, height, header.interlaced) {
        // Each interlace pass has its own (x0, dx) and starts with no row above.
        if pass != Some((x0, dx)) {
            pass = Some((x0, dx));
            above.fill(0);
        }
        let len = header.row_len(pixels);
        let row = &mut row[..1 + len];
        inflow.read_exact(row)?;
        let (filter, pixels_bytes) = row.split_at_mut(1);
        unfilter(filter[0], pixels_bytes, &above[..len], header.filter_step())?;
        let mut last: (&[u8], Option<bool>) = (&[], None);
        for i in 0..pixels {
            let x = x0 + i * dx;
            let white = match route {
                // 8-bit samples without a tRNS key are already what `classify` takes.
                // A mask is mostly runs of one colour: a pixel like the last is not classified again.
                Route::Direct(channels) => {
                    let at = i as usize * channels;
                    let pixel = pixels_bytes.get(at..at + channels).unwrap_or(&[]);
                    if pixel != last.0 {
                        last = (pixel, classify(pixel));
                    }
                    last.1
                }
                Route::Grey(whites) => {
                    Some(whites[usize::from(header.sample(pixels_bytes, i as usize)) & 15])
                }
                Route::Full => {
                    let colour = rgba(&chunks, pixels_bytes, i as usize).ok_or_else(|| {
                        corrupt("a pixel's palette index is past the end of the palette")
                    })?;
                    classify(&colour)
                }
            };
            match white {
                Some(white) => bitmap.set(x, y, white),
                None => return Err(MaskError::NotBlackAndWhite { x, y }),
            }
        }
        above[..len].copy_from_slice(pixels_bytes);
    }
    inflow.finish()?;
    Ok(bitmap)
}
