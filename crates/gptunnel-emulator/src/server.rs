//! Running handles: bind, serve in the background, shut down when dropped (wiremock's
//! `MockServer` is the model: start on port 0, ask for the URI, inspect received requests).

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::clock::Clock;
use crate::journal::JournalEntry;
use crate::settings::Settings;
use crate::state::AppState;

/// A router served on a socket until dropped.
#[derive(Debug)]
struct Running {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Running {
    async fn spawn(addr: SocketAddr, router: Router) -> io::Result<Running> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (shutdown, stop) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let stopped = async move {
                let _ = stop.await;
            };
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(stopped)
                .await;
        });
        Ok(Running {
            addr,
            shutdown: Some(shutdown),
        })
    }

    fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// A running emulator. Dropping it shuts the server down. Needs a Tokio runtime.
#[derive(Debug)]
pub struct Emulator {
    running: Running,
    state: AppState,
}

impl Emulator {
    /// Starts on `127.0.0.1:0` (a free port).
    pub async fn start(settings: Settings) -> io::Result<Emulator> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), settings).await
    }

    /// Starts on the given address. Refuses invalid settings (`InvalidInput`).
    pub async fn start_on(addr: SocketAddr, settings: Settings) -> io::Result<Emulator> {
        settings
            .validate()
            .map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))?;
        Self::serve(addr, AppState::new(settings)).await
    }

    /// Starts on `127.0.0.1:0` with the given clock (e.g. a `ManualClock`).
    pub async fn start_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> io::Result<Emulator> {
        settings
            .validate()
            .map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))?;
        Self::serve(
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            AppState::with_clock(settings, clock),
        )
        .await
    }

    /// Serves an existing state (shared with in-process tests, say).
    pub async fn serve(addr: SocketAddr, state: AppState) -> io::Result<Emulator> {
        let running = Running::spawn(addr, crate::app::app(state.clone())).await?;
        Ok(Emulator { running, state })
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        self.running.base_url()
    }

    pub fn addr(&self) -> SocketAddr {
        self.running.addr
    }

    /// Requests received so far, in arrival order.
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.state.journal()
    }

    /// The shared state (balance, reset, settings).
    pub fn state(&self) -> &AppState {
        &self.state
    }
}
