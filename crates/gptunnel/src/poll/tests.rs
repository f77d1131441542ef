//! The poller's behaviour on a fake clock. Timelines here are written out literally (none is the
//! ladder of `tests/support`, and none comes from the poller's constants); the population-wide
//! targets of issue 11 are asserted in `tests/polling.rs`.
use super::*;

fn s(secs: f64) -> Duration {
    Duration::from_secs_f64(secs)
}

fn running(percent: u8) -> Observation {
    Observation::Running {
        percent: Some(percent),
    }
}

const NO_PERCENT: Observation = Observation::Running { percent: None };

fn error(retry_after: Option<Duration>) -> Observation {
    Observation::RetryableError { retry_after }
}

fn delay_of(decision: Decision) -> Duration {
    decision.delay().expect("expected a delay, got TimedOut")
}

/// What one simulated run looked like: poll times (seconds) and when done was seen.
struct Trace {
    polls: Vec<f64>,
    seen_done_at: f64,
}

/// Drives a poller over a task that shows `ladder` (`(since, percent)`, seconds; `None` for no
/// percent at all) and is done at `done_at`, on a fake clock.
fn drive(options: PollOptions, ladder: &[(f64, u8)], percent: bool, done_at: f64) -> Trace {
    let observe_at = |t: f64| {
        if !percent {
            return NO_PERCENT;
        }
        let p = ladder
            .iter()
            .filter(|&&(since, _)| since <= t)
            .map(|&(_, p)| p)
            .next_back()
            .unwrap_or(0);
        running(p)
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    let mut now = 0.0;
    let mut polls = Vec::new();
    let mut observation = observe_at(0.0);
    loop {
        now += delay_of(poller.observe(s(now), observation)).as_secs_f64();
        polls.push(now);
        assert!(polls.len() < 1000, "the poller never reached the end");
        if now >= done_at {
            return Trace {
                polls,
                seen_done_at: now,
            };
        }
        observation = observe_at(now);
    }
}

/// A regular ladder: 8 % every 4 s from 6 s on (8, 16, … 96 at 50 s), done a step later, at 54 s.
fn regular_ladder() -> Vec<(f64, u8)> {
    (1..=12u8)
        .map(|k| (2.0 + 4.0 * f64::from(k), 8 * k))
        .collect()
}

#[test]
fn a_regular_ladder_costs_under_half_a_2s_poller_and_is_seen_within_1_5_s() {
    let trace = drive(PollOptions::default(), &regular_ladder(), true, 54.0);
    // A fixed 2 s poller needs 27 polls to see it.
    assert!(trace.polls.len() <= 13, "{:?}", trace.polls);
    assert!(trace.seen_done_at - 54.0 <= 1.5, "{:?}", trace.polls);
}

#[test]
fn the_forecast_lands_near_the_real_finish() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    poller.observe(Duration::ZERO, running(0));
    // Polls that bracket each step of the regular ladder within a second.
    for (since, percent) in regular_ladder() {
        poller.observe(s(since - 0.5), running(poller.percent().unwrap()));
        poller.observe(s(since + 0.5), running(percent));
    }
    let finish = poller.predicted_finish().unwrap().as_secs_f64();
    assert!((finish - 54.0).abs() < 3.0, "predicted {finish}");
}

#[test]
fn polls_are_sparse_far_from_the_finish_and_dense_near_it() {
    let trace = drive(PollOptions::default(), &regular_ladder(), true, 54.0);
    let gaps: Vec<f64> = trace.polls.windows(2).map(|w| w[1] - w[0]).collect();
    let before_half: Vec<&f64> = trace
        .polls
        .iter()
        .zip(&gaps)
        .filter(|(t, _)| **t < 27.0)
        .map(|(_, g)| g)
        .collect();
    assert!(before_half.iter().all(|g| **g >= 4.0), "{gaps:?}");
    assert!(*gaps.last().unwrap() <= 1.5, "{gaps:?}");
}

#[test]
fn the_first_poll_waits_instead_of_hammering() {
    let mut poller = Poller::new(PollOptions::default(), s(100.0));
    let first = delay_of(poller.observe(s(100.0), running(0)));
    assert!(first >= s(5.0), "{first:?}");
}

