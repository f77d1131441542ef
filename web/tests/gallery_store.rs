//! The gallery's history in a real browser's IndexedDB (issue 13): schema version 3 opens a
//! version 2 (and 1) history with its records, searches by prompt words and filters through
//! the new indexes a page at a time, and an import never replaces a record with an older one,
//! nor polls the running tasks it brings. Old exports (a fixture of the version 1 format) import.
use gptunnel_studio::model::{Engine, Phase, TaskRecord};
use gptunnel_studio::search::GalleryQuery;
use gptunnel_studio::state::{AppState, Settings};
use gptunnel_studio::storage::{parse_import, History};
use gptunnel_studio::tasks;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const OLD_EXPORT: &str = include_str!("fixtures/history-export-v1.json");

async fn delete_database() {
    let factory = idb::Factory::new().unwrap();
    factory.delete("gptunnel-studio").unwrap().await.unwrap();
}

fn record(n: u32, prompt: &str) -> TaskRecord {
    let created = 1_780_000_000_000.0 + f64::from(n) * 60_000.0;
    TaskRecord {
        id: format!("task-{n:04}"),
        kind: "imagine".into(),
        prompt: prompt.into(),
        phase: Phase::Done,
        percent: 100,
        image: Some(format!("https://example.invalid/{n}.png")),
        created_at: created,
        finished_at: Some(created + 50_000.0),
        ..Default::default()
    }
}

fn ids(records: &[TaskRecord]) -> Vec<&str> {
    records.iter().map(|r| r.id.as_str()).collect()
}

