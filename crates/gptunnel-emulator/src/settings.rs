//! What an emulator is configured with: task timing, picture size, money, accepted keys and
//! the network faults it injects. Plain data with public fields, so a test states exactly the
//! world it wants (`Settings { failure_rate: 1.0, ..Settings::fast() }`).

use std::time::Duration;

use crate::domain::progress::Progress;

/// `task_duration` of `Settings::default()`; media durations are scaled against it.
pub(crate) const DEFAULT_TASK_DURATION: Duration = Duration::from_secs(20);
/// Largest accepted `image_size`: the base side of a grid; pans and upscales grow from it.
pub(crate) const MAX_IMAGE_SIZE: u32 = 2048;
/// Smallest accepted `image_size`.
pub(crate) const MIN_IMAGE_SIZE: u32 = 64;

/// Shares (0..=1) of requests that meet each network fault, for one class of endpoint
/// (creates or polls). At most one fault is injected per request; the shares add up.
#[derive(Debug, Clone, PartialEq)]
pub struct Faults {
    /// Answer 500 with the error envelope, before the handler runs (nothing is created).
    pub error_500: f64,
    /// Answer 429 with a `Retry-After` header, before the handler runs (nothing is created).
    pub too_many_requests: f64,
    /// Answer HTTP 200 with an error envelope instead of a task, before the handler runs
    /// (nothing is created). Midjourney endpoints only: the media API has its own codes.
    pub error_200: f64,
    /// Value of the `Retry-After` header, rounded up to whole seconds.
    pub retry_after: Duration,
    /// Close the connection without an answer, AFTER the handler ran (a create did happen).
    pub drop_connection: f64,
    /// Answer normally, but only after `slow_delay` (the handler ran first).
    pub slow: f64,
    /// How long a slow answer is held back.
    pub slow_delay: Duration,
    /// Answer with a body a client cannot parse (truncated JSON or an HTML error page),
    /// AFTER the handler ran (a create did happen).
    pub malformed_body: f64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            error_500: 0.0,
            too_many_requests: 0.0,
            error_200: 0.0,
            retry_after: Duration::from_secs(2),
            drop_connection: 0.0,
            slow: 0.0,
            slow_delay: Duration::from_secs(3),
            malformed_body: 0.0,
        }
    }
}

impl Faults {
    /// No faults at all (same as `Default`).
    pub fn none() -> Self {
        Faults::default()
    }

    /// Sum of all shares: the probability that a request meets some fault.
    pub fn total(&self) -> f64 {
        self.error_500
            + self.too_many_requests
            + self.error_200
            + self.drop_connection
            + self.slow
            + self.malformed_body
    }

    fn validate(&self, group: &str) -> Result<(), String> {
        let shares = [
            ("error_500", self.error_500),
            ("too_many_requests", self.too_many_requests),
            ("error_200", self.error_200),
            ("drop_connection", self.drop_connection),
            ("slow", self.slow),
            ("malformed_body", self.malformed_body),
        ];
        for (name, share) in shares {
            check_share(&format!("{group}.{name}"), share)?;
        }
        if self.total() > 1.0 + 1e-9 {
            return Err(format!(
                "{group}: the fault shares add up to {} (more than 1)",
                self.total()
            ));
        }
        Ok(())
    }
}

/// Everything an emulator instance is configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a Midjourney grid task takes from creation to `done` (upsamples take half).
    pub task_duration: Duration,
    /// How percent moves while a task runs: one model for all tasks, or a seeded mix.
    pub progress: Progress,
    /// How long every media task takes; `None`: a seeded, per-model time scaled by
    /// `task_duration` (see `media_models::media_duration`).
    pub media_duration: Option<Duration>,
    /// Side in pixels of a square grid image (and so of an upsampled image).
    pub image_size: u32,
    /// Organisation balance in rubles at start and after a reset.
    pub starting_balance: f64,
    /// How far below zero the balance may go (`creditLimit` of `/v1/balance`), see `pricing`.
    pub credit_limit: f64,
    /// Keys accepted in `Authorization`; `None` accepts any non-empty key.
    pub accepted_keys: Option<Vec<String>>,
    /// Share (0..=1) of created tasks that end `failed` instead of `done`.
    pub failure_rate: f64,
    /// Faults of the result endpoints (`/v1/midjourney/result`, `/v1/media/result`).
    pub poll_faults: Faults,
    /// Faults of the create endpoints (the Midjourney actions and `/v1/media/create`).
    pub create_faults: Faults,
    /// Seed of every random decision (ids, failures, faults): same seed, same run.
    pub seed: u64,
    /// Base of the URLs put in `result`/`url`; `None` uses the request's `Host` header.
    pub public_url: Option<String>,
    /// Print one line per request on stderr (method, path, status; never keys or bodies).
    pub log_requests: bool,
    /// Answer 401 and 402 with the provider's example bodies as printed, trailing comma
    /// included (not valid JSON), instead of the well-formed envelope.
    pub doc_literal_errors: bool,
}

