//! The running polls, one per running task, as drop guards: [`Polls`] lives in
//! [`AppState::polls`](crate::state::AppState::polls) (a stored value of `App`'s owner), so
//! when `App` goes away every guard is dropped and every poll aborted with it. A second watch
//! of the same id replaces (and so aborts) the first. The polling itself is `polls`.
use std::collections::HashMap;

use futures::future::AbortHandle;

/// A running poll; dropping it aborts the poll.
#[must_use = "dropping the guard aborts the poll"]
#[derive(Debug)]
struct PollGuard {
    handle: AbortHandle,
    /// Which watch of this id it is, so a finished poll never removes its successor.
    serial: u64,
}

impl Drop for PollGuard {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

/// The running polls by task id.
#[derive(Debug, Default)]
pub struct Polls {
    running: HashMap<String, PollGuard>,
    next_serial: u64,
}

impl Polls {
    /// Registers the poll of `id`, aborting any earlier one; returns its serial.
    pub(crate) fn insert(&mut self, id: String, handle: AbortHandle) -> u64 {
        self.next_serial += 1;
        let serial = self.next_serial;
        self.running.insert(id, PollGuard { handle, serial });
        serial
    }

    /// Forgets the poll of `id` if it is still watch number `serial`.
    pub(crate) fn finished(&mut self, id: &str, serial: u64) {
        if self.running.get(id).is_some_and(|g| g.serial == serial) {
            self.running.remove(id);
        }
    }

    /// How many polls are running.
    pub fn len(&self) -> usize {
        self.running.len()
    }

    /// Whether no poll is running.
    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    /// Aborts the poll of `id` (its task was deleted).
    pub fn stop(&mut self, id: &str) {
        self.running.remove(id);
    }

    /// Aborts every poll.
    pub fn clear(&mut self) {
        self.running.clear();
    }
}

#[cfg(test)]
mod tests {
    use leptos::prelude::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_second_watch_of_an_id_aborts_the_first() {
        let mut polls = Polls::default();
        let (first, _r1) = AbortHandle::new_pair();
        let (second, _r2) = AbortHandle::new_pair();
        polls.insert("a".into(), first.clone());
        polls.insert("a".into(), second.clone());
        assert!(first.is_aborted());
        assert!(!second.is_aborted());
        assert_eq!(polls.len(), 1);
    }

    #[test]
    fn a_finished_poll_does_not_remove_its_successor() {
        let mut polls = Polls::default();
        let (first, _r1) = AbortHandle::new_pair();
        let (second, _r2) = AbortHandle::new_pair();
        let old = polls.insert("a".into(), first);
        polls.insert("a".into(), second.clone());
        polls.finished("a", old);
        assert_eq!(polls.len(), 1);
        assert!(!second.is_aborted());
    }

    #[test]
    fn dropping_the_polls_aborts_every_poll() {
        let mut polls = Polls::default();
        let (a, _ra) = AbortHandle::new_pair();
        let (b, _rb) = AbortHandle::new_pair();
        polls.insert("a".into(), a.clone());
        polls.insert("b".into(), b.clone());
        drop(polls);
        assert!(a.is_aborted() && b.is_aborted());
    }

    #[test]
    fn disposing_the_owner_of_the_polls_aborts_every_poll() {
        let owner = Owner::new();
        let (a, _ra) = AbortHandle::new_pair();
        owner.with(|| {
            let polls = StoredValue::new_local(Polls::default());
            polls.update_value(|p| {
                p.insert("a".into(), a.clone());
            });
        });
        assert!(!a.is_aborted());
        owner.cleanup();
        assert!(a.is_aborted());
    }

    #[test]
    fn clearing_aborts_every_poll() {
        let mut polls = Polls::default();
        let (a, _ra) = AbortHandle::new_pair();
        polls.insert("a".into(), a.clone());
        polls.clear();
        assert!(a.is_aborted());
        assert!(polls.is_empty());
    }
}
