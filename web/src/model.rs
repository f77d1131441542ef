//! The studio's own record of a task, as shown in the feed and kept in history.
//!
//! A [`TaskRecord`] is what survives a reload: it is written to IndexedDB and exported as
//! JSON, so it holds plain data only (never the API key) and tolerates missing fields
//! (`#[serde(default)]`) so that old exports keep importing.
use serde::{Deserialize, Serialize};

/// Where a task runs: the Midjourney endpoints or a media model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "engine", content = "model", rename_all = "snake_case")]
pub enum Engine {
    /// `/v1/midjourney/*`.
    #[default]
    Midjourney,
    /// `/v1/media/*` with this model id.
    Media(String),
}

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Created and not finished: poll it (again after a reload).
    #[default]
    Running,
    /// Finished with an image.
    Done,
    /// Finished without one; `error` says why.
    Failed,
}

/// One task in the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TaskRecord {
    /// The provider's task id (24 hex characters).
    pub id: String,
    /// Midjourney or a media model.
    pub engine: Engine,
    /// The task type as the server names it (`imagine`, `upsample`, …).
    pub kind: String,
    /// The task this one was derived from.
    pub parent_id: Option<String>,
    /// What was asked for: the prompt, inherited by derived tasks.
    pub prompt: String,
    /// A short name for the action that made it (`U2`, `Vary (strong)`), empty for a create.
    pub label: String,
    /// Running, done or failed.
    pub phase: Phase,
    /// The server's raw status string, shown as is.
    pub status: String,
    /// Progress 0–100.
    pub percent: u8,
    /// The image (a preview while running); only http(s) URLs are ever rendered.
    pub image: Option<String>,
    /// Follow-up actions the server lists, wire names.
    pub actions: Vec<String>,
    /// A readable failure reason.
    pub error: Option<String>,
    /// What the create call charged, in rubles.
    pub cost: f64,
    /// Epoch milliseconds when the studio created (or first saw) it.
    pub created_at: f64,
    /// Epoch milliseconds when it finished.
    pub finished_at: Option<f64>,
    /// Seconds progress has been still, while the poller reports a stall.
    pub stalled_for: Option<u64>,
    /// Starred by the user (gallery filter).
    pub favourite: bool,
    /// Running but not watched: imported from a file, waiting for the user to resume it (an
    /// import never starts polling by itself).
    pub paused: bool,
}

impl TaskRecord {
    /// Whether the image is a 2×2 grid of four candidates: the core's rule on the task type
    /// (so a vary-region result is a grid too).
    pub fn is_grid(&self) -> bool {
        self.engine == Engine::Midjourney && gptunnel::TaskType::from(self.kind.as_str()).is_grid()
    }

    /// Seconds from creation to `now` (or to the finish).
    pub fn elapsed_secs(&self, now_ms: f64) -> u64 {
        let end = self.finished_at.unwrap_or(now_ms);
        ((end - self.created_at).max(0.0) / 1000.0) as u64
    }

    /// Whether the server lists `action` (by wire name) for this task.
    pub fn has_action(&self, action: &str) -> bool {
        self.actions.iter().any(|a| a == action)
    }

    /// The `width` and `height` an `<img>` of this task's image gets before it loads, so that
    /// the card does not jump (and move its buttons under a pointer) when it arrives: the
    /// prompt's `--ar W:H` scaled to the tallest card image, else a square.
    pub fn image_box(&self) -> (u32, u32) {
        let prompt = gptunnel::prompt::Prompt::parse(&self.prompt);
        let (w, h) = prompt
            .get("ar")
            .and_then(gptunnel::prompt::check::aspect_ratio)
            .unwrap_or((1, 1));
        let width = (f64::from(IMAGE_MAX_HEIGHT) * f64::from(w) / f64::from(h)).round();
        (width.clamp(1.0, 8192.0) as u32, IMAGE_MAX_HEIGHT)
    }
}

