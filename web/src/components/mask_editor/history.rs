//! Gestures as undo units.
//!
//! The mask model records one undo step per edit that changed something, and a brush stroke
//! is one edit per pointer event (so painting never waits for the whole stroke). A person
//! expects Ctrl+Z to take back the whole stroke, so this keeps, next to the model's steps,
//! how many of them each gesture made. The model bounds its history (oldest steps dropped);
//! [`Gestures::trim`] keeps the counts within what the model still holds.

/// Step counts of the gestures that can be undone and redone, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gestures {
    undo: Vec<usize>,
    redo: Vec<usize>,
    open: usize,
}

impl Gestures {
    /// The model recorded one more step for the gesture in progress (a new edit also empties
    /// the model's redo list, and so this one's).
    pub fn step(&mut self) {
        self.redo.clear();
        self.open += 1;
    }

    /// The gesture in progress ended; `model_steps` is how many undo steps the model holds.
    pub fn close(&mut self, model_steps: usize) {
        if self.open > 0 {
            self.undo.push(self.open);
            self.open = 0;
        }
        self.trim(model_steps);
    }

    /// The gesture in progress is abandoned (a second finger turned it into a pinch): the
    /// number of its steps to undo. Those steps become a redo entry, as the model has them.
    pub fn abandon(&mut self) -> usize {
        let steps = std::mem::take(&mut self.open);
        if steps > 0 {
            self.redo.push(steps);
        }
        steps
    }

    /// Steps to undo for the newest gesture (one when the counts were lost, so undo still
    /// follows the model).
    pub fn undo(&mut self) -> usize {
        self.undo.pop().unwrap_or(1)
    }

    /// Records that `steps` were undone.
    pub fn undone(&mut self, steps: usize) {
        if steps > 0 {
            self.redo.push(steps);
        }
    }

    /// Steps to redo for the newest undone gesture.
    pub fn redo(&mut self) -> usize {
        self.redo.pop().unwrap_or(1)
    }

    /// Records that `steps` were redone.
    pub fn redone(&mut self, steps: usize) {
        if steps > 0 {
            self.undo.push(steps);
        }
    }

    /// Drops the oldest counts beyond the `model_steps` the model still holds.
    pub fn trim(&mut self, model_steps: usize) {
        let mut excess = self.undo.iter().sum::<usize>().saturating_sub(model_steps);
        while excess > 0 && !self.undo.is_empty() {
            let cut = excess.min(self.undo[0]);
            self.undo[0] -= cut;
            excess -= cut;
            if self.undo[0] == 0 {
                self.undo.remove(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_stroke_of_many_steps_undoes_and_redoes_as_one() {
        let mut g = Gestures::default();
        (0..5).for_each(|_| g.step());
        g.close(5);
        g.step();
        g.close(6);
        assert_eq!(g.undo(), 1, "the rectangle first");
        g.undone(1);
        assert_eq!(g.undo(), 5, "then the whole stroke");
        g.undone(5);
        assert_eq!(g.redo(), 5);
        g.redone(5);
        assert_eq!(g.redo(), 1);
    }

    #[test]
    fn a_new_gesture_forgets_what_could_be_redone() {
        let mut g = Gestures::default();
        g.step();
        g.close(1);
        let n = g.undo();
        g.undone(n);
        g.step();
        g.close(1);
        assert_eq!(
            g,
            Gestures {
                undo: vec![1],
                redo: vec![],
                open: 0
            }
        );
    }

    #[test]
    fn an_abandoned_gesture_is_redoable_like_the_model_says() {
        let mut g = Gestures::default();
        g.step();
        g.step();
        assert_eq!(g.abandon(), 2);
        g.close(0);
        assert_eq!(
            g,
            Gestures {
                undo: vec![],
                redo: vec![2],
                open: 0
            }
        );
    }

    #[test]
    fn counts_follow_the_model_dropping_its_oldest_steps() {
        let mut g = Gestures::default();
        for steps in [300, 150, 100] {
            (0..steps).for_each(|_| g.step());
            g.close(500);
        }
        assert_eq!(g.undo, vec![250, 150, 100]);
        g.trim(120);
        assert_eq!(g.undo, vec![20, 100]);
    }
}
