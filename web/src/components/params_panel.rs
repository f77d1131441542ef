//! The Midjourney parameter panel: aspect ratio, version, stylize, chaos, weird, quality, seed,
//! `--no`, raw style and tile, two-way with the prompt text (issue 13).
//!
//! The prompt text is the only state: every control reads its flag from the parsed draft and
//! writes back through `gptunnel::prompt::set_flag`, which rewrites that flag alone, so
//! typing `--s 250` moves the slider and unknown flags stay as typed.
use gptunnel::prompt::{check::qualities, set_flag, Prompt, PromptError};
use leptos::prelude::*;

use crate::i18n::Strings;
use crate::model::{ratios_for, MIDJOURNEY};
use crate::state::AppState;

/// Versions offered: `--v` values, and `niji N` for `--niji N`.
const VERSIONS: &[&str] = &["7", "6.1", "6", "5.2", "niji 6", "niji 5"];

/// The collapsible panel. Its controls are built the first time it opens.
///
/// `draft` is the prompt text it reads and rewrites ([`AppState::prompt_draft`]).
#[component]
pub fn ParamsPanel(draft: RwSignal<String>) -> impl IntoView {
    let state = AppState::expect();
    let opened = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            if details.open() {
                opened.set(true);
            }
        }
    };
    view! {
        <details class="params" data-testid="params" on:toggle=on_toggle>
            <summary>{state.text(|t| t.params)}</summary>
            <Show when=move || opened.get()>{move || controls(state, draft)}</Show>
        </details>
    }
}

/// Without `split` (tests, `trunk serve` without the feature), the controls are in the main
/// module.
#[cfg(not(feature = "split"))]
fn controls(state: AppState, draft: RwSignal<String>) -> AnyView {
    body(state, draft)
}

/// With `split` (the Trunk build), the controls, their range checks and the number parsing
/// they need are a wasm chunk fetched when the panel first opens (issue 12: first-load weight).
/// A failed fetch leaves the prompt text, where every flag can still be typed.
#[cfg(feature = "split")]
fn controls(state: AppState, draft: RwSignal<String>) -> AnyView {
    Suspend::new(async move {
        split_body(state, draft).await.unwrap_or_else(|_| {
            view! { <p role="alert">{state.text(|t| t.params_failed)}</p> }.into_any()
        })
    })
    .into_any()
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(params_panel, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_body(
    state: AppState,
    draft: RwSignal<String>,
) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(body(state, draft))
}

/// The controls.
fn body(state: AppState, draft: RwSignal<String>) -> AnyView {
    let parsed = Memo::new(move |_| Prompt::parse(&draft.get()));
    let flag =
        move |name: &'static str| parsed.with(|p| p.get(name).unwrap_or_default().to_string());

    let version = Signal::derive(move || {
        parsed.with(|p| match p.get("niji") {
            Some(n) => format!("niji {}", if n.is_empty() { "6" } else { n }),
            None => p.get("v").unwrap_or_default().to_string(),
        })
    });
    let pick_version = move |picked: String| {
        draft.update(|d| {
            let (v, niji) = match picked.strip_prefix("niji ") {
                Some(n) => (None, Some(n)),
                None => ((!picked.is_empty()).then_some(picked.as_str()), None),
            };
            *d = set_flag(&set_flag(d, "v", v), "niji", niji);
        })
    };
    let quality_options = Signal::derive(move || {
        parsed.with(|p| {
            qualities(p.get("v"), p.get("niji").is_some())
                .iter()
                .map(|q| q.to_string())
                .collect()
        })
    });
    let problem = move || parsed.with(|p| p.validate().err().map(|e| describe(&e)));

    view! {
        <div class="params-grid">
                <Choice
                    id="param-ar"
                    label=|t| t.aspect
                    current=Signal::derive(move || flag("ar"))
                    options=Signal::derive(|| ratios_for(MIDJOURNEY).iter().map(|r| r.to_string()).collect())
                    on_pick=move |v| write(draft, "ar", v)
                />
                <Choice
                    id="param-version"
                    label=|t| t.version
                    current=version
                    options=Signal::derive(|| VERSIONS.iter().map(|v| v.to_string()).collect())
                    on_pick=pick_version
                />
                <FlagSlider flag="s" label=|t| t.stylize max=1000 default=100 draft parsed/>
                <FlagSlider flag="c" label=|t| t.chaos max=100 default=0 draft parsed/>
                <FlagSlider flag="w" label=|t| t.weird max=3000 default=0 draft parsed/>
                <Choice
                    id="param-q"
                    label=|t| t.quality
                    current=Signal::derive(move || flag("q"))
                    options=quality_options
                    on_pick=move |v| write(draft, "q", v)
                />
                <div class="field">
                    <label for="param-seed">{state.text(|t| t.seed)}</label>
                    <input
                        id="param-seed"
                        data-testid="param-seed"
                        type="number"
                        min="0"
                        max="4294967295"
                        prop:value=move || flag("seed")
                        on:change=move |ev| write(draft, "seed", event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="param-no">{state.text(|t| t.no_words)}</label>
                    <input
                        id="param-no"
                        data-testid="param-no"
                        type="text"
                        prop:value=move || flag("no")
                        on:change=move |ev| write(draft, "no", event_target_value(&ev))
                    />
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="param-raw"
                        prop:checked=move || parsed.with(|p| p.get("style") == Some("raw"))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| *d = set_flag(d, "style", on.then_some("raw")));
                        }
                    />
                    {state.text(|t| t.raw_style)}
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="param-tile"
                        prop:checked=move || parsed.with(|p| p.get("tile").is_some())
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| *d = set_flag(d, "tile", on.then_some("")));
                        }
                    />
                    {state.text(|t| t.tile)}
                </label>
            </div>
        <p class="param-problem" role="status" data-testid="param-problem">
            {move || problem().map(|p| format!("{} {p}", state.t().params_out_of_range))}
        </p>
    }
    .into_any()
}

