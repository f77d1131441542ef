//! Follow-up actions of a single (upsampled) image: vary subtle/strong, vary region, zoom
//! out, pan, upscale. Only the actions the task lists are shown.
use gptunnel::{Action, Direction, UpscaleType};
use leptos::prelude::*;

use crate::costs::{name_with_cost, suffix, Cost};
use crate::i18n::Strings;
use crate::labels::grid_action_name;
use crate::model::TaskRecord;
use crate::state::AppState;

/// The button text of an action, in the current language.
pub fn action_label(action: &Action, s: &Strings) -> String {
    match action {
        Action::Upsample(n, _) => format!("{}{n}", s.upscale_n),
        Action::Variation(n) => format!("{}{n}", s.vary_n),
        Action::HighVariation => s.vary_strong.into(),
        Action::LowVariation => s.vary_subtle.into(),
        Action::Reroll => format!("↻ {}", s.reroll),
        Action::Inpaint => s.vary_region.into(),
        Action::Outpaint(zoom) => format!("{} {zoom}%", s.zoom_out),
        Action::Pan(Direction::Left) => format!("← {}", s.pan_left),
        Action::Pan(Direction::Right) => format!("→ {}", s.pan_right),
        Action::Pan(Direction::Up) => format!("↑ {}", s.pan_up),
        Action::Pan(Direction::Down) => format!("↓ {}", s.pan_down),
        Action::Upscale(UpscaleType::X2) => format!("{} 2x", s.upscale),
        Action::Upscale(UpscaleType::X4) => format!("{} 4x", s.upscale),
        other => other.to_string(),
    }
}

/// A stable test hook for an action button: `U2`, `V3`, else the wire name.
pub fn action_test_id(action: &Action) -> String {
    match action {
        Action::Upsample(n, _) => format!("action-U{n}"),
        Action::Variation(n) => format!("action-V{n}"),
        other => format!("action-{other}"),
    }
}

/// The actions `rec` lists, parsed, without duplicates, in the server's order.
pub fn listed_actions(rec: &TaskRecord) -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for action in rec.actions.iter().map(|a| Action::parse(a)) {
        if !out.contains(&action) {
            out.push(action);
        }
    }
    out
}

/// One action button.
///
/// - `action`: what it runs.
/// - `perform`: called with the action on click (the card makes the request).
/// - `busy`: disables the button while one of the card's requests is in flight.
#[component]
pub fn ActionButton(
    action: Action,
    perform: Callback<Action>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let test_id = action_test_id(&action);
    let label_action = action.clone();
    let name_action = action.clone();
    let cost = Cost::of_action(&action);
    // The cost is part of the accessible name, in words ("price not documented", not "?").
    let name = move || {
        let s = state.t();
        let name =
            grid_action_name(&name_action, s).unwrap_or_else(|| action_label(&name_action, s));
        name_with_cost(&name, cost, s)
    };
    view! {
        <button
            type="button"
            class="button small"
            data-testid=test_id
            aria-label=name
            disabled=move || busy.get()
            on:click=move |_| perform.run(action.clone())
        >
            {move || action_label(&label_action, state.t())}
            <span class="cost" data-testid="cost">{move || suffix(cost, state.t())}</span>
        </button>
    }
}

/// The action groups of a single image.
///
/// - `rec`: the done task.
/// - `perform`: runs an action (see [`ActionButton`]).
/// - `busy`: whether a request of this card is in flight.
#[component]
pub fn ImageActions(
    rec: RwSignal<TaskRecord>,
    perform: Callback<Action>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let t = move || state.t();
    let actions = Memo::new(move |_| rec.with(listed_actions));
    let group = move |title: fn(&Strings) -> &'static str, pick: fn(&Action) -> bool| {
        move || {
            let chosen: Vec<Action> = actions.get().into_iter().filter(pick).collect();
            (!chosen.is_empty()).then(|| {
                view! {
                    <div class="action-group" role="group" aria-label=move || title(t())>
                        <span class="group-title muted">{move || title(t())}</span>
                        {chosen
                            .into_iter()
                            .map(|a| view! { <ActionButton action=a perform=perform busy=busy/> })
                            .collect_view()}
                    </div>
                }
            })
        }
    };
    let open_mask = move |_| {
        state
            .mask_for
            .set(Some(rec.with_untracked(|r| r.id.clone())))
    };

    let region = move || {
        actions.get().contains(&Action::Inpaint).then(|| {
            view! {
                <button
                    type="button"
                    class="button small"
                    data-testid="action-inpaint"
                    aria-label=move || name_with_cost(t().vary_region, Cost::of_action(&Action::Inpaint), t())
                    disabled=move || busy.get()
                    on:click=open_mask
                >
                    {state.text(|t| t.vary_region)}
                    <span class="cost" data-testid="cost">{move || suffix(Cost::of_action(&Action::Inpaint), t())}</span>
                </button>
            }
        })
    };
    let vary = move || {
        let mut chosen: Vec<Action> = [Action::LowVariation, Action::HighVariation]
            .into_iter()
            .filter(|a| actions.with(|list| list.contains(a)))
            .collect();
        chosen.dedup();
        (!chosen.is_empty() || actions.with(|l| l.contains(&Action::Inpaint))).then(|| {
            view! {
                <div class="action-group" role="group" aria-label=state.text(|t| t.vary)>
                    <span class="group-title muted">{state.text(|t| t.vary)}</span>
                    {chosen.into_iter().map(|a| view! { <ActionButton action=a perform=perform busy=busy/> }).collect_view()}
                    {region}
                </div>
            }
        })
    };

    view! {
        <div class="image-actions" data-testid="image-actions">
            {vary}
            {group(|s| s.zoom_out, |a| matches!(a, Action::Outpaint(_)))}
            {group(|s| s.pan, |a| matches!(a, Action::Pan(_)))}
            {group(|s| s.upscale, |a| matches!(a, Action::Upscale(_)))}
            {group(|s| s.other_actions, |a| matches!(a, Action::Reroll | Action::Upsample(..) | Action::Variation(_)))}
        </div>
    }
}
