//! A clock and a sleep that work natively and in browsers (window or worker).
//!
//! `std::time::Instant::now()` panics on wasm32-unknown-unknown, hence the split. Dropping a
//! sleep cancels its timer in both cases, which is what makes cancel-by-drop work.

use std::time::Duration;

/// Time since an arbitrary fixed origin; only differences are meaningful.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

/// Time since the Unix epoch; only differences are meaningful.
#[cfg(target_arch = "wasm32")]
pub(crate) fn now() -> Duration {
    Duration::from_secs_f64(js_sys::Date::now().max(0.0) / 1000.0)
}

/// Wait for `duration` (needs a Tokio runtime natively, as reqwest does).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await
}

/// Wait for `duration` with the global `setTimeout` (present in windows and workers).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn sleep(duration: Duration) {
    // setTimeout takes an i32 of milliseconds; longer waits are clamped (~24 days).
    let millis = u32::try_from(duration.as_millis())
        .unwrap_or(u32::MAX)
        .min(i32::MAX as u32);
    gloo_timers::future::TimeoutFuture::new(millis).await
}
