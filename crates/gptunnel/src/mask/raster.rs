//! The bit raster under a [`Mask`](super::Mask).
//!
//! One bit per pixel, row by row, in `u64` words: bit `x % 64` of word `x / 64` of a row holds
//! pixel `x`, and the bits past the right edge are always zero. A 2048 × 2048 mask is 512 KiB;
//! inverting and counting are word loops; an edit's undo record is a plain copy of the words it
//! touched (a [`WordBlock`]), so no bit shifting is needed to take or give one back.

use super::Rect;

const WORD_BITS: u32 = u64::BITS;

/// A non-empty, half-open box of pixels `x0..x1` × `y0..y1` inside a bitmap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PixelBox {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl PixelBox {
    /// The box `x0..x1` × `y0..y1`, or `None` when it holds no pixel.
    pub fn new(x0: u32, y0: u32, x1: u32, y1: u32) -> Option<Self> {
        (x0 < x1 && y0 < y1).then_some(Self { x0, y0, x1, y1 })
    }

    /// The smallest box holding both.
    pub fn union(self, other: Self) -> Self {
        Self {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
}

impl From<PixelBox> for Rect {
    fn from(b: PixelBox) -> Rect {
        Rect {
            x: b.x0,
            y: b.y0,
            width: b.x1 - b.x0,
            height: b.y1 - b.y0,
        }
    }
}

/// Whole words of a bitmap: rows `y0..y1`, words `w0..w1` of each of those rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordBlock {
    pub y0: u32,
    pub y1: u32,
    pub w0: usize,
    pub w1: usize,
}

impl WordBlock {
    /// The words holding every pixel of `area`.
    pub fn covering(area: PixelBox) -> Self {
        Self {
            y0: area.y0,
            y1: area.y1,
            w0: (area.x0 / WORD_BITS) as usize,
            w1: area.x1.div_ceil(WORD_BITS) as usize,
        }
    }

    fn row_len(&self) -> usize {
        self.w1 - self.w0
    }

    /// Number of words in the block.
    pub fn len(&self) -> usize {
        (self.y1 - self.y0) as usize * self.row_len()
    }
}

/// A width × height grid of bits.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Bitmap {
    width: u32,
    height: u32,
    /// Words per row.
    stride: usize,
    words: Vec<u64>,
}

impl Bitmap {
    /// An all-zero bitmap. The caller has checked the size (at most 8192 × 8192 = 8 MiB).
    pub fn new(width: u32, height: u32) -> Self {
        let stride = width.div_ceil(WORD_BITS) as usize;
        Self {
            width,
            height,
            stride,
            words: vec![0; stride * height as usize],
        }
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Every pixel.
    pub fn full_box(&self) -> PixelBox {
        PixelBox {
            x0: 0,
            y0: 0,
            x1: self.width,
            y1: self.height,
        }
    }

    /// The bit at (x, y); `false` outside the bitmap.
    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let word = self.words[y as usize * self.stride + (x / WORD_BITS) as usize];
        word >> (x % WORD_BITS) & 1 == 1
    }

    /// Sets the bit at (x, y); ignored outside the bitmap.
    pub fn set(&mut self, x: u32, y: u32, value: bool) {
        if x >= self.width || y >= self.height {
            return;
        }
        let word = &mut self.words[y as usize * self.stride + (x / WORD_BITS) as usize];
        let bit = 1u64 << (x % WORD_BITS);
        if value {
            *word |= bit;
        } else {
            *word &= !bit;
        }
    }

    /// The words of row `y` (pixel `x` is bit `x % 64` of word `x / 64`).
    pub fn row(&self, y: u32) -> &[u64] {
        let start = y as usize * self.stride;
        &self.words[start..start + self.stride]
    }

    /// Sets pixels `x0..x1` of row `y` to `value`; the range is clipped to the bitmap.
    pub fn fill_span(&mut self, y: u32, x0: u32, x1: u32, value: bool) {
        let x1 = x1.min(self.width);
        if y >= self.height || x0 >= x1 {
            return;
        }
        let start = y as usize * self.stride;
        let row = &mut self.words[start..start + self.stride];
        let (first, last) = ((x0 / WORD_BITS) as usize, ((x1 - 1) / WORD_BITS) as usize);
        let head = !0u64 << (x0 % WORD_BITS);
        let tail = !0u64 >> (WORD_BITS - 1 - (x1 - 1) % WORD_BITS);
        let apply = |word: &mut u64, mask: u64| {
            if value {
                *word |= mask;
            } else {
                *word &= !mask;
            }
        };
        if first == last {
            apply(&mut row[first], head & tail);
        } else {
            apply(&mut row[first], head);
            row[first + 1..last].iter_mut().for_each(|w| apply(w, !0));
            apply(&mut row[last], tail);
        }
    }

    /// Flips every pixel (keeping the bits past the right edge zero).
    pub fn invert(&mut self) {
        let edge = self.width % WORD_BITS;
        let last_mask = if edge == 0 { !0 } else { (1u64 << edge) - 1 };
        for row in self.words.chunks_exact_mut(self.stride) {
            row.iter_mut().for_each(|w| *w = !*w);
            if let Some(last) = row.last_mut() {
                *last &= last_mask;
            }
        }
    }

    /// Number of set bits.
    pub fn count_ones(&self) -> u64 {
        self.words.iter().map(|w| u64::from(w.count_ones())).sum()
    }

