//! The emulator's memory: tasks, media tasks, the balance, and the index that answers a
//! resubmitted action with its earlier finished task. Every create goes through here so that
//! checking the balance, charging and recording happen together (a refused create leaves no
//! trace).

use std::collections::HashMap;
use std::time::Duration;

use crate::domain::actions::{done_actions, ActionRequest};
use crate::domain::images::{recipe, Art};
use crate::domain::lifecycle::Phase;
use crate::domain::media_task::MediaTask;
use crate::domain::pricing::{can_afford, media_cost, task_cost};
use crate::domain::progress::Schedule;
use crate::domain::task::{Task, Usage, FAILURE_REASONS};
use crate::error::ApiError;
use crate::model::media_models;
use crate::model::rng::{hash_str, mix, Rng};
use crate::model::task_kind::TaskKind;
use crate::settings::Settings;
use crate::settings::DEFAULT_TASK_DURATION;

/// ObjectId-like ids: 4 bytes of Unix time, 5 seeded bytes, a 3-byte counter (24 hex digits).
#[derive(Debug)]
struct IdMaker {
    start_unix: u64,
    machine: u64,
    counter: u32,
}

impl IdMaker {
    fn new(seed: u64, start_unix: u64) -> Self {
        let mut rng = Rng::new(mix(seed, 0x1d));
        IdMaker {
            start_unix,
            machine: rng.next_u64() & 0xff_ffff_ffff,
            counter: rng.next_u64() as u32 & 0xff_ffff,
        }
    }

    fn next(&mut self, now: Duration) -> String {
        self.counter = (self.counter + 1) & 0xff_ffff;
        let seconds = (self.start_unix + now.as_secs()) as u32;
        format!("{seconds:08x}{:010x}{:06x}", self.machine, self.counter)
    }
}

/// What the handlers need to know about a would-be parent before building their request.
#[derive(Debug, Clone)]
pub(crate) struct ParentInfo {
    pub(crate) kind: TaskKind,
    /// Pixel size of the parent's image (an inpaint mask must match it).
    pub(crate) size: (u32, u32),
}

/// How `Store::derive` answered an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Derivation {
    /// A new, charged task.
    Created,
    /// A new, charged task although an identical one (`of`) was still running.
    DuplicateWhileRunning { of: String },
    /// The earlier identical task, finished, uncharged ("повторная отправка" \[doc\]).
    Resubmitted,
}

/// All mutable emulator state but the journal.
#[derive(Debug)]
pub(crate) struct Store {
    tasks: HashMap<String, Task>,
    media: HashMap<String, MediaTask>,
    /// (parent id, resubmission key) → ids of the tasks made for it, oldest first.
    resubmissions: HashMap<(String, String), Vec<String>>,
    balance: f64,
    ids: IdMaker,
    outcomes: Rng,
    /// Per-task seeds of progress and media durations (apart from `outcomes`, so failures
    /// fall on the same tasks whatever the progress settings).
    progress: Rng,
    seed: u64,
    start_unix: u64,
}

impl Store {
    pub(crate) fn new(settings: &Settings, start_unix: u64) -> Store {
        Store {
            tasks: HashMap::new(),
            media: HashMap::new(),
            resubmissions: HashMap::new(),
            balance: settings.starting_balance,
            ids: IdMaker::new(settings.seed, start_unix),
            outcomes: Rng::new(mix(settings.seed, 0x0c)),
            progress: Rng::new(mix(settings.seed, 0x9a)),
            seed: settings.seed,
            start_unix,
        }
    }

    /// Forgets every task and restores the starting balance. Ids keep counting, so an id from
    /// before the reset never names a new task.
    pub(crate) fn reset(&mut self, settings: &Settings) {
        self.tasks.clear();
        self.media.clear();
        self.resubmissions.clear();
        self.balance = settings.starting_balance;
        self.outcomes = Rng::new(mix(settings.seed, 0x0c));
        self.progress = Rng::new(mix(settings.seed, 0x9a));
    }

    pub(crate) fn balance(&self) -> f64 {
        self.balance
    }

    pub(crate) fn set_balance(&mut self, balance: f64) {
        self.balance = balance;
    }

