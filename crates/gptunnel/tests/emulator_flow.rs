#![cfg(not(target_arch = "wasm32"))] // native; the browser side is in wasm_*.rs
//! The client against the emulator over real HTTP: a whole session, the refusals a user meets
//! (bad key, empty balance, bad request), task failure, time-outs, transient faults, and the
//! promise that a create is sent exactly once whatever happens.

use std::time::Duration;

use gptunnel::{
    Action, ApiErrorKind, Client, Config, Direction, Error, ErrorKind, Imagine, Inpaint,
    MediaCreate, MediaStatus, Pan, TaskStatus, TaskType, Upsample, Variation, VariationMode,
    WaitEvent, WaitOptions,
};
use gptunnel_emulator::{Emulator, Faults, JournalEntry, Settings};

/// The provider's 512x512 example mask from seed 002 (the emulator's images are 512 wide).
const MASK: &str = include_str!("fixtures/provider_mask.b64");

/// Polls every 20–100 ms: the emulator's fast tasks take 300 ms.
fn quick() -> WaitOptions {
    WaitOptions {
        min_interval: Some(Duration::from_millis(20)),
        max_interval: Some(Duration::from_millis(100)),
        ..WaitOptions::default()
    }
}

async fn start(settings: Settings) -> (Emulator, Client) {
    let emulator = Emulator::start(settings).await.expect("emulator starts");
    let client = Client::new(Config::new("test-key").with_base_url(emulator.base_url())).unwrap();
    (emulator, client)
}

fn posts_to(journal: &[JournalEntry], path: &str) -> usize {
    journal
        .iter()
        .filter(|e| e.method == "POST" && e.path == path)
        .count()
}

#[tokio::test]
async fn a_whole_session_from_prompt_to_balance() {
    let (emulator, client) = start(Settings::fast()).await;

    let grid = client
        .imagine(&Imagine::new("Старый IBM PC на светлом фоне"))
        .await
        .unwrap();
    assert_eq!(
        (grid.task_type.clone(), grid.status.clone()),
        (TaskType::Imagine, TaskStatus::Idle)
    );
    let mut seen = Vec::new();
    let grid = client
        .wait_task(&grid, &quick(), |event| {
            if let WaitEvent::Progress(task) = event {
                seen.push((task.status.clone(), task.percent));
            }
        })
        .await
        .unwrap();
    assert_eq!(grid.status, TaskStatus::Done);
    assert!(grid.result.is_some());
    assert!(grid.allows(&Action::upsample(1)), "{:?}", grid.actions);
    assert_eq!(
        seen.first(),
        Some(&(TaskStatus::Idle, 0)),
        "the created task is reported first"
    );
    assert_eq!(seen.last().map(|s| s.0.clone()), Some(TaskStatus::Done));
    assert!(
        seen.windows(2).all(|w| w[0] != w[1]),
        "only changes are reported: {seen:?}"
    );

    let image = client.upsample(&Upsample::new(&grid.id, 1)).await.unwrap();
    assert_eq!(image.parent_id.as_deref(), Some(grid.id.as_str()));
    let image = client.wait(&image.id, &quick(), |_| {}).await.unwrap();
    assert!(image.allows(&Action::HighVariation), "{:?}", image.actions);

    let variation = client
        .variation(&Variation::mode(&image.id, VariationMode::High))
        .await
        .unwrap();
    let variation = client
        .wait_task(&variation, &quick(), |_| {})
        .await
        .unwrap();
    assert_eq!(variation.task_type, TaskType::Variation);

    let inpaint = Inpaint::new(&image.id, MASK.trim()).prompt("a red apple on the desk");
    let inpainted = client.inpaint(&inpaint).await.unwrap();
    let inpainted = client
        .wait_task(&inpainted, &quick(), |_| {})
        .await
        .unwrap();
    assert_eq!(
        (inpainted.task_type, inpainted.status),
        (TaskType::Inpaint, TaskStatus::Done)
    );

    let media = client
        .media_create(
            &MediaCreate::new("google-imagen-3", "a lighthouse at dawn").aspect_ratio("9:21"),
        )
        .await
        .unwrap();
    assert!(media.prompt.ends_with("--ar 9:21"), "{}", media.prompt);
    let media = client
        .media_wait_task(&media, &quick(), |_| {})
        .await
        .unwrap();
    assert_eq!(media.status, MediaStatus::Done);
    assert!(media.url.is_some());

    let balance = client.balance().await.unwrap();
    assert_eq!(balance.object, "balance");
    assert!(
        balance.balance < Settings::fast().starting_balance,
        "{balance:?}"
    );

    let journal = emulator.journal();
    for path in ["imagine", "upsample", "variation", "inpaint"] {
        assert_eq!(
            posts_to(&journal, &format!("/v1/midjourney/{path}")),
            1,
            "{path}"
        );
    }
    assert_eq!(posts_to(&journal, "/v1/media/create"), 1);
}