/// Sets flag `name` to `value`, or removes it when `value` is blank.
fn write(draft: RwSignal<String>, name: &str, value: String) {
    let value = value.trim();
    draft.update(|d| *d = set_flag(d, name, (!value.is_empty()).then_some(value)));
}

/// The flag and value at fault, with what is allowed: language-neutral (flags and numbers),
/// and without float formatting (issue 12: weight).
fn describe(error: &PromptError) -> String {
    match error {
        PromptError::OutOfRange {
            flag,
            value,
            min,
            max,
        } => {
            format!("--{flag} {value} ({min}–{max})")
        }
        PromptError::QualityNotOffered { value, allowed } => {
            format!("--q {value} ({})", allowed.join(", "))
        }
        PromptError::BadAspectRatio { value } => format!("--ar {value} (W:H)"),
        PromptError::NotANumber { flag, value } => format!("--{flag} {value}"),
        _ => String::new(),
    }
}

/// A select of flag values; the empty choice means "not set" (Midjourney's default). A value
/// typed in the prompt that is not offered is shown as an extra choice.
#[component]
fn Choice(
    /// The select's element id.
    id: &'static str,
    /// Its label.
    label: fn(&'static Strings) -> &'static str,
    /// The value now in the prompt ("" when not set).
    current: Signal<String>,
    /// The values offered.
    options: Signal<Vec<String>>,
    /// Called with the picked value ("" for the default).
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let state = AppState::expect();
    let all = move || {
        let mut list = options.get();
        let now = current.get();
        if !now.is_empty() && !list.contains(&now) {
            list.push(now);
        }
        list
    };
    view! {
        <div class="field">
            <label for=id>{state.text(label)}</label>
            <select id=id data-testid=id on:change=move |ev| on_pick(event_target_value(&ev))>
                <option value="" selected=move || current.get().is_empty()>{state.text(|t| t.aspect_default)}</option>
                {move || {
                    all()
                        .into_iter()
                        .map(|v| {
                            let shown = v.clone();
                            let value = v.clone();
                            view! { <option value=value selected=move || current.get() == v>{shown}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A slider with a number field for a whole-number flag.
#[component]
fn FlagSlider(
    /// The flag's short name (`s`, `c`, `w`).
    flag: &'static str,
    /// Its label.
    label: fn(&'static Strings) -> &'static str,
    /// The documented maximum (the minimum is 0).
    max: u32,
    /// Midjourney's default, where the slider rests while the flag is not set.
    default: u32,
    /// The prompt text.
    draft: RwSignal<String>,
    /// The parsed prompt text.
    parsed: Memo<Prompt>,
) -> impl IntoView {
    let state = AppState::expect();
    let typed = move || parsed.with(|p| p.get(flag).unwrap_or_default().to_string());
    let position = move || {
        typed()
            .parse::<u32>()
            .unwrap_or(default)
            .min(max)
            .to_string()
    };
    let id = format!("param-{flag}");
    view! {
        <div class="field param-slider">
            <label for=id.clone()>{state.text(label)}</label>
            <div class="row">
                <input
                    id=id.clone()
                    data-testid=format!("{id}-slider")
                    type="range"
                    min="0"
                    max=max.to_string()
                    prop:value=position
                    on:input=move |ev| write(draft, flag, event_target_value(&ev))
                />
                <input
                    data-testid=id
                    type="number"
                    min="0"
                    max=max.to_string()
                    aria-label=state.text(label)
                    prop:value=typed
                    on:input=move |ev| write(draft, flag, event_target_value(&ev))
                />
            </div>
        </div>
    }
}
