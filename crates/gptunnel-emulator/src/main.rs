//! `gptunnel-emulator`: the emulator on a local port.
//! Prints `gptunnel-emulator listening on http://…` once ready (scripts wait for that line),
//! then one line per request on stderr (method, path, status; never keys or bodies).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use gptunnel_emulator::{Emulator, Faults, Progress, Settings};

/// A faithful local GPTunnel image API for tests, demos and first-time users.
#[derive(Debug, Parser)]
#[command(name = "gptunnel-emulator", version, about)]
struct Cli {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Allow a non-loopback --listen address (the emulator has no real security).
    #[arg(long)]
    allow_remote: bool,
    /// Seconds a Midjourney grid task takes to finish (upsamples take half).
    #[arg(long, default_value_t = Settings::default().task_duration.as_secs_f64())]
    task_seconds: f64,
    /// How percent moves while a task runs: ladder, smooth, silent, stall, queued, or mix
    /// (a seeded mix of them, one model per task).
    #[arg(long, default_value_t = Settings::default().progress)]
    progress: Progress,
    /// Seconds every media task takes (default: per model, e.g. 8–20 s for google-imagen-3 and
    /// 2–5 minutes for glabs-veo-3, scaled by --task-seconds / 20).
    #[arg(long)]
    media_seconds: Option<f64>,
    /// Side in pixels of a square grid image.
    #[arg(long, default_value_t = Settings::default().image_size)]
    image_size: u32,
    /// Starting organisation balance in rubles.
    #[arg(long, default_value_t = Settings::default().starting_balance, allow_negative_numbers = true)]
    balance: f64,
    /// How far below zero the balance may go.
    #[arg(long, default_value_t = Settings::default().credit_limit)]
    credit_limit: f64,
    /// An accepted API key (repeatable). Without any, every non-empty key is accepted.
    #[arg(long = "key", value_name = "KEY")]
    keys: Vec<String>,
    /// Share (0..1) of tasks that end `failed`.
    #[arg(long, default_value_t = 0.0)]
    failure_rate: f64,
    /// Share of result polls answered 500.
    #[arg(long, default_value_t = 0.0)]
    poll_500: f64,
    /// Share of result polls answered 429 with Retry-After.
    #[arg(long, default_value_t = 0.0)]
    poll_429: f64,
    /// Share of Midjourney result polls answered 200 with an error envelope.
    #[arg(long, default_value_t = 0.0)]
    poll_error_200: f64,
    /// Share of result polls whose connection is dropped.
    #[arg(long, default_value_t = 0.0)]
    poll_drop: f64,
    /// Share of result polls answered after --slow-ms.
    #[arg(long, default_value_t = 0.0)]
    poll_slow: f64,
    /// Share of result polls answered with an unparseable body.
    #[arg(long, default_value_t = 0.0)]
    poll_malformed: f64,
    /// Share of creates answered 500 (before creating anything).
    #[arg(long, default_value_t = 0.0)]
    create_500: f64,
    /// Share of creates answered 429 (before creating anything).
    #[arg(long, default_value_t = 0.0)]
    create_429: f64,
    /// Share of Midjourney creates answered 200 with an error envelope (before creating anything).
    #[arg(long, default_value_t = 0.0)]
    create_error_200: f64,
    /// Share of creates whose connection is dropped AFTER the task was created and charged.
    #[arg(long, default_value_t = 0.0)]
    create_drop: f64,
    /// Share of creates answered after --slow-ms (the task is created first).
    #[arg(long, default_value_t = 0.0)]
    create_slow: f64,
    /// Share of creates answered with an unparseable body AFTER the task was created.
    #[arg(long, default_value_t = 0.0)]
    create_malformed: f64,
    /// Retry-After of injected 429s, in seconds.
    #[arg(long, default_value_t = Faults::default().retry_after.as_secs_f64())]
    retry_after_seconds: f64,
    /// Delay of injected slow answers, in milliseconds.
    #[arg(long, default_value_t = Faults::default().slow_delay.as_millis() as u64)]
    slow_ms: u64,
    /// Answer 401 and 402 with the provider's example bodies as printed (with their trailing
    /// comma: not valid JSON).
    #[arg(long)]
    doc_literal_errors: bool,
    /// Seed of every random decision (ids, failures, progress, faults).
    #[arg(long, default_value_t = Settings::default().seed)]
    seed: u64,
    /// Base of result URLs (default: from each request's Host header).
    #[arg(long)]
    public_url: Option<String>,
    /// Gone: the relay is its own program now (`gptunnel-relay --upstream URL`).
    #[arg(long, value_name = "URL", hide = true)]
    upstream: Option<String>,
    /// Do not log requests.
    #[arg(long)]
    quiet: bool,
}

impl Cli {
    fn settings(&self) -> Result<Settings, String> {
        let seconds = |value: f64, name: &str| {
            Duration::try_from_secs_f64(value)
                .map_err(|_| format!("--{name} must be a non-negative number of seconds"))
        };
        let retry_after = seconds(self.retry_after_seconds, "retry-after-seconds")?;
        let slow_delay = Duration::from_millis(self.slow_ms);
        let faults =
            |error_500, too_many_requests, error_200, drop_connection, slow, malformed_body| {
                Faults {
                    error_500,
                    too_many_requests,
                    error_200,
                    retry_after,
                    drop_connection,
                    slow,
                    slow_delay,
                    malformed_body,
                }
            };
        let settings = Settings {
            task_duration: seconds(self.task_seconds, "task-seconds")?,
            progress: self.progress,
            media_duration: self
                .media_seconds
                .map(|value| seconds(value, "media-seconds"))
                .transpose()?,
            image_size: self.image_size,
            starting_balance: self.balance,
            credit_limit: self.credit_limit,
            accepted_keys: (!self.keys.is_empty()).then(|| self.keys.clone()),
            failure_rate: self.failure_rate,
            poll_faults: faults(
                self.poll_500,
                self.poll_429,
                self.poll_error_200,
                self.poll_drop,
                self.poll_slow,
                self.poll_malformed,
            ),
            create_faults: faults(
                self.create_500,
                self.create_429,
                self.create_error_200,
                self.create_drop,
                self.create_slow,
                self.create_malformed,
            ),
            seed: self.seed,
            public_url: self.public_url.clone(),
            log_requests: !self.quiet,
            doc_literal_errors: self.doc_literal_errors,
        };
        settings.validate()?;
        Ok(settings)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if !cli.listen.ip().is_loopback() && !cli.allow_remote {
        eprintln!(
            "gptunnel-emulator: refusing to listen on {} (not a loopback address); add --allow-remote if you mean it",
            cli.listen
        );
        return ExitCode::from(2);
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gptunnel-emulator: {message}");
            ExitCode::from(1)
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    if cli.upstream.is_some() {
        return Err("relay mode moved: run `gptunnel-relay --upstream URL --allow-origin ORIGIN` (crates/gptunnel-relay)".into());
    }
    let settings = cli.settings()?;
    let emulator = Emulator::start_on(cli.listen, settings)
        .await
        .map_err(|error| format!("cannot start on {}: {error}", cli.listen))?;
    println!("gptunnel-emulator listening on {}", emulator.base_url());
    wait_for_shutdown().await;
    Ok(())
}

async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
