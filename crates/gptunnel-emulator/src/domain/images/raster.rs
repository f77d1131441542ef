//! RGB pixel buffers: drawing a frame, composing a grid, blurring a preview, encoding PNG.

use super::scene::Rgb;
use crate::model::rng::{mix, Rng};

/// An 8-bit RGB image.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Raster {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) pixels: Vec<u8>,
}

impl Raster {
    pub(crate) fn new(width: u32, height: u32) -> Raster {
        Raster {
            width,
            height,
            pixels: vec![0; (width * height * 3) as usize],
        }
    }

    /// Fills every pixel from a function of its column and row.
    pub(crate) fn from_fn(
        width: u32,
        height: u32,
        mut paint: impl FnMut(u32, u32) -> Rgb,
    ) -> Raster {
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for row in 0..height {
            for column in 0..width {
                pixels.extend_from_slice(&paint(column, row).to_bytes());
            }
        }
        Raster {
            width,
            height,
            pixels,
        }
    }

    pub(crate) fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let at = ((y * self.width + x) * 3) as usize;
        [self.pixels[at], self.pixels[at + 1], self.pixels[at + 2]]
    }

    /// Copies `other` with its top-left corner at (`left`, `top`).
    pub(crate) fn blit(&mut self, other: &Raster, left: u32, top: u32) {
        let row_bytes = (other.width * 3) as usize;
        for row in 0..other.height.min(self.height.saturating_sub(top)) {
            let from = (row * other.width * 3) as usize;
            let to = (((top + row) * self.width + left) * 3) as usize;
            self.pixels[to..to + row_bytes].copy_from_slice(&other.pixels[from..from + row_bytes]);
        }
    }

    /// A copy that looks unfinished at `percent`: coarse blocks, washed-out colour and noise,
    /// all fading as the percent rises.
    pub(crate) fn preview(&self, percent: u8, seed: u64) -> Raster {
        let unfinished = f32::from(100 - percent.min(99)) / 100.0;
        let block = 2 + u32::from(100 - percent.min(99)) / 7;
        let mut rng = Rng::new(mix(seed, u64::from(percent)));
        let mut out = Raster::new(self.width, self.height);
        for top in (0..self.height).step_by(block as usize) {
            for left in (0..self.width).step_by(block as usize) {
                let (right, bottom) = (
                    (left + block).min(self.width),
                    (top + block).min(self.height),
                );
                let mut sum = [0u32; 3];
                for y in top..bottom {
                    for x in left..right {
                        let pixel = self.pixel(x, y);
                        (0..3).for_each(|c| sum[c] += u32::from(pixel[c]));
                    }
                }
                let count = ((right - left) * (bottom - top)) as f32;
                let mean = sum.map(|s| s as f32 / count);
                let grey = (mean[0] + mean[1] + mean[2]) / 3.0;
                let noise = (rng.next_f64() as f32 - 0.5) * 90.0 * unfinished;
                let colour = mean
                    .map(|c| (c + (grey - c) * unfinished * 0.7 + noise).clamp(0.0, 255.0) as u8);
                for y in top..bottom {
                    for x in left..right {
                        let at = ((y * self.width + x) * 3) as usize;
                        out.pixels[at..at + 3].copy_from_slice(&colour);
                    }
                }
            }
        }
        out
    }

    /// PNG bytes (RGB8, fast compression: these are generated on request).
    pub(crate) fn encode_png(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pixels.len() / 4);
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().expect("png header into a Vec");
        writer
            .write_image_data(&self.pixels)
            .expect("png data into a Vec");
        writer.finish().expect("png end into a Vec");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker() -> Raster {
        Raster::from_fn(16, 16, |x, y| {
            if (x + y) % 2 == 0 {
                Rgb([1.0, 0.0, 0.0])
            } else {
                Rgb([0.0, 0.0, 1.0])
            }
        })
    }

    #[test]
    fn a_preview_differs_from_the_final_picture_and_keeps_its_size() {
        let image = checker();
        let preview = image.preview(31, 1);
        assert_eq!((preview.width, preview.height), (16, 16));
        assert_ne!(preview, image);
    }

    #[test]
    fn blit_places_pixels_at_the_offset() {
        let mut canvas = Raster::new(4, 4);
        let dot = Raster::from_fn(1, 1, |_, _| Rgb([1.0, 1.0, 1.0]));
        canvas.blit(&dot, 2, 3);
        assert_eq!(canvas.pixel(2, 3), [255, 255, 255]);
        assert_eq!(canvas.pixel(3, 3), [0, 0, 0]);
    }

    #[test]
    fn encoded_pngs_start_with_the_signature() {
        assert!(checker().encode_png().starts_with(b"\x89PNG\r\n\x1a\n"));
    }
}