    pub(crate) fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.get(id)
    }

    pub(crate) fn media(&self, id: &str) -> Option<&MediaTask> {
        self.media.get(id)
    }

    #[cfg(test)]
    pub(crate) fn task_count(&self) -> usize {
        self.tasks.len() + self.media.len()
    }

    /// Records a charged imagine, or refuses with 402 (nothing recorded).
    pub(crate) fn create_imagine(
        &mut self,
        prompt: &str,
        now: Duration,
        settings: &Settings,
    ) -> Result<(Task, Usage), ApiError> {
        let cost = task_cost(TaskKind::Imagine, prompt);
        if !can_afford(self.balance, cost, settings.credit_limit) {
            return Err(ApiError::InsufficientBalance);
        }
        let art = recipe::imagine(prompt, settings.image_size);
        let task = self.record(
            TaskKind::Imagine,
            None,
            prompt.to_string(),
            prompt.to_string(),
            art,
            now,
            settings,
        );
        self.balance -= cost;
        Ok((task, Usage::charged(cost)))
    }

    /// A parent that exists, is done and so may be acted upon.
    pub(crate) fn finished_parent(
        &self,
        parent_id: &str,
        now: Duration,
    ) -> Result<&Task, ApiError> {
        let parent = self
            .tasks
            .get(parent_id)
            .ok_or_else(|| ApiError::BadRequest(format!("Task {parent_id} not found")))?;
        let phase = parent.phase(now);
        if phase != Phase::Done {
            return Err(ApiError::BadRequest(format!(
                "Task {parent_id} is not done (status '{}'); actions are available once it is done",
                phase.status()
            )));
        }
        Ok(parent)
    }

    pub(crate) fn parent_info(
        &self,
        parent_id: &str,
        now: Duration,
    ) -> Result<ParentInfo, ApiError> {
        let parent = self.finished_parent(parent_id, now)?;
        Ok(ParentInfo {
            kind: parent.kind,
            size: parent.art.size(),
        })
    }

    /// Creates the task `request` asks of `parent_id`, or answers with the earlier identical
    /// one once it is finished (uncharged, see `ActionRequest::resubmission_key`), or refuses
    /// (nothing charged). An identical request sent while the earlier one still runs is a new,
    /// charged task: CONTRACT §6 leaves that case open, and a client that re-sends must see
    /// what it costs.
    pub(crate) fn derive(
        &mut self,
        parent_id: &str,
        request: &ActionRequest,
        now: Duration,
        settings: &Settings,
    ) -> Result<(Task, Usage, Derivation), ApiError> {
        let parent = self.finished_parent(parent_id, now)?;
        let actions = done_actions(parent.kind);
        if !request.is_allowed_by(actions) {
            return Err(not_available(
                parent_id,
                parent.kind,
                &request.action_name(),
            ));
        }
        let key = request
            .resubmission_key()
            .map(|key| (parent_id.to_string(), key));
        let earlier: Vec<&Task> = key
            .as_ref()
            .and_then(|key| self.resubmissions.get(key))
            .into_iter()
            .flatten()
            .filter_map(|id| self.tasks.get(id))
            .collect();
        if let Some(finished) = earlier.iter().find(|task| task.phase(now) == Phase::Done) {
            return Ok(((*finished).clone(), Usage::zero(), Derivation::Resubmitted));
        }
        let derivation = match earlier.iter().find(|task| !task.phase(now).is_finished()) {
            Some(running) => Derivation::DuplicateWhileRunning {
                of: running.id.clone(),
            },
            None => Derivation::Created,
        };
        let kind = request.kind();
        let cost = task_cost(kind, &parent.root_prompt);
        let prompt = match request {
            ActionRequest::Inpaint {
                prompt: Some(prompt),
                ..
            } => prompt.clone(),
            _ => parent.prompt.clone(),
        };
        let art_seed = mix(
            self.seed,
            hash_str(&format!(
                "{parent_id}/{}/{}",
                request.action_name(),
                self.ids.counter
            )),
        );
        let art = recipe::derive(&parent.art, request, art_seed, &prompt)
            .map_err(ApiError::BadRequest)?;
        if !can_afford(self.balance, cost, settings.credit_limit) {
            return Err(ApiError::InsufficientBalance);
        }
        let root_prompt = parent.root_prompt.clone();
        let task = self.record(
            kind,
            Some(parent_id.to_string()),
            prompt,
            root_prompt,
            art,
            now,
            settings,
        );
        if let Some(key) = key {
            self.resubmissions
                .entry(key)
                .or_default()
                .push(task.id.clone());
        }
        self.balance -= cost;
        Ok((task, Usage::charged(cost), derivation))
    }

    /// Records a charged media task, or `None` when the balance cannot pay (code 5).
    pub(crate) fn create_media(
        &mut self,
        model: &str,
        echoed_prompt: String,
        art: Art,
        now: Duration,
        settings: &Settings,
    ) -> Option<MediaTask> {
        let cost = media_cost(model);
        if !can_afford(self.balance, cost, settings.credit_limit) {
            return None;
        }
        let seed = self.progress.next_u64();
        let duration = media_duration(model, seed, settings);
        let progress = settings.progress.model_for(seed);
        let task = MediaTask {
            id: self.ids.next(now),
            model: model.to_string(),
            prompt: echoed_prompt,
            created_at: now,
            created_unix: self.start_unix + now.as_secs(),
            duration,
            failure: self.draw_failure(settings),
            schedule: Schedule::new(progress, seed, duration),
            art,
        };
        self.media.insert(task.id.clone(), task.clone());
        self.balance -= cost;
        Some(task)
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        kind: TaskKind,
        parent_id: Option<String>,
        prompt: String,
        root_prompt: String,
        art: Art,
        now: Duration,
        settings: &Settings,
    ) -> Task {
        let seed = self.progress.next_u64();
        let duration = settings.task_duration.mul_f64(kind.duration_share());
        let progress = settings.progress.model_for(seed);
        let task = Task {
            id: self.ids.next(now),
            parent_id,
            kind,
            prompt,
            root_prompt,
            created_at: now,
            duration,
            failure: self.draw_failure(settings),
            progress,
            schedule: Schedule::new(progress, seed, duration),
            art,
        };
        self.tasks.insert(task.id.clone(), task.clone());
        task
    }

    fn draw_failure(&mut self, settings: &Settings) -> Option<String> {
        let (roll, pick) = (
            self.outcomes.next_f64(),
            self.outcomes.below(FAILURE_REASONS.len() as u64),
        );
        (roll < settings.failure_rate).then(|| FAILURE_REASONS[pick as usize].to_string())
    }
}

