//! The pointer gesture state machine: pointer events in, editing intents out. Pure (no DOM,
//! no signals), so mouse, pen, touch and pinch behaviour is unit-tested natively; `pointer`
//! is the thin adapter that reads DOM events into [`Gestures`] and carries out the intents.
//!
//! One pointer paints with the chosen tool; a middle-button drag or a drag with Space held
//! pans; a second finger turns a touch gesture into a pinch (zoom and pan together), taking
//! back whatever the first finger had painted. Positions are stage coordinates (CSS pixels
//! from the stage's top-left corner); intents carry image pixels.
use super::tools::Tool;
use super::view::{Pinch, ViewTransform};

/// What kind of pointer an event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse (or a trackpad).
    Mouse,
    /// A pen or stylus.
    Pen,
    /// A finger.
    Touch,
}

impl PointerKind {
    /// From the DOM's `pointerType` (an unknown type counts as a mouse).
    pub fn from_dom(pointer_type: &str) -> Self {
        match pointer_type {
            "touch" => Self::Touch,
            "pen" => Self::Pen,
            _ => Self::Mouse,
        }
    }
}

/// A pointer going down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointerDown {
    /// The DOM's `pointerId`.
    pub id: i32,
    /// Mouse, pen or touch.
    pub kind: PointerKind,
    /// Stage position.
    pub at: (f64, f64),
    /// The DOM's `button`: 0 main, 1 middle, 2 secondary, 5 a pen's eraser end.
    pub button: i16,
}

/// What the editor looks like when an event arrives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Context {
    /// The current zoom and pan.
    pub view: ViewTransform,
    /// The chosen tool.
    pub tool: Tool,
    /// Brush diameter in image pixels.
    pub brush: f64,
    /// Space is held: a drag pans.
    pub space_held: bool,
}

/// What the editor should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Paint (or erase) along a polyline in image pixels (`x0, y0, x1, y1, …`; one point is a
    /// dab), as part of the current stroke.
    Paint {
        points: Vec<f32>,
        radius: f32,
        erase: bool,
    },
    /// The stroke is over: one undo step.
    EndStroke,
    /// Take back the stroke in progress (a pinch took over).
    AbandonStroke,
    /// Show the rectangle being dragged (image pixels).
    PreviewRect { x: f64, y: f64, w: f64, h: f64 },
    /// Show the lasso outline being drawn (image pixels).
    PreviewLasso(Vec<f32>),
    /// Hide the rectangle or lasso preview.
    ClearPreview,
    /// Select a rectangle (whole image pixels).
    FillRect { x: f32, y: f32, w: f32, h: f32 },
    /// Select the inside of a lasso (image pixels).
    FillLasso(Vec<f32>),
    /// Show the view panned by the user.
    SetView(ViewTransform),
    /// Zoom and pan with two fingers now at stage points `a` and `b` (the zoom limits are the
    /// stage's, applied by the caller).
    PinchTo {
        pinch: Pinch,
        a: (f64, f64),
        b: (f64, f64),
    },
}

/// What the pointers down are doing.
#[derive(Debug, Clone, Default, PartialEq)]
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

impl Gesture {
    /// Whether lifting pointer `id` ends this gesture.
    fn ends_with(&self, id: i32) -> bool {
        match self {
            Gesture::Brush { id: g, .. }
            | Gesture::Rect { id: g, .. }
            | Gesture::Lasso { id: g, .. }
            | Gesture::Pan { id: g, .. } => *g == id,
            Gesture::Pinch { a, b, .. } => *a == id || *b == id,
            Gesture::Idle => false,
        }
    }
}

/// A pointer that is down, in stage coordinates.
#[derive(Debug, Clone, Copy)]
struct Down {
    id: i32,
    touch: bool,
    at: (f64, f64),
}

