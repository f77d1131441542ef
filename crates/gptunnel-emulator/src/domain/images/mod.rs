//! Deterministic pictures for tasks. Cheap on purpose (flat shapes over gradients, drawn on
//! request, a few milliseconds each) and cached as encoded PNG bytes per task and percent.

mod picture;
mod raster;
pub(crate) mod recipe;
mod scene;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub(crate) use picture::Art;
pub(crate) use raster::Raster;

use crate::model::rng::hash_str;

/// Encoded PNGs kept; the cache is emptied when it grows past this (simple and bounded).
pub(crate) const IMAGE_CACHE_CAPACITY: usize = 256;

/// The pixels a task shows at `percent`: the final image at 100, an unfinished-looking preview
/// below.
pub(crate) fn render(art: &Art, task_id: &str, percent: u8) -> Raster {
    let full = art.render();
    if percent >= 100 {
        full
    } else {
        full.preview(percent, hash_str(task_id))
    }
}

/// PNG bytes, shared between the cache and the responses being written.
pub(crate) type Png = Arc<Vec<u8>>;

/// Encoded PNG bytes by (task id, percent).
#[derive(Debug, Default)]
pub(crate) struct ImageCache {
    entries: Mutex<HashMap<(String, u8), Png>>,
}

impl ImageCache {
    pub(crate) fn get(&self, task_id: &str, percent: u8) -> Option<Png> {
        self.entries
            .lock()
            .expect("image cache lock")
            .get(&(task_id.to_string(), percent))
            .cloned()
    }

    pub(crate) fn put(&self, task_id: &str, percent: u8, png: Png) {
        let mut entries = self.entries.lock().expect("image cache lock");
        if entries.len() >= IMAGE_CACHE_CAPACITY {
            entries.clear();
        }
        entries.insert((task_id.to_string(), percent), png);
    }

    pub(crate) fn clear(&self) {
        self.entries.lock().expect("image cache lock").clear();
    }
}
