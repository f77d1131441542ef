//! What the gallery reads from task history (IndexedDB schema version 3): a page of records
//! matching a search and filters, through the `by_word` and `by_fav` indexes when they narrow
//! it, else by walking `by_created` newest first; and the derived fields those indexes key on,
//! written with every record (and once over a version 1 or 2 history).
use idb::{Database, KeyRange, Query, TransactionMode};
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

use super::{
    commit, newest_first, records, History, BY_CREATED, BY_FAV, BY_WORD, REINDEX_BATCH, STORE,
};
use crate::model::TaskRecord;
use crate::search::{prompt_words, GalleryQuery};

/// A search's candidates: the records of an index key or key range, or a walk of history.
enum Source {
    Index(&'static str, Query),
    Walk,
}

impl History {
    /// One page of the gallery: the newest `limit` records matching `query` that are older than
    /// `before` (`(created_at, id)`, exclusive), newest first. A search reads the records of its
    /// longest word (`by_word`), the favourites filter the starred ones (`by_fav`); otherwise
    /// history is walked newest first until the page is full.
    pub async fn gallery_page(
        &self,
        query: &GalleryQuery,
        before: Option<&(f64, String)>,
        limit: usize,
    ) -> Result<Vec<TaskRecord>, String> {
        let older = |r: &TaskRecord| {
            before.is_none_or(|(c, id)| (r.created_at, r.id.as_str()) < (*c, id.as_str()))
        };
        let source = match query.words().into_iter().max_by_key(|w| w.chars().count()) {
            Some(word) => {
                let upper = format!("{word}\u{ffff}");
                let range =
                    KeyRange::bound(&word.as_str().into(), &upper.as_str().into(), None, None)
                        .map_err(|e| e.to_string())?;
                Source::Index(BY_WORD, Query::from(range))
            }
            None if query.favourites => Source::Index(BY_FAV, Query::from(JsValue::from_f64(1.0))),
            None => Source::Walk,
        };
        let Source::Index(name, key) = source else {
            return self.walk(query, before, limit).await;
        };
        let values = self
            .reader(name)
            .await?
            .get_all(Some(key), None)
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        let mut found: Vec<TaskRecord> = records(values)
            .into_iter()
            .filter(|r| query.matches(r) && older(r))
            .collect();
        found.sort_by(|a, b| {
            b.created_at
                .total_cmp(&a.created_at)
                .then_with(|| b.id.cmp(&a.id))
        });
        // A record with two words of the same prefix is listed once per word.
        found.dedup_by(|a, b| a.id == b.id);
        found.truncate(limit);
        Ok(found)
    }

    /// Walks history newest first from `before` (within the query's dates), keeping matches.
    async fn walk(
        &self,
        query: &GalleryQuery,
        before: Option<&(f64, String)>,
        limit: usize,
    ) -> Result<Vec<TaskRecord>, String> {
        let index = self.reader(BY_CREATED).await?;
        // `[t, ""]` sorts before every `[t, id]`: an exclusive upper bound "created before t".
        let upper = match (before, query.to) {
            (Some((c, id)), Some(to)) if to <= *c => Some((to, String::new())),
            (Some(b), _) => Some(b.clone()),
            (None, Some(to)) => Some((to, String::new())),
            (None, None) => None,
        };
        let key = |(c, id): &(f64, String)| {
            JsValue::from(js_sys::Array::of2(
                &JsValue::from_f64(*c),
                &JsValue::from_str(id),
            ))
        };
        let lower = query
            .from
            .map(|f| JsValue::from(js_sys::Array::of1(&JsValue::from_f64(f))));
        let range = match (lower, upper.as_ref().map(key)) {
            (Some(l), Some(u)) => Some(KeyRange::bound(&l, &u, None, Some(true))),
            (Some(l), None) => Some(KeyRange::lower_bound(&l, None)),
            (None, Some(u)) => Some(KeyRange::upper_bound(&u, Some(true))),
            (None, None) => None,
        };
        let range = match range {
            Some(r) => Some(Query::from(r.map_err(|e| e.to_string())?)),
            None => None,
        };
        newest_first(&index, range, limit, |r| query.matches(r)).await
    }
}

/// A record as stored: its fields plus the derived, indexed `words` and `fav` (version 3).
pub(crate) fn stored_value(rec: &TaskRecord) -> Result<JsValue, String> {
    let value = rec
        .serialize(&Serializer::json_compatible())
        .map_err(|e| e.to_string())?;
    let words: js_sys::Array = prompt_words(&rec.prompt)
        .iter()
        .map(|w| JsValue::from_str(w))
        .collect();
    let _ = js_sys::Reflect::set(&value, &"words".into(), &words);
    if rec.favourite {
        let _ = js_sys::Reflect::set(&value, &"fav".into(), &JsValue::from_f64(1.0));
    }
    Ok(value)
}

/// Rewrites every record of a version 1 or 2 history with the derived fields, a batch per
/// transaction (by id), so the new indexes cover old records too.
pub(crate) async fn add_derived_fields(db: &Database) -> Result<(), String> {
    let mut after: Option<String> = None;
    loop {
        let tx = db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(|e| e.to_string())?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        let range = match &after {
            Some(id) => Some(Query::from(
                KeyRange::lower_bound(&JsValue::from_str(id), Some(true))
                    .map_err(|e| e.to_string())?,
            )),
            None => None,
        };
        let values = store
            .get_all(range, Some(REINDEX_BATCH))
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        let full = values.len() as u32 == REINDEX_BATCH;
        let batch = records(values);
        for rec in &batch {
            store
                .put(&stored_value(rec)?, None)
                .map_err(|e| e.to_string())?
                .await
                .map_err(|e| e.to_string())?;
        }
        commit(tx).await?;
        match batch.last() {
            Some(last) if full => after = Some(last.id.clone()),
            _ => return Ok(()),
        }
    }
}
