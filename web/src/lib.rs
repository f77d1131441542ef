//! GPTunnel Studio: a Leptos (CSR) single-page app to prompt, watch, pick and refine images
//! through the `gptunnel` client.
//!
//! Layout, leaves first (no module imports one that imports it back):
//! - plain data and words: `settings` (what a person picks), `model` (the task record kept in
//!   history), `search` (gallery queries, prompt words), `i18n` (strings), `labels` (alt text
//!   and accessible names), `costs` (documented prices), `errors` (how an error is worded),
//!   `download` (file names), `poll_guards` (running polls as drop guards), `first_paint`
//!   (work deferred past the first paint), `reactive` (Leptos's effects, reactive texts and
//!   `Show` with their closures boxed: one copy of Leptos's code for all);
//! - `storage` (every browser store, behind one module), then `state` (the shared signals);
//! - what acts on the state: `client` (the client for the current settings), `records` (server
//!   answers into records), `polls` (polling running tasks), `tasks` (what the studio asks of
//!   the API), `notify` (tab title and notifications), `route` (hash links and Back),
//!   `shortcuts` (keyboard), `theme` (light/dark), `demo` (the emulator in a Service Worker);
//! - `components/` (one component per file).
//!
//! Unit tests run where the app runs, in the wasm build (`cargo test --target
//! wasm32-unknown-unknown`): each test module takes `wasm_bindgen_test` as its `#[test]`.
pub mod client;
pub mod components;
pub mod costs;
pub mod demo;
pub mod download;
pub mod errors;
pub mod first_paint;
pub mod i18n;
pub mod labels;
pub mod model;
pub mod notify;
pub mod poll_guards;
pub mod polls;
pub mod reactive;
pub mod records;
pub mod route;
pub mod search;
pub mod settings;
pub mod shortcuts;
pub mod state;
pub mod storage;
pub mod tasks;
pub mod theme;

pub use components::app::App;

/// Mounts [`App`] on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