#[test]
fn a_task_without_progress_is_watched_at_most_every_3_8_s_once_it_could_be_done() {
    // Midjourney's prior says 30–90 s; the task shows 0 % for four minutes.
    let trace = drive(PollOptions::default(), &[], true, 240.0);
    let gaps: Vec<f64> = trace.polls.windows(2).map(|w| w[1] - w[0]).collect();
    let late: Vec<&f64> = trace
        .polls
        .iter()
        .zip(&gaps)
        .filter(|(t, _)| **t >= 30.0)
        .map(|(_, g)| g)
        .collect();
    assert!(late.iter().all(|g| **g <= 3.8 + 1e-9), "{gaps:?}");
    assert!(trace.seen_done_at - 240.0 <= 3.8 + 1e-9);
}

#[test]
fn a_task_stuck_past_its_forecast_is_neither_hammered_nor_forgotten() {
    // The regular ladder reaches 96 % at 50 s, then holds for two minutes.
    let trace = drive(PollOptions::default(), &regular_ladder(), true, 180.0);
    let gaps: Vec<(f64, f64)> = trace
        .polls
        .windows(2)
        .map(|w| (w[0], w[1] - w[0]))
        .collect();
    let held: Vec<f64> = gaps
        .iter()
        .filter(|(t, _)| *t >= 80.0)
        .map(|&(_, g)| g)
        .collect();
    assert!(held.iter().all(|g| *g <= 3.8 + 1e-9), "{gaps:?}");
    let mean = held.iter().sum::<f64>() / held.len() as f64;
    assert!(mean >= 2.5, "mean gap {mean} in the hold: {gaps:?}");
}

#[test]
fn a_media_task_is_polled_around_what_its_model_took_before() {
    let options = PollOptions {
        expected: Expected {
            seen: [27.0, 29.0, 30.0, 31.0, 33.0, 28.0, 32.0, 30.0]
                .map(Duration::from_secs_f64)
                .to_vec(),
            ..Expected::image()
        },
        ..PollOptions::default()
    };
    let trace = drive(options, &[], false, 30.5);
    let gaps: Vec<(f64, f64)> = trace
        .polls
        .windows(2)
        .map(|w| (w[0], w[1] - w[0]))
        .collect();
    // Sparse well before 27 s (a faster task stays possible: never more than 3.8 s apart),
    // dense around 30 s.
    assert!(trace.polls[0] >= 5.0, "{gaps:?}");
    assert!(
        gaps.iter()
            .filter(|(t, _)| *t < 15.0)
            .all(|&(_, g)| g >= 3.5),
        "{gaps:?}"
    );
    assert!(trace.seen_done_at - 30.5 <= 1.5, "{:?}", trace.polls);
    // A fixed 2 s poller needs 16 polls.
    assert!(trace.polls.len() <= 10, "{:?}", trace.polls);
}

#[test]
fn a_never_seen_video_model_is_first_polled_later_than_an_image_model() {
    let first = |expected: Expected| {
        let options = PollOptions {
            expected,
            ..PollOptions::default()
        };
        delay_of(Poller::new(options, Duration::ZERO).observe(Duration::ZERO, NO_PERCENT))
    };
    let (video, image) = (
        first(Expected::for_media_model("glabs-veo-3")),
        first(Expected::for_media_model("google-imagen-3")),
    );
    assert!(video > image, "video {video:?}, image {image:?}");
}

#[test]
fn a_task_picked_up_old_is_polled_as_old() {
    let options = PollOptions {
        expected: Expected::for_media_model("google-imagen-3"),
        ..PollOptions::default()
    };
    let mut fresh = Poller::new(options.clone(), s(500.0));
    let mut old = Poller::new(options, s(500.0));
    old.set_age(s(500.0), s(300.0));
    let fresh_gap = delay_of(fresh.observe(s(500.0), NO_PERCENT));
    let old_gap = delay_of(old.observe(s(500.0), NO_PERCENT));
    // Five minutes old, an image is overdue: watched closely, not left for its first wait.
    assert!(old_gap <= s(3.8), "{old_gap:?}");
    assert!(fresh_gap > old_gap, "{fresh_gap:?} vs {old_gap:?}");
}

#[test]
fn a_task_done_as_forecast_reports_an_overrun_near_one() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    poller.observe(Duration::ZERO, running(0));
    for (since, percent) in regular_ladder() {
        poller.observe(s(since + 0.5), running(percent));
    }
    let overrun = poller.overrun(s(54.0)).unwrap();
    assert!((0.7..1.4).contains(&overrun.ratio), "{overrun:?}");
    assert_eq!(overrun.rise, 8.0);
    let never_moved = Poller::new(PollOptions::default(), Duration::ZERO);
    assert_eq!(never_moved.overrun(s(54.0)), None);
}

