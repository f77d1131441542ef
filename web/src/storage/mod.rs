//! Everything the studio keeps in the browser, behind one module.
//!
//! - Settings (not secret): localStorage, JSON.
//! - The API key: sessionStorage, or localStorage when "remember on this device" is ticked;
//!   never IndexedDB, never an export.
//! - Task history: IndexedDB (database `gptunnel-studio`, store `tasks`, keyed by task id),
//!   through the `idb` crate (futures over the raw IndexedDB requests; it builds against our
//!   pinned wasm-bindgen/web-sys). Schema version 2 adds two indexes, so the feed can read the
//!   newest page and the running tasks without reading all of a long history: `by_created`
//!   (`[created_at, id]`) and `by_phase`. Version 3 (the gallery) stores two derived fields
//!   next to each record, `words` (its prompt's lowercase words, [`prompt_words`]) and `fav`
//!   (1 when starred, absent otherwise), indexed by `by_word` (multiEntry: one key per word)
//!   and `by_fav` (holds the starred records only): a search or the favourites filter reads
//!   only the matching records. Opening a version 1 or 2 database adds the indexes (IndexedDB
//!   indexes the existing records itself) and then rewrites the records once, a page at a
//!   time, to add the derived fields.
//!
//! JSON goes through the browser's own `JSON.parse`/`JSON.stringify` (with serde-wasm-bindgen),
//! like the core crate does, so serde_json is not shipped in the wasm.
mod search;

use std::cell::RefCell;
use std::rc::Rc;

use idb::{
    CursorDirection, Database, DatabaseEvent, Event, Factory, Index, IndexParams, KeyPath,
    KeyRange, ObjectStore, ObjectStoreParams, Query, Request, Transaction, TransactionMode,
};
use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

use crate::i18n::Lang;
use crate::model::TaskRecord;
use crate::settings::{default_base_url, Settings};
use search::{add_derived_fields, stored_value};

const SETTINGS_KEY: &str = "gptunnel-studio.settings";
const API_KEY_KEY: &str = "gptunnel-studio.api-key";
const DB_NAME: &str = "gptunnel-studio";
pub(crate) const STORE: &str = "tasks";
const DB_VERSION: u32 = 3;
/// Index on `[created_at, id]`: history in creation order, each key unique.
pub(crate) const BY_CREATED: &str = "by_created";
/// Index on `phase`: the running tasks, to resume them.
const BY_PHASE: &str = "by_phase";
/// MultiEntry index on `words`: the records whose prompt has a word.
pub(crate) const BY_WORD: &str = "by_word";
/// Index on `fav`: the starred records (others have no `fav`, so are not in it).
pub(crate) const BY_FAV: &str = "by_fav";
/// Records rewritten per transaction when a version 1 or 2 history gains the derived fields.
pub(crate) const REINDEX_BATCH: u32 = 500;
const EXPORT_FORMAT: &str = "gptunnel-studio-history";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The saved settings, or defaults with the language taken from `navigator.language`.
/// A base URL saved as empty means "the build's default" (so a rebuilt dev studio follows its
/// emulator's new address).
pub fn load_settings() -> Settings {
    let saved = local()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .and_then(|json| from_json::<Settings>(&json).ok());
    let mut settings = saved.unwrap_or_else(|| {
        let tag = web_sys::window()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default();
        Settings {
            lang: Lang::from_tag(&tag),
            ..Settings::default()
        }
    });
    if settings.base_url.trim().is_empty() {
        settings.base_url = default_base_url();
    }
    settings
}

/// Saves the non-secret settings.
pub fn save_settings(settings: &Settings) {
    let mut stored = settings.clone();
    if stored.base_url.trim() == default_base_url() {
        stored.base_url.clear();
    }
    if let (Some(store), Some(json)) = (local(), to_json(&stored, false)) {
        let _ = store.set_item(SETTINGS_KEY, &json);
    }
}

/// The key from this tab's session, else from this device, else the demo key baked into a
/// build made for the local emulator (`GPTUNNEL_STUDIO_DEMO_KEY`, set by scripts/dev.sh only:
/// the emulator accepts any key, so a newcomer can try the studio without one).
pub fn load_api_key() -> String {
    [session(), local()]
        .into_iter()
        .flatten()
        .find_map(|s| {
            s.get_item(API_KEY_KEY)
                .ok()
                .flatten()
                .filter(|k| !k.is_empty())
        })
        .or_else(|| option_env!("GPTUNNEL_STUDIO_DEMO_KEY").map(str::to_string))
        .unwrap_or_default()
}

/// Keeps the key in sessionStorage, or in localStorage when `remember`; removes it from the
/// other one (so unticking "remember" forgets it on the device).
pub fn save_api_key(key: &str, remember: bool) {
    let (keep, drop) = if remember {
        (local(), session())
    } else {
        (session(), local())
    };
    if let Some(store) = drop {
        let _ = store.remove_item(API_KEY_KEY);
    }
    if let Some(store) = keep {
        let _ = if key.is_empty() {
            store.remove_item(API_KEY_KEY)
        } else {
            store.set_item(API_KEY_KEY, key)
        };
    }
}

