#![cfg(not(target_arch = "wasm32"))] // native; the browser side is in wasm_*.rs
//! Every answer body from the provider's pages and the contract decodes to the right type, and
//! every kind of error answer (envelope, invalid JSON, HTML, empty) becomes the right Error.

use std::time::Duration;

use gptunnel::{
    Action, Answer, ApiErrorKind, Balance, Error, ErrorKind, HttpResponse, MediaStatus, MediaTask,
    Task, TaskStatus, TaskType,
};

fn answer(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        retry_after: None,
        body: body.to_owned(),
    }
}

fn task(body: &str) -> Task {
    Task::from_response(&answer(200, body)).expect("a task")
}

#[test]
fn the_imagine_example_is_an_idle_imagine_task_that_cost_18() {
    let task = task(include_str!("fixtures/imagine_response.json"));
    assert_eq!(task.id, "65589df803761c00010775ae");
    assert_eq!(task.parent_id, None);
    assert_eq!(task.object, "task");
    assert_eq!(task.task_type, TaskType::Imagine);
    assert_eq!(task.status, TaskStatus::Idle);
    assert_eq!(task.percent, 0);
    assert!(task.actions.is_empty());
    assert_eq!(task.result, None);
    assert_eq!(task.error, None);
    let usage = task.usage.expect("usage");
    assert_eq!((usage.completion_tokens, usage.total_tokens), (1, 1));
    assert_eq!(usage.total_cost, 18.0);
}

#[test]
fn the_creation_examples_have_the_right_types_and_parents() {
    let cases = [
        (
            include_str!("fixtures/upsample_response.json"),
            TaskType::Upsample,
            "65589df803761c00010775ae",
            0.0,
        ),
        (
            include_str!("fixtures/variation_response.json"),
            TaskType::Variation,
            "65589df803761c00010775ae",
            18.0,
        ),
        (
            include_str!("fixtures/inpaint_response.json"),
            TaskType::Inpaint,
            "6558a19c0bfe4600011437cd",
            18.0,
        ),
    ];
    for (body, kind, parent, cost) in cases {
        let task = task(body);
        assert_eq!(task.task_type, kind);
        assert_eq!(task.parent_id.as_deref(), Some(parent));
        assert_eq!(task.status, TaskStatus::Idle);
        assert_eq!(task.usage.unwrap().total_cost, cost, "{kind}");
    }
}

#[test]
fn a_done_grid_lists_its_actions_with_the_documented_misspelling_and_duplicate() {
    let task = task(include_str!("fixtures/variation_resubmit_done.json"));
    assert_eq!(task.status, TaskStatus::Done);
    assert!(task.is_finished());
    assert_eq!(task.percent, 100);
    assert_eq!(
        task.result.as_deref(),
        Some("https://gptunnel.ru/task/image/6558a4bd0bfe4600011437d0?cache=100")
    );
    assert_eq!(task.actions.len(), 9, "duplicates are kept");
    assert!(task.allows(&Action::upsample(1)));
    assert!(
        task.allows(&Action::parse("upsample_4")),
        "either spelling matches"
    );
    assert!(task.allows(&Action::Reroll));
    assert!(
        !task.allows(&Action::Variation(3)),
        "the example lists no variation_3"
    );
    assert_eq!(
        task.usage.unwrap().total_cost,
        0.0,
        "a resubmission is free"
    );
}

#[test]
fn a_done_upsample_lists_the_follow_up_actions() {
    let task = task(include_str!("fixtures/upsample_resubmit_done.json"));
    let names: Vec<String> = task.actions.iter().map(Action::to_string).collect();
    assert_eq!(
        names,
        [
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
        ]
    );
    assert!(task.actions.iter().all(|a| !matches!(a, Action::Other(_))));
}

#[test]
fn the_done_inpaint_example_decodes() {
    let task = task(include_str!("fixtures/inpaint_resubmit_done.json"));
    assert_eq!(
        (task.task_type, task.status),
        (TaskType::Inpaint, TaskStatus::Done)
    );
}

#[test]
fn a_task_serializes_back_to_the_wire_shape() {
    let text = include_str!("fixtures/variation_resubmit_done.json");
    let task = task(text);
    let ours = numbers_as_floats(serde_json::to_value(&task).unwrap());
    let theirs = numbers_as_floats(serde_json::from_str(text).unwrap());
    assert_eq!(ours, theirs);
}

/// `18` and `18.0` are the same number to JavaScript; compare them so.
fn numbers_as_floats(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_floats).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_floats(v)))
                .collect(),
        ),
        other => other,
    }
}

