//! The provider's own example requests (seeds 000–004), replayed: the answers have the
//! documented shapes and values, ids and hosts aside.

mod common;

use common::{id_of, keys, Harness, SEED_MASK_B64};
use gptunnel_emulator::Settings;
use serde_json::{json, Value};

/// Checks `actual` against a documented example: same keys everywhere, same values except
/// the fields that are naturally different per run.
fn assert_documented_shape(actual: &Value, documented: &Value) {
    assert_eq!(
        keys(actual),
        keys(documented),
        "keys differ:\n{actual}\n{documented}"
    );
    for (key, expected) in documented.as_object().unwrap() {
        match key.as_str() {
            "id" | "parentId" | "created_at" => {
                assert_eq!(actual[key].is_null(), expected.is_null(), "{key}")
            }
            "result" | "url" => {
                assert_eq!(actual[key].is_null(), expected.is_null(), "{key}: {actual}")
            }
            "usage" => assert_eq!(&actual[key], expected, "usage"),
            _ => assert_eq!(&actual[key], expected, "{key}"),
        }
    }
}

fn documented_task(kind: &str, parent: bool, charged: bool) -> Value {
    let cost = if charged { 18 } else { 0 };
    json!({
        "id": "65589df803761c00010775ae", "parentId": if parent { json!("65589df803761c00010775ae") } else { Value::Null },
        "object": "task", "type": kind, "actions": [], "percent": 0, "status": "idle", "result": null, "error": null,
        "usage": {"prompt_tokens": 0, "completion_tokens": u8::from(charged), "total_tokens": u8::from(charged),
                  "prompt_cost": 0, "completion_cost": cost, "total_cost": cost}
    })
}

#[tokio::test]
async fn the_imagine_example_answers_the_documented_idle_task() {
    let emulator = Harness::fast();
    let task = emulator.imagine("Старый IBM PC на светлом фоне").await;
    assert_documented_shape(&task, &documented_task("imagine", false, true));
    let id = id_of(&task);
    assert_eq!(id.len(), 24);
    assert!(id
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
}

#[tokio::test]
async fn the_upsample_example_is_free_and_its_resubmission_shows_the_documented_done_task() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("Старый IBM PC на светлом фоне").await;
    let task = emulator
        .act("upsample", json!({"taskId": grid, "image": 1}))
        .await;
    assert_documented_shape(&task, &documented_task("upsample", true, false));
    assert_eq!(task["parentId"], json!(grid));

    emulator.finish();
    let again = emulator
        .act("upsample", json!({"taskId": grid, "image": 1}))
        .await;
    assert_eq!(again["id"], task["id"]);
    assert_eq!(again["status"], "done");
    assert_eq!(again["percent"], 100);
    assert_eq!(
        again["actions"],
        json!([
            "high_variation",
            "low_variation",
            "inpaint",
            "upscale_2x",
            "upscale_4x",
            "outpaint_50",
            "outpaint_75",
            "pan_left",
            "pan_right",
            "pan_up",
            "pan_down"
        ])
    );
    let id = id_of(&task);
    assert_eq!(
        again["result"],
        json!(format!("http://emulator.test/task/image/{id}?cache=100"))
    );
    assert_eq!(
        again["usage"],
        documented_task("upsample", true, false)["usage"]
    );
}

#[tokio::test]
async fn the_variation_example_is_charged_and_its_resubmission_lists_the_documented_grid_actions() {
    let emulator = Harness::fast();
    let grid = emulator.done_grid("Старый IBM PC на светлом фоне").await;
    let task = emulator
        .act("variation", json!({"taskId": grid, "image": 1}))
        .await;
    assert_documented_shape(&task, &documented_task("variation", true, true));

    emulator.finish();
    let again = emulator
        .act("variation", json!({"taskId": grid, "image": 1}))
        .await;
    assert_eq!(again["id"], task["id"]);
    assert_eq!(
        again["actions"],
        json!([
            "upsamle_1",
            "upsamle_2",
            "upsamle_3",
            "upsamle_4",
            "reroll",
            "variation_1",
            "variation_2",
            "variation_4",
            "variation_4"
        ])
    );
    assert_eq!(again["usage"]["total_cost"], 0);
}

#[tokio::test]
async fn the_inpaint_example_with_its_own_mask_is_accepted_on_a_512_pixel_upsample() {
    let emulator = Harness::new(Settings {
        image_size: 512,
        ..Settings::fast()
    });
    let upsample = emulator
        .done_upsample("Старый IBM PC на светлом фоне", 1)
        .await;
    let task = emulator
        .act(
            "inpaint",
            json!({"taskId": upsample, "mask": SEED_MASK_B64.trim(), "prompt": "Pokemon"}),
        )
        .await;
    assert_documented_shape(&task, &documented_task("inpaint", true, true));

    emulator.finish();
    let done = emulator.result(&id_of(&task)).await;
    assert_eq!(done["status"], "done");
    assert_eq!(done["actions"][0], "upsamle_1");
}

#[tokio::test]
async fn the_result_example_answers_the_task_with_zero_usage() {
    let emulator = Harness::fast();
    let id = id_of(&emulator.imagine("cat").await);
    let task = emulator.result(&id).await;
    assert_documented_shape(
        &task,
        &json!({
            "id": id, "parentId": null, "object": "task", "type": "imagine", "actions": [], "percent": 0,
            "status": "idle", "result": null, "error": null,
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0, "prompt_cost": 0, "completion_cost": 0, "total_cost": 0}
        }),
    );
}

#[tokio::test]
async fn the_media_examples_echo_the_prompt_with_the_ratio_and_finish_with_a_url() {
    let emulator = Harness::fast();
    let prompt = "Cinematic, high-quality photo of Thanos in a serene Japanese forest";
    let created = emulator
        .post(
            "/v1/media/create",
            json!({"model": "google-imagen-3", "ar": "9:21", "prompt": prompt}),
        )
        .await
        .json();
    assert_documented_shape(
        &created,
        &json!({
            "code": 0, "id": "6880f043e6060500018821de", "model": "google-imagen-3",
            "prompt": format!("{prompt} --ar 9:21"), "created_at": 1753280579, "status": "idle", "url": null
        }),
    );
    assert!(created["created_at"].as_u64().unwrap() > 1_700_000_000);

    emulator.finish();
    let id = id_of(&created);
    let done = emulator
        .post("/v1/media/result", json!({"task_id": id}))
        .await
        .json();
    assert_eq!(done["status"], "done");
    assert_eq!(done["code"], 0);
    let url = done["url"].as_str().unwrap();
    let (width, height, _) = emulator.image(url).await;
    assert_eq!(
        (width, height),
        (220, 512),
        "9:21 keeps the longest side at image_size"
    );
    let by_query = emulator
        .get(&format!("/v1/media/result?task_id={id}"))
        .await
        .json();
    assert_eq!(by_query, done);
}

#[tokio::test]
async fn the_balance_answers_the_documented_object() {
    let emulator = Harness::new(Settings {
        credit_limit: 15000.0,
        ..Settings::fast()
    });
    let balance = emulator.get("/v1/balance").await.json();
    assert_eq!(
        keys(&balance),
        ["balance", "creditLimit", "object", "orgId"]
    );
    assert_eq!(balance["object"], "balance");
    assert_eq!(balance["balance"], json!(1000));
    assert_eq!(balance["creditLimit"], json!(15000));
    assert_eq!(balance["orgId"].as_str().unwrap().len(), 24);
}
