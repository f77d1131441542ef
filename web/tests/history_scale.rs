//! Component tests for a big history (issue 14) in a real browser: a poll update re-renders
//! its card alone, finished cards ignore the clock, strings follow the language only, and the
//! feed reads history from IndexedDB a page at a time (schema version 2, also over a version 1
//! database).
use std::cell::Cell;
use std::rc::Rc;

use gptunnel_studio::components::task_feed::TaskFeed;
use gptunnel_studio::model::{Phase, TaskRecord};
use gptunnel_studio::state::{AppState, Settings};
use gptunnel_studio::{polls, tasks};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_feed() -> (web_sys::HtmlElement, AppState) {
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let out: Rc<Cell<Option<AppState>>> = Rc::default();
    let slot = out.clone();
    leptos::mount::mount_to(root.clone(), move || {
        let state = AppState::new(Settings::default(), "test-key".into());
        provide_context(state);
        slot.set(Some(state));
        view! { <TaskFeed/> }
    })
    .forget();
    (root, out.get().unwrap())
}

/// A record created `n` minutes after a fixed instant, done unless `running`.
fn record(n: u32, running: bool) -> TaskRecord {
    let created = 1_780_000_000_000.0 + f64::from(n) * 60_000.0;
    TaskRecord {
        id: format!("task-{n:04}"),
        kind: "upsample".into(),
        prompt: format!("prompt {n}"),
        phase: if running { Phase::Running } else { Phase::Done },
        percent: if running { 10 } else { 100 },
        image: Some(format!("https://example.invalid/{n}.png")),
        created_at: created,
        finished_at: (!running).then_some(created + 50_000.0),
        ..Default::default()
    }
}

/// The ids of the cards in the container, top to bottom.
fn card_ids(root: &web_sys::HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("[data-testid=task-card]").unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-task-id")
                .unwrap_or_default()
        })
        .collect()
}

/// Starts recording which cards under `root` the DOM changes touch (a MutationObserver in JS).
fn watch_mutations(root: &web_sys::HtmlElement) {
    let install = js_sys::Function::new_with_args(
        "root",
        "window.__touched = new Set();
         new MutationObserver((records) => {
           for (const r of records) {
             const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
             const card = node && node.closest('[data-testid=task-card]');
             if (card) window.__touched.add(card.dataset.taskId);
           }
         }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });",
    );
    install.call1(&wasm_bindgen::JsValue::NULL, root).unwrap();
}

/// The cards touched since `watch_mutations` (after letting pending work and observers run).
async fn touched() -> Vec<String> {
    settle().await;
    let set = js_sys::Reflect::get(&window(), &"__touched".into()).unwrap();
    let list = js_sys::Array::from(&set);
    let mut ids: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
    ids.sort();
    js_sys::Reflect::get(&set, &"clear".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&set)
        .unwrap();
    ids
}

/// Lets effects, renders and mutation observers run (a macrotask later, twice).
async fn settle() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_poll_update_re_renders_its_card_alone_among_hundreds() {
    let (root, state) = mount_feed();
    let mut records: Vec<TaskRecord> = (0..400).map(|n| record(n, false)).collect();
    records.push(record(400, true));
    records.push(record(401, true));
    state.add_new(records);
    settle().await;
    assert_eq!(card_ids(&root).len(), 402);
    assert_eq!(card_ids(&root)[0], "task-0401", "newest first");

    watch_mutations(&root);
    polls::update(state, "task-0400", |r| r.percent = 55).expect("found by id");
    assert_eq!(touched().await, vec!["task-0400".to_string()]);
    assert_eq!(state.find("task-0400").unwrap().get_untracked().percent, 55);
    // And it reaches history (waited for, so no later test finds the write in its database).
    let mut saved = false;
    for _ in 0..200 {
        let all = state.history().load_tasks().await.unwrap_or_default();
        if all.iter().any(|r| r.id == "task-0400" && r.percent == 55) {
            saved = true;
            break;
        }
        settle().await;
    }
    assert!(saved, "the update was saved to history");

    // A clock tick: only the running cards' elapsed time moves.
    state.now.set(1_780_000_000_000.0 + 500.0 * 60_000.0);
    assert_eq!(
        touched().await,
        vec!["task-0400".to_string(), "task-0401".to_string()]
    );
}