/// `value` as JSON text (indented when `pretty`), by the browser's `JSON.stringify`.
fn to_json<T: Serialize>(value: &T, pretty: bool) -> Option<String> {
    let js = value.serialize(&Serializer::json_compatible()).ok()?;
    let text = if pretty {
        js_sys::JSON::stringify_with_replacer_and_space(
            &js,
            &wasm_bindgen::JsValue::NULL,
            &2.into(),
        )
    } else {
        js_sys::JSON::stringify(&js)
    };
    text.ok()?.as_string()
}

/// Parses JSON text by the browser's `JSON.parse`.
fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let js = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())?;
    serde_wasm_bindgen::from_value(js).map_err(|e| e.to_string())
}

/// Task history in IndexedDB. The connection is opened on first use and kept by this handle,
/// which the app state owns (it closes with the app, not with the page).
#[derive(Clone, Default)]
pub struct History {
    db: Rc<RefCell<Option<Rc<Database>>>>,
}

impl History {
    async fn database(&self) -> Result<Rc<Database>, String> {
        let cached = self.db.borrow().clone();
        if let Some(db) = cached {
            return Ok(db);
        }
        let factory = Factory::new().map_err(|e| e.to_string())?;
        let mut request = factory
            .open(DB_NAME, Some(DB_VERSION))
            .map_err(|e| e.to_string())?;
        let upgraded_old = Rc::new(std::cell::Cell::new(false));
        let flag = upgraded_old.clone();
        request.on_upgrade_needed(move |event| {
            let Ok(db) = event.database() else {
                return;
            };
            flag.set(event.old_version().unwrap_or(0) > 0);
            let store = if db.store_names().iter().any(|n| n == STORE) {
                // Version 1: the store exists, reached through the upgrade's transaction.
                event
                    .target()
                    .ok()
                    .and_then(|request| request.transaction())
                    .and_then(|tx| tx.object_store(STORE).ok())
            } else {
                let mut params = ObjectStoreParams::new();
                params.key_path(Some(KeyPath::new_single("id")));
                db.create_object_store(STORE, params).ok()
            };
            if let Some(store) = store {
                add_indexes(&store);
            }
        });
        let mut db = request.await.map_err(|e| e.to_string())?;
        // Another tab opening a newer version (or a delete) waits for this connection: close it
        // and let the next call reopen.
        let slot = self.db.clone();
        db.on_version_change(move |_| {
            let open = slot.borrow().clone();
            if let Some(db) = open {
                db.close();
            }
            // Forgotten after this callback has returned (the connection owns the callback).
            leptos::task::spawn_local(async move {
                slot.borrow_mut().take();
            });
        });
        let db = Rc::new(db);
        if upgraded_old.get() {
            add_derived_fields(&db).await?;
        }
        *self.db.borrow_mut() = Some(db.clone());
        Ok(db)
    }

    /// Deletes these tasks from history.
    pub async fn delete_tasks(&self, ids: &[String]) -> Result<(), String> {
        let (tx, store) = self.writer().await?;
        for id in ids {
            store
                .delete(Query::from(JsValue::from_str(id)))
                .map_err(|e| e.to_string())?
                .await
                .map_err(|e| e.to_string())?;
        }
        commit(tx).await
    }

    /// The newest `limit` tasks created before `before` (`(created_at, id)`, exclusive; `None`:
    /// from the newest), newest first.
    pub async fn load_page(
        &self,
        before: Option<&(f64, String)>,
        limit: usize,
    ) -> Result<Vec<TaskRecord>, String> {
        let index = self.reader(BY_CREATED).await?;
        let range = match before {
            Some((created, id)) => {
                let key = js_sys::Array::of2(&JsValue::from_f64(*created), &JsValue::from_str(id));
                Some(Query::from(
                    KeyRange::upper_bound(&key, Some(true)).map_err(|e| e.to_string())?,
                ))
            }
            None => None,
        };
        newest_first(&index, range, limit, |_| true).await
    }

    /// The tasks that were running when last saved (to resume them).
    pub async fn load_running(&self) -> Result<Vec<TaskRecord>, String> {
        let index = self.reader(BY_PHASE).await?;
        let values = index
            .get_all(Some(Query::from(JsValue::from_str("running"))), None)
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(records(values))
    }

    /// Every task in history (any order).
    pub async fn load_tasks(&self) -> Result<Vec<TaskRecord>, String> {
        let (_, store) = self.transaction(TransactionMode::ReadOnly).await?;
        let values = store
            .get_all(None, None)
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(records(values))
    }

    /// Writes (inserts or replaces) these tasks.
    pub async fn save_tasks(&self, records: &[TaskRecord]) -> Result<(), String> {
        let (tx, store) = self.writer().await?;
        for rec in records {
            let value = stored_value(rec)?;
            store
                .put(&value, None)
                .map_err(|e| e.to_string())?
                .await
                .map_err(|e| e.to_string())?;
        }
        commit(tx).await
    }