/// The tallest an image is shown in a card, in CSS pixels (`max-height` in web/style.css).
const IMAGE_MAX_HEIGHT: u32 = 520;

/// The longest image URL the studio renders: far above any real result URL (the provider's are
/// about 60 characters, signed CDN links a few KB), far below what breaks a browser (Chromium
/// refuses URLs over 2 MiB and shows a broken image).
pub const MAX_IMAGE_URL_LEN: usize = 64 * 1024;

/// The image URL when it is safe to use as an `<img src>` or a link: http(s) only, and not
/// absurdly long.
pub fn safe_http_url(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
    let ok_scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !trimmed.chars().any(|c| c.is_control() || c.is_whitespace());
    let sized = trimmed.len() > 8 && trimmed.len() <= MAX_IMAGE_URL_LEN;
    (ok_scheme && clean && sized).then(|| trimmed.to_string())
}

/// At most `max` characters of a server's text, cut with "…": an error message or a failure
/// reason can be megabytes long, and a person reads the start of it.
pub fn clip_text(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The most records one import takes. A record is about 0.5–1 KB of JSON (prompt, URL,
/// actions); 20,000 is four times the 5,000-task history the studio is measured with, and
/// still merges in a few seconds.
pub const MAX_IMPORT_RECORDS: usize = 20_000;
/// The largest import file read: 20,000 records of up to ~1.5 KB each, with room to spare. A
/// bigger file is refused before it is read into memory.
pub const MAX_IMPORT_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// Merges imported records into the existing ones by id: no duplicates, and a local record is
/// replaced only by a strictly newer copy (see [`is_newer`]). A replacing copy keeps the local
/// star and pause state (they are this browser's choices). Imported running tasks new here
/// arrive paused: nothing polls them until the user asks. Returns the records to store.
pub fn merge_records(existing: &[TaskRecord], imported: Vec<TaskRecord>) -> Vec<TaskRecord> {
    let mut changed: Vec<TaskRecord> = Vec::new();
    for mut rec in imported {
        if rec.id.is_empty() || changed.iter().any(|c| c.id == rec.id) {
            continue;
        }
        match existing.iter().find(|e| e.id == rec.id) {
            Some(old) if !is_newer(&rec, old) => {}
            Some(old) => {
                rec.favourite = old.favourite;
                rec.paused = old.paused;
                rec.stalled_for = None;
                changed.push(rec);
            }
            None => {
                rec.paused = rec.phase == Phase::Running;
                rec.stalled_for = None;
                changed.push(rec);
            }
        }
    }
    changed
}

/// Whether `a` is a later state of the task than `b`: it got further in its life (running,
/// then failed or done), else further in progress, else it finished later. Equal is not newer,
/// so importing a file twice changes nothing.
pub fn is_newer(a: &TaskRecord, b: &TaskRecord) -> bool {
    let rank = |r: &TaskRecord| (phase_rank(r.phase), r.percent);
    match rank(a).cmp(&rank(b)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => a.finished_at.unwrap_or(0.0) > b.finished_at.unwrap_or(0.0),
    }
}

fn phase_rank(phase: Phase) -> u8 {
    match phase {
        Phase::Running => 0,
        Phase::Failed => 1,
        Phase::Done => 2,
    }
}

/// The id of the Midjourney choice in the model menu (the other ids are media models).
pub const MIDJOURNEY: &str = "midjourney";

/// Midjourney takes any `--ar W:H` flag in the prompt; these are the common ones.
const MIDJOURNEY_RATIOS: &[&str] = &["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"];

/// The ids the prompt bar offers, in menu order: Midjourney, then the image models of the
/// core's catalogue (`gptunnel::models`; the studio shows images only).
pub fn model_ids() -> impl Iterator<Item = &'static str> {
    std::iter::once(MIDJOURNEY).chain(
        gptunnel::MEDIA_MODELS
            .iter()
            .filter(|m| m.kind == gptunnel::MediaKind::Image)
            .map(|m| m.id),
    )
}

/// The aspect ratios offered for `model_id`; the first is the default. Empty: no choice
/// (models without a documented list, such as yandex-art, get the server's default).
pub fn ratios_for(model_id: &str) -> &'static [&'static str] {
    if model_id == MIDJOURNEY {
        return MIDJOURNEY_RATIOS;
    }
    gptunnel::models::find_media_model(model_id).map_or(&[], |m| m.aspect_ratios)
}

