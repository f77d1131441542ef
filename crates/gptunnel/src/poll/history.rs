//! What earlier tasks of the same kind took: the poller's prior for a new task's duration.
//!
//! A media task reports no progress at all, so when it will be done can only come from the time
//! since creation and from what that model took before; a Midjourney task has no progress to
//! show until it leaves the queue. [`DurationMemory`] (one per `Client`, shared by its clones)
//! keeps the last durations seen per media model and per Midjourney task type; [`Expected`] is
//! what it hands to a new [`Poller`](super::Poller).

use crate::number::clamp;
use std::sync::Mutex;
use std::time::Duration;

/// What a poller expects of a task's total duration, from creation to done.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// The typical duration of this kind of task, before any was seen.
    pub typical: Duration,
    /// How much durations of this kind vary, before any was seen: the standard deviation of
    /// their natural logarithm (0.6 is about a factor 1.8 either way).
    pub spread: f64,
    /// What earlier tasks of the same kind took, oldest first (at most the last 32 count).
    pub seen: Vec<Duration>,
    /// How long earlier tasks of the same kind stayed at their last level of progress compared
    /// with the poller's forecast there, oldest first (at most the last 32 count).
    pub overruns: Vec<Overrun>,
}

/// How long a task stayed at its last level of progress compared with the forecast there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overrun {
    /// The time at the last level over the forecast time (1 = as forecast; a hold gives 5 or 20).
    pub ratio: f64,
    /// The task's typical rise of `percent`, in percent: tasks that move in small steps end
    /// differently from tasks that move in coarse ones.
    pub rise: f64,
}

impl Expected {
    /// A Midjourney task: 30–90 s in fast mode (CONTRACT §3).
    pub fn midjourney() -> Self {
        Self::prior(45.0, 0.6)
    }

    /// An image from a media model [assumed: not documented; seconds to a minute].
    pub fn image() -> Self {
        Self::prior(20.0, 0.7)
    }

    /// A video from a media model [assumed: not documented; one to several minutes].
    pub fn video() -> Self {
        Self::prior(120.0, 0.7)
    }

    /// [`Expected::video`] for a model id that names a video model, else [`Expected::image`].
    pub fn for_media_model(model: &str) -> Self {
        if is_video_model(model) {
            Self::video()
        } else {
            Self::image()
        }
    }

    fn prior(typical_secs: f64, spread: f64) -> Self {
        Self {
            typical: Duration::from_secs_f64(typical_secs),
            spread,
            seen: Vec::new(),
            overruns: Vec::new(),
        }
    }
}

impl Default for Expected {
    fn default() -> Self {
        Self::midjourney()
    }
}

/// Whether a media model id names a video model: the contract's video ids (`glabs-veo-3…`,
/// `seedance-…`) and ids that say so. Model lists change, so this is a guess for the first
/// task only; from then on the model's own durations count.
pub fn is_video_model(model: &str) -> bool {
    let model = model.to_ascii_lowercase();
    [
        "veo", "video", "seedance", "kling", "sora", "runway", "hailuo",
    ]
    .iter()
    .any(|word| model.contains(word))
}

/// Which memory a task's duration belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind<'a> {
    /// A Midjourney task of this type (`imagine`, `upsample`…).
    Midjourney(&'a str),
    /// A media task of this model id.
    Media(&'a str),
}

impl TaskKind<'_> {
    fn key(&self) -> String {
        let (family, name) = match self {
            TaskKind::Midjourney(kind) => ("midjourney", kind),
            TaskKind::Media(model) => ("media", model),
        };
        // Ids come from servers and users: bound what is kept.
        let name: String = name.chars().take(MAX_NAME_CHARS).collect();
        format!("{family}/{name}")
    }

    fn prior(&self) -> Expected {
        match self {
            TaskKind::Midjourney(_) => Expected::midjourney(),
            TaskKind::Media(model) => Expected::for_media_model(model),
        }
    }
}

/// Appends `value`, keeping the last [`SEEN_PER_KIND`].
fn keep_last<T>(values: &mut Vec<T>, value: T) {
    values.push(value);
    if values.len() > SEEN_PER_KIND {
        values.remove(0);
    }
}

/// Durations kept per kind: enough to see a model's spread, few enough to follow its changes.
pub const SEEN_PER_KIND: usize = 32;
/// Kinds kept; the least recently used one is forgotten first.
const MAX_KINDS: usize = 64;
const MAX_NAME_CHARS: usize = 100;
/// Longer "durations" are not durations of a generation (a task found days later).
const LONGEST_KEPT: Duration = Duration::from_secs(3 * 60 * 60);

/// What was learned about one kind of task, oldest first.
#[derive(Debug, Default)]
struct Learned {
    durations: Vec<Duration>,
    overruns: Vec<Overrun>,
}

/// The last durations of tasks per kind, shared by everything that polls for one client.
#[derive(Debug, Default)]
pub struct DurationMemory {
    /// `(key, what was learned)`, least recently used first.
    kinds: Mutex<Vec<(String, Learned)>>,
}

impl DurationMemory {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// What to expect of a new task of `kind`: the prior for its kind plus what was seen.
    pub fn expected(&self, kind: TaskKind<'_>) -> Expected {
        let key = kind.key();
        let mut expected = kind.prior();
        if let Some((_, learned)) = self.lock().iter().find(|(k, _)| *k == key) {
            expected.seen = learned.durations.clone();
            expected.overruns = learned.overruns.clone();
        }
        expected
    }

    /// Remembers that a task of `kind` took `duration` from creation to done.
    pub fn record(&self, kind: TaskKind<'_>, duration: Duration) {
        if !duration.is_zero() && duration <= LONGEST_KEPT {
            self.update(kind, |learned| keep_last(&mut learned.durations, duration));
        }
    }

    /// Remembers how a task of `kind` compared with its forecast at its last level (from
    /// [`Poller::overrun`](super::Poller::overrun)).
    pub fn record_overrun(&self, kind: TaskKind<'_>, overrun: Overrun) {
        let Overrun { ratio, rise } = overrun;
        if ratio.is_finite() && ratio > 0.0 && rise.is_finite() && rise > 0.0 {
            let overrun = Overrun {
                ratio: clamp(ratio, 0.01, 1000.0),
                rise: clamp(rise, 1.0, 100.0),
            };
            self.update(kind, |learned| keep_last(&mut learned.overruns, overrun));
        }
    }

    fn update(&self, kind: TaskKind<'_>, change: impl FnOnce(&mut Learned)) {
        let key = kind.key();
        let mut kinds = self.lock();
        let mut entry = match kinds.iter().position(|(k, _)| *k == key) {
            Some(at) => kinds.remove(at),
            None => (key, Learned::default()),
        };
        change(&mut entry.1);
        kinds.push(entry);
        if kinds.len() > MAX_KINDS {
            kinds.remove(0);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, Learned)>> {
        // A panic elsewhere while holding the lock leaves valid data: keep using it.
        self.kinds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
