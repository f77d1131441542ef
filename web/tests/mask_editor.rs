//! Component tests of the mask editor in a real browser: mount the editor over a small
//! generated image, act through DOM events (Pointer Events, keys, clicks), assert on the
//! DOM, the overlay canvas and the mask it submits.
use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use gptunnel::mask::Mask;
use gptunnel_studio::components::mask_editor::MaskEditorBody;
use gptunnel_studio::state::{AppState, Settings};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const W: u32 = 120;
const H: u32 = 80;

/// Lets the browser run for `ms` milliseconds (timers, image loads, layout).
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `condition` holds, checking every 10 ms for up to 5 s; panics naming `what`.
async fn until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..500 {
        leptos::task::tick().await;
        if condition() {
            return;
        }
        pause(10).await;
    }
    panic!("timed out waiting until {what}");
}

/// A `W` × `H` PNG as a data URL (the editor takes any URL its caller vetted).
fn test_image() -> String {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(W);
    canvas.set_height(H);
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str("#4a7");
    ctx.fill_rect(0.0, 0.0, f64::from(W), f64::from(H));
    canvas.to_data_url().unwrap()
}

/// The editor's stylesheet, once per page (the app gets it from index.html).
fn install_css() {
    if document().get_element_by_id("mask-css").is_none() {
        let style = document().create_element("style").unwrap();
        style.set_id("mask-css");
        style.set_text_content(Some(include_str!("../mask_editor.css")));
        document().head().unwrap().append_child(&style).unwrap();
    }
}

/// What the editor submitted: (mask, prompt) per call.
type Submissions = Rc<RefCell<Vec<(String, Option<String>)>>>;
/// How the test answers the pending submit.
type Answer = Rc<RefCell<Option<oneshot::Sender<Result<(), String>>>>>;

struct Mounted {
    root: web_sys::HtmlElement,
    submitted: Submissions,
    answer: Answer,
    closed: RwSignal<u32>,
}

impl Mounted {
    fn find<T: JsCast>(&self, test_id: &str) -> T {
        self.root
            .query_selector(&format!("[data-testid={test_id}]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no {test_id}"))
            .unchecked_into()
    }

    fn button(&self, test_id: &str) -> web_sys::HtmlButtonElement {
        self.find(test_id)
    }

    /// Client coordinates of image pixel (x, y).
    fn client(&self, x: f64, y: f64) -> (i32, i32) {
        let canvas: web_sys::Element = self.find("mask-canvas");
        let r = canvas.get_bounding_client_rect();
        (
            (r.left() + x * r.width() / f64::from(W)).round() as i32,
            (r.top() + y * r.height() / f64::from(H)).round() as i32,
        )
    }

    fn pointer(&self, kind: &str, x: f64, y: f64) {
        let (cx, cy) = self.client(x, y);
        let init = web_sys::PointerEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_pointer_id(7);
        init.set_pointer_type("mouse");
        init.set_is_primary(true);
        init.set_button(if kind == "pointermove" { -1 } else { 0 });
        init.set_buttons(if kind == "pointerup" { 0 } else { 1 });
        init.set_client_x(cx);
        init.set_client_y(cy);
        let ev = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
        let stage: web_sys::Element = self.find("mask-stage");
        stage.dispatch_event(&ev).unwrap();
    }

    /// A drag with the current tool through image points `path`.
    fn drag(&self, path: &[(f64, f64)]) {
        let (first, rest) = path.split_first().unwrap();
        self.pointer("pointerdown", first.0, first.1);
        for p in rest {
            self.pointer("pointermove", p.0, p.1);
        }
        let last = path.last().unwrap();
        self.pointer("pointerup", last.0, last.1);
    }

    fn key(&self, key: &str, code: &str, ctrl: bool, shift: bool) {
        let init = web_sys::KeyboardEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_key(key);
        init.set_code(code);
        init.set_ctrl_key(ctrl);
        init.set_shift_key(shift);
        let ev =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        let stage: web_sys::Element = self.find("mask-stage");
        stage.dispatch_event(&ev).unwrap();
    }