#[test]
fn the_media_examples_decode_with_the_echoed_ratio_flag() {
    let created = MediaTask::from_response(&answer(
        200,
        include_str!("fixtures/media_create_response.json"),
    ))
    .unwrap();
    assert_eq!(created.code, Some(0));
    assert_eq!(created.id, "6880f043e6060500018821de");
    assert_eq!(created.model, "google-imagen-3");
    assert!(created.prompt.ends_with("--ar 9:21"));
    assert_eq!(created.created_at, Some(1753280579));
    assert_eq!(created.status, MediaStatus::Idle);
    assert_eq!(created.url, None);

    let done = MediaTask::from_response(&answer(
        200,
        include_str!("fixtures/media_result_done.json"),
    ))
    .unwrap();
    assert_eq!(done.status, MediaStatus::Done);
    assert!(done.is_finished());
    assert_eq!(
        done.url.as_deref(),
        Some(
            "https://timenote.storage.yandexcloud.net/exp48h/6880f043e6060500018821de_result.webp"
        )
    );
}

#[test]
fn a_media_answer_with_a_non_zero_code_is_a_media_error() {
    let err = MediaTask::from_response(&answer(
        200,
        include_str!("fixtures/media_error_insufficient_balance.json"),
    ))
    .unwrap_err();
    assert_eq!(
        err,
        Error::Media {
            code: 5,
            message: "Insufficient balance".into(),
            create: false,
        }
    );
    assert_eq!(err.kind(), ErrorKind::InsufficientBalance);
}

#[test]
fn media_tasks_tolerate_unknown_statuses_and_a_cost() {
    let task = MediaTask::from_response(&answer(
        200,
        r#"{"code":0,"id":"6880f043e6060500018821de","status":"queued","cost":1.5}"#,
    ))
    .unwrap();
    assert_eq!(task.status, MediaStatus::Other("queued".into()));
    assert!(!task.is_finished());
    assert_eq!(task.cost, Some(1.5));
}

#[test]
fn the_balance_example_decodes_with_a_negative_balance() {
    let balance =
        Balance::from_response(&answer(200, include_str!("fixtures/balance_response.json")))
            .unwrap();
    assert_eq!(balance.org_id, "6556e6b2b5e3a1c4a8d2f001");
    assert_eq!(balance.object, "balance");
    assert_eq!(balance.balance, -51.54);
    assert_eq!(balance.credit_limit, 15000.0);
    let wire = serde_json::to_value(&balance).unwrap();
    assert_eq!(wire["orgId"], "6556e6b2b5e3a1c4a8d2f001");
    assert_eq!(wire["creditLimit"], 15000.0);
}

fn api_error(status: u16, body: &str) -> Error {
    Task::from_response(&answer(status, body)).unwrap_err()
}

#[test]
fn envelopes_map_to_api_errors_by_status() {
    let cases = [
        (
            400,
            include_str!("fixtures/error_400_prompt_required.json"),
            ApiErrorKind::InvalidRequest,
            ErrorKind::InvalidRequest,
        ),
        (
            400,
            include_str!("fixtures/error_400_mask.json"),
            ApiErrorKind::InvalidRequest,
            ErrorKind::InvalidRequest,
        ),
        (
            401,
            include_str!("fixtures/error_401_unauthorized.json"),
            ApiErrorKind::Unauthorized,
            ErrorKind::Unauthorized,
        ),
        (
            402,
            include_str!("fixtures/error_402_insufficient_balance.json"),
            ApiErrorKind::InsufficientBalance,
            ErrorKind::InsufficientBalance,
        ),
        (
            404,
            r#"{"error":{"message":"Task not found","type":"not_found_error","param":null,"code":null}}"#,
            ApiErrorKind::Other,
            ErrorKind::Api,
        ),
        (
            500,
            r#"{"error":{"message":"Internal error","type":"server_error"}}"#,
            ApiErrorKind::Server,
            ErrorKind::Api,
        ),
    ];
    for (status, body, expected_kind, short) in cases {
        let err = api_error(status, body);
        let Error::Api {
            status: got, kind, ..
        } = &err
        else {
            panic!("{status}: {err:?}")
        };
        assert_eq!((*got, *kind), (status, expected_kind));
        assert_eq!(err.kind(), short);
        assert_eq!(err.status(), Some(status));
    }
}

#[test]
fn an_envelope_keeps_message_type_param_and_code() {
    let err = api_error(400, include_str!("fixtures/error_400_prompt_required.json"));
    let Error::Api {
        message,
        error_type,
        param,
        code,
        ..
    } = err
    else {
        unreachable!()
    };
    assert_eq!(message, "'prompt' is a required property");
    assert_eq!(error_type.as_deref(), Some("invalid_request_error"));
    assert_eq!((param, code), (None, None));
}

#[test]
fn a_429_is_rate_limited_carries_retry_after_and_is_retryable_as_a_read() {
    let response = HttpResponse {
        status: 429,
        retry_after: Some(Duration::from_secs(7)),
        body: r#"{"error":{"message":"Too many requests","type":"rate_limit_error"}}"#.into(),
    };
    let err = Task::from_response(&response).unwrap_err();
    assert!(matches!(
        err,
        Error::Api {
            kind: ApiErrorKind::RateLimited,
            ..
        }
    ));
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert!(err.is_retryable());
}

