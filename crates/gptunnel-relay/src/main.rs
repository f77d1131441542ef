//! `gptunnel-relay`: the relay on a port. Prints `gptunnel-relay listening on http://…` once
//! ready (scripts wait for that line), then one line per request on stderr (method, path,
//! status, time; never keys, queries or bodies).

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use gptunnel_relay::{Relay, RelayConfig, DEFAULT_BODY_LIMIT};

/// Lets browser pages on the listed origins call the GPTunnel API: forwards /v1/* unchanged to
/// the upstream and adds CORS headers for those origins only.
#[derive(Debug, Parser)]
#[command(name = "gptunnel-relay", version, about)]
struct Cli {
    /// Base URL of the API.
    #[arg(long, value_name = "URL", default_value = "https://gptunnel.ru")]
    upstream: String,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8788")]
    listen: SocketAddr,
    /// An origin whose pages may call the relay, e.g. https://me.github.io (repeatable).
    /// Without any, browsers are refused every answer.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// Largest request body in bytes (larger ones get 413).
    #[arg(long, default_value_t = DEFAULT_BODY_LIMIT)]
    body_limit: usize,
    /// Do not log requests.
    #[arg(long)]
    quiet: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.allow_origins.is_empty() {
        eprintln!("gptunnel-relay: no --allow-origin given: browsers will not be allowed to read any answer");
    }
    let config = RelayConfig {
        upstream: cli.upstream.clone(),
        allowed_origins: cli.allow_origins,
        body_limit: cli.body_limit,
        log_requests: !cli.quiet,
    };
    let relay = match Relay::start_on(cli.listen, config).await {
        Ok(relay) => relay,
        Err(error) => {
            eprintln!("gptunnel-relay: cannot start on {}: {error}", cli.listen);
            return ExitCode::from(1);
        }
    };
    println!("gptunnel-relay listening on {}", relay.base_url());
    println!("relaying /v1/* to {}", cli.upstream.trim_end_matches('/'));
    wait_for_shutdown().await;
    ExitCode::SUCCESS
}

async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
