//! The `gptunnel` client for the current settings: one place builds it, so the key, the base
//! URL and the wallet choice are read the same way by every call. Also what the studio can
//! tell about that base URL: whether the browser refused it (CORS) and whether it would carry
//! the key unencrypted.
use gptunnel::{Client, Config, Error, ErrorKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{describe_error, describe_refused};
use crate::i18n::Strings;
use crate::state::AppState;

/// The strings of the current language, read without tracking (for async work).
pub fn strings(state: AppState) -> &'static Strings {
    state.settings.with_untracked(|s| s.lang).strings()
}

fn base_url(state: AppState) -> String {
    state
        .settings
        .with_untracked(|s| s.base_url.trim().trim_end_matches('/').to_string())
}

/// A client for the current settings, or `None` when no key is set.
pub fn client(state: AppState) -> Option<Result<Client, Error>> {
    let key = state.api_key.get_untracked();
    if key.is_empty() {
        return None;
    }
    let wallet = state.settings.with_untracked(|s| s.wallet);
    Some(Client::new(
        Config::new(key)
            .with_base_url(base_url(state))
            .with_wallet_balance(wallet),
    ))
}

/// Whether `base` would send the key unencrypted over a network: `http://` to a host that is
/// not this computer (loopback: `localhost`, `*.localhost`, `127.x.x.x`, `[::1]`).
pub fn sends_key_in_clear(base: &str) -> bool {
    let base = base.trim();
    let Some(rest) = base
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .map(|_| &base[7..])
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    }
    .to_ascii_lowercase();
    let loopback = host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host.strip_prefix("127.").is_some_and(|r| {
            r.split('.').count() == 3 && r.split('.').all(|p| p.parse::<u8>().is_ok())
        });
    !loopback
}

/// After a request failed with no HTTP answer at all, asks whether the server is there anyway
/// and refuses this page: a plain `GET` of the base URL (no key, no cookies) that this page may
/// not read, while the same `GET` in `no-cors` mode gets an answer, means the browser refused
/// the request (CORS). A server that lets this page read it (a dropped connection, say) is
/// not called a refusal. Then, in the notice
/// that reported `error` (if still shown), the network sentence is replaced by the explanation
/// with the relay options; what came before it ("Could not refresh the balance:") stays.
pub fn explain_refusal(state: AppState, error: &Error) {
    if error.kind() != ErrorKind::Network {
        return;
    }
    let Some(shown) = state
        .notice
        .with_untracked(|n| n.as_ref().map(|n| n.text.clone()))
    else {
        return;
    };
    let plain = describe_error(error, strings(state));
    let better = describe_refused(error, strings(state));
    let base = base_url(state);
    spawn_local(async move {
        if reachable(&base, "cors").await || !reachable(&base, "no-cors").await {
            return;
        }
        state.notice.try_update(|notice| {
            if let Some(notice) = notice.as_mut().filter(|n| n.text == shown) {
                notice.text = shown.replacen(&plain, &better, 1);
            }
        });
    });
}

/// Whether `fetch(base, {mode})` gets any HTTP answer (in `no-cors` mode an opaque one: only
/// that the server answered).
async fn reachable(base: &str, mode: &str) -> bool {
    let init = js_sys::Object::new();
    for (key, value) in [
        ("mode", mode),
        ("credentials", "omit"),
        ("cache", "no-store"),
    ] {
        let _ = js_sys::Reflect::set(&init, &key.into(), &value.into());
    }
    let window = window();
    let Ok(fetch) = js_sys::Reflect::get(&window, &"fetch".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return false;
    };
    let Ok(promise) = fetch.call2(&window, &JsValue::from_str(base), &init) else {
        return false;
    };
    let promise = js_sys::Promise::from(promise);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::sends_key_in_clear;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn plain_http_warns_except_for_this_computer() {
        for remote in [
            "http://gptunnel.ru",
            "HTTP://relay.example:8080/api",
            "http://192.168.1.20:8787",
            "http://127.0.0.1.evil.example",
            "http://localhost@evil.example/",
        ] {
            assert!(sends_key_in_clear(remote), "{remote}");
        }
        for safe in [
            "https://gptunnel.ru",
            "http://127.0.0.1:8787",
            "http://localhost:8787/",
            "http://studio.localhost",
            "http://[::1]:8787",
            "http://user@127.0.0.2",
        ] {
            assert!(!sends_key_in_clear(safe), "{safe}");
        }
    }
}
