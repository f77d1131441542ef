//! Demo mode: the emulator runs inside the studio, in its Service Worker (`web/sw.js`, which
//! loads crates/gptunnel-demo built by scripts/build-demo.sh) that answers the base URL
//! `<studio>/demo-api`. The client still makes ordinary HTTP requests; only the server side
//! is in the browser. web/boot.js registers the worker on every load (the emulator's wasm is
//! fetched only on the first demo request); starting makes sure it controls this page, keeps
//! the base URL and key in use aside, and switches to the demo's; leaving puts them back.
use std::time::Duration;

use js_sys::Promise;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Strings;
use crate::state::AppState;
use crate::tasks;

/// The key the demo is used with (its emulator accepts any non-empty key).
pub const DEMO_KEY: &str = "demo";
/// How long the worker may take to install (fetch and compile its wasm) and take control.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How often an open demo page pings its worker (the browser stops idle ones after ~30 s).
const KEEP_ALIVE_EVERY: Duration = Duration::from_secs(20);
/// Where the base URL in use before the demo waits (localStorage: it is not secret).
const BASE_BEFORE: &str = "gptunnel-studio.before-demo.base-url";
/// Where the key in use before the demo waits: the same store the key itself lives in.
const KEY_BEFORE: &str = "gptunnel-studio.before-demo.key";

/// `<the studio's folder>/demo-api`: same origin, so the page's CSP (`connect-src 'self'`,
/// `img-src 'self'`) allows it, from whatever sub-path the studio is served.
pub fn demo_base_url() -> String {
    studio_url("demo-api").unwrap_or_default()
}

/// Whether the studio is in demo mode (reactive on the settings).
pub fn is_demo(state: AppState) -> bool {
    state
        .settings
        .with(|s| s.base_url.trim_end_matches('/') == demo_base_url())
}

/// Starts the demo: registers the worker, waits until it controls this page, then switches
/// the base URL and key. On failure nothing is switched and the reason is shown.
pub fn start(state: AppState, starting: RwSignal<bool>) {
    if starting.get_untracked() || is_demo_untracked(state) {
        return;
    }
    starting.set(true);
    #[cfg(not(feature = "split"))]
    wasm_bindgen_futures::spawn_local(switch_on(state, starting));
    // With `split` (the Trunk build) the switch (registering the worker) is a wasm chunk
    // fetched on the first click; a chunk that cannot be fetched is said as a failed start.
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async move {
        match split_switch_on(state, starting).await {
            Ok(switch) => switch.await,
            Err(_) => {
                let _ = starting.try_set(false);
                let t = state.t();
                state.notify(true, format!("{} {}", t.demo_failed, t.err_network));
            }
        }
    });
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(demo, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_switch_on(
    state: AppState,
    starting: RwSignal<bool>,
) -> Result<futures::future::LocalBoxFuture<'static, ()>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(switch_on(state, starting)))
}

/// Registers the worker and switches to the demo's base URL and key.
async fn switch_on(state: AppState, starting: RwSignal<bool>) {
    let t = state.settings.with_untracked(|s| s.lang).strings();
    let result = register_worker(t).await;
    let _ = starting.try_set(false);
    match result {
        Ok(()) => {
            let remember = state.settings.with_untracked(|s| s.remember_key);
            set_item(
                false,
                BASE_BEFORE,
                &state.settings.with_untracked(|s| s.base_url.clone()),
            );
            set_item(remember, KEY_BEFORE, &state.api_key.get_untracked());
            state.settings.update(|s| s.base_url = demo_base_url());
            state.api_key.set(DEMO_KEY.to_string());
            state.show_settings.set(false);
            state.notice.set(None);
            tasks::refresh_balance(state);
        }
        Err(reason) => {
            state.notify(true, format!("{} {reason}", t.demo_failed));
        }
    }
}

/// Leaves the demo: the base URL and key in use before it come back (the build's default
/// and no key when they are lost, e.g. a key kept for the session only in a closed tab).
pub fn stop(state: AppState) {
    let base = take_item(BASE_BEFORE)
        .filter(|base| base.trim_end_matches('/') != demo_base_url())
        .unwrap_or_else(crate::state::default_base_url);
    let key = take_item(KEY_BEFORE).unwrap_or_default();
    state.settings.update(|s| s.base_url = base);
    state.api_key.set(key.clone());
    state.balance.set(None);
    state.notice.set(None);
    if key.is_empty() {
        state.show_settings.set(true);
    } else {
        tasks::refresh_balance(state);
    }
}

/// Keeps the demo's worker alive while a demo page is open: the browser stops a worker after
/// about 30 s without events, and its store (the tasks) goes with it. A message every 20 s is
/// an event. Stops when the calling owner (the demo banner) is cleaned up.
pub fn keep_worker_alive() {
    let ping = || {
        if let Some(worker) = workers().and_then(|container| container.controller()) {
            let _ = worker.post_message(&JsValue::from_str("keep-alive"));
        }
    };
    if let Ok(timer) = set_interval_with_handle(ping, KEEP_ALIVE_EVERY) {
        on_cleanup(move || timer.clear());
    }
}

fn is_demo_untracked(state: AppState) -> bool {
    state
        .settings
        .with_untracked(|s| s.base_url.trim_end_matches('/') == demo_base_url())
}

fn studio_url(relative: &str) -> Option<String> {
    let base = document().base_uri().ok().flatten()?;
    Some(web_sys::Url::new_with_base(relative, &base).ok()?.href())
}

fn storage(remember: bool) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    if remember {
        window.local_storage().ok().flatten()
    } else {
        window.session_storage().ok().flatten()
    }
}

fn set_item(remember: bool, name: &str, value: &str) {
    if let Some(store) = storage(remember) {
        let _ = store.set_item(name, value);
    }
}

/// Reads and removes `name` from either store ("remember" may have changed meanwhile).
fn take_item(name: &str) -> Option<String> {
    let mut found = None;
    for store in [storage(false), storage(true)].into_iter().flatten() {
        if let Some(value) = store.get_item(name).ok().flatten() {
            found.get_or_insert(value);
        }
        let _ = store.remove_item(name);
    }
    found
}

/// Registers `sw.js` for the studio's folder (a no-op when web/boot.js already did) and waits
/// until it controls this page (it claims open pages once installed).
async fn register_worker(t: &'static Strings) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let container = workers().ok_or(t.demo_no_workers)?;
    let script = studio_url("sw.js").ok_or("no page address")?;
    let scope = studio_url("./").ok_or("no page address")?;
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&scope);
    // As web/boot.js registers it: other options would count as a new registration and update.
    let _ = js_sys::Reflect::set(&options, &"updateViaCache".into(), &"none".into());
    JsFuture::from(container.register_with_options(&script, &options))
        .await
        .map_err(describe)?;
    if container.controller().is_some() {
        return Ok(());
    }
    let controlled = Promise::new(&mut |resolve, _| {
        container.set_oncontrollerchange(Some(resolve.unchecked_ref()));
    });
    let timeout = Promise::new(&mut |_, reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            &reject,
            START_TIMEOUT.as_millis() as i32,
        );
    });
    let outcome = JsFuture::from(Promise::race(&js_sys::Array::of2(&controlled, &timeout))).await;
    container.set_oncontrollerchange(None);
    outcome.map(|_| ()).map_err(|_| t.demo_slow.to_string())
}

/// `navigator.serviceWorker`, absent outside secure contexts (calling into it would throw).
fn workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|present| *present)?;
    Some(navigator.service_worker())
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
