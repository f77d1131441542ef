//! Pointer Events on the stage, adapted to the gesture state machine (`gesture`): read each
//! DOM event into plain values, let [`Gestures`] decide, carry out its intents.
//!
//! The stage captures each pointer it sees (`setPointerCapture`) so a stroke continues past
//! the stage's edge, and reads the coalesced events of a move when the browser offers them,
//! so a fast stroke stays smooth: every move event is ONE model call with the polyline from
//! the previous point.
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{PointerEvent, WheelEvent};

use super::canvas::Painter;
use super::editor::{Editor, Preview};
use super::gesture::{Context, Gestures, Intent, PointerDown, PointerKind};
use super::view::wheel_factor;

/// The editor as the gesture machine needs to see it.
fn context(ed: Editor) -> Context {
    Context {
        view: ed.view.get_untracked(),
        tool: ed.tool.get_untracked(),
        brush: ed.brush.get_untracked(),
        space_held: ed.space_held.get_untracked(),
    }
}

fn local(e: &PointerEvent, origin: (f64, f64)) -> (f64, f64) {
    (
        f64::from(e.client_x()) - origin.0,
        f64::from(e.client_y()) - origin.1,
    )
}

/// `pointerdown` on the stage.
pub fn down(ed: Editor, ev: PointerEvent) {
    if ed.size().is_none() {
        return;
    }
    ev.prevent_default();
    let id = ev.pointer_id();
    if let Some(stage) = ed.stage.get_untracked() {
        let _ = stage.set_pointer_capture(id);
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = stage.focus_with_options(&options);
    }
    let origin = ed.stage_origin();
    let at = local(&ev, origin);
    let press = PointerDown {
        id,
        kind: PointerKind::from_dom(&ev.pointer_type()),
        at,
        button: ev.button(),
    };
    let cx = context(ed);
    let intents = ed
        .pointers
        .try_update_value(|g| g.down(press, origin, &cx))
        .unwrap_or_default();
    apply(ed, intents);
    if ed.pointers.with_value(Gestures::is_pinching) {
        ed.show_cursor(None);
    } else {
        ed.show_cursor(Some(at));
    }
}

/// `pointermove` on the stage (hover included).
pub fn moved(ed: Editor, ev: PointerEvent) {
    let id = ev.pointer_id();
    let captured = ed.pointers.with_value(|g| g.is_down(id));
    let origin = if captured {
        ed.pointers.with_value(|g| g.origin)
    } else {
        ed.stage_origin()
    };
    let at = local(&ev, origin);
    ed.show_cursor(Some(at));
    if !captured {
        return;
    }
    let samples: Vec<(f64, f64)> = coalesced(&ev).iter().map(|e| local(e, origin)).collect();
    let cx = context(ed);
    let intents = ed
        .pointers
        .try_update_value(|g| g.moved(id, at, &samples, &cx))
        .unwrap_or_default();
    apply(ed, intents);
}

/// `pointerup`, or `pointercancel` when `cancelled` (shapes are then dropped, strokes kept).
pub fn up(ed: Editor, ev: PointerEvent, cancelled: bool) {
    let id = ev.pointer_id();
    let intents = ed
        .pointers
        .try_update_value(|g| g.up(id, cancelled))
        .unwrap_or_default();
    apply(ed, intents);
    if ev.pointer_type() == "touch" {
        ed.show_cursor(None);
    }
}

/// Carries out what the gesture machine decided.
fn apply(ed: Editor, intents: Vec<Intent>) {
    for intent in intents {
        match intent {
            Intent::Paint {
                points,
                radius,
                erase,
            } => ed.edit(false, |p| p.brush(&points, radius, erase)),
            Intent::EndStroke => ed.edit(true, Painter::end_gesture),
            Intent::AbandonStroke => ed.edit(true, Painter::abandon_gesture),
            Intent::PreviewRect { x, y, w, h } => ed.preview.set(Preview::Rect { x, y, w, h }),
            Intent::PreviewLasso(points) => ed.preview.set(Preview::Lasso(svg_points(&points))),
            Intent::ClearPreview => ed.preview.set(Preview::None),
            Intent::FillRect { x, y, w, h } => ed.edit(true, |p| p.rect(x, y, w, h)),
            Intent::FillLasso(points) => ed.edit(true, |p| p.lasso(&points)),
            Intent::SetView(view) => ed.set_view(view),
            Intent::PinchTo { pinch, a, b } => ed.set_view(pinch.update(a, b, ed.limits())),
        }
    }
}

/// `wheel` on the stage: zoom around the pointer.
pub fn wheel(ed: Editor, ev: WheelEvent) {
    if ed.size().is_none() {
        return;
    }
    ev.prevent_default();
    let origin = ed.stage_origin();
    let at = (
        f64::from(ev.client_x()) - origin.0,
        f64::from(ev.client_y()) - origin.1,
    );
    let factor = wheel_factor(ev.delta_y(), ev.delta_mode(), ev.ctrl_key());
    let limits = ed.limits();
    ed.set_view(ed.view.get_untracked().zoom_at(at.0, at.1, factor, limits));
    ed.show_cursor(Some(at));
}

/// The samples the browser merged into `ev` (itself when it offers none, as for synthetic
/// events or browsers without `getCoalescedEvents`).
fn coalesced(ev: &PointerEvent) -> Vec<PointerEvent> {
    let has = js_sys::Reflect::get(ev, &"getCoalescedEvents".into())
        .map(|f| f.is_function())
        .unwrap_or(false);
    let list: Vec<PointerEvent> = if has {
        ev.get_coalesced_events()
            .iter()
            .filter_map(|e| e.dyn_into().ok())
            .collect()
    } else {
        Vec::new()
    };
    if list.is_empty() {
        vec![ev.clone()]
    } else {
        list
    }
}

fn svg_points(points: &[f32]) -> String {
    let mut out = String::with_capacity(points.len() * 6);
    for pair in points.chunks_exact(2) {
        out.push_str(&format!("{:.1},{:.1} ", pair[0], pair[1]));
    }
    out
}
