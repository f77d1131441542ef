//! GPTunnel Studio: a Leptos (CSR) single-page app to prompt, watch, pick and refine images
//! through the `gptunnel` client.
//!
//! Layout: `state` (shared signals), `model` (the task record kept in history), `storage`
//! (every browser store, behind one module), `tasks` (what the studio asks of the API),
//! `client` (the client for the current settings), `records` (server answers into records),
//! `demo` (demo mode: the emulator in a Service Worker), `polls` (running polls as drop guards
//! owned by the state), `errors` (how an error is worded), `notify` (tab title and
//! notifications), `i18n` (strings), `labels` (alt text and accessible names), `route` (hash links
//! and Back), `shortcuts` (keyboard), `costs` (documented prices), `theme` (light/dark),
//! `components/` (one component per file).
pub mod client;
pub mod components;
pub mod costs;
pub mod demo;
pub mod download;
pub mod errors;
pub mod history_search;
pub mod i18n;
pub mod labels;
pub mod model;
pub mod notify;
pub mod polls;
pub mod records;
pub mod route;
pub mod search;
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