impl Default for Settings {
    /// For a person trying the studio: ~20 s tasks whose progress follows a seeded mix of
    /// models, media tasks as long as the real ones, 512-pixel grids, 1000 rubles, no credit,
    /// no failures, no faults.
    fn default() -> Self {
        Settings {
            task_duration: DEFAULT_TASK_DURATION,
            progress: Progress::Mix,
            media_duration: None,
            image_size: 512,
            starting_balance: 1000.0,
            credit_limit: 0.0,
            accepted_keys: None,
            failure_rate: 0.0,
            poll_faults: Faults::none(),
            create_faults: Faults::none(),
            seed: 0x6770_7475_6e6e_656c,
            public_url: None,
            log_requests: false,
            doc_literal_errors: false,
        }
    }
}

impl Settings {
    /// For tests: tasks finish in 300 ms (upsamples in 150 ms, media tasks in 0.1–4.5 s
    /// depending on the model), no failures, no faults.
    pub fn fast() -> Self {
        Settings {
            task_duration: Duration::from_millis(300),
            ..Settings::default()
        }
    }

    /// Checks ranges; `Emulator::start` refuses settings that fail this.
    pub fn validate(&self) -> Result<(), String> {
        if self.task_duration.is_zero() {
            return Err("task_duration must be above zero".into());
        }
        if self
            .media_duration
            .is_some_and(|duration| duration.is_zero())
        {
            return Err("media_duration must be above zero".into());
        }
        if !(MIN_IMAGE_SIZE..=MAX_IMAGE_SIZE).contains(&self.image_size)
            || !self.image_size.is_multiple_of(8)
        {
            return Err(format!(
                "image_size must be a multiple of 8 between {MIN_IMAGE_SIZE} and {MAX_IMAGE_SIZE}, got {}",
                self.image_size
            ));
        }
        if !self.starting_balance.is_finite() {
            return Err("starting_balance must be a finite number".into());
        }
        if !self.credit_limit.is_finite() || self.credit_limit < 0.0 {
            return Err("credit_limit must be zero or more".into());
        }
        if let Some(keys) = &self.accepted_keys {
            if keys.iter().any(|key| key.trim().is_empty()) {
                return Err("accepted_keys must not contain an empty key".into());
            }
        }
        check_share("failure_rate", self.failure_rate)?;
        self.poll_faults.validate("poll_faults")?;
        self.create_faults.validate("create_faults")
    }

    /// Whether `key` (already stripped of `Bearer `) may use the API.
    pub(crate) fn accepts_key(&self, key: &str) -> bool {
        if key.is_empty() {
            return false;
        }
        match &self.accepted_keys {
            None => true,
            Some(keys) => keys.iter().any(|accepted| accepted == key),
        }
    }
}

fn check_share(name: &str, share: f64) -> Result<(), String> {
    if (0.0..=1.0).contains(&share) {
        Ok(())
    } else {
        Err(format!(
            "{name} must be a share between 0 and 1, got {share}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_fast_settings_are_valid() {
        assert_eq!(Settings::default().validate(), Ok(()));
        assert_eq!(Settings::fast().validate(), Ok(()));
        assert!(Settings::fast().task_duration < Duration::from_secs(1));
    }

    #[test]
    fn fault_shares_adding_up_above_one_are_refused() {
        let faults = Faults {
            error_500: 0.6,
            slow: 0.6,
            ..Faults::none()
        };
        let settings = Settings {
            poll_faults: faults,
            ..Settings::fast()
        };
        assert!(settings.validate().unwrap_err().contains("add up"));
    }

    #[test]
    fn odd_image_sizes_are_refused() {
        let settings = Settings {
            image_size: 500,
            ..Settings::fast()
        };
        assert!(settings.validate().is_err());
    }

    #[test]
    fn any_non_empty_key_is_accepted_without_a_key_list() {
        let settings = Settings::fast();
        assert!(settings.accepts_key("anything"));
        assert!(!settings.accepts_key(""));
        let listed = Settings {
            accepted_keys: Some(vec!["k1".into()]),
            ..Settings::fast()
        };
        assert!(listed.accepts_key("k1"));
        assert!(!listed.accepts_key("k2"));
    }
}
