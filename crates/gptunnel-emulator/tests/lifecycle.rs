//! Task lifecycles on a virtual clock: no sleeping, every step observed.

mod common;

use std::time::Duration;

use common::{id_of, Harness};
use gptunnel_emulator::{Progress, ProgressModel, Settings};
use serde_json::json;

#[tokio::test]
async fn a_ladder_imagine_goes_idle_then_processing_in_rising_steps_with_previews_then_done() {
    let emulator = Harness::new(Settings {
        task_duration: Duration::from_secs(20),
        progress: Progress::Only(ProgressModel::Ladder),
        ..Settings::fast()
    });
    let id = id_of(&emulator.imagine("a lighthouse").await);
    let mut statuses = Vec::new();
    let mut percents = Vec::new();
    for _ in 0..=200 {
        let task = emulator.result(&id).await;
        let status = task["status"].as_str().unwrap().to_string();
        let percent = task["percent"].as_u64().unwrap();
        match status.as_str() {
            "idle" => assert!(task["result"].is_null()),
            "processing" if percent > 0 => {
                let url = task["result"].as_str().expect("a preview while processing");
                assert!(url.ends_with(&format!("?cache={percent}")), "{url}");
                assert_eq!(task["actions"], json!([]));
            }
            "processing" => {}
            "done" => {
                assert_eq!(percent, 100);
                assert_eq!(task["actions"].as_array().unwrap().len(), 9);
                assert!(task["result"].as_str().unwrap().ends_with("?cache=100"));
            }
            other => panic!("unexpected status {other}"),
        }
        if statuses.last() != Some(&status) {
            statuses.push(status);
        }
        percents.push(percent);
        emulator.clock.advance(Duration::from_millis(100));
    }
    assert_eq!(statuses, ["idle", "processing", "done"]);
    assert!(
        percents.windows(2).all(|pair| pair[0] <= pair[1]),
        "percent went down: {percents:?}"
    );
    for step in [15, 31, 46, 62, 78, 93] {
        assert!(
            percents.contains(&step),
            "step {step} never shown: {percents:?}"
        );
    }
}

#[tokio::test]
async fn a_task_is_done_exactly_when_its_duration_has_passed() {
    let emulator = Harness::fast();
    let id = id_of(&emulator.imagine("a cat").await);
    emulator
        .clock
        .advance(emulator.task_duration() - Duration::from_millis(1));
    assert_eq!(emulator.result(&id).await["status"], "processing");
    emulator.clock.advance(Duration::from_millis(1));
    assert_eq!(emulator.result(&id).await["status"], "done");
}

#[tokio::test]
async fn upsamples_take_half_as_long_as_grids() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("a cat").await;
    let up = id_of(
        &emulator
            .act("upsample", json!({"taskId": grid, "image": 2}))
            .await,
    );
    emulator.clock.advance(emulator.task_duration() / 2);
    assert_eq!(emulator.result(&up).await["status"], "done");
}

#[tokio::test]
async fn a_failing_task_ends_failed_with_a_reason_and_no_actions() {
    let emulator = Harness::new(Settings {
        failure_rate: 1.0,
        ..Settings::fast()
    });
    let id = id_of(&emulator.imagine("a cat").await);
    emulator.finish();
    let task = emulator.result(&id).await;
    assert_eq!(task["status"], "failed");
    assert!(
        task["error"].as_str().unwrap().starts_with("Job failed"),
        "{task}"
    );
    assert_eq!(task["actions"], json!([]));
    assert!(task["result"].is_null());
    emulator.clock.advance(Duration::from_secs(3600));
    assert_eq!(
        emulator.result(&id).await["status"],
        "failed",
        "failed is final"
    );
}

#[tokio::test]
async fn about_the_configured_share_of_tasks_fail() {
    let emulator = Harness::new(Settings {
        failure_rate: 0.3,
        starting_balance: 1e9,
        ..Settings::fast()
    });
    let mut ids = Vec::new();
    for n in 0..400 {
        ids.push(id_of(&emulator.imagine(&format!("cat {n}")).await));
    }
    emulator.finish();
    let mut failed = 0;
    for id in &ids {
        if emulator.result(id).await["status"] == "failed" {
            failed += 1;
        }
    }
    let share = f64::from(failed) / 400.0;
    assert!((share - 0.3).abs() < 0.08, "failed share {share}");
}

#[tokio::test]
async fn a_media_task_goes_idle_then_processing_then_done_with_a_url() {
    let emulator = Harness::new(Settings {
        media_duration: Some(Duration::from_secs(10)),
        progress: Progress::Only(ProgressModel::Ladder),
        ..Settings::fast()
    });
    let created = emulator
        .post(
            "/v1/media/create",
            json!({"model": "flux-dev", "prompt": "a fox"}),
        )
        .await
        .json();
    assert_eq!(created["status"], "idle");
    assert_eq!(created["prompt"], "a fox", "no --ar appended without ar");
    let id = id_of(&created);
    emulator.clock.advance(Duration::from_secs(5));
    let running = emulator
        .post("/v1/media/result", json!({"task_id": id}))
        .await
        .json();
    assert_eq!(running["status"], "processing");
    assert!(running["url"].is_null());
    emulator.finish();
    let done = emulator
        .post("/v1/media/result", json!({"task_id": id}))
        .await
        .json();
    assert_eq!(done["status"], "done");
    assert!(done["url"].as_str().unwrap().contains(&id));
}