    /// Whether the overlay shows the mask at image pixel (x, y).
    fn painted(&self, x: u32, y: u32) -> bool {
        let canvas: web_sys::HtmlCanvasElement = self.find("mask-canvas");
        let ctx: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").unwrap().unwrap().unchecked_into();
        let data = ctx
            .get_image_data(f64::from(x), f64::from(y), 1.0, 1.0)
            .unwrap()
            .data();
        data[3] > 0
    }

    fn brush_size(&self) -> f64 {
        let input: web_sys::HtmlInputElement = self.find("mask-brush-size");
        input.value().parse().unwrap()
    }
}

/// Mounts the editor over a fresh test image and waits until it is ready to paint.
async fn mount_editor() -> Mounted {
    install_css();
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    root.set_class_name("mask-dialog");
    root.set_attribute("open", "").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let submitted: Submissions = Rc::default();
    let answer: Answer = Rc::default();
    let closed = RwSignal::new(0u32);
    let (sub, ans) = (submitted.clone(), answer.clone());
    let src = test_image();
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new(Settings::default(), "test-key".into()));
        let on_submit = move |mask: String, prompt: Option<String>| {
            sub.borrow_mut().push((mask, prompt));
            let (tx, rx) = oneshot::channel();
            *ans.borrow_mut() = Some(tx);
            async move { rx.await.unwrap_or(Ok(())) }
        };
        let on_close = move |()| closed.update(|n| *n += 1);
        view! { <MaskEditorBody src=src on_submit=on_submit on_close=on_close/> }
    })
    .forget();
    let mounted = Mounted {
        root,
        submitted,
        answer,
        closed,
    };
    until("the editor is ready", || {
        let body: web_sys::Element = mounted.find("mask-editor-body");
        body.get_attribute("data-ready").as_deref() == Some("true")
    })
    .await;
    leptos::task::tick().await;
    mounted
}

#[wasm_bindgen_test]
async fn the_mask_canvas_takes_the_images_natural_size() {
    let ed = mount_editor().await;
    let canvas: web_sys::HtmlCanvasElement = ed.find("mask-canvas");
    assert_eq!((canvas.width(), canvas.height()), (W, H));
}

#[wasm_bindgen_test]
async fn undo_is_disabled_until_a_stroke_and_takes_back_the_whole_stroke() {
    let ed = mount_editor().await;
    assert!(ed.button("mask-undo").disabled(), "nothing to undo yet");
    assert!(ed.button("mask-redo").disabled());
    assert!(
        ed.button("mask-editor-submit").disabled(),
        "nothing to submit yet"
    );

    ed.drag(&[(20.0, 40.0), (40.0, 40.0), (60.0, 40.0), (80.0, 40.0)]);
    leptos::task::tick().await;
    assert!(!ed.button("mask-undo").disabled(), "a stroke can be undone");
    assert!(!ed.button("mask-editor-submit").disabled());
    assert!(ed.painted(20, 40) && ed.painted(50, 40) && ed.painted(80, 40));
    assert!(!ed.painted(110, 5), "nothing far from the stroke");

    ed.button("mask-undo").click();
    leptos::task::tick().await;
    assert!(
        !ed.painted(20, 40) && !ed.painted(80, 40),
        "one undo takes back every segment of the stroke"
    );
    assert!(ed.button("mask-undo").disabled());
    assert!(!ed.button("mask-redo").disabled());

    ed.key("z", "KeyZ", true, true); // Ctrl+Shift+Z
    leptos::task::tick().await;
    assert!(
        ed.painted(20, 40) && ed.painted(80, 40),
        "redo brings it all back"
    );
}