    /// Index range in `words` of each row of `block`.
    fn block_rows(&self, block: WordBlock) -> impl Iterator<Item = std::ops::Range<usize>> {
        let stride = self.stride;
        (block.y0..block.y1).map(move |y| {
            let start = y as usize * stride;
            start + block.w0..start + block.w1
        })
    }

    /// A copy of the words of `block`, row by row.
    pub fn copy_block(&self, block: WordBlock) -> Vec<u64> {
        let mut out = Vec::with_capacity(block.len());
        for range in self.block_rows(block) {
            out.extend_from_slice(&self.words[range]);
        }
        out
    }

    /// `data ^= words of block`: turns a copy taken before an edit into the edit's delta.
    pub fn xor_into(&self, block: WordBlock, data: &mut [u64]) {
        if block.row_len() == 0 {
            return;
        }
        for (range, chunk) in self
            .block_rows(block)
            .zip(data.chunks_exact_mut(block.row_len()))
        {
            chunk
                .iter_mut()
                .zip(&self.words[range])
                .for_each(|(d, w)| *d ^= w);
        }
    }

    /// `words of block ^= data`: applies a delta (its own inverse: undo and redo alike).
    pub fn xor_block(&mut self, block: WordBlock, data: &[u64]) {
        if block.row_len() == 0 {
            return;
        }
        for (range, chunk) in self
            .block_rows(block)
            .zip(data.chunks_exact(block.row_len()))
        {
            self.words[range]
                .iter_mut()
                .zip(chunk)
                .for_each(|(w, d)| *w ^= d);
        }
    }

    /// The smallest box holding every set bit, or `None` when none is set.
    pub fn set_bounds(&self) -> Option<PixelBox> {
        let block = WordBlock::covering(self.full_box());
        set_bounds(block, &self.words)
    }
}

/// The smallest box holding every set bit of `data`, laid out as the words of `block`.
pub(crate) fn set_bounds(block: WordBlock, data: &[u64]) -> Option<PixelBox> {
    let row_len = block.row_len();
    if row_len == 0 {
        return None;
    }
    let mut found: Option<PixelBox> = None;
    for (y, row) in (block.y0..).zip(data.chunks_exact(row_len)) {
        let Some(first) = row.iter().position(|&w| w != 0) else {
            continue;
        };
        let last = row.iter().rposition(|&w| w != 0).unwrap_or(first);
        let x0 = (block.w0 + first) as u32 * WORD_BITS + row[first].trailing_zeros();
        let x1 = (block.w0 + last) as u32 * WORD_BITS + (WORD_BITS - row[last].leading_zeros());
        let line = PixelBox {
            x0,
            y0: y,
            x1,
            y1: y + 1,
        };
        found = Some(found.map_or(line, |b| b.union(line)));
    }
    found
}

/// The words of `inner` (which lies inside `outer`) out of `data`, laid out as `outer`.
pub(crate) fn sub_block(outer: WordBlock, data: &[u64], inner: WordBlock) -> Vec<u64> {
    let mut out = Vec::with_capacity(inner.len());
    for y in inner.y0..inner.y1 {
        let start = (y - outer.y0) as usize * outer.row_len() + (inner.w0 - outer.w0);
        out.extend_from_slice(&data[start..start + inner.row_len()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_span_sets_exactly_the_range_across_word_boundaries() {
        let mut bitmap = Bitmap::new(200, 3);
        bitmap.fill_span(1, 60, 131, true);
        let set: Vec<u32> = (0..200).filter(|&x| bitmap.get(x, 1)).collect();
        assert_eq!(set, (60..131).collect::<Vec<_>>());
        assert_eq!(bitmap.count_ones(), 71);
        bitmap.fill_span(1, 64, 128, false);
        assert_eq!(bitmap.count_ones(), 7);
    }

    #[test]
    fn invert_keeps_bits_past_the_right_edge_clear() {
        let mut bitmap = Bitmap::new(70, 2);
        bitmap.invert();
        assert_eq!(bitmap.count_ones(), 140);
        assert_eq!(bitmap.row(0)[1], (1 << 6) - 1);
    }

    #[test]
    fn set_bounds_finds_the_tight_box() {
        let mut bitmap = Bitmap::new(300, 10);
        assert_eq!(bitmap.set_bounds(), None);
        bitmap.set(70, 2, true);
        bitmap.set(250, 7, true);
        bitmap.set(3, 5, true);
        assert_eq!(bitmap.set_bounds(), PixelBox::new(3, 2, 251, 8));
    }

    #[test]
    fn a_delta_undoes_and_redoes_an_edit() {
        let mut bitmap = Bitmap::new(130, 5);
        bitmap.fill_span(2, 0, 130, true);
        let before = bitmap.clone();
        let block = WordBlock::covering(PixelBox {
            x0: 10,
            y0: 1,
            x1: 100,
            y1: 4,
        });
        let mut delta = bitmap.copy_block(block);
        bitmap.fill_span(1, 10, 100, true);
        bitmap.fill_span(3, 20, 30, true);
        let after = bitmap.clone();
        bitmap.xor_into(block, &mut delta);
        assert_eq!(set_bounds(block, &delta), PixelBox::new(10, 1, 100, 4));
        bitmap.xor_block(block, &delta);
        assert!(bitmap == before);
        bitmap.xor_block(block, &delta);
        assert!(bitmap == after);
    }
}
