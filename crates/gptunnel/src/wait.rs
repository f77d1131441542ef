//! Waiting for a task to finish: the async loop around the sans-IO [`Poller`].
//!
//! The poller decides when to poll and when to give up; this loop only fetches, reports what
//! changed, and sleeps. It also tells the poller what this kind of task took before (the
//! client's [`DurationMemory`](crate::poll::DurationMemory)) and teaches that memory when the
//! task is done. Cancel by dropping the future: that drops the timer and the in-flight request
//! with it. Only reads are repeated here, never a create.

mod pollable;

use std::time::Duration;

pub use pollable::Pollable;
use pollable::Stage;

use crate::client::Client;
use crate::media::MediaTask;
use crate::poll::{Decision, Expected, Observation, PollOptions, Poller, TaskKind};
use crate::task::Task;
use crate::{time, Error};

/// Give up after this long without progress, unless told otherwise.
pub const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// Report a stall after this long without progress, unless told otherwise.
pub const DEFAULT_STALL_AFTER: Duration = Duration::from_secs(2 * 60);

/// How to wait for a task.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitOptions {
    /// Give up when nothing has moved for this long (restarts on progress). `None` = never.
    pub timeout: Option<Duration>,
    /// Report [`WaitEvent::Stalled`] when nothing has moved for this long. `None` = never.
    pub stall_after: Option<Duration>,
    /// Never poll more often than this; `None` = the poller's default.
    pub min_interval: Option<Duration>,
    /// Never wait longer than this between polls; `None` = the poller's default.
    pub max_interval: Option<Duration>,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            timeout: Some(DEFAULT_WAIT_TIMEOUT),
            stall_after: Some(DEFAULT_STALL_AFTER),
            min_interval: None,
            max_interval: None,
        }
    }
}

impl WaitOptions {
    /// The poller's settings for these options.
    pub fn to_poll_options(&self) -> PollOptions {
        let defaults = PollOptions::default();
        PollOptions {
            timeout: self.timeout,
            stall_after: self.stall_after,
            min_interval: self.min_interval.unwrap_or(defaults.min_interval),
            max_interval: self.max_interval.unwrap_or(defaults.max_interval),
            ..defaults
        }
    }
}

/// What happened while waiting, for progress bars and logs.
#[derive(Debug)]
pub enum WaitEvent<'a, T> {
    /// The task's status, percent or result changed (also sent for the first sighting).
    Progress(&'a T),
    /// Nothing has moved for `stalled_for`; still waiting.
    Stalled {
        /// The task as last seen.
        task: &'a T,
        /// How long nothing has moved.
        stalled_for: Duration,
    },
    /// A poll failed in a transient way; the next one comes after `delay`.
    Retrying {
        /// What went wrong.
        error: &'a Error,
        /// The wait before the next poll.
        delay: Duration,
    },
}

/// What to wait for: a task id, or a task already in hand (a create's answer), which is then
/// not fetched again at once.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitTarget<T> {
    /// Only the id is known.
    Id(String),
    /// The task as last seen.
    Known(T),
}

