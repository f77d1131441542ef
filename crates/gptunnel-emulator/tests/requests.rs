//! Request forms the contract allows besides the documented examples: ids in the query of a
//! POST, `id` instead of `taskId`, media creates by GET, oversized bodies.

mod common;

use axum::body::Body;
use axum::http::Method;
use common::{id_of, Harness, KEY};
use serde_json::json;

#[tokio::test]
async fn a_result_may_be_asked_by_post_with_id_or_task_id_in_body_or_query() {
    let emulator = Harness::fast();
    let id = id_of(&emulator.imagine("cat").await);
    let by_get_id = emulator
        .get(&format!("/v1/midjourney/result?id={id}"))
        .await
        .json();
    let by_post_id = emulator
        .post("/v1/midjourney/result", json!({"id": id}))
        .await
        .json();
    let by_post_task_id = emulator
        .post("/v1/midjourney/result", json!({"taskId": id}))
        .await
        .json();
    let by_post_query = emulator
        .raw(
            Method::POST,
            &format!("/v1/midjourney/result?taskId={id}"),
            Body::empty(),
            Some(KEY),
        )
        .await
        .json();
    for answer in [&by_get_id, &by_post_id, &by_post_task_id, &by_post_query] {
        assert_eq!(answer["id"], json!(id));
        assert_eq!(answer["usage"]["total_cost"], 0);
    }
}

#[tokio::test]
async fn a_media_task_may_be_created_by_get_with_a_query() {
    let emulator = Harness::fast();
    let created = emulator
        .get("/v1/media/create?model=seedream-3&prompt=a%20fox&ar=16:9")
        .await
        .json();
    assert_eq!(created["code"], 0);
    assert_eq!(created["prompt"], "a fox --ar 16:9");
    assert_eq!(emulator.balance().await, 990.0);
}

#[tokio::test]
async fn a_body_above_the_limit_is_refused_with_413_in_the_envelope() {
    let emulator = Harness::fast();
    let huge = format!(r#"{{"prompt":"{}"}}"#, "a".repeat(17 << 20));
    let reply = emulator
        .raw(Method::POST, "/v1/midjourney/imagine", huge, Some(KEY))
        .await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.error_message(), "Request body is too large");
    assert_eq!(emulator.balance().await, 1000.0);
}

#[tokio::test]
async fn a_midjourney_aspect_flag_passes_through_and_shapes_the_picture() {
    let emulator = Harness::fast();
    let id = id_of(&emulator.imagine("a wide valley --ar 16:9 --v 6").await);
    emulator.finish();
    let task = emulator.result(&id).await;
    let (width, height, _) = emulator.image(task["result"].as_str().unwrap()).await;
    assert_eq!((width, height), (512, 288));
}