#[wasm_bindgen_test]
async fn brackets_change_the_brush_size() {
    let ed = mount_editor().await;
    let start = ed.brush_size();
    ed.key("]", "BracketRight", false, false);
    leptos::task::tick().await;
    let bigger = ed.brush_size();
    assert!(bigger > start, "] enlarges the brush: {start} -> {bigger}");
    ed.key("[", "BracketLeft", false, false);
    ed.key("[", "BracketLeft", false, false);
    leptos::task::tick().await;
    assert!(ed.brush_size() < bigger, "[ shrinks it");
}

#[wasm_bindgen_test]
async fn a_rectangle_is_previewed_while_dragging_and_filled_on_release() {
    let ed = mount_editor().await;
    ed.button("mask-tool-rectangle").click();
    leptos::task::tick().await;
    ed.pointer("pointerdown", 10.0, 10.0);
    ed.pointer("pointermove", 50.0, 30.0);
    leptos::task::tick().await;
    assert!(
        ed.root
            .query_selector(".mask-preview rect")
            .unwrap()
            .is_some(),
        "an outline while dragging"
    );
    assert!(!ed.painted(30, 20), "nothing committed before release");
    ed.pointer("pointerup", 50.0, 30.0);
    leptos::task::tick().await;
    assert!(ed
        .root
        .query_selector(".mask-preview rect")
        .unwrap()
        .is_none());
    assert!(ed.painted(11, 11) && ed.painted(48, 28));
    assert!(!ed.painted(52, 32) && !ed.painted(8, 8));
}

#[wasm_bindgen_test]
async fn submit_sends_one_mask_of_the_image_size_and_closes() {
    let ed = mount_editor().await;
    ed.button("mask-tool-rectangle").click();
    leptos::task::tick().await;
    ed.drag(&[(60.0, 0.0), (120.0, 80.0)]);
    ed.button("mask-tool-lasso").click();
    leptos::task::tick().await;
    ed.drag(&[(5.0, 5.0), (30.0, 5.0), (30.0, 30.0), (5.0, 30.0)]);
    let prompt: web_sys::HtmlInputElement = ed.find("mask-prompt");
    prompt.set_value("a red door");
    prompt
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;

    let submit = ed.button("mask-editor-submit");
    submit.click();
    submit.click(); // a double click: one submission
    leptos::task::tick().await;
    assert!(submit.disabled(), "disabled while the request is in flight");
    assert_eq!(ed.submitted.borrow().len(), 1);
    let (b64, text) = ed.submitted.borrow()[0].clone();
    assert_eq!(text.as_deref(), Some("a red door"));
    let mask = Mask::from_base64_png(&b64, W, H).expect("a PNG mask of the image's size");
    assert!(
        mask.get(100, 40) && mask.get(60, 79),
        "the rectangle is white"
    );
    assert!(mask.get(15, 15), "the lasso is white");
    assert!(!mask.get(40, 60) && !mask.get(2, 70), "the rest is black");

    assert_eq!(ed.closed.get_untracked(), 0, "open until the answer");
    let _ = ed.answer.borrow_mut().take().unwrap().send(Ok(()));
    until("the editor closes after the answer", || {
        ed.closed.get_untracked() == 1
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_refused_submit_keeps_the_editor_open_with_the_reason() {
    let ed = mount_editor().await;
    ed.drag(&[(30.0, 30.0), (40.0, 35.0)]);
    leptos::task::tick().await;
    ed.button("mask-editor-submit").click();
    leptos::task::tick().await;
    let _ = ed
        .answer
        .borrow_mut()
        .take()
        .unwrap()
        .send(Err("mask refused".into()));
    until("the reason is shown", || {
        ed.root
            .query_selector("[data-testid=mask-error]")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(ed.closed.get_untracked(), 0, "the editor stays open");
    let error: web_sys::HtmlElement = ed.find("mask-error");
    assert_eq!(error.text_content().unwrap(), "mask refused");
    assert!(!ed.button("mask-editor-submit").disabled(), "can try again");
}
