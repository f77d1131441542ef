//! What the wait loop needs from a kind of task, behind one sealed trait: [`Task`] and
//! [`MediaTask`] are the only kinds, so the generic wait stays the crate's business.

use std::future::Future;
use std::time::Duration;

use crate::client::Client;
use crate::media::{MediaStatus, MediaTask};
use crate::poll::TaskKind;
use crate::task::{Task, TaskStatus};
use crate::Error;

/// A kind of task [`Client::wait_for`] can wait for: [`Task`] and [`MediaTask`]. Sealed: the
/// wait loop's needs are the crate's business.
pub trait Pollable: sealed::Pollable {}

impl Pollable for Task {}
impl Pollable for MediaTask {}

/// What the loop needs from a task type; public in a private module so that nothing outside
/// the crate can implement [`Pollable`] or call these.
mod sealed {
    use super::*;

    /// Where a polled task stands.
    pub enum Stage {
        Running { percent: Option<u8> },
        Done,
        Failed(String),
    }

    pub trait Pollable: Clone {
        fn id(&self) -> &str;
        fn stage(&self) -> Stage;
        /// Which duration memory this task belongs to.
        fn kind(&self) -> TaskKind<'_>;
        /// Whether the task was just created (its age is then about zero).
        fn just_created(&self) -> bool;
        /// How old the task is, when it says when it was created (`unix_now` in seconds).
        fn age(&self, unix_now: f64) -> Option<Duration>;
        /// Whether `self` differs from `before` in anything a person watching would notice.
        fn changed_since(&self, before: &Self) -> bool;
        fn fetch<'a>(
            client: &'a Client,
            id: &'a str,
        ) -> impl Future<Output = Result<Self, Error>> + 'a;
    }
}

pub(super) use sealed::Stage;

impl sealed::Pollable for Task {
    fn id(&self) -> &str {
        &self.id
    }
    fn stage(&self) -> Stage {
        // First: an unknown status that carries an error is a failure, not "still running".
        if let Some(reason) = self.failure() {
            Stage::Failed(reason.to_owned())
        } else if self.status == TaskStatus::Done {
            Stage::Done
        } else {
            Stage::Running {
                percent: Some(self.percent),
            }
        }
    }
    fn kind(&self) -> TaskKind<'_> {
        TaskKind::Midjourney(self.task_type.as_str())
    }
    fn just_created(&self) -> bool {
        self.status == TaskStatus::Idle
    }
    fn age(&self, _unix_now: f64) -> Option<Duration> {
        None // the Midjourney task object carries no creation time
    }
    fn changed_since(&self, before: &Self) -> bool {
        (&self.status, self.percent, &self.result)
            != (&before.status, before.percent, &before.result)
    }
    fn fetch<'a>(
        client: &'a Client,
        id: &'a str,
    ) -> impl Future<Output = Result<Self, Error>> + 'a {
        client.result(id)
    }
}

impl sealed::Pollable for MediaTask {
    fn id(&self) -> &str {
        &self.id
    }
    fn stage(&self) -> Stage {
        if let Some(reason) = self.failure() {
            Stage::Failed(reason.to_owned())
        } else if self.status == MediaStatus::Done {
            Stage::Done
        } else {
            Stage::Running { percent: None }
        }
    }
    fn kind(&self) -> TaskKind<'_> {
        TaskKind::Media(&self.model)
    }
    fn just_created(&self) -> bool {
        self.status == MediaStatus::Idle
    }
    fn age(&self, unix_now: f64) -> Option<Duration> {
        let age = unix_now - self.created_at? as f64;
        // A server clock a little ahead reads as "just created"; nonsense reads as unknown.
        (age < MAX_TRUSTED_AGE).then(|| Duration::from_secs_f64(age.max(0.0)))
    }
    fn changed_since(&self, before: &Self) -> bool {
        (&self.status, &self.url) != (&before.status, &before.url)
    }
    fn fetch<'a>(
        client: &'a Client,
        id: &'a str,
    ) -> impl Future<Output = Result<Self, Error>> + 'a {
        client.media_result(id)
    }
}

/// A `created_at` further back than this (or a clock that far off) is not trusted.
const MAX_TRUSTED_AGE: f64 = 3.0 * 60.0 * 60.0;
