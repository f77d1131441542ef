//! The settings panel: API key (hidden by default, remembered only on request), base URL with
//! the CORS note (and a warning when plain http would carry the key over a network), wallet toggle, language, theme, and background notifications.
use leptos::prelude::*;

use crate::client::sends_key_in_clear;
use crate::components::demo_button::DemoButton;
use crate::i18n::Lang;
use crate::notify;
use crate::state::AppState;
use crate::tasks;
use crate::theme::Theme;

/// A theme's name in the current language.
fn theme_name(theme: Theme, s: &'static crate::i18n::Strings) -> &'static str {
    match theme {
        Theme::System => s.theme_system,
        Theme::Light => s.theme_light,
        Theme::Dark => s.theme_dark,
    }
}

/// The settings form, shown while `show_settings`. With `split` (the Trunk build) its code is a
/// wasm chunk fetched when it first opens; a failed fetch closes it and says so.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let state = AppState::expect();
    #[cfg(not(feature = "split"))]
    return settings_when_open(state);
    #[cfg(feature = "split")]
    crate::components::lazy::mount_when_wanted(
        move || state.show_settings.get(),
        move || split_settings(state),
        move || {
            state.show_settings.set(false);
            state.notify(true, state.t().err_network);
        },
    )
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(settings, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_settings(state: AppState) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(settings_when_open(state))
}

fn settings_when_open(state: AppState) -> AnyView {
    view! {
        <Show when=move || state.show_settings.get()>
            <SettingsForm/>
        </Show>
    }
    .into_any()
}

/// The form itself. Every field writes straight into [`AppState`]; `App` stores it.
#[component]
fn SettingsForm() -> impl IntoView {
    let state = AppState::expect();
    let t = move || state.t();
    let show_key = RwSignal::new(false);
    let notify_state = RwSignal::new(notify::permission());

    let on_key = move |ev| {
        state
            .api_key
            .set(event_target_value(&ev).trim().to_string());
    };
    let in_clear = Memo::new(move |_| state.settings.with(|s| sends_key_in_clear(&s.base_url)));
    let on_base = move |ev| {
        let url = event_target_value(&ev);
        state.settings.update(|s| s.base_url = url);
    };

    view! {
        <form
            id="settings-panel"
            class="panel settings"
            data-testid="settings-panel"
            aria-label=state.text(|t| t.settings)
            on:submit=move |ev| {
                ev.prevent_default();
                state.show_settings.set(false);
                tasks::refresh_balance(state);
            }
        >
            <DemoButton/>
            <div class="field">
                <label for="api-key">{state.text(|t| t.api_key)}</label>
                <div class="row">
                    <input
                        id="api-key"
                        data-testid="api-key"
                        type=move || if show_key.get() { "text" } else { "password" }
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || state.api_key.get()
                        on:input=on_key
                    />
                    <button
                        type="button"
                        class="button"
                        data-testid="api-key-toggle"
                        aria-pressed=move || show_key.get().to_string()
                        on:click=move |_| show_key.update(|s| *s = !*s)
                    >
                        {move || if show_key.get() { t().hide } else { t().show }}
                    </button>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="remember-key"
                        prop:checked=move || state.settings.with(|s| s.remember_key)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.settings.update(|s| s.remember_key = on);
                        }
                    />
                    {state.text(|t| t.remember)}
                </label>
                <p class="hint">{state.text(|t| t.remember_hint)}</p>
            </div>
            <div class="field">
                <label for="base-url">{state.text(|t| t.base_url)}</label>
                <input
                    id="base-url"
                    data-testid="base-url"
                    type="url"
                    inputmode="url"
                    spellcheck="false"
                    prop:value=move || state.settings.with(|s| s.base_url.clone())
                    on:input=on_base
                    aria-describedby="base-url-warning base-url-hint"
                />
                {move || in_clear.get().then(|| view! {
                    <p class="warn-text" id="base-url-warning" data-testid="base-url-insecure">{t().insecure_http}</p>
                })}
                <p class="hint" id="base-url-hint">{state.text(|t| t.cors_note)}</p>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="wallet"
                    prop:checked=move || state.settings.with(|s| s.wallet)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.settings.update(|s| s.wallet = on);
                        tasks::refresh_balance(state);
                    }
                />
                {state.text(|t| t.wallet)}
            </label>
            <div class="field">
                <label for="language">{state.text(|t| t.language)}</label>
                <select
                    id="language"
                    data-testid="language"
                    on:change=move |ev| {
                        let lang = if event_target_value(&ev) == "ru" { Lang::Ru } else { Lang::En };
                        state.settings.update(|s| s.lang = lang);
                    }
                >
                    <option value="en" selected=move || state.settings.with(|s| s.lang == Lang::En)>"English"</option>
                    <option value="ru" selected=move || state.settings.with(|s| s.lang == Lang::Ru)>"Русский"</option>
                </select>
            </div>
            <div class="field">
                <label for="theme">{state.text(|t| t.theme)}</label>
                <select
                    id="theme"
                    data-testid="theme"
                    on:change=move |ev| {
                        let theme = Theme::from_tag(&event_target_value(&ev));
                        state.settings.update(|s| s.theme = theme);
                    }
                >
                    {Theme::ALL.into_iter().map(|theme| view! {
                        <option value=theme.tag() selected=move || state.settings.with(|s| s.theme == theme)>
                            {move || theme_name(theme, t())}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                {move || match notify_state.get().as_str() {
                    "granted" => view! { <p class="hint">{t().notify_on}</p> }.into_any(),
                    "denied" => view! { <p class="hint">{t().notify_denied}</p> }.into_any(),
                    "unsupported" => ().into_any(),
                    _ => view! {
                        <button
                            type="button"
                            class="button"
                            data-testid="notify-enable"
                            on:click=move |_| notify::request_permission(notify_state)
                        >
                            {t().notify}
                        </button>
                    }
                    .into_any(),
                }}
            </div>
            <button type="submit" class="button primary" data-testid="settings-close">
                {state.text(|t| t.close)}
            </button>
        </form>
    }
}
