//! A running relay: bound, served in the background, shut down when dropped.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::config::RelayConfig;
use crate::forward::relay_app;

/// A relay serving on a socket until dropped. Needs a Tokio runtime.
#[derive(Debug)]
pub struct Relay {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Relay {
    /// Starts on `127.0.0.1:0` (a free port).
    pub async fn start(config: RelayConfig) -> io::Result<Relay> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), config).await
    }

    /// Starts on `addr`. A bad upstream or origin is `InvalidInput`.
    pub async fn start_on(addr: SocketAddr, config: RelayConfig) -> io::Result<Relay> {
        let router = relay_app(&config)
            .map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))?;
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
        Ok(Relay {
            addr,
            shutdown: Some(shutdown),
        })
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