#[test]
fn retry_backoff_grows_by_half_with_jitter_and_stops_at_the_cap() {
    let options = PollOptions {
        stall_after: None,
        timeout: None,
        ..PollOptions::default()
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    poller.observe(Duration::ZERO, running(10));
    // Base 1 s, ×1.5 each time, capped at 4 s; each delay in [half, full).
    let bounds: [(f64, f64); 7] = [
        (0.5, 1.0),
        (0.75, 1.5),
        (1.125, 2.25),
        (1.6875, 3.375),
        (2.0, 4.0),
        (2.0, 4.0),
        (2.0, 4.0),
    ];
    for (i, &(low, high)) in bounds.iter().enumerate() {
        let delay = delay_of(poller.observe(s(i as f64), error(None))).as_secs_f64();
        // The poller never polls faster than min_interval (1 s).
        let low = low.max(1.0);
        assert!(
            low <= delay && delay <= high.max(1.0),
            "error {}: {delay} not in [{low}, {high}]",
            i + 1
        );
    }
}

#[test]
fn jitter_spreads_retries_and_differs_between_seeds() {
    let mut seen = Vec::new();
    for seed in 1..=50 {
        let options = PollOptions {
            seed,
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, Duration::ZERO);
        poller.observe(Duration::ZERO, running(10));
        for i in 1..5 {
            poller.observe(s(f64::from(i)), error(None));
        }
        let fifth = delay_of(poller.observe(s(5.0), error(None))).as_secs_f64();
        assert!((2.0..=4.0).contains(&fifth), "{fifth}");
        seen.push(fifth);
    }
    let (low, high) = seen
        .iter()
        .fold((f64::MAX, 0.0f64), |(l, h), &d| (l.min(d), h.max(d)));
    assert!(high - low > 1.0, "jitter too narrow: {low}..{high}");
}

#[test]
fn the_same_seed_gives_the_same_delays() {
    let run = || {
        let mut poller = Poller::new(
            PollOptions {
                seed: 7,
                ..PollOptions::default()
            },
            Duration::ZERO,
        );
        (1..6)
            .map(|i| poller.observe(s(f64::from(i)), error(None)))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn retry_after_is_never_undercut_even_beyond_max_interval() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    poller.observe(Duration::ZERO, running(30));
    assert_eq!(
        poller.observe(s(5.0), error(Some(s(45.0)))),
        Decision::PollAfter(s(45.0))
    );
    // A very short Retry-After still waits the shortest interval (1 s).
    assert_eq!(
        poller.observe(s(50.0), error(Some(s(0.1)))),
        Decision::PollAfter(s(1.0))
    );
}

#[test]
fn after_a_retry_after_our_own_backoff_starts_afresh() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    poller.observe(Duration::ZERO, running(30));
    for i in 1..6 {
        poller.observe(s(f64::from(i)), error(None));
    }
    poller.observe(s(10.0), error(Some(s(5.0))));
    let next = delay_of(poller.observe(s(15.0), error(None)));
    assert!(next <= s(1.0), "{next:?}");
}

#[test]
fn a_good_observation_resets_the_backoff() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    for i in 0..6 {
        poller.observe(s(f64::from(i)), error(None));
    }
    poller.observe(s(10.0), running(15));
    let delay = delay_of(poller.observe(s(11.0), error(None)));
    assert!(delay <= s(1.0), "{delay:?}");
}

#[test]
fn a_stall_is_reported_once_then_again_after_progress_stops_anew() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    poller.observe(Duration::ZERO, running(0));
    poller.observe(s(10.0), running(93));
    let mut reports = Vec::new();
    for t in (20..=400).step_by(10) {
        let percent = if t >= 200 { 95 } else { 93 };
        if let Decision::Stalled { stalled_for, then } =
            poller.observe(s(f64::from(t)), running(percent))
        {
            assert!(then > Duration::ZERO);
            reports.push((t, stalled_for));
        }
    }
    assert_eq!(reports, vec![(130, s(120.0)), (320, s(120.0))]);
}