#[test]
fn the_trailing_comma_examples_take_their_kind_from_the_status_and_keep_the_raw_text() {
    for (status, body, kind, sentence) in [
        (
            401,
            include_str!("fixtures/error_401_trailing_comma.json"),
            ErrorKind::Unauthorized,
            "the API key was refused (HTTP 401)",
        ),
        (
            402,
            include_str!("fixtures/error_402_trailing_comma.json"),
            ErrorKind::InsufficientBalance,
            "the balance is too low for this request (HTTP 402)",
        ),
    ] {
        let err = api_error(status, body);
        assert_eq!(err.kind(), kind, "{err:?}");
        assert_eq!(err.status(), Some(status));
        let Error::Decode { body: kept, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(kept, body, "the raw text is kept");
        assert!(err.to_string().starts_with(sentence), "{err}");
        assert!(!err.is_retryable(), "a 4xx stays a 4xx");
    }
}

#[test]
fn an_error_envelope_inside_a_2xx_answer_is_a_refusal_of_its_type() {
    let cases = [
        (
            include_str!("fixtures/error_401_unauthorized.json"),
            ErrorKind::Unauthorized,
            "Unauthorized",
        ),
        (
            include_str!("fixtures/error_402_insufficient_balance.json"),
            ErrorKind::InsufficientBalance,
            "Organization balance is too low to use API",
        ),
        (
            include_str!("fixtures/error_400_prompt_required.json"),
            ErrorKind::InvalidRequest,
            "'prompt' is a required property",
        ),
    ];
    for (body, kind, text) in cases {
        for err in [
            api_error(200, body),
            MediaTask::from_response(&answer(200, body)).unwrap_err(),
            Balance::from_response(&answer(200, body)).unwrap_err(),
        ] {
            assert_eq!(err.kind(), kind, "{err:?}");
            assert!(
                matches!(&err, Error::Api { status: 200, message, .. } if message == text),
                "{err:?}"
            );
            assert!(!err.is_retryable(), "a refusal is not retried: {err:?}");
        }
    }
}

#[test]
fn a_failed_task_with_an_error_object_is_still_a_task() {
    let task =
        task(r#"{"id":"65589df803761c00010775ae","status":"failed","error":{"message":"banned"}}"#);
    assert_eq!(task.failure(), Some("banned"));
}

#[test]
fn an_unknown_status_with_an_error_is_a_failed_task() {
    let task =
        task(r#"{"id":"65589df803761c00010775ae","status":"moderated","error":"banned prompt"}"#);
    assert_eq!(task.status, TaskStatus::Other("moderated".into()));
    assert_eq!(task.failure(), Some("banned prompt"));
    assert!(task.is_finished());
}

#[test]
fn the_correct_upsample_spelling_is_written_back_unchanged() {
    let task = task(
        r#"{"id":"65589df803761c00010775ae","status":"done","actions":["upsample_3","upsamle_4"]}"#,
    );
    let names: Vec<String> = task.actions.iter().map(Action::to_string).collect();
    assert_eq!(names, ["upsample_3", "upsamle_4"]);
    let wire = serde_json::to_value(&task).unwrap();
    assert_eq!(
        wire["actions"],
        serde_json::json!(["upsample_3", "upsamle_4"])
    );
    assert!(task.allows(&Action::upsample(3)), "either spelling matches");
}

#[test]
fn an_html_error_page_keeps_its_text_and_says_what_it_is() {
    let page = include_str!("fixtures/bad_gateway.html");
    let err = api_error(502, page);
    assert!(matches!(&err, Error::Decode { status: 502, body, .. } if body == page));
    assert_eq!(err.kind(), ErrorKind::Api);
    assert!(err.is_retryable(), "as a read");
    assert!(err.to_string().contains("HTML page"), "{err}");
}

#[test]
fn empty_bodies_are_decode_errors_whatever_the_status() {
    for status in [200, 401, 500] {
        let err = api_error(status, "");
        assert!(matches!(err, Error::Decode { .. }), "{status}: {err:?}");
        assert!(err.to_string().contains("empty"), "{err}");
    }
}

#[test]
fn a_success_with_garbage_or_without_an_id_is_a_decode_error() {
    for body in ["not json", "[1,2]", "{}", r#"{"id":null,"status":"done"}"#] {
        let err = api_error(200, body);
        assert!(
            matches!(err, Error::Decode { status: 200, .. }),
            "{body}: {err:?}"
        );
    }
}

#[test]
fn no_server_input_makes_decoding_panic() {
    let bodies = [
        "",
        "null",
        "true",
        "0",
        "\"x\"",
        "[]",
        "{",
        "}",
        "{\"error\":null}",
        "{\"error\":\"boom\"}",
        "{\"error\":{\"message\":{\"deep\":[1,2]}}}",
        "{\"id\":7,\"percent\":\"abc\",\"actions\":[null,3,\"x\"]}",
        "{\"id\":\"a\",\"usage\":[],\"status\":{}}",
        "\u{0}\u{1}binary",
        "{\"code\":\"5\"}",
    ];
    for status in [200, 201, 400, 401, 404, 429, 500, 503] {
        for body in bodies {
            let _ = Task::from_response(&answer(status, body));
            let _ = MediaTask::from_response(&answer(status, body));
            let _ = Balance::from_response(&answer(status, body));
        }
    }
}