/// What the prompt bar asks to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// `midjourney` or a media model id.
    pub model: String,
    /// The prompt as typed.
    pub prompt: String,
    /// The chosen aspect ratio, if the model offers a choice.
    pub aspect_ratio: Option<String>,
    /// Reference image URLs for a media model that takes them (create body `images`).
    pub images: Vec<String>,
}

impl Submission {
    /// The prompt to send to Midjourney: the ratio becomes an `--ar` flag unless one is typed.
    pub fn midjourney_prompt(&self) -> String {
        match &self.aspect_ratio {
            Some(ar) if ar != "1:1" && !self.prompt.contains("--ar") => {
                format!("{} --ar {ar}", self.prompt.trim_end())
            }
            _ => self.prompt.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_vary_region_result_is_a_grid_and_an_upsample_or_a_media_image_is_not() {
        let record = |kind: &str, engine: Engine| TaskRecord {
            kind: kind.into(),
            engine,
            ..TaskRecord::default()
        };
        assert!(record("inpaint", Engine::Midjourney).is_grid());
        assert!(record("imagine", Engine::Midjourney).is_grid());
        assert!(!record("upsample", Engine::Midjourney).is_grid());
        assert!(!record("imagine", Engine::Media("flux".into())).is_grid());
    }

    #[test]
    fn an_image_keeps_the_prompts_aspect_ratio_before_it_loads() {
        let boxed = |prompt: &str| {
            TaskRecord {
                prompt: prompt.into(),
                ..TaskRecord::default()
            }
            .image_box()
        };
        // 520 px tall (style.css's max-height), as wide as the ratio says.
        assert_eq!(boxed("a fox --ar 16:9 --v 6.1"), (924, 520));
        assert_eq!(boxed("a fox --aspect 2:3"), (347, 520));
        assert_eq!(boxed("a fox"), (520, 520));
        assert_eq!(boxed("a fox --ar 0:9"), (520, 520));
        assert_eq!(boxed("a fox --ar wide"), (520, 520));
    }

    #[test]
    fn only_http_urls_are_safe() {
        assert!(safe_http_url("https://gptunnel.ru/task/image/1?cache=5").is_some());
        assert!(safe_http_url("HTTP://127.0.0.1:8787/x").is_some());
        assert!(safe_http_url("javascript:alert(1)").is_none());
        assert!(safe_http_url("data:image/png;base64,AAAA").is_none());
        assert!(safe_http_url("https://a b").is_none());
        assert!(safe_http_url("https://").is_none());
        let huge = format!("https://a/{}", "x".repeat(MAX_IMAGE_URL_LEN));
        assert!(safe_http_url(&huge).is_none());
    }

    #[test]
    fn long_server_text_is_clipped() {
        assert_eq!(clip_text("short", 10), "short");
        assert_eq!(clip_text("абвгд", 3), "абв…");
        assert_eq!(clip_text(&"x".repeat(5000), 500).chars().count(), 501);
    }

    #[test]
    fn import_merges_by_id_without_duplicates() {
        let running = TaskRecord {
            id: "a".into(),
            percent: 10,
            ..Default::default()
        };
        let done = TaskRecord {
            id: "a".into(),
            phase: Phase::Done,
            percent: 100,
            ..Default::default()
        };
        let other = TaskRecord {
            id: "b".into(),
            ..Default::default()
        };
        let merged = merge_records(
            std::slice::from_ref(&running),
            vec![done.clone(), done.clone(), other.clone()],
        );
        let paused_other = TaskRecord {
            paused: true,
            ..other
        };
        assert_eq!(merged, vec![done.clone(), paused_other]);
        assert!(merge_records(&[done], vec![running]).is_empty());
    }

    fn task(phase: Phase, percent: u8, finished_at: Option<f64>) -> TaskRecord {
        TaskRecord {
            id: "a".into(),
            phase,
            percent,
            finished_at,
            ..Default::default()
        }
    }

    #[test]
    fn an_import_never_replaces_a_local_record_with_an_older_one() {
        let local = TaskRecord {
            favourite: true,
            ..task(Phase::Running, 60, None)
        };
        // Less progress, same progress: kept.
        assert!(merge_records(
            std::slice::from_ref(&local),
            vec![task(Phase::Running, 40, None)]
        )
        .is_empty());
        assert!(merge_records(
            std::slice::from_ref(&local),
            vec![task(Phase::Running, 60, None)]
        )
        .is_empty());
        // More progress: replaced, the local star kept.
        let merged = merge_records(
            std::slice::from_ref(&local),
            vec![task(Phase::Running, 80, None)],
        );
        assert_eq!((merged[0].percent, merged[0].favourite), (80, true));
        // Done beats running at any percent; failed beats running; done beats failed.
        assert_eq!(
            merge_records(
                &[task(Phase::Running, 99, None)],
                vec![task(Phase::Done, 0, Some(5.0))]
            )
            .len(),
            1
        );
        assert_eq!(
            merge_records(
                &[task(Phase::Running, 99, None)],
                vec![task(Phase::Failed, 0, Some(5.0))]
            )
            .len(),
            1
        );
        assert!(merge_records(
            &[task(Phase::Done, 100, Some(5.0))],
            vec![task(Phase::Failed, 100, Some(9.0))]
        )
        .is_empty());
        // Both done: the later finish wins, the earlier one never replaces.
        let done = task(Phase::Done, 100, Some(2_000.0));
        assert!(merge_records(
            std::slice::from_ref(&done),
            vec![task(Phase::Done, 100, Some(1_000.0))]
        )
        .is_empty());
        assert_eq!(
            merge_records(&[done], vec![task(Phase::Done, 100, Some(3_000.0))]).len(),
            1
        );
    }

    #[test]
    fn imported_running_tasks_arrive_paused() {
        let merged = merge_records(
            &[],
            vec![
                task(Phase::Running, 30, None),
                TaskRecord {
                    id: "b".into(),
                    ..task(Phase::Done, 100, Some(1.0))
                },
            ],
        );
        assert!(merged[0].paused);
        assert!(!merged[1].paused);
    }

    #[test]
    fn the_menu_offers_midjourney_then_the_image_models() {
        let ids: Vec<&str> = model_ids().collect();
        assert_eq!(
            ids,
            [
                "midjourney",
                "google-imagen-3",
                "gpt-image-1-high",
                "gpt-image-1-low",
                "flux-dev",
                "yandex-art",
                "seedream-3"
            ]
        );
    }

    #[test]
    fn ratio_list_follows_the_model() {
        assert_eq!(ratios_for("midjourney")[0], "1:1");
        assert_eq!(ratios_for("gpt-image-1-low").len(), 5);
        assert!(ratios_for("flux-dev").contains(&"21:9"));
        assert!(ratios_for("yandex-art").is_empty());
    }

    #[test]
    fn midjourney_ratio_becomes_a_flag_once() {
        let mut s = Submission {
            model: "midjourney".into(),
            prompt: "cat".into(),
            aspect_ratio: Some("16:9".into()),
            images: Vec::new(),
        };
        assert_eq!(s.midjourney_prompt(), "cat --ar 16:9");
        s.prompt = "cat --ar 2:3".into();
        assert_eq!(s.midjourney_prompt(), "cat --ar 2:3");
    }
}
