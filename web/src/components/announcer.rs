//! The one polite live region: says when a task starts, finishes, fails or stalls, once each.
//!
//! The feed itself is not live (its elapsed times change every second, and a live feed makes a
//! screen reader talk without pause); this region only changes when a task's status does.
//! Tasks loaded from history are not announced until they change.
use std::collections::HashMap;

use leptos::prelude::*;

use crate::i18n::Strings;
use crate::labels::alt_text;
use crate::model::{Phase, TaskRecord};
use crate::reactive::{derived, effect};
use crate::state::AppState;

/// The status a person is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beat {
    /// Running with progress.
    Started,
    /// Running, but the poller reports no progress for a while.
    Stalled,
    /// Finished with an image.
    Done,
    /// Finished without one.
    Failed,
}

impl Beat {
    /// The beat of a record as it is now.
    pub fn of(rec: &TaskRecord) -> Beat {
        match rec.phase {
            Phase::Running if rec.stalled_for.is_some() => Beat::Stalled,
            Phase::Running => Beat::Started,
            Phase::Done => Beat::Done,
            Phase::Failed => Beat::Failed,
        }
    }

    fn word(self, s: &Strings) -> &'static str {
        match self {
            Beat::Started => s.announce_started,
            Beat::Stalled => s.announce_stalled,
            Beat::Done => s.announce_done,
            Beat::Failed => s.announce_failed,
        }
    }
}

/// What to announce when a task goes from `before` (`None`: first seen) to `now`. A task first
/// seen is announced only if it was made in this session (not loaded from history); a stalled
/// task that moves again is not announced (it simply continues).
pub fn announcement(before: Option<Beat>, now: Beat, made_this_session: bool) -> Option<Beat> {
    match (before, now) {
        (None, now) => made_this_session.then_some(now),
        (Some(Beat::Stalled), Beat::Started) => None,
        (Some(before), now) => (before != now).then_some(now),
    }
}

/// The sentence for `beat` of `rec`: "Done: a red fox (imagine)".
pub fn sentence(beat: Beat, rec: &TaskRecord, s: &Strings) -> String {
    let about: String = alt_text(&rec.prompt).chars().take(80).collect();
    format!("{}: {about} ({})", beat.word(s), rec.kind)
}

/// The live region, visually hidden.
#[component]
pub fn Announcer() -> impl IntoView {
    let state = AppState::expect();
    let session_start = js_sys::Date::now();
    let seen = StoredValue::new(HashMap::<String, Beat>::new());
    let message = RwSignal::new(String::new());

    effect(move || {
        let s = state.settings.with_untracked(|s| s.lang).strings();
        let mut lines = Vec::new();
        state.tasks.with(|list| {
            for rec in list {
                rec.with(|rec| {
                    let now = Beat::of(rec);
                    let before = seen.with_value(|m| m.get(&rec.id).copied());
                    if before == Some(now) {
                        return;
                    }
                    let fresh = rec.created_at >= session_start;
                    if let Some(beat) = announcement(before, now, fresh) {
                        lines.push(sentence(beat, rec, s));
                    }
                    seen.update_value(|m| {
                        m.insert(rec.id.clone(), now);
                    });
                });
            }
        });
        if !lines.is_empty() {
            message.set(lines.join(". "));
        }
    });

    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
            {derived(move || message.get())}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn each_status_change_is_announced_once() {
        // A task made now: started, stalled, moving again (quiet), done.
        let path = [Beat::Started, Beat::Stalled, Beat::Started, Beat::Done];
        let mut before = None;
        let mut said = Vec::new();
        for now in path {
            said.extend(announcement(before, now, true));
            said.extend(announcement(Some(now), now, true)); // the next poll, unchanged
            before = Some(now);
        }
        assert_eq!(said, vec![Beat::Started, Beat::Stalled, Beat::Done]);
    }

    #[test]
    fn history_is_quiet_until_it_changes() {
        assert_eq!(announcement(None, Beat::Done, false), None);
        assert_eq!(announcement(None, Beat::Started, false), None);
        assert_eq!(
            announcement(Some(Beat::Started), Beat::Failed, false),
            Some(Beat::Failed)
        );
        assert_eq!(announcement(None, Beat::Done, true), Some(Beat::Done));
    }

    #[test]
    fn the_sentence_names_the_status_and_the_prompt_without_flags() {
        let rec = TaskRecord {
            prompt: "a red fox --ar 16:9".into(),
            kind: "imagine".into(),
            ..TaskRecord::default()
        };
        let en = crate::i18n::Lang::En.strings();
        assert_eq!(sentence(Beat::Done, &rec, en), "Done: a red fox (imagine)");
    }
}
