//! Charging: creates cost what the contract says, refused creates cost nothing, duplicates of
//! imagine are charged, resubmitted actions are not.

mod common;

use common::{id_of, Harness};
use gptunnel_emulator::Settings;
use serde_json::json;

#[tokio::test]
async fn each_create_charges_its_cost_and_the_balance_shows_it() {
    let emulator = Harness::fast();
    assert_eq!(emulator.balance().await, 1000.0);
    let grid = emulator.done_grid("cat").await;
    assert_eq!(emulator.balance().await, 982.0);
    emulator
        .act("upsample", json!({"taskId": grid, "image": 1}))
        .await;
    assert_eq!(
        emulator.balance().await,
        982.0,
        "upsample is free for Midjourney 5+"
    );
    emulator
        .act("variation", json!({"taskId": grid, "image": 3}))
        .await;
    emulator.act("reroll", json!({"taskId": grid})).await;
    assert_eq!(emulator.balance().await, 946.0);
}

#[tokio::test]
async fn an_upsample_of_an_old_version_prompt_costs_one_generation() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat --v 4").await;
    let up = emulator
        .act("upsample", json!({"taskId": grid, "image": 1}))
        .await;
    assert_eq!(up["usage"]["total_cost"], 18);
    assert_eq!(emulator.balance().await, 1000.0 - 36.0);
}

#[tokio::test]
async fn duplicate_imagines_create_duplicate_charged_tasks() {
    let emulator = Harness::fast();
    let first = emulator.imagine("cat").await;
    let second = emulator.imagine("cat").await;
    assert_ne!(first["id"], second["id"]);
    assert_eq!(second["usage"]["total_cost"], 18);
    assert_eq!(emulator.balance().await, 964.0);
}

#[tokio::test]
async fn a_create_the_balance_cannot_pay_is_refused_with_402_and_changes_nothing() {
    let emulator = Harness::new(Settings {
        starting_balance: 20.0,
        ..Settings::fast()
    });
    let grid = emulator.done_grid("cat").await;
    assert_eq!(emulator.balance().await, 2.0);
    let journal_before = emulator.state.journal().len();
    let reply = emulator
        .post("/v1/midjourney/imagine", json!({"prompt": "dog"}))
        .await;
    assert_eq!(reply.status, 402);
    assert_eq!(
        reply.error_message(),
        "Organization balance is too low to use API"
    );
    assert_eq!(reply.error_type(), "insufficient_balance_error");
    let variation = emulator
        .post(
            "/v1/midjourney/variation",
            json!({"taskId": grid, "image": 2}),
        )
        .await;
    assert_eq!(variation.status, 402);
    assert_eq!(emulator.balance().await, 2.0);
    assert_eq!(emulator.state.journal().len(), journal_before + 3);
    // The free upsample still works on an empty purse.
    emulator
        .act("upsample", json!({"taskId": grid, "image": 2}))
        .await;
}

#[tokio::test]
async fn the_balance_may_go_negative_down_to_the_credit_limit_and_no_further() {
    let emulator = Harness::new(Settings {
        starting_balance: 10.0,
        credit_limit: 30.0,
        ..Settings::fast()
    });
    emulator.imagine("a").await;
    emulator.imagine("b").await;
    assert_eq!(emulator.balance().await, -26.0);
    let refused = emulator
        .post("/v1/midjourney/imagine", json!({"prompt": "c"}))
        .await;
    assert_eq!(refused.status, 402);
    assert_eq!(emulator.balance().await, -26.0);
}

#[tokio::test]
async fn a_media_create_the_balance_cannot_pay_answers_code_5() {
    let emulator = Harness::new(Settings {
        starting_balance: 1.0,
        ..Settings::fast()
    });
    let reply = emulator
        .post(
            "/v1/media/create",
            json!({"model": "flux-dev", "prompt": "x"}),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["code"], 5);
    assert_eq!(emulator.balance().await, 1.0);
}

#[tokio::test]
async fn a_duplicate_sent_while_the_first_still_runs_is_a_second_charged_task() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat").await;
    let first = emulator
        .act("variation", json!({"taskId": grid, "image": 2}))
        .await;
    let duplicate = emulator
        .act("variation", json!({"taskId": grid, "image": 2}))
        .await;
    assert_ne!(duplicate["id"], first["id"]);
    assert_eq!(duplicate["status"], "idle");
    assert_eq!(duplicate["usage"]["total_cost"], 18);
    assert_eq!(
        emulator.balance().await,
        1000.0 - 3.0 * 18.0,
        "grid + both copies"
    );

    let journal = emulator.state.journal();
    let variations: Vec<_> = journal
        .iter()
        .filter(|entry| entry.path == "/v1/midjourney/variation")
        .collect();
    assert_eq!(variations.len(), 2);
    assert!(variations.iter().all(|entry| entry.status == 200));
    let note = variations[1].note.as_deref().unwrap_or_default();
    let first_id = id_of(&first);
    assert!(
        note.contains("duplicate") && note.contains(&first_id),
        "{note}"
    );

    emulator.finish();
    let resubmitted = emulator
        .act("variation", json!({"taskId": grid, "image": 2}))
        .await;
    assert_eq!(
        resubmitted["id"], first["id"],
        "the first finished copy answers"
    );
    assert_eq!(resubmitted["status"], "done");
    assert_eq!(resubmitted["usage"]["total_cost"], 0);
    assert_eq!(
        emulator.balance().await,
        1000.0 - 3.0 * 18.0,
        "not charged again"
    );
}