/// The pointers down, their gesture, and where the pointer hovers.
#[derive(Debug, Default)]
pub struct Gestures {
    down: Vec<Down>,
    gesture: Gesture,
    /// The stage's client position when the gesture started (moves of a captured pointer
    /// are measured from it, so the stage moving under a stroke does not bend it).
    pub origin: (f64, f64),
    /// Where the pointer hovers, in stage coordinates (for the brush outline).
    pub hover: Option<(f64, f64)>,
}

impl Gestures {
    /// Whether pointer `id` is down (captured by the stage).
    pub fn is_down(&self, id: i32) -> bool {
        self.down.iter().any(|d| d.id == id)
    }

    /// Whether two fingers are pinching.
    pub fn is_pinching(&self) -> bool {
        matches!(self.gesture, Gesture::Pinch { .. })
    }

    fn position(&self, id: i32) -> Option<(f64, f64)> {
        self.down.iter().find(|d| d.id == id).map(|d| d.at)
    }

    /// A pointer went down; `origin` is the stage's client position now.
    pub fn down(&mut self, p: PointerDown, origin: (f64, f64), cx: &Context) -> Vec<Intent> {
        let touch = p.kind == PointerKind::Touch;
        self.down.retain(|d| d.id != p.id);
        self.down.push(Down {
            id: p.id,
            touch,
            at: p.at,
        });
        if self.gesture == Gesture::Idle && self.down.len() == 1 {
            self.origin = origin;
            let (gesture, intents) = start(p, cx);
            self.gesture = gesture;
            return intents;
        }
        if touch && self.down.len() == 2 && self.down.iter().all(|d| d.touch) {
            let (a, b) = (self.down[0], self.down[1]);
            let painting = matches!(self.gesture, Gesture::Brush { .. });
            self.origin = origin;
            self.gesture = Gesture::Pinch {
                a: a.id,
                b: b.id,
                pinch: Pinch::new(cx.view, a.at, b.at),
            };
            let mut intents = Vec::new();
            if painting {
                intents.push(Intent::AbandonStroke);
            }
            intents.push(Intent::ClearPreview);
            return intents;
        }
        Vec::new()
    }

