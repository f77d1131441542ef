//! Pointer Events on the stage: mouse, pen and touch all paint through the same handlers.
//!
//! One pointer paints with the chosen tool; a middle-button drag or a drag with Space held
//! pans; a second finger turns a touch gesture into a pinch (zoom and pan together), taking
//! back whatever the first finger had painted. The stage captures each pointer it sees
//! (`setPointerCapture`) so a stroke continues past the stage's edge, and reads the
//! coalesced events of a move when the browser offers them, so a fast stroke stays smooth:
//! every move event is ONE model call with the polyline from the previous point.
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{PointerEvent, WheelEvent};

use super::canvas::Painter;
use super::editor::{Editor, Preview};
use super::tools::Tool;
use super::view::{wheel_factor, Pinch, ViewTransform};

/// What the pointers down are doing.
#[derive(Debug, Clone, Default)]
enum Gesture {
    /// Nothing (or pointers that are ignored until they lift).
    #[default]
    Idle,
    /// Painting or erasing; `last` is the previous point in image pixels.
    Brush {
        id: i32,
        erase: bool,
        last: (f32, f32),
    },
    /// Dragging a rectangle from `from` to `to` (image pixels).
    Rect {
        id: i32,
        from: (f64, f64),
        to: (f64, f64),
    },
    /// Drawing a lasso outline (image pixels, `x0, y0, x1, y1, …`).
    Lasso { id: i32, points: Vec<f32> },
    /// Dragging the view.
    Pan {
        id: i32,
        from: (f64, f64),
        start: ViewTransform,
    },
    /// Two fingers zooming and panning.
    Pinch { a: i32, b: i32, pinch: Pinch },
}

/// A pointer that is down, in stage coordinates.
#[derive(Debug, Clone)]
struct Down {
    id: i32,
    touch: bool,
    at: (f64, f64),
}

/// The pointers down and their gesture.
#[derive(Debug, Default)]
pub struct Pointers {
    down: Vec<Down>,
    gesture: Gesture,
    /// The stage's client position when the gesture started.
    origin: (f64, f64),
    /// Where the pointer hovers, in stage coordinates (for the brush outline).
    pub hover: Option<(f64, f64)>,
}

impl Pointers {
    fn position(&self, id: i32) -> Option<(f64, f64)> {
        self.down.iter().find(|d| d.id == id).map(|d| d.at)
    }
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
    let touch = ev.pointer_type() == "touch";
    let origin = ed.stage_origin();
    let at = (
        f64::from(ev.client_x()) - origin.0,
        f64::from(ev.client_y()) - origin.1,
    );
    let view = ed.view.get_untracked();
    let abandoned = ed
        .pointers
        .try_update_value(|p| {
            p.down.retain(|d| d.id != id);
            p.down.push(Down { id, touch, at });
            match &p.gesture {
                Gesture::Idle if p.down.len() == 1 => {
                    p.origin = origin;
                    p.gesture = start(ed, &ev, at, view);
                    false
                }
                _ if touch && p.down.len() == 2 && p.down.iter().all(|d| d.touch) => {
                    let (a, b) = (p.down[0].clone(), p.down[1].clone());
                    let painting = matches!(p.gesture, Gesture::Brush { .. });
                    p.origin = origin;
                    p.gesture = Gesture::Pinch {
                        a: a.id,
                        b: b.id,
                        pinch: Pinch::new(view, a.at, b.at),
                    };
                    painting
                }
                _ => false,
            }
        })
        .unwrap_or(false);
    if abandoned {
        ed.edit(true, Painter::abandon_gesture);
    }
    if matches!(
        ed.pointers.with_value(|p| p.gesture.clone()),
        Gesture::Pinch { .. }
    ) {
        ed.preview.set(Preview::None);
        ed.show_cursor(None);
    } else {
        ed.show_cursor(Some(at));
    }
}

/// The gesture a first pointer starts, painting its first dab at once.
fn start(ed: Editor, ev: &PointerEvent, at: (f64, f64), view: ViewTransform) -> Gesture {
    let id = ev.pointer_id();
    if ev.button() == 1 || ed.space_held.get_untracked() {
        return Gesture::Pan {
            id,
            from: at,
            start: view,
        };
    }
    if ev.button() != 0 && ev.button() != 5 {
        return Gesture::Idle;
    }
    let p = view.to_image(at.0, at.1);
    // A pen's eraser end (button 5) erases whatever the tool.
    let tool = if ev.button() == 5 {
        Tool::Eraser
    } else {
        ed.tool.get_untracked()
    };
    match tool {
        Tool::Brush | Tool::Eraser => {
            let erase = tool == Tool::Eraser;
            let last = (p.0 as f32, p.1 as f32);
            let radius = (ed.brush.get_untracked() / 2.0) as f32;
            ed.edit(false, |painter| {
                painter.brush(&[last.0, last.1], radius, erase)
            });
            Gesture::Brush { id, erase, last }
        }
        Tool::Rectangle => {
            ed.preview.set(rect_preview(p, p));
            Gesture::Rect { id, from: p, to: p }
        }
        Tool::Lasso => {
            let points = vec![p.0 as f32, p.1 as f32];
            ed.preview.set(Preview::Lasso(svg_points(&points)));
            Gesture::Lasso { id, points }
        }
    }
}

