//! Component tests in a real browser: mount one component with the app state it needs, act
//! through the DOM, assert on the DOM.
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use futures::channel::oneshot;
use gptunnel_studio::components::prompt_bar::PromptBar;
use gptunnel_studio::components::task_card::TaskCard;
use gptunnel_studio::first_paint::after_next_paint;
use gptunnel_studio::model::{Phase, TaskRecord};
use gptunnel_studio::reactive::{derived, effect, show};
use gptunnel_studio::state::{AppState, Settings};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page, so tests do not see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let el = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn find<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> Option<T> {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.unchecked_into())
}

/// Mounts `view` with a fresh [`AppState`] (key set) provided; returns the container and state.
fn mount<V: IntoView + 'static>(
    view: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, AppState) {
    let root = container();
    let out: Rc<Cell<Option<AppState>>> = Rc::default();
    let slot = out.clone();
    leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::new(Settings::default(), "test-key".into());
        provide_context(state);
        slot.set(Some(state));
        view()
    })
    .forget();
    (root, out.get().unwrap())
}

fn option_values(select: &web_sys::HtmlSelectElement) -> Vec<String> {
    let options = select.options();
    (0..options.length())
        .map(|i| {
            options
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlOptionElement>()
                .value()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_submit_button_is_disabled_from_click_to_answer_and_creates_once() {
    let calls = Rc::new(Cell::new(0));
    let answer: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::default();
    let (calls_in, answer_in) = (calls.clone(), answer.clone());
    let (root, state) = mount(move || {
        view! {
            <PromptBar on_submit=move |_| {
                calls_in.set(calls_in.get() + 1);
                let (tx, rx) = oneshot::channel();
                *answer_in.borrow_mut() = Some(tx);
                async move {
                    let _ = rx.await;
                }
            }/>
        }
    });
    state.prompt_draft.set("a cat".into());
    leptos::task::tick().await;
    let button: web_sys::HtmlButtonElement = find(&root, "[data-testid=submit]").unwrap();

    button.click();
    button.click(); // a double click: both events land before any re-render
    leptos::task::tick().await;
    assert_eq!(calls.get(), 1, "one create for a double click");
    assert!(button.disabled(), "disabled while the create is in flight");

    let _ = answer.borrow_mut().take().unwrap().send(());
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert!(!button.disabled(), "enabled again after the answer");
    button.click();
    assert_eq!(calls.get(), 2, "the next click creates again");
}

#[wasm_bindgen_test]
async fn the_aspect_ratio_list_follows_the_model() {
    let (root, _state) = mount(|| view! { <PromptBar on_submit=|_| async {}/> });
    leptos::task::tick().await;
    let model: web_sys::HtmlSelectElement = find(&root, "[data-testid=model]").unwrap();
    let choose = |id: &str| {
        model.set_value(id);
        model
            .dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
    };

    choose("gpt-image-1-low");
    leptos::task::tick().await;
    let aspect: web_sys::HtmlSelectElement = find(&root, "[data-testid=aspect]").unwrap();
    assert_eq!(
        option_values(&aspect),
        ["", "1:1", "16:9", "9:16", "4:3", "3:4"]
    );

    choose("flux-dev");
    leptos::task::tick().await;
    let aspect: web_sys::HtmlSelectElement = find(&root, "[data-testid=aspect]").unwrap();
    assert_eq!(
        option_values(&aspect),
        ["", "1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"]
    );

    choose("yandex-art");
    leptos::task::tick().await;
    assert!(
        find::<web_sys::Element>(&root, "[data-testid=aspect]").is_none(),
        "no documented ratios: no choice"
    );
}

/// A done single image (an upsample) whose prompt is markup and whose image is at `url`.
fn done_upsample(id: &str, url: &str) -> TaskRecord {
    TaskRecord {
        id: id.into(),
        kind: "upsample".into(),
        prompt: "<img src=x onerror=alert(1)>".into(),
        phase: Phase::Done,
        image: Some(url.into()),
        ..Default::default()
    }
}

fn test_ids(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-testid")
                .unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_card_renders_prompts_as_text_and_only_http_images() {
    // The http(s) card must show its image: without it, "no image" below would also hold for
    // a card that renders no image at all.
    let url = "https://example.invalid/task/image/65589df803761c00010775ae?cache=1";
    let fine = done_upsample("65589df803761c00010775ae", url);
    let (root, _state) = mount(move || view! { <TaskCard rec=RwSignal::new(fine)/> });
    leptos::task::tick().await;
    let img: web_sys::HtmlImageElement = find(&root, "img").expect("an http(s) image is rendered");
    assert_eq!(img.get_attribute("src").as_deref(), Some(url));
    assert_eq!(test_ids(&root, "img"), ["task-image"]);
    let prompt: web_sys::HtmlElement = find(&root, "[data-testid=task-prompt]").unwrap();
    assert_eq!(
        prompt.text_content().unwrap(),
        "<img src=x onerror=alert(1)>"
    );

    for (id, hostile) in [
        ("65589df803761c00010775b0", "javascript:alert(1)"),
        (
            "65589df803761c00010775b1",
            "data:text/html,<script>alert(1)</script>",
        ),
        ("65589df803761c00010775b2", " JAVASCRIPT:alert(1)"),
    ] {
        let rec = done_upsample(id, hostile);
        let (root, _state) = mount(move || view! { <TaskCard rec=RwSignal::new(rec)/> });
        leptos::task::tick().await;
        assert!(
            find::<web_sys::Element>(&root, "img").is_none(),
            "{hostile}: no image from markup or a non-http URL"
        );
        let placeholder: web_sys::HtmlElement = find(&root, "[data-testid=task-no-image]")
            .unwrap_or_else(|| panic!("{hostile}: a placeholder instead"));
        assert!(!placeholder.text_content().unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
async fn the_live_preview_and_the_finished_grid_have_their_own_test_ids() {
    let url = "https://example.invalid/task/image/65589df803761c00010775ae?cache=2";
    let grid = |phase| TaskRecord {
        id: "65589df803761c00010775ae".into(),
        kind: "imagine".into(),
        prompt: "a cat".into(),
        phase,
        percent: if phase == Phase::Done { 100 } else { 40 },
        image: Some(url.into()),
        actions: vec!["upsample_1".into()],
        ..Default::default()
    };
    let running = grid(Phase::Running);
    let (root, _state) = mount(move || view! { <TaskCard rec=RwSignal::new(running)/> });
    leptos::task::tick().await;
    assert_eq!(
        test_ids(&root, "img"),
        ["task-preview"],
        "running: the preview"
    );

    let done = grid(Phase::Done);
    let (root, _state) = mount(move || view! { <TaskCard rec=RwSignal::new(done)/> });
    leptos::task::tick().await;
    assert_eq!(test_ids(&root, "img"), ["grid-image"], "done: the grid");
}

#[wasm_bindgen_test]
async fn the_card_offers_the_listed_upsamples_and_every_variation_once_one_is_listed() {
    let rec = TaskRecord {
        id: "65589df803761c00010775af".into(),
        kind: "imagine".into(),
        prompt: "a cat".into(),
        phase: Phase::Done,
        image: Some("https://example.invalid/grid.png".into()),
        actions: ["upsamle_1", "upsamle_2", "variation_4", "variation_4"]
            .map(String::from)
            .to_vec(),
        ..Default::default()
    };
    let (root, _state) = mount(move || view! { <TaskCard rec=RwSignal::new(rec)/> });
    leptos::task::tick().await;
    let ids: Vec<String> = {
        let list = root.query_selector_all("[data-testid^=action-]").unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("data-testid")
                    .unwrap()
            })
            .collect()
    };
    // Upsamples only as listed; any `variation_N` opens V1–V4 (the docs' own list names
    // `variation_4` twice and no `variation_3`, while the variation endpoint takes images 1–4).
    assert_eq!(
        ids,
        [
            "action-U1",
            "action-U2",
            "action-V1",
            "action-V2",
            "action-V3",
            "action-V4"
        ]
    );
}

#[wasm_bindgen_test]
fn unticking_remember_moves_the_key_out_of_local_storage() {
    use gptunnel_studio::storage::{load_api_key, save_api_key};
    let local = window().local_storage().unwrap().unwrap();
    save_api_key("k-123", true);
    assert!(local.get_item("gptunnel-studio.api-key").unwrap().is_some());
    save_api_key("k-123", false);
    assert!(
        local.get_item("gptunnel-studio.api-key").unwrap().is_none(),
        "forgotten on the device"
    );
    assert_eq!(load_api_key(), "k-123", "still there for this tab");
    save_api_key("", false);
    assert_eq!(load_api_key(), "");
}

#[wasm_bindgen_test]
fn amounts_in_roubles_show_two_decimals() {
    use gptunnel_studio::i18n::rubles;
    assert_eq!(rubles(12.5), "12.50 ₽");
    assert_eq!(rubles(1234.567), "1234.57 ₽");
    assert_eq!(rubles(0.0), "0.00 ₽");
    assert_eq!(rubles(-3.0), "-3.00 ₽");
    assert_eq!(rubles(-0.5), "-0.50 ₽");
    assert_eq!(rubles(18.0), "18.00 ₽");
    assert_eq!(rubles(f64::NAN), "0.00 ₽");
}

#[wasm_bindgen_test]
async fn the_announcer_says_each_status_change_once_and_not_the_progress() {
    use gptunnel_studio::components::announcer::Announcer;
    let (root, state) = mount(|| view! { <Announcer/> });
    let region: web_sys::HtmlElement = find(&root, "[data-testid=announcer]").unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    // From history (made before this session): quiet.
    state.upsert(TaskRecord {
        id: "old".into(),
        kind: "imagine".into(),
        prompt: "an old one".into(),
        phase: Phase::Done,
        created_at: 1.0,
        ..Default::default()
    });
    leptos::task::tick().await;
    assert_eq!(region.text_content().unwrap(), "");
    state.upsert(TaskRecord {
        id: "new".into(),
        kind: "imagine".into(),
        prompt: "a red fox --ar 16:9".into(),
        created_at: js_sys::Date::now() + 1.0,
        ..Default::default()
    });
    leptos::task::tick().await;
    assert_eq!(
        region.text_content().unwrap(),
        "Started: a red fox (imagine)"
    );
    let rec = state.find("new").unwrap();
    // Progress is not a status change: nothing new is said.
    rec.update(|r| r.percent = 40);
    leptos::task::tick().await;
    assert_eq!(
        region.text_content().unwrap(),
        "Started: a red fox (imagine)"
    );
    rec.update(|r| r.stalled_for = Some(90));
    leptos::task::tick().await;
    assert_eq!(
        region.text_content().unwrap(),
        "Stalled: a red fox (imagine)"
    );
    rec.update(|r| {
        r.stalled_for = None;
        r.phase = Phase::Done;
    });
    leptos::task::tick().await;
    assert_eq!(region.text_content().unwrap(), "Done: a red fox (imagine)");
}

#[wasm_bindgen_test]
async fn a_poll_update_keeps_the_focused_button_of_a_running_card() {
    let rec = RwSignal::new(TaskRecord {
        id: "t1".into(),
        kind: "imagine".into(),
        prompt: "a lighthouse".into(),
        percent: 10,
        image: Some("http://127.0.0.1:9/preview-1.png".into()),
        ..Default::default()
    });
    let (root, _state) = mount(move || view! { <TaskCard rec=rec/> });
    leptos::task::tick().await;
    let thumb: web_sys::HtmlElement = find(&root, "button.thumb").unwrap();
    thumb.focus().unwrap();
    let thumb_node: &web_sys::Node = &thumb;
    rec.update(|r| r.percent = 55);
    leptos::task::tick().await;
    let focused = document().active_element().unwrap();
    assert!(
        focused.is_same_node(Some(thumb_node)),
        "the thumbnail button kept focus"
    );
    assert!(thumb.is_connected());
    // A new preview changes the image in place.
    rec.update(|r| r.image = Some("http://127.0.0.1:9/preview-2.png".into()));
    leptos::task::tick().await;
    let img: web_sys::HtmlElement = find(&root, "button.thumb img").unwrap();
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("http://127.0.0.1:9/preview-2.png")
    );
    assert!(document()
        .active_element()
        .unwrap()
        .is_same_node(Some(thumb_node)));
}

/// Waits `ms` milliseconds (a browser timer).
async fn wait_ms(ms: u64) {
    let (tx, rx) = oneshot::channel();
    set_timeout(
        move || {
            let _ = tx.send(());
        },
        Duration::from_millis(ms),
    );
    let _ = rx.await;
}

#[wasm_bindgen_test]
async fn work_put_after_the_first_paint_runs_once_after_the_next_frame() {
    let frame_ran = Rc::new(Cell::new(false));
    let flag = frame_ran.clone();
    request_animation_frame(move || flag.set(true));
    // (runs, whether the frame had come when it ran)
    let seen: Rc<Cell<(u32, bool)>> = Rc::default();
    let (record, frame) = (seen.clone(), frame_ran.clone());
    after_next_paint(move || record.set((record.get().0 + 1, frame.get())));

    assert_eq!(seen.get().0, 0, "not run at once");
    let microtask = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    let _ = wasm_bindgen_futures::JsFuture::from(microtask).await;
    assert_eq!(seen.get().0, 0, "nor with the microtasks that follow");
    // Past the fallback timer (200 ms) too: the frame and the timer both fired by now.
    wait_ms(500).await;
    assert_eq!(seen.get(), (1, true), "run exactly once, after the frame");
}

#[wasm_bindgen_test]
async fn shared_show_text_and_effect_follow_their_signals() {
    let open = RwSignal::new(false);
    let label = RwSignal::new("one".to_string());
    let runs = Rc::new(Cell::new(0u32));
    let counted = runs.clone();
    let (root, _) = mount(move || {
        effect(move || {
            label.track();
            counted.set(counted.get() + 1);
        });
        view! {
            <p data-testid="text">{derived(move || label.get())}</p>
            {show(move || open.get(), move || view! { <b data-testid="shown">"here"</b> }.into_any())}
        }
    });
    let text = || {
        find::<web_sys::HtmlElement>(&root, "[data-testid=text]")
            .unwrap()
            .text_content()
    };
    let shown = || find::<web_sys::HtmlElement>(&root, "[data-testid=shown]").is_some();
    wait_ms(20).await;
    assert_eq!(text().as_deref(), Some("one"));
    assert!(!shown(), "hidden while the condition is false");
    assert_eq!(runs.get(), 1, "the effect ran once at start");

    open.set(true);
    label.set("two".into());
    wait_ms(20).await;
    assert!(shown(), "shown once it is true");
    assert_eq!(
        text().as_deref(),
        Some("two"),
        "the text follows its signal"
    );
    assert_eq!(runs.get(), 2, "the effect ran again for the change it read");

    open.set(false);
    open.set(true);
    open.set(false);
    wait_ms(20).await;
    assert!(!shown(), "hidden again");
    assert_eq!(
        runs.get(),
        2,
        "a signal the effect did not read does not run it"
    );
}
