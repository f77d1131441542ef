//! Telling a person in another tab: progress and finished tasks in the tab title while the
//! page is hidden, and a browser notification when they allowed it.
//!
//! The count of unseen finishes lives in the app state, and the `visibilitychange` listener
//! is a guard stored under the caller's owner: it is removed when that owner (the `App`) is.
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::model::{Phase, TaskRecord};
use crate::reactive::effect;
use crate::state::AppState;

/// A DOM event listener that is removed when this is dropped.
struct ListenerGuard {
    target: web_sys::EventTarget,
    event: &'static str,
    callback: Closure<dyn Fn()>,
}

impl ListenerGuard {
    fn add(target: web_sys::EventTarget, event: &'static str, callback: Closure<dyn Fn()>) -> Self {
        let _ = target.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        Self {
            target,
            event,
            callback,
        }
    }
}

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

fn page_hidden() -> bool {
    document().hidden()
}

/// The title for this situation; pure so it can be tested.
pub fn title_for(
    base: &str,
    hidden: bool,
    running_percents: &[u8],
    finished_unseen: u32,
) -> String {
    if !hidden {
        return base.to_string();
    }
    let mut parts = Vec::new();
    if finished_unseen > 0 {
        parts.push(format!("✓ {finished_unseen}"));
    }
    if !running_percents.is_empty() {
        let avg =
            running_percents.iter().map(|p| *p as u32).sum::<u32>() / running_percents.len() as u32;
        parts.push(format!("{avg}%"));
    }
    parts.push(base.to_string());
    parts.join(" · ")
}

fn update_title(state: AppState) {
    let base = state
        .settings
        .with_untracked(|s| s.lang)
        .strings()
        .app_title;
    let running: Vec<u8> = state.tasks.with_untracked(|list| {
        list.iter()
            .filter_map(|r| r.with_untracked(|r| (r.phase == Phase::Running).then_some(r.percent)))
            .collect()
    });
    let title = title_for(
        base,
        page_hidden(),
        &running,
        state.finished_unseen.get_untracked(),
    );
    document().set_title(&title);
}

/// Keeps the tab title current: tracks every running task's progress and the page visibility,
/// for as long as the calling component's owner lives.
pub fn install(state: AppState) {
    effect(move || {
        // Track the list and each record, so any progress re-renders the title.
        state.tasks.with(|list| list.iter().for_each(|r| r.track()));
        state.settings.track();
        update_title(state);
    });
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        if !page_hidden() {
            state.finished_unseen.try_set(0);
        }
        update_title(state);
    });
    let guard = ListenerGuard::add(document().into(), "visibilitychange", on_visibility);
    // Stored under the current owner: disposing it drops the guard, which removes the listener.
    StoredValue::new_local(guard);
}

/// The notification permission: `granted`, `denied`, `default` or `unsupported`.
pub fn permission() -> String {
    let supported =
        js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).unwrap_or(false);
    if !supported {
        return "unsupported".into();
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => "granted".into(),
        web_sys::NotificationPermission::Denied => "denied".into(),
        _ => "default".into(),
    }
}

/// Asks for permission (must run from a click); `status` receives the answer.
pub fn request_permission(status: RwSignal<String>) {
    let Ok(promise) = web_sys::Notification::request_permission() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        status.set(permission());
    });
}

/// Called when a task finishes: counts it in the title and notifies when the page is hidden.
pub fn task_finished(state: AppState, record: &TaskRecord) {
    if !page_hidden() {
        return;
    }
    state.finished_unseen.try_update(|n| *n += 1);
    update_title(state);
    if permission() != "granted" {
        return;
    }
    let strings = state.settings.with_untracked(|s| s.lang).strings();
    let title = match record.phase {
        Phase::Failed => format!("{}: {}", strings.status_failed, record.kind),
        _ => format!("{}: {}", strings.done_title, record.kind),
    };
    let body: String = record.prompt.chars().take(120).collect();
    let options = web_sys::NotificationOptions::new();
    options.set_body(&body);
    options.set_tag(&record.id);
    let _ = web_sys::Notification::new_with_options(&title, &options);
}

#[cfg(test)]
mod tests {
    use super::title_for;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_title_shows_progress_and_finished_tasks_only_while_hidden() {
        assert_eq!(title_for("Studio", false, &[40], 2), "Studio");
        assert_eq!(title_for("Studio", true, &[40, 60], 0), "50% · Studio");
        assert_eq!(title_for("Studio", true, &[], 1), "✓ 1 · Studio");
        assert_eq!(title_for("Studio", true, &[10], 1), "✓ 1 · 10% · Studio");
    }
}
