//! A finished 2×2 grid: the image with four pickable quadrants (hover, focus or tap), then
//! U1–U4 (upsample), V1–V4 (variation) and reroll — each only if the task lists it, except
//! that listing any `variation_N` offers all of V1–V4 (see [`offered`]).
use gptunnel::Action;
use leptos::prelude::*;

use crate::components::image_actions::{listed_actions, ActionButton};
use crate::costs::{name_with_cost, Cost};
use crate::labels::{alt_text, grid_action_name};
use crate::model::{safe_http_url, TaskRecord};
use crate::state::AppState;

/// The action a grid offers for `wanted`, given the actions it `listed`: the task's own copy
/// (so it is sent and labelled as the server spelled it), or any variation V1–V4 when some
/// `variation_N` is listed — the docs' example lists `variation_4` twice and no `variation_3`,
/// while the variation page documents images 1–4.
pub fn offered(listed: &[Action], wanted: &Action) -> Option<Action> {
    let own = listed.iter().find(|l| *l == wanted).cloned();
    let any_variation = || listed.iter().any(|l| matches!(l, Action::Variation(_)));
    match wanted {
        Action::Variation(n) if own.is_none() && (1..=4).contains(n) && any_variation() => {
            Some(wanted.clone())
        }
        _ => own,
    }
}

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
    let listed = move |a: &Action| actions.with(|list| offered(list, a));

    let quick = move |n: u8, action: Action, letter: &'static str| {
        move || {
            listed(&action).map(|action| {
                let name_of = action.clone();
                view! {
                    <button
                        type="button"
                        class="chip"
                        data-testid=format!("quadrant-{n}-{letter}")
                        aria-label=move || grid_action_name(&name_of, t())
                            .map(|name| name_with_cost(&name, Cost::of_action(&name_of), t()))
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
                // Draggable itself: Chromium starts no drag from a plain button's content, and
                // these cover the image (the grid's dragstart gives the image URL).
                <button
                    type="button"
                    class="quadrant-select"
                    draggable="true"
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

    // A memo: a poll that changes nothing shown (finish time, cost) keeps the <img>, so a drag
    // that started on it is not cut short by a re-render.
    let image = Memo::new(move |_| rec.with(|r| r.image.as_deref().and_then(safe_http_url)));
    let image = move || image.get();
    let alt = move || rec.with(|r| alt_text(&r.prompt));
    let image_box = rec.with_untracked(TaskRecord::image_box);
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
            // The quadrant buttons cover the image, so the grid itself is the drag source: dropped
            // on the prompt bar it becomes a reference (issue 13).
            <div
                class="grid-image"
                draggable=move || image().is_some().to_string()
                on:dragstart=move |ev: leptos::ev::DragEvent| {
                    if let (Some(dt), Some(src)) = (ev.data_transfer(), image()) {
                        let _ = dt.set_data("text/uri-list", &src);
                        let _ = dt.set_data("text/plain", &src);
                    }
                }
            >
                {move || match image() {
                    Some(src) => view! { <img src=src width=image_box.0 height=image_box.1 alt=alt() data-testid="grid-image"/> }.into_any(),
                    None => view! { <div class="placeholder" data-testid="grid-no-image">{t().no_image}</div> }.into_any(),
                }}
                <div class="quadrants">{(1..=4u8).map(quadrant).collect_view()}</div>
            </div>
            <p class="hint muted">{state.text(|t| t.pick_hint)}</p>
            <div class="action-row" role="group">{row(Action::upsample)}</div>
            <div class="action-row" role="group">{row(Action::Variation)}</div>
            {move || has(&Action::Reroll).then(|| view! {
                <div class="action-row"><ActionButton action=Action::Reroll perform=perform busy=busy/></div>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn parse(names: &[&str]) -> Vec<Action> {
        names.iter().map(|n| Action::parse(n)).collect()
    }

    #[test]
    fn the_documented_list_offers_v3_though_it_lists_variation_4_twice() {
        let listed = parse(&[
            "upsamle_1",
            "upsamle_2",
            "upsamle_3",
            "upsamle_4",
            "reroll",
            "variation_1",
            "variation_2",
            "variation_4",
            "variation_4",
        ]);
        for n in 1..=4u8 {
            let offered = offered(&listed, &Action::Variation(n)).map(|a| a.to_string());
            assert_eq!(offered, Some(format!("variation_{n}")));
        }
        let u3 = offered(&listed, &Action::upsample(3)).map(|a| a.to_string());
        assert_eq!(
            u3.as_deref(),
            Some("upsamle_3"),
            "sent as the server spells it"
        );
    }

    #[test]
    fn without_any_variation_listed_no_v_is_offered() {
        let listed = parse(&["upsample_1", "reroll"]);
        assert_eq!(offered(&listed, &Action::Variation(3)), None);
        assert_eq!(offered(&listed, &Action::upsample(2)), None);
        assert_eq!(
            offered(&parse(&["variation_2"]), &Action::Variation(5)),
            None
        );
    }
}