#[wasm_bindgen_test]
async fn typing_a_setting_other_than_the_language_re_renders_no_string() {
    let (root, state) = mount_feed();
    state.add_new((0..5).map(|n| record(n, false)).collect());
    settle().await;
    let runs = Rc::new(Cell::new(0));
    let counter = runs.clone();
    Effect::new(move |_| {
        let _ = state.t();
        counter.set(counter.get() + 1);
    });
    settle().await;
    let before = runs.get();
    watch_mutations(&root);
    state.settings.update(|s| s.base_url.push_str("/typed"));
    state.settings.update(|s| s.wallet = !s.wallet);
    settle().await;
    assert_eq!(
        runs.get(),
        before,
        "strings do not depend on the base URL or the wallet"
    );
    assert!(touched().await.is_empty());
    state
        .settings
        .update(|s| s.lang = gptunnel_studio::i18n::Lang::Ru);
    settle().await;
    assert_eq!(runs.get(), before + 1, "they follow the language");
}

/// Deletes the studio's database so a test starts from nothing (or from the version it makes).
async fn delete_database() {
    let factory = idb::Factory::new().unwrap();
    factory.delete("gptunnel-studio").unwrap().await.unwrap();
}

#[wasm_bindgen_test]
async fn the_feed_reads_history_a_page_at_a_time_newest_first() {
    delete_database().await;
    let (root, state) = mount_feed();
    let records: Vec<TaskRecord> = (0..90).map(|n| record(n, n == 3)).collect();
    state.history().save_tasks(&records).await.unwrap();

    assert!(tasks::load_page(state).await);
    let running = state.history().load_running().await.unwrap();
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].id, "task-0003");
    settle().await;
    let first = card_ids(&root);
    assert!(
        !first.is_empty() && first.len() < 90,
        "one page, not all 90: {}",
        first.len()
    );
    assert_eq!(first[0], "task-0089");
    assert!(state.more_history.get_untracked());

    let mut pages = 1;
    while tasks::load_page(state).await {
        pages += 1;
        assert!(pages < 90, "paging ends");
    }
    settle().await;
    let all = card_ids(&root);
    let expected: Vec<String> = (0..90).rev().map(|n| format!("task-{n:04}")).collect();
    assert_eq!(all, expected, "every task once, newest first");
    assert!(pages >= 2);
    assert!(!state.more_history.get_untracked());
    assert!(root
        .query_selector("[data-testid=feed-more]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_version_1_history_opens_as_version_2_with_its_records() {
    delete_database().await;
    // Version 1 as the studio made it: the store keyed by id, no index.
    let factory = idb::Factory::new().unwrap();
    let mut open = factory.open("gptunnel-studio", Some(1)).unwrap();
    open.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let db = event.database().unwrap();
        let mut params = idb::ObjectStoreParams::new();
        params.key_path(Some(idb::KeyPath::new_single("id")));
        db.create_object_store("tasks", params).unwrap();
    });
    let db = open.await.unwrap();
    let tx = db
        .transaction(&["tasks"], idb::TransactionMode::ReadWrite)
        .unwrap();
    let store = tx.object_store("tasks").unwrap();
    for n in 0..3 {
        let value = serde::Serialize::serialize(
            &record(n, n == 0),
            &serde_wasm_bindgen::Serializer::json_compatible(),
        )
        .unwrap();
        store.put(&value, None).unwrap().await.unwrap();
    }
    tx.commit().unwrap().await.unwrap();
    db.close();

    let history = gptunnel_studio::storage::History::default();
    let page = history.load_page(None, 10).await.unwrap();
    let ids: Vec<&str> = page.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["task-0002", "task-0001", "task-0000"]);
    let running = history.load_running().await.unwrap();
    assert_eq!(running.len(), 1);
    assert_eq!(history.load_tasks().await.unwrap().len(), 3);
}