#[test]
fn errors_during_a_stall_do_not_report_it_twice() {
    let mut poller = Poller::new(PollOptions::default(), Duration::ZERO);
    poller.observe(Duration::ZERO, running(50));
    assert!(matches!(
        poller.observe(s(121.0), error(None)),
        Decision::Stalled { .. }
    ));
    assert!(matches!(
        poller.observe(s(125.0), running(50)),
        Decision::PollAfter(_)
    ));
    assert!(matches!(
        poller.observe(s(130.0), error(None)),
        Decision::PollAfter(_)
    ));
}

#[test]
fn the_timeout_restarts_whenever_percent_rises() {
    let options = PollOptions {
        timeout: Some(s(60.0)),
        ..PollOptions::default()
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    poller.observe(Duration::ZERO, running(0));
    assert_ne!(poller.observe(s(50.0), running(15)), Decision::TimedOut);
    assert_ne!(poller.observe(s(100.0), running(15)), Decision::TimedOut);
    assert_ne!(poller.observe(s(109.9), error(None)), Decision::TimedOut);
    assert_eq!(poller.observe(s(110.0), running(15)), Decision::TimedOut);
}

#[test]
fn the_timeout_fires_when_nothing_moves_and_errors_are_not_progress() {
    let options = PollOptions {
        timeout: Some(s(30.0)),
        ..PollOptions::default()
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    poller.observe(Duration::ZERO, running(40));
    assert_ne!(poller.observe(s(20.0), error(None)), Decision::TimedOut);
    assert_eq!(poller.observe(s(30.0), error(None)), Decision::TimedOut);
}

#[test]
fn a_media_task_times_out_from_its_start() {
    let options = PollOptions {
        timeout: Some(s(300.0)),
        ..PollOptions::default()
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    assert_ne!(poller.observe(s(299.0), NO_PERCENT), Decision::TimedOut);
    assert_eq!(poller.observe(s(300.0), NO_PERCENT), Decision::TimedOut);
}

#[test]
fn the_last_poll_before_a_timeout_lands_on_it() {
    let options = PollOptions {
        timeout: Some(s(30.0)),
        stall_after: None,
        ..PollOptions::default()
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    poller.observe(Duration::ZERO, running(0));
    assert_eq!(
        poller.observe(s(28.0), running(0)),
        Decision::PollAfter(s(2.0))
    );
}

#[test]
fn delays_are_never_zero_even_with_zero_options() {
    let options = PollOptions {
        min_interval: Duration::ZERO,
        max_interval: Duration::ZERO,
        interval_when_likely: Duration::ZERO,
        interval_when_possible: Duration::ZERO,
        lateness_per_poll: Duration::ZERO,
        retry_base: Duration::ZERO,
        retry_max: Duration::ZERO,
        expected: Expected {
            typical: Duration::ZERO,
            spread: 0.0,
            seen: vec![Duration::ZERO],
            overruns: vec![Overrun {
                ratio: 0.0,
                rise: 0.0,
            }],
        },
        seed: 0,
        ..PollOptions::default()
    };
    let mut poller = Poller::new(options, Duration::ZERO);
    for (i, observation) in [
        running(0),
        running(20),
        error(None),
        NO_PERCENT,
        running(40),
        running(100),
    ]
    .into_iter()
    .enumerate()
    {
        let delay = delay_of(poller.observe(s(i as f64), observation));
        assert!(delay > Duration::ZERO, "observation {i}");
    }
}

#[test]
fn weird_input_is_tolerated() {
    let mut poller = Poller::new(PollOptions::default(), s(1000.0));
    let observations = [
        (s(1000.0), running(50)),
        (s(1010.0), running(30)), // backwards
        (s(990.0), running(60)),  // the clock went backwards
        (s(990.0), running(200)), // above 100, twice at the same instant
        (s(990.0), running(250)),
        (s(995.0), NO_PERCENT), // the percent disappeared
        (Duration::ZERO, error(Some(Duration::ZERO))),
        (s(1300.0), running(100)),
    ];
    for (now, observation) in observations {
        let decision = poller.observe(now, observation);
        assert!(
            decision.delay().is_some_and(|d| d >= s(1.0)),
            "{decision:?}"
        );
    }
    assert_eq!(poller.percent(), Some(100));
}

#[test]
fn random_input_never_panics_or_returns_a_zero_delay() {
    let mut rng = 0x1234_5678_9ABC_DEF0u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for _ in 0..200 {
        let expected = Expected {
            seen: (0..next() % 40)
                .map(|_| Duration::from_millis(next() % 400_000))
                .collect(),
            overruns: (0..next() % 40)
                .map(|_| Overrun {
                    ratio: (next() % 10_000) as f64 / 100.0,
                    rise: (next() % 120) as f64,
                })
                .collect(),
            ..Expected::default()
        };
        let options = PollOptions {
            expected,
            ..PollOptions::default()
        };
        let mut poller = Poller::new(options, s((next() % 1000) as f64));
        if next() % 3 == 0 {
            poller.set_age(s((next() % 2000) as f64), s((next() % 5000) as f64));
        }
        let mut now = 0.0f64;
        for _ in 0..100 {
            now = (now + (next() % 20_000) as f64 / 1000.0 - 3.0).max(0.0);
            let observation = match next() % 5 {
                0 => error(Some(s((next() % 5000) as f64 / 1000.0))),
                1 => error(None),
                2 => NO_PERCENT,
                _ => running((next() % 256) as u8),
            };
            match poller.observe(s(now), observation) {
                Decision::TimedOut => break,
                decision => assert!(decision.delay().unwrap() > Duration::ZERO),
            }
        }
        let _ = poller.predicted_finish();
        let _ = poller.overrun(s(now));
    }
}

#[test]
fn huge_times_saturate_instead_of_panicking() {
    let mut poller = Poller::new(
        PollOptions {
            timeout: None,
            ..PollOptions::default()
        },
        Duration::ZERO,
    );
    poller.observe(Duration::ZERO, running(0));
    poller.observe(s(5.0), running(15));
    assert!(poller.observe(Duration::MAX, running(31)).delay().is_some());
    assert!(poller
        .observe(Duration::MAX, error(Some(Duration::MAX)))
        .delay()
        .is_some());
    poller.set_age(Duration::MAX, Duration::MAX);
    assert!(poller.observe(Duration::MAX, NO_PERCENT).delay().is_some());
    let _ = poller.predicted_finish();
    let _ = poller.overrun(Duration::MAX);
}

#[test]
fn the_memory_keeps_the_last_durations_per_kind_apart() {
    let memory = DurationMemory::new();
    let imagen = TaskKind::Media("google-imagen-3");
    for secs in 1..=40 {
        memory.record(imagen, Duration::from_secs(secs));
    }
    memory.record(TaskKind::Midjourney("imagine"), Duration::from_secs(50));
    memory.record(imagen, Duration::ZERO); // not a duration
    memory.record(imagen, Duration::from_secs(24 * 3600)); // a task found a day later
    let seen = memory.expected(imagen).seen;
    assert_eq!(seen.len(), 32);
    assert_eq!(seen.first(), Some(&Duration::from_secs(9)));
    assert_eq!(seen.last(), Some(&Duration::from_secs(40)));
    assert_eq!(
        memory.expected(TaskKind::Midjourney("imagine")).seen,
        vec![Duration::from_secs(50)]
    );
    // A media model and a Midjourney type with the same name do not mix.
    assert!(memory
        .expected(TaskKind::Midjourney("google-imagen-3"))
        .seen
        .is_empty());
}

#[test]
fn the_memory_forgets_the_least_recently_used_kinds_beyond_64() {
    let memory = DurationMemory::new();
    let names: Vec<String> = (0..70).map(|i| format!("model-{i}")).collect();
    for name in &names {
        memory.record(TaskKind::Media(name), Duration::from_secs(10));
    }
    assert!(memory.expected(TaskKind::Media(&names[0])).seen.is_empty());
    assert_eq!(memory.expected(TaskKind::Media(&names[69])).seen.len(), 1);
}

#[test]
fn a_model_id_names_a_video_model_or_not() {
    for video in [
        "glabs-veo-3",
        "glabs-veo-3-1-fast",
        "seedance-1-lite-480P-5s",
        "Kling-2",
    ] {
        assert!(is_video_model(video), "{video}");
        assert_eq!(Expected::for_media_model(video), Expected::video());
    }
    for image in [
        "google-imagen-3",
        "gpt-image-1-high",
        "flux-dev",
        "yandex-art",
        "",
    ] {
        assert!(!is_video_model(image), "{image}");
        assert_eq!(Expected::for_media_model(image), Expected::image());
    }
}