    /// Writes one task, in the background; a failure only costs history, so it is ignored.
    pub fn save_task_later(&self, record: TaskRecord) {
        let history = self.clone();
        leptos::task::spawn_local(async move {
            let _ = history.save_tasks(std::slice::from_ref(&record)).await;
        });
    }

    /// Deletes every task from history.
    pub async fn clear_tasks(&self) -> Result<(), String> {
        let (tx, store) = self.writer().await?;
        store
            .clear()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        commit(tx).await
    }

    /// A read-write transaction on the task store, and the store.
    async fn writer(&self) -> Result<(Transaction, ObjectStore), String> {
        self.transaction(TransactionMode::ReadWrite).await
    }

    /// One index of the task store, in a read-only transaction.
    pub(crate) async fn reader(&self, index: &str) -> Result<Index, String> {
        let (_, store) = self.transaction(TransactionMode::ReadOnly).await?;
        store.index(index).map_err(|e| e.to_string())
    }

    /// A transaction on the task store, and the store.
    async fn transaction(
        &self,
        mode: TransactionMode,
    ) -> Result<(Transaction, ObjectStore), String> {
        let db = self.database().await?;
        let tx = db.transaction(&[STORE], mode).map_err(|e| e.to_string())?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        Ok((tx, store))
    }
}

/// The records among IndexedDB values (a value that is not a record is skipped).
pub(crate) fn records(values: Vec<JsValue>) -> Vec<TaskRecord> {
    values
        .into_iter()
        .filter_map(|v| serde_wasm_bindgen::from_value(v).ok())
        .collect()
}

/// Adds the indexes the store lacks (version 2: created, phase; version 3: word, fav).
fn add_indexes(store: &ObjectStore) {
    let names = store.index_names();
    if !names.iter().any(|n| n == BY_WORD) {
        let mut params = IndexParams::new();
        params.multi_entry(true);
        let _ = store.create_index(BY_WORD, KeyPath::new_single("words"), Some(params));
    }
    if !names.iter().any(|n| n == BY_FAV) {
        let key = KeyPath::new_single("fav");
        let _ = store.create_index(BY_FAV, key, Some(IndexParams::new()));
    }
    if !names.iter().any(|n| n == BY_CREATED) {
        let key = KeyPath::new_array(["created_at", "id"]);
        let _ = store.create_index(BY_CREATED, key, Some(IndexParams::new()));
    }
    if !names.iter().any(|n| n == BY_PHASE) {
        let key = KeyPath::new_single("phase");
        let _ = store.create_index(BY_PHASE, key, Some(IndexParams::new()));
    }
}

/// Up to `limit` records of `index` within `range`, highest key (newest) first, that `keep`
/// accepts: one cursor walk, stopped as soon as enough are found.
async fn newest_first(
    index: &Index,
    range: Option<Query>,
    limit: usize,
    keep: impl Fn(&TaskRecord) -> bool,
) -> Result<Vec<TaskRecord>, String> {
    let first = index
        .open_cursor(range, Some(CursorDirection::Prev))
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    let Some(cursor) = first else {
        return Ok(found);
    };
    let mut cursor = cursor.into_managed();
    while let Some(value) = cursor.value().map_err(|e| e.to_string())? {
        found.extend(records(vec![value]).into_iter().filter(|r| keep(r)));
        if found.len() >= limit {
            break;
        }
        cursor.next(None).await.map_err(|e| e.to_string())?;
    }
    Ok(found)
}

/// Commits a write and waits until it is durable (or failed).
pub(crate) async fn commit(tx: Transaction) -> Result<(), String> {
    tx.commit()
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[derive(Serialize, Deserialize)]
struct Export {
    format: String,
    version: u32,
    tasks: Vec<TaskRecord>,
}

/// History as a JSON document (no key, no settings).
pub fn export_json(records: Vec<TaskRecord>) -> String {
    let doc = Export {
        format: EXPORT_FORMAT.into(),
        version: 1,
        tasks: records,
    };
    to_json(&doc, true).unwrap_or_default()
}

/// Reads an export (or a bare array of records).
pub fn parse_import(text: &str) -> Result<Vec<TaskRecord>, String> {
    if let Ok(doc) = from_json::<Export>(text) {
        if doc.format == EXPORT_FORMAT {
            return Ok(doc.tasks);
        }
        return Err("unknown format".into());
    }
    from_json::<Vec<TaskRecord>>(text)
}

// links (issue 13): a deep link names a task that may be older than the feed's first page.
impl History {
    /// One task by id, if history has it.
    pub async fn load_task(&self, id: &str) -> Result<Option<TaskRecord>, String> {
        let (_, store) = self.transaction(TransactionMode::ReadOnly).await?;
        let value = store
            .get(Query::from(JsValue::from_str(id)))
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(value.and_then(|v| serde_wasm_bindgen::from_value(v).ok()))
    }
}
