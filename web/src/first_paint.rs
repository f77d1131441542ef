//! What the first paint need not wait for (everything below the prompt bar, reading history,
//! the welcome dialog, the clock, the tab title, saving settings) runs just after it, so the
//! page's first frame carries the header and the prompt bar alone.
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout, Owner};

/// The longest wait for a frame: a tab opened in the background draws none, and its work
/// must start all the same.
const NO_FRAME_AFTER: Duration = Duration::from_millis(200);

/// Runs `f` once, under the current reactive owner, after the next frame is painted (a task
/// queued from the frame's animation callback runs after that frame's paint), or after
/// [`NO_FRAME_AFTER`] if no frame comes first.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let owner = Owner::current();
    let pending = Rc::new(Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = pending.take() {
            match &owner {
                Some(owner) => owner.with(f),
                None => f(),
            }
        }
    };
    let after_frame = run.clone();
    request_animation_frame(move || set_timeout(after_frame, Duration::ZERO));
    set_timeout(run, NO_FRAME_AFTER);
}