#[tokio::test]
async fn a_duplicate_of_a_free_upsample_while_running_is_a_second_task() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat").await;
    let first = emulator
        .act("upsample", json!({"taskId": grid, "image": 1}))
        .await;
    let duplicate = emulator
        .act("upsample", json!({"taskId": grid, "image": 1}))
        .await;
    assert_ne!(duplicate["id"], first["id"]);
    let other_image = emulator
        .act("upsample", json!({"taskId": grid, "image": 4}))
        .await;
    assert_ne!(other_image["id"], first["id"]);
    assert_ne!(other_image["id"], duplicate["id"]);
}

#[tokio::test]
async fn resubmitting_a_finished_action_answers_like_result() {
    let emulator = Harness::fast();
    let up = emulator.done_upsample("cat", 2).await;
    let first = emulator
        .act("pan", json!({"taskId": up, "direction": "left"}))
        .await;
    emulator.finish();
    let again = emulator
        .act("pan", json!({"taskId": up, "direction": "left"}))
        .await;
    assert_eq!(again, emulator.result(&id_of(&first)).await);
}

#[tokio::test]
async fn a_failed_action_may_be_tried_again_as_a_new_charged_task() {
    let emulator = Harness::new(Settings {
        failure_rate: 0.5,
        starting_balance: 1e6,
        ..Settings::fast()
    });
    for attempt in 0..20 {
        let grid = id_of(&emulator.imagine(&format!("cat {attempt}")).await);
        emulator.finish();
        if emulator.result(&grid).await["status"] != "done" {
            continue;
        }
        for image in 1..=4 {
            let first = emulator
                .act("variation", json!({"taskId": grid, "image": image}))
                .await;
            emulator.finish();
            if emulator.result(&id_of(&first)).await["status"] != "failed" {
                continue;
            }
            let before = emulator.balance().await;
            let again = emulator
                .act("variation", json!({"taskId": grid, "image": image}))
                .await;
            assert_ne!(
                again["id"], first["id"],
                "a failed task is not the answer to a resubmission"
            );
            assert_eq!(again["usage"]["total_cost"], 18);
            assert_eq!(emulator.balance().await, before - 18.0);
            return;
        }
    }
    panic!("no failed variation in 20 grids at a 50 % failure rate");
}

#[tokio::test]
async fn a_parent_that_failed_cannot_be_acted_on() {
    let emulator = Harness::new(Settings {
        failure_rate: 1.0,
        ..Settings::fast()
    });
    let grid = id_of(&emulator.imagine("cat").await);
    emulator.finish();
    let refused = emulator
        .post(
            "/v1/midjourney/variation",
            json!({"taskId": grid, "image": 1}),
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.error_message().contains("status 'failed'"),
        "{}",
        refused.error_message()
    );
}

#[tokio::test]
async fn rerolls_are_never_deduplicated() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("cat").await;
    let a = emulator.act("reroll", json!({"taskId": grid})).await;
    let b = emulator.act("reroll", json!({"taskId": grid})).await;
    assert_ne!(a["id"], b["id"]);
    assert_eq!(emulator.balance().await, 946.0);
}

#[tokio::test]
async fn the_test_support_endpoints_reset_and_set_the_balance() {
    let emulator = Harness::fast();
    let id = id_of(&emulator.imagine("cat").await);
    let set = emulator
        .post("/__emulator/balance", json!({"balance": 5.5}))
        .await;
    assert_eq!(set.json(), json!({"balance": 5.5}));
    assert_eq!(emulator.balance().await, 5.5);
    assert_eq!(
        emulator
            .post("/__emulator/balance", json!({"balance": "x"}))
            .await
            .status,
        400
    );

    let reset = emulator.post("/__emulator/reset", json!({})).await;
    assert_eq!(reset.status, 200);
    assert_eq!(emulator.balance().await, 1000.0);
    assert_eq!(
        emulator
            .get(&format!("/v1/midjourney/result?taskId={id}"))
            .await
            .status,
        400,
        "tasks forgotten"
    );
    let journal = emulator.get("/__emulator/journal").await.json();
    let paths: Vec<&str> = journal
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["/v1/balance", "/v1/midjourney/result"],
        "support calls are not journaled"
    );
}
