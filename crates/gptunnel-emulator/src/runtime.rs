//! What differs between the socket server (tokio, threads, real timers) and a host with none
//! of them (the demo's Service Worker on wasm32-unknown-unknown): drawing a picture off the
//! async threads, holding an answer back, and timing a request for its log line.

use std::time::Duration;

/// Runs CPU-heavy work (PNG drawing) off the async threads where there are threads.
#[cfg(feature = "server")]
pub(crate) async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| error.to_string())
}

/// Runs the work in place: a worker has one thread.
#[cfg(not(feature = "server"))]
pub(crate) async fn off_thread<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    Ok(work())
}

/// Holds an answer back (the "slow" network fault).
#[cfg(feature = "server")]
pub(crate) async fn hold_back(delay: Duration) {
    tokio::time::sleep(delay).await;
}

/// No timer without a runtime: a slow answer goes at once (the demo injects no faults).
#[cfg(not(feature = "server"))]
pub(crate) async fn hold_back(_delay: Duration) {}

/// Wall time of one request, for the log line.
pub(crate) struct Stopwatch {
    #[cfg(feature = "server")]
    started: std::time::Instant,
}

impl Stopwatch {
    pub(crate) fn start() -> Self {
        Stopwatch {
            #[cfg(feature = "server")]
            started: std::time::Instant::now(),
        }
    }

    /// Zero without `server`: `Instant` panics on wasm32-unknown-unknown.
    pub(crate) fn elapsed(&self) -> Duration {
        #[cfg(feature = "server")]
        return self.started.elapsed();
        #[cfg(not(feature = "server"))]
        Duration::ZERO
    }
}