impl Client {
    /// The one wait behind [`Client::wait`], [`Client::media_wait`] and their `_task` forms
    /// (they only name the target; issue 17), and the JS `wait`, `mediaWait` and `run`,
    /// generic over the kind of task (a Midjourney [`Task`] or a [`MediaTask`]): poll until
    /// the task is done (`Ok`), failed ([`Error::TaskFailed`]), out of time
    /// ([`Error::TimedOut`]) or refused (the non-retryable error).
    pub async fn wait_for<T: Pollable>(
        &self,
        target: &WaitTarget<T>,
        options: &WaitOptions,
        on_event: impl FnMut(WaitEvent<'_, T>),
    ) -> Result<T, Error> {
        let (id, first) = match target {
            WaitTarget::Id(id) => (id.as_str(), None),
            WaitTarget::Known(task) => (task.id(), Some(task.clone())),
        };
        crate::request::check_task_id(id)?;
        wait_loop(self, id, first, options, on_event).await
    }

    /// Poll Midjourney task `task_id` until it is done (`Ok`), failed ([`Error::TaskFailed`]),
    /// out of time ([`Error::TimedOut`]) or refused (the non-retryable error).
    pub async fn wait(
        &self,
        task_id: &str,
        options: &WaitOptions,
        on_event: impl FnMut(WaitEvent<'_, Task>),
    ) -> Result<Task, Error> {
        self.wait_for(&WaitTarget::Id(task_id.to_owned()), options, on_event)
            .await
    }

    /// Like [`Client::wait`], starting from a task already in hand (a create's answer), so it
    /// is not fetched again at once.
    pub async fn wait_task(
        &self,
        task: &Task,
        options: &WaitOptions,
        on_event: impl FnMut(WaitEvent<'_, Task>),
    ) -> Result<Task, Error> {
        self.wait_for(&WaitTarget::Known(task.clone()), options, on_event)
            .await
    }

    /// Poll media task `task_id` until it is done; see [`Client::wait`]. Media tasks report no
    /// percent, so the polls follow the time since `created_at` and what this model took
    /// before; the timeout counts from the start: raise it for slow (video) models.
    pub async fn media_wait(
        &self,
        task_id: &str,
        options: &WaitOptions,
        on_event: impl FnMut(WaitEvent<'_, MediaTask>),
    ) -> Result<MediaTask, Error> {
        self.wait_for(&WaitTarget::Id(task_id.to_owned()), options, on_event)
            .await
    }

    /// What this client expects of a task of `kind`: the prior for its kind plus what its
    /// waits (and its clones') learned from earlier tasks of that kind.
    pub fn expected(&self, kind: TaskKind<'_>) -> Expected {
        self.durations.expected(kind)
    }

    /// Like [`Client::media_wait`], starting from a media task already in hand.
    pub async fn media_wait_task(
        &self,
        task: &MediaTask,
        options: &WaitOptions,
        on_event: impl FnMut(WaitEvent<'_, MediaTask>),
    ) -> Result<MediaTask, Error> {
        self.wait_for(&WaitTarget::Known(task.clone()), options, on_event)
            .await
    }
}

/// What the first sighting of a task told about its duration.
struct Sighting {
    /// The task's age at `at` (the loop's clock), when known.
    age: Option<Duration>,
    at: Duration,
}

impl Sighting {
    /// Tells the poller what this kind of task took before and, when known, how old this one
    /// is.
    fn first<T: Pollable>(client: &Client, poller: &mut Poller, task: &T) -> Self {
        let at = time::now();
        poller.set_expected(client.durations.expected(task.kind()));
        let age = task
            .age(time::unix_now())
            .or_else(|| task.just_created().then_some(Duration::ZERO));
        if let Some(age) = age {
            poller.set_age(at, age);
        }
        Self { age, at }
    }

    /// Remembers what `task` took, now that it is done: its duration when its age was known
    /// (a task picked up half-way would teach a short one), and how it ended against the
    /// poller's forecast.
    fn learn<T: Pollable>(&self, client: &Client, poller: &Poller, task: &T) {
        let now = time::now();
        if let Some(age) = self.age {
            let took = age + now.saturating_sub(self.at);
            client.durations.record(task.kind(), took);
        }
        if let Some(overrun) = poller.overrun(now) {
            client.durations.record_overrun(task.kind(), overrun);
        }
    }
}

/// Different for every wait, so that clients hit by the same outage do not retry in lockstep.
fn jitter_seed(id: &str, now: Duration) -> u64 {
    // FNV-1a over the id, mixed with the clock.
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    hash ^ (now.as_nanos() as u64)
}

async fn wait_loop<T: Pollable>(
    client: &Client,
    id: &str,
    first: Option<T>,
    options: &WaitOptions,
    mut on_event: impl FnMut(WaitEvent<'_, T>),
) -> Result<T, Error> {
    let started = time::now();
    let mut poll_options = options.to_poll_options();
    poll_options.seed ^= jitter_seed(id, started);
    let mut poller = Poller::new(poll_options, started);
    let mut next = first;
    let mut last: Option<T> = None;
    let mut sighting: Option<Sighting> = None;
    loop {
        let polled = match next.take() {
            Some(task) => Ok(task),
            None => T::fetch(client, id).await,
        };
        let mut retrying = None;
        let observation = match polled {
            Ok(task) => {
                let seen =
                    sighting.get_or_insert_with(|| Sighting::first(client, &mut poller, &task));
                let changed = last
                    .as_ref()
                    .is_none_or(|before| task.changed_since(before));
                if changed {
                    on_event(WaitEvent::Progress(&task));
                }
                let stage = task.stage();
                match stage {
                    Stage::Done => {
                        seen.learn(client, &poller, &task);
                        return Ok(task);
                    }
                    Stage::Failed(reason) => {
                        return Err(Error::TaskFailed {
                            task_id: id.to_owned(),
                            reason,
                        })
                    }
                    Stage::Running { percent } => {
                        last = Some(task);
                        Observation::Running { percent }
                    }
                }
            }
            Err(error) if error.is_retryable() => {
                let observation = Observation::RetryableError {
                    retry_after: error.retry_after(),
                };
                retrying = Some(error);
                observation
            }
            Err(error) => return Err(error),
        };
        let delay = match poller.observe(time::now(), observation) {
            Decision::PollAfter(delay) => delay,
            Decision::Stalled { stalled_for, then } => {
                if let Some(task) = &last {
                    on_event(WaitEvent::Stalled { task, stalled_for });
                }
                then
            }
            Decision::TimedOut => {
                return Err(Error::TimedOut {
                    waited: time::now() - started,
                })
            }
        };
        if let Some(error) = &retrying {
            on_event(WaitEvent::Retrying { error, delay });
        }
        time::sleep(delay).await;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use futures::executor::block_on;

    use super::*;
    use crate::Config;

    /// Nothing listens on port 9: a wait that fetched would fail with a network error.
    fn offline() -> Client {
        Client::new(Config::new("k").with_base_url("http://127.0.0.1:9")).unwrap()
    }

    #[test]
    fn a_finished_task_in_hand_is_returned_without_a_fetch_for_both_kinds() {
        let task: Task = crate::json::read(include_str!(
            "../tests/fixtures/upsample_resubmit_done.json"
        ))
        .unwrap();
        let mut progress = 0;
        let target = WaitTarget::Known(task.clone());
        let done = block_on(
            offline().wait_for(&target, &WaitOptions::default(), |event| {
                progress += matches!(event, WaitEvent::Progress(_)) as usize;
            }),
        );
        assert_eq!(done.unwrap(), task);
        assert_eq!(progress, 1);

        let media: MediaTask =
            crate::json::read(include_str!("../tests/fixtures/media_result_done.json")).unwrap();
        let target = WaitTarget::Known(media.clone());
        let done = block_on(offline().wait_for(&target, &WaitOptions::default(), |_| {}));
        assert_eq!(done.unwrap().id, "6880f043e6060500018821de");
    }

    #[test]
    fn a_malformed_id_is_refused_before_any_request() {
        let target = WaitTarget::<MediaTask>::Id("../balance".to_owned());
        let err = block_on(offline().wait_for(&target, &WaitOptions::default(), |_| {}));
        assert!(
            matches!(
                err,
                Err(Error::InvalidInput {
                    field: "taskId",
                    ..
                })
            ),
            "{err:?}"
        );
    }
}
