//! Polling efficiency benchmark (issue 11): `cargo bench -p gptunnel --bench polling`.
//!
//! Replays the simulated population of `tests/support` (five Midjourney-like progress models,
//! and media tasks without progress, with poll errors; built independently of the poller)
//! through our poller and through fixed-interval pollers (0.5 s, 2 s, 5 s), on a virtual clock,
//! so the whole run takes seconds and reruns print the same numbers. `tests/polling.rs` asserts
//! the targets on the same population; this prints the table (pooled over the seeds),
//! per progress model, and writes `target/bench/polling.json`. It never fails on the numbers.
#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::path::PathBuf;

use support::population::{media_mix, midjourney_mix, Job, Model};
use support::replay::{replay_all, Run, Stats, Strategy};

const SEEDS: [u64; 5] = [
    0x5EED_0001,
    0x5EED_0002,
    0x5EED_0003,
    0x5EED_0004,
    0x5EED_0005,
];
const JOBS_PER_SEED: usize = 300;
const STRATEGIES: [Strategy; 4] = [
    Strategy::Ours,
    Strategy::Fixed(0.5),
    Strategy::Fixed(2.0),
    Strategy::Fixed(5.0),
];

/// One mix's runs: `runs[strategy]`, every seed pooled.
struct Mix {
    name: &'static str,
    runs: Vec<Vec<Run>>,
}

impl Mix {
    fn replay(name: &'static str, make: fn(u64, usize) -> Vec<Job>) -> Mix {
        let runs = STRATEGIES
            .iter()
            .map(|&strategy| {
                SEEDS
                    .iter()
                    .flat_map(|&seed| replay_all(&make(seed, JOBS_PER_SEED), strategy, seed))
                    .collect()
            })
            .collect();
        Mix { name, runs }
    }

    fn stats(&self, strategy: usize, model: Option<Model>) -> Stats {
        Stats::of(
            self.runs[strategy]
                .iter()
                .filter(|run| model.is_none_or(|m| run.model == m)),
        )
    }

    fn models(&self) -> Vec<Model> {
        let mut models: Vec<Model> = self.runs[0].iter().map(|run| run.model).collect();
        models.sort();
        models.dedup();
        models
    }

    fn print(&self) {
        println!(
            "\n{}: {} seeds x {} jobs, pooled",
            self.name,
            SEEDS.len(),
            JOBS_PER_SEED
        );
        println!(
            "{:<16} {:>12} {:>8} {:>9} {:>7} {:>7} {:>9} {:>7} {:>9}",
            "poller",
            "req/finished",
            "req/job",
            "median s",
            "p95 s",
            "max s",
            "finished",
            "failed",
            "timed out"
        );
        for (k, strategy) in STRATEGIES.iter().enumerate() {
            let s = self.stats(k, None);
            println!(
                "{:<16} {:>12.2} {:>8.2} {:>9.2} {:>7.2} {:>7.2} {:>9} {:>7} {:>9}",
                strategy.name(),
                s.requests_per_finished,
                s.requests_per_job,
                s.median_delay,
                s.p95_delay,
                s.max_delay,
                s.finished,
                s.failed,
                s.timed_out
            );
        }
        let (ours, fixed) = (self.stats(0, None), self.stats(2, None));
        println!(
            "ours / fixed 2 s: requests {:.3}, median delay {:.3}",
            ours.requests_per_finished / fixed.requests_per_finished,
            ours.median_delay / fixed.median_delay
        );
        for model in self.models() {
            let (ours, fixed) = (self.stats(0, Some(model)), self.stats(2, Some(model)));
            println!(
                "  {:<7} ours {:>6.2} req/finished ({:.2}x fixed 2 s), median {:.2} s, p95 {:.2} s, max {:.2} s",
                model.name(),
                ours.requests_per_finished,
                ours.requests_per_finished / fixed.requests_per_finished,
                ours.median_delay,
                ours.p95_delay,
                ours.max_delay
            );
        }
    }

    /// `"pollers": [...]` and the ratios against the fixed 2 s poller.
    fn json(&self) -> String {
        let pollers: Vec<String> = STRATEGIES
            .iter()
            .enumerate()
            .map(|(k, strategy)| {
                format!(
                    "{{\"name\": \"{}\", {}}}",
                    strategy.name(),
                    stats_json(&self.stats(k, None))
                )
            })
            .collect();
        let models: Vec<String> = self
            .models()
            .into_iter()
            .map(|model| {
                format!(
                    "{{\"model\": \"{}\", \"ours\": {{{}}}, \"fixed_2s\": {{{}}}}}",
                    model.name(),
                    stats_json(&self.stats(0, Some(model))),
                    stats_json(&self.stats(2, Some(model)))
                )
            })
            .collect();
        let (ours, fixed) = (self.stats(0, None), self.stats(2, None));
        format!(
            "\"pollers\": [\n    {}\n  ],\n  \"ours_vs_fixed_2s\": {{\"requests_ratio\": {}, \"median_delay_ratio\": {}, \"plain_requests_ratio\": null}},\n  \"by_model\": [\n    {}\n  ]",
            pollers.join(",\n    "),
            number(ours.requests_per_finished / fixed.requests_per_finished),
            number(ours.median_delay / fixed.median_delay),
            models.join(",\n    ")
        )
    }
}

/// A JSON number, or `null` for NaN (no finished job).
fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.4}")
    } else {
        "null".to_string()
    }
}

fn stats_json(s: &Stats) -> String {
    format!(
        "\"requests_per_finished_job\": {}, \"requests_per_job\": {}, \"median_done_delay_s\": {}, \
         \"p95_done_delay_s\": {}, \"max_done_delay_s\": {}, \"finished\": {}, \"failed\": {}, \"timed_out\": {}",
        number(s.requests_per_finished),
        number(s.requests_per_job),
        number(s.median_delay),
        number(s.p95_delay),
        number(s.max_delay),
        s.finished,
        s.failed,
        s.timed_out
    )
}

/// `$CARGO_TARGET_DIR`, else `target/` beside the Cargo.lock found above this package.
fn target_dir() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let root = manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(&manifest)
        .to_path_buf();
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

fn main() {
    let midjourney = Mix::replay("Midjourney mix", midjourney_mix);
    let media = Mix::replay("media mix", media_mix);
    midjourney.print();
    media.print();

    let mut json = String::new();
    let _ = write!(
        json,
        "{{\n  \"bench\": \"polling\",\n  \"seeds\": {SEEDS:?},\n  \"jobs_per_seed\": {JOBS_PER_SEED},\n  \
         \"pooled\": true,\n  {},\n  \"media\": {{\n  {}\n  }}\n}}\n",
        midjourney.json(),
        media.json()
    );
    let dir = target_dir().join("bench");
    let path = dir.join("polling.json");
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, json)) {
        Ok(()) => println!("\nwrote {}", path.display()),
        Err(err) => eprintln!("could not write {}: {err}", path.display()),
    }
}