/// Writes `records` into a database of `version` built as that version of the studio did.
async fn old_database(version: u32, records: &[TaskRecord]) {
    delete_database().await;
    let factory = idb::Factory::new().unwrap();
    let mut open = factory.open("gptunnel-studio", Some(version)).unwrap();
    open.on_upgrade_needed(move |event| {
        use idb::DatabaseEvent;
        let db = event.database().unwrap();
        let mut params = idb::ObjectStoreParams::new();
        params.key_path(Some(idb::KeyPath::new_single("id")));
        let store = db.create_object_store("tasks", params).unwrap();
        if version == 2 {
            let created = idb::KeyPath::new_array(["created_at", "id"]);
            store.create_index("by_created", created, None).unwrap();
            let phase = idb::KeyPath::new_single("phase");
            store.create_index("by_phase", phase, None).unwrap();
        }
    });
    let db = open.await.unwrap();
    let tx = db
        .transaction(&["tasks"], idb::TransactionMode::ReadWrite)
        .unwrap();
    let store = tx.object_store("tasks").unwrap();
    for rec in records {
        let value =
            serde::Serialize::serialize(rec, &serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap();
        store.put(&value, None).unwrap().await.unwrap();
    }
    tx.commit().unwrap().await.unwrap();
    db.close();
}

fn search(text: &str) -> GalleryQuery {
    GalleryQuery {
        text: text.into(),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn a_version_2_history_opens_as_version_3_searchable_with_its_records() {
    // More than one reindex batch (500), so the migration's paging is exercised.
    let mut records: Vec<TaskRecord> = (0..1_200)
        .map(|n| record(n, &format!("filler {n}")))
        .collect();
    records[7] = record(7, "A Red Fox in snow --ar 3:2");
    records[1_100] = record(1_100, "red bicycle");
    old_database(2, &records).await;

    let history = History::default();
    let all = history.load_tasks().await.unwrap();
    assert_eq!(all.len(), 1_200, "every record kept");
    assert!(all.contains(&records[7]), "a record keeps its fields");
    let found = history
        .gallery_page(&search("red"), None, 10)
        .await
        .unwrap();
    assert_eq!(
        ids(&found),
        ["task-1100", "task-0007"],
        "old records are in the word index"
    );
    let found = history
        .gallery_page(&search("fo sno"), None, 10)
        .await
        .unwrap();
    assert_eq!(ids(&found), ["task-0007"]);
    let version = history_version().await;
    assert_eq!(version, 3);
}

#[wasm_bindgen_test]
async fn a_version_1_history_opens_as_version_3_searchable() {
    old_database(
        1,
        &[record(1, "a lighthouse at dusk"), record(2, "a whale")],
    )
    .await;
    let history = History::default();
    let found = history
        .gallery_page(&search("light"), None, 10)
        .await
        .unwrap();
    assert_eq!(ids(&found), ["task-0001"]);
    assert_eq!(history.load_page(None, 10).await.unwrap().len(), 2);
}

async fn history_version() -> u32 {
    let factory = idb::Factory::new().unwrap();
    let db = factory
        .open("gptunnel-studio", None)
        .unwrap()
        .await
        .unwrap();
    let version = db.version().unwrap();
    db.close();
    version
}

#[wasm_bindgen_test]
async fn the_gallery_searches_and_filters_a_page_at_a_time() {
    delete_database().await;
    let history = History::default();
    let mut records: Vec<TaskRecord> = (0..60)
        .map(|n| record(n, &format!("a cat number {n}")))
        .collect();
    records[10].favourite = true;
    records[20].favourite = true;
    records[30].kind = "upsample".into();
    records[40].engine = Engine::Media("flux-dev".into());
    records[50].phase = Phase::Failed;
    records[50].image = None;
    records[51].phase = Phase::Running;
    history.save_tasks(&records).await.unwrap();

    // Finished images only, newest first, in pages.
    let q = GalleryQuery::default();
    let first = history.gallery_page(&q, None, 25).await.unwrap();
    assert_eq!(first[0].id, "task-0059");
    assert!(!ids(&first).contains(&"task-0051") && !ids(&first).contains(&"task-0050"));
    let last = first.last().unwrap();
    let before = (last.created_at, last.id.clone());
    let second = history.gallery_page(&q, Some(&before), 100).await.unwrap();
    assert_eq!(
        first.len() + second.len(),
        58,
        "60 tasks, one failed, one running"
    );
    assert!(second.iter().all(|r| r.created_at < before.0));

    let favourites = GalleryQuery {
        favourites: true,
        ..Default::default()
    };
    assert_eq!(
        ids(&history.gallery_page(&favourites, None, 10).await.unwrap()),
        ["task-0020", "task-0010"]
    );
    let upsamples = GalleryQuery {
        kind: Some("upsample".into()),
        ..Default::default()
    };
    assert_eq!(
        ids(&history.gallery_page(&upsamples, None, 10).await.unwrap()),
        ["task-0030"]
    );
    let flux = GalleryQuery {
        model: Some("flux-dev".into()),
        ..Default::default()
    };
    assert_eq!(
        ids(&history.gallery_page(&flux, None, 10).await.unwrap()),
        ["task-0040"]
    );
    let failed = GalleryQuery {
        phase: Some(Phase::Failed),
        ..Default::default()
    };
    assert_eq!(
        ids(&history.gallery_page(&failed, None, 10).await.unwrap()),
        ["task-0050"]
    );
    // Created in [minute 3, minute 5): tasks 3 and 4.
    let dates = GalleryQuery {
        from: Some(1_780_000_000_000.0 + 3.0 * 60_000.0),
        to: Some(1_780_000_000_000.0 + 5.0 * 60_000.0),
        ..Default::default()
    };
    assert_eq!(
        ids(&history.gallery_page(&dates, None, 10).await.unwrap()),
        ["task-0004", "task-0003"]
    );
    // Word search: "number 1" matches 1, 10–19 (prefix), newest first, paged.
    let page = history
        .gallery_page(&search("cat 1"), None, 5)
        .await
        .unwrap();
    assert_eq!(
        ids(&page),
        [
            "task-0019",
            "task-0018",
            "task-0017",
            "task-0016",
            "task-0015"
        ]
    );
    let before = (page[4].created_at, page[4].id.clone());
    let rest = history
        .gallery_page(&search("cat 1"), Some(&before), 50)
        .await
        .unwrap();
    assert_eq!(
        ids(&rest),
        [
            "task-0014",
            "task-0013",
            "task-0012",
            "task-0011",
            "task-0010",
            "task-0001"
        ]
    );

    // A star saved later is indexed; a deleted task is gone.
    let mut starred = records[33].clone();
    starred.favourite = true;
    history.save_tasks(&[starred]).await.unwrap();
    history.delete_tasks(&["task-0010".into()]).await.unwrap();
    assert_eq!(
        ids(&history.gallery_page(&favourites, None, 10).await.unwrap()),
        ["task-0033", "task-0020"]
    );
}

#[wasm_bindgen_test]
async fn an_old_export_imports_and_never_replaces_newer_local_records() {
    delete_database().await;
    let owner = Owner::new();
    let state = owner.with(|| AppState::new(Settings::default(), String::new()));
    let old = parse_import(OLD_EXPORT).expect("the version 1 export format still reads");
    assert_eq!(old.len(), 4);

    // Locally the harbour task is further along (done) and the lighthouse is starred.
    let mut harbour_done = old[3].clone();
    harbour_done.phase = Phase::Done;
    harbour_done.percent = 100;
    harbour_done.finished_at = Some(1_780_000_400_000.0);
    harbour_done.image = Some("https://gptunnel.ru/task/image/6650a1b2c3d4e5f60123456a".into());
    let mut lighthouse = old[0].clone();
    lighthouse.favourite = true;
    state
        .history()
        .save_tasks(&[harbour_done.clone(), lighthouse.clone()])
        .await
        .unwrap();

    let changed = tasks::import(state, old.clone()).await;
    assert_eq!(changed, 2, "only the two tasks not held locally");
    let stored = state.history().load_tasks().await.unwrap();
    let get = |id: &str| stored.iter().find(|r| r.id == id).unwrap().clone();
    assert_eq!(
        get(&harbour_done.id),
        harbour_done,
        "the older running copy did not replace it"
    );
    assert!(get(&lighthouse.id).favourite, "the local star stays");
    let found = state
        .history()
        .gallery_page(&search("кот"), None, 10)
        .await
        .unwrap();
    assert_eq!(
        ids(&found),
        ["6650a1b2c3d4e5f601234569"],
        "imported records are searchable"
    );
    assert_eq!(
        state.polls.with_value(|p| p.len()),
        0,
        "an import polls nothing"
    );
    drop(owner);
}

#[wasm_bindgen_test]
async fn an_imported_running_task_is_paused_and_not_polled() {
    delete_database().await;
    let owner = Owner::new();
    let state = owner.with(|| AppState::new(Settings::default(), "test-key".into()));
    let old = parse_import(OLD_EXPORT).unwrap();
    tasks::import(state, old).await;
    let harbour = state
        .find("6650a1b2c3d4e5f60123456a")
        .expect("shown in the feed");
    assert!(harbour.with_untracked(|r| r.paused && r.phase == Phase::Running));
    assert_eq!(owner.with(|| tasks::paused_count(state)), 1);
    gptunnel_studio::polls::resume_all(state);
    assert_eq!(
        state.polls.with_value(|p| p.len()),
        0,
        "resume_all leaves paused tasks alone"
    );
    let stored = state.history().load_running().await.unwrap();
    assert!(
        stored.iter().all(|r| r.paused),
        "the pause is stored (it survives a reload)"
    );
    drop(owner);
}