/// How long a media task of `name` takes: `Settings::media_duration` when set; otherwise a
/// seeded time in the model's real-world range, scaled like Midjourney tasks are (by
/// `task_duration` against its default of 20 s), so `Settings::fast()` keeps media tasks short.
pub(crate) fn media_duration(name: &str, task_seed: u64, settings: &Settings) -> Duration {
    if let Some(duration) = settings.media_duration {
        return duration;
    }
    let (low, high) = media_models::find(name).map_or((8.0, 40.0), |model| model.seconds);
    let seconds = Rng::new(mix(task_seed, 0xd0)).range(low, high);
    let scale = settings.task_duration.as_secs_f64() / DEFAULT_TASK_DURATION.as_secs_f64();
    Duration::from_secs_f64(seconds * scale)
}

/// 400 for an action the parent does not list.
pub(crate) fn not_available(parent_id: &str, kind: TaskKind, action: &str) -> ApiError {
    ApiError::BadRequest(format!(
        "Action '{action}' is not available for task {parent_id} (type '{}', actions: [{}])",
        kind.as_str(),
        done_actions(kind).join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::is_task_id;

    #[test]
    fn ids_are_object_id_like_and_unique() {
        let mut ids = IdMaker::new(1, 1_700_000_000);
        let (a, b) = (ids.next(Duration::ZERO), ids.next(Duration::ZERO));
        assert!(is_task_id(&a), "{a}");
        assert_ne!(a, b);
        assert!(a.starts_with("6553f100"), "{a}");
    }

    #[test]
    fn a_refused_imagine_charges_and_records_nothing() {
        let settings = Settings {
            starting_balance: 10.0,
            ..Settings::fast()
        };
        let mut store = Store::new(&settings, 0);
        assert!(matches!(
            store.create_imagine("cat", Duration::ZERO, &settings),
            Err(ApiError::InsufficientBalance)
        ));
        assert_eq!(store.balance(), 10.0);
        assert_eq!(store.task_count(), 0);
    }

    #[test]
    fn at_default_speed_images_take_seconds_and_videos_minutes() {
        let settings = Settings::default();
        for seed in 0..50 {
            let image = media_duration("google-imagen-3", seed, &settings);
            assert!((8.0..=20.0).contains(&image.as_secs_f64()), "{image:?}");
            let video = media_duration("glabs-veo-3", seed, &settings);
            assert!((120.0..=300.0).contains(&video.as_secs_f64()), "{video:?}");
        }
    }

    #[test]
    fn fast_settings_keep_media_tasks_short_and_an_override_wins() {
        let fast = Settings {
            task_duration: Duration::from_secs(1),
            ..Settings::default()
        };
        let video = media_duration("glabs-veo-3", 1, &fast);
        assert!(video <= Duration::from_secs(15), "{video:?}");
        let fixed = Settings {
            media_duration: Some(Duration::from_millis(300)),
            ..fast
        };
        assert_eq!(
            media_duration("glabs-veo-3", 1, &fixed),
            Duration::from_millis(300)
        );
    }
}