    /// Pointer `id` moved to stage point `at`; `samples` are the positions the browser merged
    /// into this event, oldest first, ending at `at` (just `[at]` when it offers none).
    pub fn moved(
        &mut self,
        id: i32,
        at: (f64, f64),
        samples: &[(f64, f64)],
        cx: &Context,
    ) -> Vec<Intent> {
        let Some(d) = self.down.iter_mut().find(|d| d.id == id) else {
            return Vec::new();
        };
        d.at = at;
        let view = cx.view;
        let image_points = || {
            samples.iter().flat_map(|&(x, y)| {
                let (ix, iy) = view.to_image(x, y);
                [ix as f32, iy as f32]
            })
        };
        match &mut self.gesture {
            Gesture::Brush { id: g, erase, last } if *g == id => {
                let mut points = vec![last.0, last.1];
                points.extend(image_points());
                let n = points.len();
                *last = (points[n - 2], points[n - 1]);
                vec![Intent::Paint {
                    points,
                    radius: radius(cx),
                    erase: *erase,
                }]
            }
            Gesture::Rect { id: g, from, to } if *g == id => {
                *to = view.to_image(at.0, at.1);
                vec![rect_preview(*from, *to)]
            }
            Gesture::Lasso { id: g, points } if *g == id => {
                points.extend(image_points());
                vec![Intent::PreviewLasso(points.clone())]
            }
            Gesture::Pan { id: g, from, start } if *g == id => {
                vec![Intent::SetView(start.panned(at.0 - from.0, at.1 - from.1))]
            }
            Gesture::Pinch { a, b, pinch } if *a == id || *b == id => {
                let (a, b, pinch) = (*a, *b, *pinch);
                match self.position(a).zip(self.position(b)) {
                    Some((a, b)) => vec![Intent::PinchTo { pinch, a, b }],
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// Pointer `id` lifted (`pointerup`), or was taken away (`pointercancel` when
    /// `cancelled`: shapes are then dropped, strokes kept).
    pub fn up(&mut self, id: i32, cancelled: bool) -> Vec<Intent> {
        self.down.retain(|d| d.id != id);
        if !self.gesture.ends_with(id) {
            return Vec::new();
        }
        match std::mem::take(&mut self.gesture) {
            Gesture::Brush { .. } => vec![Intent::EndStroke],
            Gesture::Rect { from, to, .. } => {
                let mut intents = vec![Intent::ClearPreview];
                if !cancelled {
                    let (x, y) = (from.0.min(to.0), from.1.min(to.1));
                    let (w, h) = ((to.0 - from.0).abs(), (to.1 - from.1).abs());
                    intents.push(Intent::FillRect {
                        x: x.round() as f32,
                        y: y.round() as f32,
                        w: w.round() as f32,
                        h: h.round() as f32,
                    });
                }
                intents
            }
            Gesture::Lasso { points, .. } => {
                let mut intents = vec![Intent::ClearPreview];
                if !cancelled {
                    intents.push(Intent::FillLasso(points));
                }
                intents
            }
            _ => Vec::new(),
        }
    }
}

/// The gesture a first pointer starts, with its first dab or preview.
fn start(p: PointerDown, cx: &Context) -> (Gesture, Vec<Intent>) {
    if p.button == 1 || cx.space_held {
        let pan = Gesture::Pan {
            id: p.id,
            from: p.at,
            start: cx.view,
        };
        return (pan, Vec::new());
    }
    if p.button != 0 && p.button != 5 {
        return (Gesture::Idle, Vec::new());
    }
    let at = cx.view.to_image(p.at.0, p.at.1);
    // A pen's eraser end (button 5) erases whatever the tool.
    let tool = if p.button == 5 { Tool::Eraser } else { cx.tool };
    let id = p.id;
    match tool {
        Tool::Brush | Tool::Eraser => {
            let erase = tool == Tool::Eraser;
            let last = (at.0 as f32, at.1 as f32);
            let dab = Intent::Paint {
                points: vec![last.0, last.1],
                radius: radius(cx),
                erase,
            };
            (Gesture::Brush { id, erase, last }, vec![dab])
        }
        Tool::Rectangle => (
            Gesture::Rect {
                id,
                from: at,
                to: at,
            },
            vec![rect_preview(at, at)],
        ),
        Tool::Lasso => {
            let points = vec![at.0 as f32, at.1 as f32];
            (
                Gesture::Lasso {
                    id,
                    points: points.clone(),
                },
                vec![Intent::PreviewLasso(points)],
            )
        }
    }
}

fn radius(cx: &Context) -> f32 {
    (cx.brush / 2.0) as f32
}

fn rect_preview(a: (f64, f64), b: (f64, f64)) -> Intent {
    Intent::PreviewRect {
        x: a.0.min(b.0),
        y: a.1.min(b.1),
        w: (a.0 - b.0).abs(),
        h: (a.1 - b.1).abs(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The view shows image pixel (x, y) at stage (2x + 10, 2y + 20).
    fn cx(tool: Tool) -> Context {
        Context {
            view: ViewTransform {
                scale: 2.0,
                x: 10.0,
                y: 20.0,
            },
            tool,
            brush: 8.0,
            space_held: false,
        }
    }

    fn press(id: i32, kind: PointerKind, at: (f64, f64), button: i16) -> PointerDown {
        PointerDown {
            id,
            kind,
            at,
            button,
        }
    }

    fn mouse(at: (f64, f64)) -> PointerDown {
        press(1, PointerKind::Mouse, at, 0)
    }

    #[test]
    fn a_brush_press_dabs_at_once_and_a_move_paints_from_the_last_point() {
        let mut g = Gestures::default();
        let c = cx(Tool::Brush);
        let first = g.down(mouse((30.0, 40.0)), (0.0, 0.0), &c);
        assert_eq!(
            first,
            vec![Intent::Paint {
                points: vec![10.0, 10.0],
                radius: 4.0,
                erase: false
            }]
        );
        let moved = g.moved(1, (50.0, 60.0), &[(40.0, 50.0), (50.0, 60.0)], &c);
        assert_eq!(
            moved,
            vec![Intent::Paint {
                points: vec![10.0, 10.0, 15.0, 15.0, 20.0, 20.0],
                radius: 4.0,
                erase: false
            }]
        );
        let next = g.moved(1, (52.0, 60.0), &[(52.0, 60.0)], &c);
        assert_eq!(
            next,
            vec![Intent::Paint {
                points: vec![20.0, 20.0, 21.0, 20.0],
                radius: 4.0,
                erase: false
            }]
        );
        assert_eq!(g.up(1, false), vec![Intent::EndStroke]);
        assert!(!g.is_down(1));
    }

    #[test]
    fn a_pens_eraser_end_erases_whatever_the_tool() {
        let mut g = Gestures::default();
        let intents = g.down(
            press(3, PointerKind::Pen, (10.0, 20.0), 5),
            (0.0, 0.0),
            &cx(Tool::Rectangle),
        );
        assert_eq!(
            intents,
            vec![Intent::Paint {
                points: vec![0.0, 0.0],
                radius: 4.0,
                erase: true
            }]
        );
    }

    #[test]
    fn a_rectangle_previews_while_dragged_and_fills_rounded_on_release() {
        let mut g = Gestures::default();
        let c = cx(Tool::Rectangle);
        g.down(mouse((50.0, 60.0)), (0.0, 0.0), &c);
        let preview = g.moved(1, (31.0, 41.0), &[(31.0, 41.0)], &c);
        assert_eq!(
            preview,
            vec![Intent::PreviewRect {
                x: 10.5,
                y: 10.5,
                w: 9.5,
                h: 9.5
            }]
        );
        assert_eq!(
            g.up(1, false),
            vec![
                Intent::ClearPreview,
                Intent::FillRect {
                    x: 11.0,
                    y: 11.0,
                    w: 10.0,
                    h: 10.0
                }
            ]
        );
    }

    #[test]
    fn a_cancelled_shape_is_dropped() {
        let mut g = Gestures::default();
        let c = cx(Tool::Lasso);
        g.down(mouse((10.0, 20.0)), (0.0, 0.0), &c);
        let outline = g.moved(1, (30.0, 20.0), &[(30.0, 20.0)], &c);
        assert_eq!(
            outline,
            vec![Intent::PreviewLasso(vec![0.0, 0.0, 10.0, 0.0])]
        );
        assert_eq!(g.up(1, true), vec![Intent::ClearPreview]);
    }

    #[test]
    fn a_lasso_fills_its_outline_on_release() {
        let mut g = Gestures::default();
        let c = cx(Tool::Lasso);
        g.down(mouse((10.0, 20.0)), (0.0, 0.0), &c);
        g.moved(1, (30.0, 20.0), &[(30.0, 20.0)], &c);
        g.moved(1, (30.0, 40.0), &[(30.0, 40.0)], &c);
        assert_eq!(
            g.up(1, false),
            vec![
                Intent::ClearPreview,
                Intent::FillLasso(vec![0.0, 0.0, 10.0, 0.0, 10.0, 10.0])
            ]
        );
    }

    #[test]
    fn space_drag_and_middle_button_pan_without_painting() {
        for (space, button) in [(true, 0), (false, 1)] {
            let mut g = Gestures::default();
            let mut c = cx(Tool::Brush);
            c.space_held = space;
            assert_eq!(
                g.down(
                    press(1, PointerKind::Mouse, (100.0, 100.0), button),
                    (0.0, 0.0),
                    &c
                ),
                vec![]
            );
            let panned = g.moved(1, (130.0, 90.0), &[(130.0, 90.0)], &c);
            assert_eq!(
                panned,
                vec![Intent::SetView(ViewTransform {
                    scale: 2.0,
                    x: 40.0,
                    y: 10.0
                })]
            );
            assert_eq!(g.up(1, false), vec![]);
        }
    }

    #[test]
    fn the_secondary_button_does_nothing() {
        let mut g = Gestures::default();
        let c = cx(Tool::Brush);
        assert_eq!(
            g.down(
                press(1, PointerKind::Mouse, (30.0, 40.0), 2),
                (0.0, 0.0),
                &c
            ),
            vec![]
        );
        assert_eq!(g.moved(1, (50.0, 40.0), &[(50.0, 40.0)], &c), vec![]);
        assert_eq!(g.up(1, false), vec![]);
    }

    #[test]
    fn a_second_finger_takes_back_the_stroke_and_pinches() {
        let mut g = Gestures::default();
        let c = cx(Tool::Brush);
        g.down(
            press(1, PointerKind::Touch, (10.0, 20.0), 0),
            (5.0, 6.0),
            &c,
        );
        let second = g.down(
            press(2, PointerKind::Touch, (110.0, 20.0), 0),
            (5.0, 6.0),
            &c,
        );
        assert_eq!(second, vec![Intent::AbandonStroke, Intent::ClearPreview]);
        assert!(g.is_pinching());
        let pinch = Pinch::new(c.view, (10.0, 20.0), (110.0, 20.0));
        assert_eq!(
            g.moved(2, (210.0, 20.0), &[(210.0, 20.0)], &c),
            vec![Intent::PinchTo {
                pinch,
                a: (10.0, 20.0),
                b: (210.0, 20.0)
            }]
        );
        // Lifting either finger ends the pinch without painting; the other is then ignored.
        assert_eq!(g.up(1, false), vec![]);
        assert!(!g.is_pinching());
        assert_eq!(g.moved(2, (220.0, 20.0), &[(220.0, 20.0)], &c), vec![]);
    }

    #[test]
    fn a_mouse_press_during_a_stroke_is_ignored() {
        let mut g = Gestures::default();
        let c = cx(Tool::Brush);
        g.down(press(1, PointerKind::Pen, (10.0, 20.0), 0), (0.0, 0.0), &c);
        assert_eq!(
            g.down(
                press(2, PointerKind::Mouse, (30.0, 40.0), 0),
                (0.0, 0.0),
                &c
            ),
            vec![]
        );
        assert_eq!(g.up(2, false), vec![]);
        assert_eq!(g.up(1, false), vec![Intent::EndStroke]);
    }

    #[test]
    fn moves_of_pointers_that_are_not_down_are_hover_only() {
        let mut g = Gestures::default();
        assert_eq!(
            g.moved(7, (1.0, 2.0), &[(1.0, 2.0)], &cx(Tool::Brush)),
            vec![]
        );
        assert!(!g.is_down(7));
    }

    #[test]
    fn the_origin_is_kept_from_the_start_of_the_gesture() {
        let mut g = Gestures::default();
        let c = cx(Tool::Brush);
        g.down(mouse((10.0, 20.0)), (100.0, 200.0), &c);
        g.down(
            press(2, PointerKind::Mouse, (10.0, 20.0), 0),
            (999.0, 999.0),
            &c,
        );
        assert_eq!(g.origin, (100.0, 200.0));
    }

    #[test]
    fn pointer_types_from_the_dom() {
        assert_eq!(PointerKind::from_dom("touch"), PointerKind::Touch);
        assert_eq!(PointerKind::from_dom("pen"), PointerKind::Pen);
        assert_eq!(PointerKind::from_dom("mouse"), PointerKind::Mouse);
        assert_eq!(PointerKind::from_dom(""), PointerKind::Mouse);
    }
}
