//! Each progress model observed over HTTP on a virtual clock (no sleeping): what a poller sees
//! from creation to `done`. Expected numbers are the brief's (ladder 0,15,…,93; smooth steps of
//! 1–3 %; stall within 85–93 %; queues of 0–15 s, at most half a short task).

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{id_of, Harness};
use gptunnel_emulator::{Clock, Progress, ProgressModel, Settings};

/// One poll: time since creation, status, percent, whether `result` held a URL.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    at: Duration,
    status: String,
    percent: u64,
    picture: bool,
}

fn harness(model: ProgressModel, task_seconds: u64) -> Harness {
    Harness::new(Settings {
        task_duration: Duration::from_secs(task_seconds),
        progress: Progress::Only(model),
        starting_balance: 1e6,
        ..Settings::fast()
    })
}

/// Creates an imagine and polls it every `step` until it is done.
async fn observe(emulator: &Harness, prompt: &str, step: Duration) -> Vec<Seen> {
    let id = id_of(&emulator.imagine(prompt).await);
    let started = emulator.clock.now();
    let mut seen = Vec::new();
    loop {
        let task = emulator.result(&id).await;
        let entry = Seen {
            at: emulator.clock.now() - started,
            status: task["status"].as_str().unwrap().to_string(),
            percent: task["percent"].as_u64().unwrap(),
            picture: task["result"].is_string(),
        };
        let done = entry.status == "done";
        seen.push(entry);
        if done {
            return seen;
        }
        assert!(seen.len() < 100_000, "never done");
        emulator.clock.advance(step);
    }
}

/// Common to every model: idle first, percent never down, done at exactly the duration.
fn assert_well_formed(seen: &[Seen], duration: Duration) {
    assert_eq!(seen[0].status, "idle", "{:?}", seen[0]);
    assert!(
        seen.windows(2).all(|w| w[0].percent <= w[1].percent),
        "percent went down: {seen:?}"
    );
    let done = seen.last().unwrap();
    assert_eq!(done.percent, 100);
    assert!(done.at >= duration, "done at {:?}", done.at);
    for poll in &seen[..seen.len() - 1] {
        assert!(poll.at < duration, "{poll:?}");
        assert!(poll.percent < 100, "{poll:?}");
        match poll.status.as_str() {
            "idle" => assert_eq!((poll.percent, poll.picture), (0, false), "{poll:?}"),
            "processing" => assert_eq!(poll.picture, poll.percent > 0, "{poll:?}"),
            other => panic!("unexpected status {other}"),
        }
    }
}

/// How long each percent below 100 was shown, in order of appearance (idle time excluded).
fn holds(seen: &[Seen]) -> Vec<(u64, Duration)> {
    let processing: Vec<&Seen> = seen.iter().filter(|s| s.status != "idle").collect();
    let mut holds: Vec<(u64, Duration)> = Vec::new();
    for pair in processing.windows(2) {
        let held = pair[1].at - pair[0].at;
        match holds.last_mut() {
            Some((percent, total)) if *percent == pair[0].percent => *total += held,
            _ => holds.push((pair[0].percent, held)),
        }
    }
    holds
}

#[tokio::test]
async fn a_ladder_task_climbs_uneven_steps_held_for_unequal_times() {
    let emulator = harness(ProgressModel::Ladder, 100);
    for prompt in ["a", "b", "c"] {
        let seen = observe(&emulator, prompt, Duration::from_millis(100)).await;
        assert_well_formed(&seen, Duration::from_secs(100));
        let holds = holds(&seen);
        let percents: Vec<u64> = holds.iter().map(|(percent, _)| *percent).collect();
        assert_eq!(percents, [0, 15, 31, 46, 62, 78, 93]);
        let times: Vec<f64> = holds.iter().map(|(_, d)| d.as_secs_f64()).collect();
        let (shortest, longest) = times
            .iter()
            .fold((f64::MAX, 0.0f64), |(lo, hi), t| (lo.min(*t), hi.max(*t)));
        assert!(
            longest > shortest * 1.3,
            "steps held for nearly equal times: {times:?}"
        );
    }
}

#[tokio::test]
async fn a_smooth_task_moves_often_in_steps_of_one_to_three_percent() {
    let emulator = harness(ProgressModel::Smooth, 60);
    let seen = observe(&emulator, "a fox", Duration::from_millis(50)).await;
    assert_well_formed(&seen, Duration::from_secs(60));
    let percents: Vec<u64> = holds(&seen).iter().map(|(p, _)| *p).collect();
    let rises: Vec<u64> = percents.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(rises.iter().all(|r| (1..=3).contains(r)), "{rises:?}");
    assert!(percents.len() > 30, "only {} values", percents.len());
    assert!(*percents.last().unwrap() >= 90, "{percents:?}");
}

