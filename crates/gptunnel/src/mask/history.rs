//! Undo and redo for a [`Mask`](super::Mask), with bounded memory.
//!
//! A step stores only what its edit changed: the XOR of the words before and after, over the
//! smallest block of whole words holding every changed pixel. XOR is its own inverse, so the
//! same record serves undo and redo. Inversion stores nothing (it is its own inverse too).
//! A brush dab of radius 20 costs well under 1 KiB; the worst case, clearing a full
//! 8192 × 8192 mask, costs 8 MiB.
//!
//! The undo list keeps at most `max_steps` steps and `max_bytes` bytes (each step counted as
//! its words plus a fixed [`STEP_OVERHEAD`]); when an edit goes past either, the oldest steps
//! are dropped first. A new edit empties the redo list, and undo only moves steps from one list
//! to the other, so the two lists together never hold more than the budget.

use std::collections::VecDeque;

use super::raster::{Bitmap, PixelBox, WordBlock};

/// Bytes charged to every step on top of its data: the record itself and the list slot.
pub(crate) const STEP_OVERHEAD: usize = 64;

/// One undoable edit.
#[derive(Clone)]
pub(crate) enum Step {
    /// XOR `delta` into the words of `block`; `changed` bounds the pixels that flip.
    Delta {
        block: WordBlock,
        delta: Vec<u64>,
        changed: PixelBox,
    },
    /// Invert every pixel.
    Invert,
}

impl Step {
    /// Bytes this step is charged against the budget.
    fn cost(&self) -> usize {
        match self {
            Step::Delta { delta, .. } => delta.len() * std::mem::size_of::<u64>() + STEP_OVERHEAD,
            Step::Invert => STEP_OVERHEAD,
        }
    }

    /// Applies the step to `bitmap` (undoing it if it was applied, redoing it if it was
    /// undone) and returns the pixels that changed.
    fn apply(&self, bitmap: &mut Bitmap) -> PixelBox {
        match self {
            Step::Delta {
                block,
                delta,
                changed,
            } => {
                bitmap.xor_block(*block, delta);
                *changed
            }
            Step::Invert => {
                bitmap.invert();
                bitmap.full_box()
            }
        }
    }
}

/// The undo and redo lists of one mask.
#[derive(Clone)]
pub(crate) struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// Bytes held by both lists.
    bytes: usize,
    max_bytes: usize,
    max_steps: usize,
}

impl History {
    /// Empty lists with these limits.
    pub fn new(max_bytes: usize, max_steps: usize) -> Self {
        Self {
            undo: VecDeque::new(),
            redo: Vec::new(),
            bytes: 0,
            max_bytes,
            max_steps,
        }
    }

    /// Records an edit that has just been applied: drops the redo list, then the oldest steps
    /// until the limits hold again (a step bigger than the whole budget is not kept at all).
    pub fn record(&mut self, step: Step) {
        self.bytes -= self.redo.drain(..).map(|s| s.cost()).sum::<usize>();
        self.bytes += step.cost();
        self.undo.push_back(step);
        while self.undo.len() > self.max_steps || self.bytes > self.max_bytes {
            match self.undo.pop_front() {
                Some(oldest) => self.bytes -= oldest.cost(),
                None => break,
            }
        }
    }

    /// Undoes the newest step; `None` when there is nothing to undo.
    pub fn undo(&mut self, bitmap: &mut Bitmap) -> Option<PixelBox> {
        let step = self.undo.pop_back()?;
        let changed = step.apply(bitmap);
        self.redo.push(step);
        Some(changed)
    }

    /// Redoes the newest undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self, bitmap: &mut Bitmap) -> Option<PixelBox> {
        let step = self.redo.pop()?;
        let changed = step.apply(bitmap);
        self.undo.push_back(step);
        Some(changed)
    }

    /// Steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Bytes charged by both lists together.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delta_step(words: usize) -> Step {
        let block = WordBlock {
            y0: 0,
            y1: 1,
            w0: 0,
            w1: words,
        };
        let changed = PixelBox {
            x0: 0,
            y0: 0,
            x1: 1,
            y1: 1,
        };
        Step::Delta {
            block,
            delta: vec![0; words],
            changed,
        }
    }

    #[test]
    fn the_oldest_steps_go_first_when_the_byte_budget_is_exceeded() {
        let mut history = History::new(3 * (800 + STEP_OVERHEAD), 100);
        for _ in 0..5 {
            history.record(delta_step(100));
        }
        assert_eq!(history.undo_len(), 3);
        assert_eq!(history.bytes(), 3 * (800 + STEP_OVERHEAD));
    }

    #[test]
    fn the_step_cap_holds_for_free_steps_too() {
        let mut history = History::new(usize::MAX, 4);
        for _ in 0..10 {
            history.record(Step::Invert);
        }
        assert_eq!(history.undo_len(), 4);
    }

    #[test]
    fn a_step_larger_than_the_budget_is_not_kept() {
        let mut history = History::new(100, 10);
        history.record(delta_step(100));
        assert_eq!((history.undo_len(), history.bytes()), (0, 0));
    }

    #[test]
    fn a_new_step_empties_the_redo_list_and_its_bytes() {
        let mut bitmap = Bitmap::new(64, 1);
        let mut history = History::new(usize::MAX, 10);
        history.record(delta_step(1));
        history.record(delta_step(1));
        history.undo(&mut bitmap);
        assert_eq!(history.redo_len(), 1);
        history.record(Step::Invert);
        assert_eq!((history.redo_len(), history.undo_len()), (0, 2));
        assert_eq!(history.bytes(), 2 * STEP_OVERHEAD + 8);
    }
}
