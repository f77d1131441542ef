//! A finished 2×2 grid: the image with four pickable quadrants (hover, focus or tap), then
//! U1–U4 (upsample), V1–V4 (variation) and reroll — each only if the task lists it.
use gptunnel::Action;
use leptos::prelude::*;

use crate::components::image_actions::{listed_actions, ActionButton};
use crate::model::{safe_http_url, TaskRecord};
use crate::state::AppState;

/// The grid picker.
///
/// - `rec`: the done grid task.
/// - `perform`: runs an action on it.
/// - `busy`: whether a request of this card is in flight.
#[component]
pub fn GridPicker(
    rec: RwSignal<TaskRecord>,
    perform: Callback<Action>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let t = move || state.t();
    let selected = RwSignal::new(None::<u8>);
    let actions = Memo::new(move |_| rec.with(listed_actions));
    let has = move |a: &Action| actions.with(|list| list.contains(a));
    // The task's own copy of an action, so it is sent and labelled as the server spelled it.
    let listed = move |a: &Action| actions.with(|list| list.iter().find(|l| *l == a).cloned());

    let quick = move |n: u8, action: Action, letter: &'static str| {
        move || {
            listed(&action).map(|action| {
                view! {
                    <button
                        type="button"
                        class="chip"
                        data-testid=format!("quadrant-{n}-{letter}")
                        disabled=move || busy.get()
                        on:click=move |_| perform.run(action.clone())
                    >
                        {format!("{letter}{n}")}
                    </button>
                }
            })
        }
    };
    let quadrant = move |n: u8| {
        view! {
            <div class="quadrant" class:selected=move || selected.get() == Some(n) on:mouseenter=move |_| selected.set(Some(n))>
                <button
                    type="button"
                    class="quadrant-select"
                    data-testid=format!("quadrant-{n}")
                    aria-pressed=move || (selected.get() == Some(n)).to_string()
                    aria-label=move || format!("{} {n}", t().image_n)
                    on:focus=move |_| selected.set(Some(n))
                    on:click=move |_| selected.set(Some(n))
                >
                    <span class="quadrant-number">{n}</span>
                </button>
                <Show when=move || selected.get() == Some(n)>
                    <div class="quadrant-actions">
                        {quick(n, Action::upsample(n), "U")}
                        {quick(n, Action::Variation(n), "V")}
                    </div>
                </Show>
            </div>
        }
    };

    let image = move || rec.with(|r| r.image.as_deref().and_then(safe_http_url));
    let alt = move || rec.with(|r| r.prompt.clone());
    let row = move |make: fn(u8) -> Action| {
        move || {
            (1..=4u8)
                .filter_map(|n| listed(&make(n)))
                .map(|a| {
                    let n = match a {
                        Action::Upsample(n, _) | Action::Variation(n) => n,
                        _ => 0,
                    };
                    view! {
                        <span class="picked-wrap" class:picked=move || selected.get() == Some(n)>
                            <ActionButton action=a perform=perform busy=busy/>
                        </span>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <div class="grid-picker" data-testid="grid-picker">
            <div class="grid-image">
                {move || match image() {
                    Some(src) => view! { <img src=src alt=alt() data-testid="grid-image"/> }.into_any(),
                    None => view! { <div class="placeholder" data-testid="grid-no-image">{t().no_image}</div> }.into_any(),
                }}
                <div class="quadrants">{(1..=4u8).map(quadrant).collect_view()}</div>
            </div>
            <p class="hint muted">{move || t().pick_hint}</p>
            <div class="action-row" role="group">{row(Action::upsample)}</div>
            <div class="action-row" role="group">{row(Action::Variation)}</div>
            {move || has(&Action::Reroll).then(|| view! {
                <div class="action-row"><ActionButton action=Action::Reroll perform=perform busy=busy/></div>
            })}
        </div>
    }
}