#[tokio::test]
async fn the_action_table_matches_the_emulator_for_every_listed_action() {
    let (emulator, client) = start(Settings::fast()).await;
    let grid = client.imagine(&Imagine::new("a cat")).await.unwrap();
    let grid = client.wait_task(&grid, &quick(), |_| {}).await.unwrap();
    let image = client
        .action(&grid.id, &Action::parse("upsamle_2"))
        .await
        .unwrap();
    let image = client.wait_task(&image, &quick(), |_| {}).await.unwrap();

    for action in image.actions.iter().filter(|a| **a != Action::Inpaint) {
        let task = client.action(&image.id, action).await;
        assert!(task.is_ok(), "{action}: {task:?}");
    }
    for action in [Action::Reroll, Action::Variation(4)] {
        assert!(client.action(&grid.id, &action).await.is_ok(), "{action}");
    }
    let pan = client
        .pan(&Pan::new(&image.id, Direction::Left))
        .await
        .unwrap();
    assert_eq!(pan.task_type, TaskType::Pan);
    assert!(posts_to(&emulator.journal(), "/v1/midjourney/upscale") >= 1);
}

#[tokio::test]
async fn a_wrong_key_is_unauthorized() {
    let settings = Settings {
        accepted_keys: Some(vec!["the-right-key".into()]),
        ..Settings::fast()
    };
    let (_emulator, client) = start(settings).await;
    let err = client.imagine(&Imagine::new("a cat")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 401,
                kind: ApiErrorKind::Unauthorized,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert!(!err.to_string().contains("test-key"));
    assert_eq!(
        client.balance().await.unwrap_err().kind(),
        ErrorKind::Unauthorized
    );
    let media = client
        .media_create(&MediaCreate::new("flux-dev", "a cat"))
        .await
        .unwrap_err();
    assert_eq!(media.kind(), ErrorKind::Unauthorized, "{media:?}");
}

#[tokio::test]
async fn an_empty_balance_is_insufficient_balance() {
    let settings = Settings {
        starting_balance: 0.0,
        credit_limit: 0.0,
        ..Settings::fast()
    };
    let (_emulator, client) = start(settings).await;
    let err = client.imagine(&Imagine::new("a cat")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 402,
                kind: ApiErrorKind::InsufficientBalance,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::InsufficientBalance);
    let media = client
        .media_create(&MediaCreate::new("flux-dev", "a cat"))
        .await
        .unwrap_err();
    assert_eq!(media.kind(), ErrorKind::InsufficientBalance, "{media:?}");
}

#[tokio::test]
async fn requests_the_server_refuses_are_invalid_request_errors() {
    let (_emulator, client) = start(Settings::fast()).await;
    let missing_prompt = client
        .raw("imagine", &serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(
            missing_prompt,
            Error::Api {
                status: 400,
                kind: ApiErrorKind::InvalidRequest,
                ..
            }
        ),
        "{missing_prompt:?}"
    );

    let grid = client.imagine(&Imagine::new("a cat")).await.unwrap();
    let grid = client.wait_task(&grid, &quick(), |_| {}).await.unwrap();
    let image = client.upsample(&Upsample::new(&grid.id, 3)).await.unwrap();
    let image = client.wait_task(&image, &quick(), |_| {}).await.unwrap();
    // A valid PNG of the wrong size: only the server knows the parent's size.
    let tiny = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==";
    let err = client
        .inpaint(&Inpaint::new(&image.id, tiny))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{err:?}");
    assert!(err.to_string().contains("mask"), "{err}");
}

#[tokio::test]
async fn a_failed_task_ends_the_wait_with_its_reason() {
    let (_emulator, client) = start(Settings {
        failure_rate: 1.0,
        ..Settings::fast()
    })
    .await;
    let task = client.imagine(&Imagine::new("a cat")).await.unwrap();
    let err = client.wait_task(&task, &quick(), |_| {}).await.unwrap_err();
    assert!(
        matches!(&err, Error::TaskFailed { task_id, .. } if *task_id == task.id),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Failed);
}

#[tokio::test]
async fn a_task_that_does_not_move_times_out() {
    let settings = Settings {
        task_duration: Duration::from_secs(3600),
        ..Settings::fast()
    };
    let (_emulator, client) = start(settings).await;
    let task = client.imagine(&Imagine::new("a cat")).await.unwrap();
    let options = WaitOptions {
        timeout: Some(Duration::from_millis(500)),
        ..quick()
    };
    let err = client.wait_task(&task, &options, |_| {}).await.unwrap_err();
    let Error::TimedOut { waited } = err else {
        panic!("{err:?}")
    };
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

#[tokio::test]
async fn transient_poll_failures_are_retried_and_reported() {
    let faults = Faults {
        error_500: 0.3,
        malformed_body: 0.15,
        ..Faults::none()
    };
    let settings = Settings {
        poll_faults: faults,
        task_duration: Duration::from_secs(1),
        ..Settings::fast()
    };
    let (emulator, client) = start(settings).await;
    let task = client.imagine(&Imagine::new("a cat")).await.unwrap();
    let mut retries = 0;
    let done = client
        .wait_task(&task, &quick(), |event| {
            if let WaitEvent::Retrying { error, .. } = event {
                assert!(error.is_retryable());
                retries += 1;
            }
        })
        .await
        .unwrap();
    assert_eq!(done.status, TaskStatus::Done);
    let faulted = emulator
        .journal()
        .iter()
        .filter(|e| e.fault.is_some())
        .count();
    assert!(
        faulted > 0,
        "the seeded faults hit at least one poll: {:#?}",
        emulator.journal()
    );
    assert_eq!(retries, faulted, "every injected fault was reported once");
}

#[tokio::test]
async fn a_create_that_may_have_reached_the_server_is_sent_once_and_says_so() {
    for faults in [
        Faults {
            error_500: 1.0,
            ..Faults::none()
        },
        Faults {
            drop_connection: 1.0,
            ..Faults::none()
        },
        Faults {
            malformed_body: 1.0,
            ..Faults::none()
        },
    ] {
        let (emulator, client) = start(Settings {
            create_faults: faults.clone(),
            ..Settings::fast()
        })
        .await;
        let err = client.imagine(&Imagine::new("a cat")).await.unwrap_err();
        assert!(err.outcome_unknown(), "{faults:?}: {err:?}");
        assert!(!err.is_retryable(), "{faults:?}: {err:?}");
        let err = client
            .media_create(&MediaCreate::new("flux-dev", "a cat"))
            .await
            .unwrap_err();
        assert!(err.outcome_unknown(), "{faults:?}: {err:?}");
        assert!(!err.is_retryable(), "{faults:?}: {err:?}");
        let journal = emulator.journal();
        assert_eq!(
            posts_to(&journal, "/v1/midjourney/imagine"),
            1,
            "{faults:?}"
        );
        assert_eq!(posts_to(&journal, "/v1/media/create"), 1, "{faults:?}");
    }
}

#[tokio::test]
async fn a_create_refused_with_429_every_time_is_sent_three_times_then_rate_limited() {
    let (emulator, client) = start(Settings {
        create_faults: Faults {
            too_many_requests: 1.0,
            retry_after: Duration::ZERO,
            ..Faults::none()
        },
        ..Settings::fast()
    })
    .await;
    let err = client.imagine(&Imagine::new("a cat")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err:?}");
    assert!(!err.outcome_unknown(), "a 429 processed nothing");
    assert!(!err.is_retryable());
    assert_eq!(posts_to(&emulator.journal(), "/v1/midjourney/imagine"), 3);
}

#[tokio::test]
async fn dropping_a_wait_stops_polling() {
    let settings = Settings {
        task_duration: Duration::from_secs(3600),
        ..Settings::fast()
    };
    let (emulator, client) = start(settings).await;
    let task = client.imagine(&Imagine::new("a cat")).await.unwrap();
    let polls = || {
        let journal = emulator.journal();
        journal
            .iter()
            .filter(|e| e.path == "/v1/midjourney/result")
            .count()
    };
    let options = quick();
    let waiting = client.wait_task(&task, &options, |_| {});
    // Dropped only once the emulator has seen it poll twice: it was really polling.
    let polled_twice = async {
        while polls() < 2 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::select! {
        ended = waiting => panic!("the wait ended by itself: {ended:?}"),
        seen = tokio::time::timeout(Duration::from_secs(10), polled_twice) => {
            seen.expect("the wait polled twice within 10 s");
        }
    }
    let at_drop = polls();
    // Polling on would be a poll every 100 ms at most: five in this window. At most the one
    // already on its way when the wait was dropped may still arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = polls() - at_drop;
    assert!(after <= 1, "{after} polls after the drop");
}