#[tokio::test]
async fn a_silent_task_stays_at_zero_without_a_picture_until_done() {
    let emulator = harness(ProgressModel::Silent, 30);
    let seen = observe(&emulator, "a fox", Duration::from_millis(250)).await;
    assert_well_formed(&seen, Duration::from_secs(30));
    let processing = seen.iter().filter(|s| s.status == "processing").count();
    assert!(processing > 80, "processing seen {processing} times");
    assert!(seen[..seen.len() - 1]
        .iter()
        .all(|s| s.percent == 0 && !s.picture));
}

#[tokio::test]
async fn a_stalling_task_holds_within_85_to_93_percent_for_over_half_its_time() {
    let emulator = harness(ProgressModel::Stall, 100);
    for prompt in ["a", "b", "c", "d"] {
        let seen = observe(&emulator, prompt, Duration::from_millis(100)).await;
        assert_well_formed(&seen, Duration::from_secs(100));
        let holds = holds(&seen);
        let (held_percent, held_for) = *holds.last().unwrap();
        assert!((85..=93).contains(&held_percent), "{holds:?}");
        assert!(
            held_for >= Duration::from_secs(50),
            "held {held_percent} % for only {held_for:?}"
        );
        assert!(holds.len() >= 4, "progress before the hold: {holds:?}");
    }
}

#[tokio::test]
async fn a_queued_task_stays_idle_at_zero_for_a_queue_of_up_to_15_seconds() {
    let emulator = harness(ProgressModel::Queued, 100);
    let mut queues = Vec::new();
    for n in 0..20 {
        let seen = observe(&emulator, &format!("q{n}"), Duration::from_millis(100)).await;
        assert_well_formed(&seen, Duration::from_secs(100));
        let queue = seen.iter().find(|s| s.status != "idle").unwrap().at;
        assert!(queue <= Duration::from_millis(15_100), "{queue:?}");
        let after: Vec<u64> = holds(&seen).iter().map(|(p, _)| *p).collect();
        assert!(after.len() >= 5, "no progress after the queue: {after:?}");
        queues.push(queue);
    }
    assert!(
        queues.iter().any(|q| *q > Duration::from_secs(5)),
        "{queues:?}"
    );
    assert!(
        queues.iter().any(|q| *q < Duration::from_secs(5)),
        "{queues:?}"
    );
}

#[tokio::test]
async fn a_queued_one_second_task_still_finishes_in_one_second() {
    let emulator = harness(ProgressModel::Queued, 1);
    for n in 0..20 {
        let seen = observe(&emulator, &format!("q{n}"), Duration::from_millis(10)).await;
        assert_well_formed(&seen, Duration::from_secs(1));
        assert_eq!(seen.last().unwrap().at, Duration::from_secs(1));
        let queue = seen.iter().find(|s| s.status != "idle").unwrap().at;
        assert!(queue <= Duration::from_millis(510), "{queue:?}");
    }
}

#[tokio::test]
async fn the_default_mix_gives_every_model_to_some_tasks_and_the_journal_names_it() {
    assert_eq!(Settings::default().progress, Progress::Mix);
    assert_eq!(Settings::fast().progress, Progress::Mix);
    let emulator = Harness::new(Settings {
        starting_balance: 1e6,
        ..Settings::fast()
    });
    for n in 0..200 {
        emulator.imagine(&format!("cat {n}")).await;
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for entry in emulator.state.journal() {
        let note = entry.note.unwrap_or_default();
        let model = note.strip_prefix("progress: ").unwrap_or(&note).to_string();
        *counts.entry(model).or_default() += 1;
    }
    let names: Vec<&str> = counts.keys().map(String::as_str).collect();
    assert_eq!(names, ["ladder", "queued", "silent", "smooth", "stall"]);
    assert!(counts.values().all(|n| *n >= 10), "{counts:?}");
}

#[tokio::test]
async fn the_same_seed_gives_every_task_the_same_progress() {
    async fn run(seed: u64) -> Vec<Vec<u64>> {
        let emulator = Harness::new(Settings {
            seed,
            task_duration: Duration::from_secs(10),
            ..Settings::fast()
        });
        let mut runs = Vec::new();
        for prompt in ["a", "b", "c", "d", "e"] {
            let seen = observe(&emulator, prompt, Duration::from_millis(200)).await;
            runs.push(seen.iter().map(|s| s.percent).collect());
        }
        runs
    }
    assert_eq!(run(7).await, run(7).await);
    assert_ne!(run(7).await, run(8).await);
}