#[tokio::test]
async fn a_failing_media_task_says_why() {
    let emulator = Harness::new(Settings {
        failure_rate: 1.0,
        ..Settings::fast()
    });
    let id = id_of(
        &emulator
            .post(
                "/v1/media/create",
                json!({"model": "flux-dev", "prompt": "a fox"}),
            )
            .await
            .json(),
    );
    emulator.finish();
    let failed = emulator
        .post("/v1/media/result", json!({"task_id": id}))
        .await
        .json();
    assert_eq!(failed["status"], "failed");
    assert!(failed["message"].is_string());
    assert!(failed["url"].is_null());
}

#[tokio::test]
async fn actions_wait_until_the_parent_is_done() {
    let emulator = Harness::fast();
    let id = id_of(&emulator.imagine("a cat").await);
    let early = emulator
        .post("/v1/midjourney/upsample", json!({"taskId": id, "image": 1}))
        .await;
    assert_eq!(early.status, 400);
    assert!(
        early.error_message().contains("is not done"),
        "{}",
        early.error_message()
    );
    emulator.finish();
    emulator
        .act("upsample", json!({"taskId": id, "image": 1}))
        .await;
}

#[tokio::test]
async fn every_action_finishes_with_the_actions_of_its_kind() {
    let emulator = Harness::new(Settings {
        image_size: 64,
        ..Settings::fast()
    });
    let up = emulator.done_upsample("a cat", 3).await;
    for (endpoint, body, kind, action_count) in [
        (
            "variation",
            json!({"taskId": up, "mode": "low"}),
            "variation",
            9,
        ),
        (
            "outpaint",
            json!({"taskId": up, "zoom": "50"}),
            "outpaint",
            9,
        ),
        ("pan", json!({"taskId": up, "direction": "up"}), "pan", 9),
        ("upscale", json!({"taskId": up, "type": "2x"}), "upscale", 0),
    ] {
        let task = emulator.act(endpoint, body).await;
        assert_eq!(task["type"], kind);
        assert_eq!(task["parentId"], json!(up));
        emulator.finish();
        let done = emulator.result(&id_of(&task)).await;
        assert_eq!(done["status"], "done", "{endpoint}");
        assert_eq!(
            done["actions"].as_array().unwrap().len(),
            action_count,
            "{endpoint}"
        );
    }
    let grid = emulator.done_grid("a dog").await;
    let reroll = emulator.act("reroll", json!({"taskId": grid})).await;
    assert_eq!(reroll["type"], "reroll");
    emulator.finish();
    assert_eq!(
        emulator.result(&id_of(&reroll)).await["actions"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
}

async fn media_task(emulator: &Harness, model: &str) -> String {
    let created = emulator
        .post(
            "/v1/media/create",
            json!({"model": model, "prompt": "a fox"}),
        )
        .await
        .json();
    assert_eq!(created["code"], 0, "{created}");
    id_of(&created)
}

async fn media_status(emulator: &Harness, id: &str) -> String {
    let task = emulator
        .post("/v1/media/result", json!({"task_id": id}))
        .await
        .json();
    task["status"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn at_default_speed_an_imagen_task_takes_8_to_20_seconds_and_a_veo_video_2_to_5_minutes() {
    let emulator = Harness::new(Settings::default());
    let mut images = Vec::new();
    let mut videos = Vec::new();
    for _ in 0..5 {
        images.push(media_task(&emulator, "google-imagen-3").await);
        videos.push(media_task(&emulator, "glabs-veo-3").await);
    }
    emulator.clock.advance(Duration::from_millis(7_900));
    for id in images.iter().chain(&videos) {
        assert_ne!(media_status(&emulator, id).await, "done");
    }
    emulator.clock.advance(Duration::from_millis(12_200));
    for id in &images {
        assert_eq!(media_status(&emulator, id).await, "done");
    }
    emulator.clock.set(Duration::from_secs(119));
    for id in &videos {
        assert_ne!(media_status(&emulator, id).await, "done");
    }
    emulator.clock.set(Duration::from_millis(300_100));
    for id in &videos {
        assert_eq!(media_status(&emulator, id).await, "done");
    }
}

#[tokio::test]
async fn fast_settings_keep_media_tasks_within_seconds_and_an_override_sets_them_exactly() {
    let emulator = Harness::fast();
    let image = media_task(&emulator, "flux-dev").await;
    let video = media_task(&emulator, "seedance-1-lite-480P-5s").await;
    emulator.clock.advance(Duration::from_millis(301));
    assert_eq!(media_status(&emulator, &image).await, "done");
    emulator.clock.advance(Duration::from_millis(1_500));
    assert_eq!(media_status(&emulator, &video).await, "done");

    let fixed = Harness::new(Settings {
        media_duration: Some(Duration::from_secs(2)),
        ..Settings::fast()
    });
    let video = media_task(&fixed, "glabs-veo-3").await;
    fixed.clock.advance(Duration::from_millis(1_999));
    assert_ne!(media_status(&fixed, &video).await, "done");
    fixed.clock.advance(Duration::from_millis(1));
    assert_eq!(media_status(&fixed, &video).await, "done");
}
