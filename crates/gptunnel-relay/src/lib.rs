//! `gptunnel-relay`: lets a browser page on another origin call the GPTunnel API. It forwards
//! `/v1/*` unchanged (method, path, query, body, `Authorization`) to one upstream, streams the
//! answer back, and adds CORS headers only for the origins it was told to allow. The same rules
//! as the nginx and Cloudflare Worker relays of `deploy/`:
//!
//! - no `*` by default: an Origin that is not listed gets no CORS headers (the browser then
//!   refuses the answer); preflights of listed origins are answered here, never forwarded;
//! - only `/v1/*` is forwarded, anything else is a 404 (result images live on the provider's
//!   own host and are shown with `<img>`, which needs no relay);
//! - bodies above the cap (8 MiB by default: masks are a few MB) are a 413;
//! - the key passes through and is never logged (one line per request: method, path, status).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use gptunnel_relay::{Relay, RelayConfig};
//! let config = RelayConfig::new("https://gptunnel.ru", ["https://me.github.io"]);
//! let relay = Relay::start(config).await?;
//! println!("point the studio at {}", relay.base_url());
//! # Ok(()) }
//! ```

mod config;
mod envelope;
mod forward;
mod origins;
mod server;

pub use config::{RelayConfig, DEFAULT_BODY_LIMIT};
pub use forward::relay_app;
pub use server::Relay;
