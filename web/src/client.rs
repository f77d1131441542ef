//! The `gptunnel` client for the current settings: one place builds it, so the key, the base
//! URL and the wallet choice are read the same way by every call.
use gptunnel::{Client, Config, Error};
use leptos::prelude::*;

use crate::i18n::Strings;
use crate::state::AppState;

/// The strings of the current language, read without tracking (for async work).
pub fn strings(state: AppState) -> &'static Strings {
    state.settings.with_untracked(|s| s.lang).strings()
}

/// A client for the current settings, or `None` when no key is set.
pub fn client(state: AppState) -> Option<Result<Client, Error>> {
    let key = state.api_key.get_untracked();
    if key.is_empty() {
        return None;
    }
    let (base, wallet) = state.settings.with_untracked(|s| {
        (
            s.base_url.trim().trim_end_matches('/').to_string(),
            s.wallet,
        )
    });
    Some(Client::new(
        Config::new(key)
            .with_base_url(base)
            .with_wallet_balance(wallet),
    ))
}