/// `pointermove` on the stage (hover included).
pub fn moved(ed: Editor, ev: PointerEvent) {
    let id = ev.pointer_id();
    let captured = ed
        .pointers
        .with_value(|p| p.down.iter().any(|d| d.id == id));
    let origin = if captured {
        ed.pointers.with_value(|p| p.origin)
    } else {
        ed.stage_origin()
    };
    let local = |e: &PointerEvent| {
        (
            f64::from(e.client_x()) - origin.0,
            f64::from(e.client_y()) - origin.1,
        )
    };
    let at = local(&ev);
    ed.show_cursor(Some(at));
    if !captured {
        return;
    }
    ed.pointers.update_value(|p| {
        if let Some(d) = p.down.iter_mut().find(|d| d.id == id) {
            d.at = at;
        }
    });
    let view = ed.view.get_untracked();
    let gesture = ed.pointers.with_value(|p| p.gesture.clone());
    match gesture {
        Gesture::Brush { id: g, erase, last } if g == id => {
            let mut points = vec![last.0, last.1];
            for e in coalesced(&ev) {
                let (x, y) = local(&e);
                let (ix, iy) = view.to_image(x, y);
                points.extend([ix as f32, iy as f32]);
            }
            let n = points.len();
            let next = (points[n - 2], points[n - 1]);
            let radius = (ed.brush.get_untracked() / 2.0) as f32;
            ed.edit(false, |painter| painter.brush(&points, radius, erase));
            set_gesture(
                ed,
                Gesture::Brush {
                    id,
                    erase,
                    last: next,
                },
            );
        }
        Gesture::Rect { id: g, from, .. } if g == id => {
            let to = view.to_image(at.0, at.1);
            ed.preview.set(rect_preview(from, to));
            set_gesture(ed, Gesture::Rect { id, from, to });
        }
        Gesture::Lasso { id: g, mut points } if g == id => {
            for e in coalesced(&ev) {
                let (x, y) = local(&e);
                let (ix, iy) = view.to_image(x, y);
                points.extend([ix as f32, iy as f32]);
            }
            ed.preview.set(Preview::Lasso(svg_points(&points)));
            set_gesture(ed, Gesture::Lasso { id, points });
        }
        Gesture::Pan { id: g, from, start } if g == id => {
            ed.set_view(start.panned(at.0 - from.0, at.1 - from.1));
        }
        Gesture::Pinch { a, b, pinch } if a == id || b == id => {
            let positions = ed.pointers.with_value(|p| p.position(a).zip(p.position(b)));
            if let Some((pa, pb)) = positions {
                ed.set_view(pinch.update(pa, pb, ed.limits()));
            }
        }
        _ => {}
    }
}

/// `pointerup`, or `pointercancel` when `cancelled` (shapes are then dropped, strokes kept).
pub fn up(ed: Editor, ev: PointerEvent, cancelled: bool) {
    let id = ev.pointer_id();
    let Some(gesture) = ed.pointers.try_update_value(|p| {
        p.down.retain(|d| d.id != id);
        let ends = match &p.gesture {
            Gesture::Brush { id: g, .. }
            | Gesture::Rect { id: g, .. }
            | Gesture::Lasso { id: g, .. }
            | Gesture::Pan { id: g, .. } => *g == id,
            Gesture::Pinch { a, b, .. } => *a == id || *b == id,
            Gesture::Idle => false,
        };
        ends.then(|| std::mem::take(&mut p.gesture))
    }) else {
        return;
    };
    match gesture {
        Some(Gesture::Brush { .. }) => ed.edit(true, Painter::end_gesture),
        Some(Gesture::Rect { from, to, .. }) => {
            ed.preview.set(Preview::None);
            if !cancelled {
                let (x, y) = (from.0.min(to.0), from.1.min(to.1));
                let (w, h) = ((to.0 - from.0).abs(), (to.1 - from.1).abs());
                ed.edit(true, |p| {
                    p.rect(
                        x.round() as f32,
                        y.round() as f32,
                        w.round() as f32,
                        h.round() as f32,
                    )
                });
            }
        }
        Some(Gesture::Lasso { points, .. }) => {
            ed.preview.set(Preview::None);
            if !cancelled {
                ed.edit(true, |p| p.lasso(&points));
            }
        }
        _ => {}
    }
    if ev.pointer_type() == "touch" {
        ed.show_cursor(None);
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

fn set_gesture(ed: Editor, gesture: Gesture) {
    ed.pointers.update_value(|p| p.gesture = gesture);
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

fn rect_preview(a: (f64, f64), b: (f64, f64)) -> Preview {
    Preview::Rect {
        x: a.0.min(b.0),
        y: a.1.min(b.1),
        w: (a.0 - b.0).abs(),
        h: (a.1 - b.1).abs(),
    }
}

fn svg_points(points: &[f32]) -> String {
    let mut out = String::with_capacity(points.len() * 6);
    for pair in points.chunks_exact(2) {
        out.push_str(&format!("{:.1},{:.1} ", pair[0], pair[1]));
    }
    out
}
