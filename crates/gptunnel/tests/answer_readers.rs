//! The answer readers (src/node.rs, src/lenient.rs) on both targets: natively they read
//! serde_json's tree, in headless Chromium (`cargo test --target wasm32-unknown-unknown`) the
//! object `JSON.parse` returned, in place. The provider's fixtures and every forgiving field
//! rule must read to the values written here, on both.

use gptunnel::{
    Action, Answer, Balance, Error, ErrorKind, HttpResponse, MediaStatus, MediaTask, Task,
    TaskStatus, TaskType, Usage,
};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const ID: &str = "65589df803761c00010775ae";

fn read<T: Answer>(status: u16, body: &str) -> Result<T, Error> {
    T::from_response(&HttpResponse {
        status,
        retry_after: None,
        body: body.to_owned(),
    })
}

/// A task whose field `name` is `value` (JSON text).
fn task_with(name: &str, value: &str) -> Result<Task, Error> {
    read(200, &format!(r#"{{"id":"{ID}","{name}":{value}}}"#))
}

fn free_usage() -> Usage {
    Usage::default()
}

#[test]
fn the_provider_s_task_examples_read_to_their_values() {
    let charged = Usage {
        completion_tokens: 1,
        total_tokens: 1,
        completion_cost: 18.0,
        total_cost: 18.0,
        ..Usage::default()
    };
    let imagine: Task = read(200, include_str!("fixtures/imagine_response.json")).unwrap();
    assert_eq!(
        imagine,
        Task {
            id: ID.to_owned(),
            parent_id: None,
            object: "task".to_owned(),
            task_type: TaskType::Imagine,
            actions: vec![],
            percent: 0,
            status: TaskStatus::Idle,
            result: None,
            error: None,
            usage: Some(charged.clone()),
        }
    );
    let upsample: Task = read(200, include_str!("fixtures/upsample_response.json")).unwrap();
    assert_eq!(upsample.id, "6558a19c0bfe4600011437cd");
    assert_eq!(upsample.parent_id.as_deref(), Some(ID));
    assert_eq!(upsample.task_type, TaskType::Upsample);
    assert_eq!(upsample.usage, Some(free_usage()));
    let inpaint: Task = read(200, include_str!("fixtures/inpaint_response.json")).unwrap();
    assert_eq!(
        (inpaint.task_type, inpaint.status, inpaint.usage),
        (TaskType::Inpaint, TaskStatus::Idle, Some(charged))
    );

    let done: Task = read(200, include_str!("fixtures/variation_resubmit_done.json")).unwrap();
    assert_eq!(
        done,
        Task {
            id: "6558a4bd0bfe4600011437d0".to_owned(),
            parent_id: Some(ID.to_owned()),
            object: "task".to_owned(),
            task_type: TaskType::Variation,
            actions: vec![
                Action::upsample(1),
                Action::upsample(2),
                Action::upsample(3),
                Action::upsample(4),
                Action::parse("reroll"),
                Action::parse("variation_1"),
                Action::parse("variation_2"),
                Action::parse("variation_4"),
                Action::parse("variation_4"),
            ],
            percent: 100,
            status: TaskStatus::Done,
            result: Some(
                "https://gptunnel.ru/task/image/6558a4bd0bfe4600011437d0?cache=100".to_owned()
            ),
            error: None,
            usage: Some(free_usage()),
        }
    );
}

#[test]
fn the_provider_s_media_and_balance_examples_read_to_their_values() {
    let created: MediaTask =
        read(200, include_str!("fixtures/media_create_response.json")).unwrap();
    assert_eq!(created.code, Some(0));
    assert_eq!(created.id, "6880f043e6060500018821de");
    assert_eq!(created.model, "google-imagen-3");
    assert!(created.prompt.ends_with("upon the world. --ar 9:21"));
    assert_eq!(created.created_at, Some(1753280579));
    assert_eq!(created.status, MediaStatus::Idle);
    assert_eq!(
        (created.url, created.message, created.cost),
        (None, None, None)
    );
    let done: MediaTask = read(200, include_str!("fixtures/media_result_done.json")).unwrap();
    assert_eq!(done.status, MediaStatus::Done);
    assert_eq!(
        done.url.as_deref(),
        Some(
            "https://timenote.storage.yandexcloud.net/exp48h/6880f043e6060500018821de_result.webp"
        )
    );
    let balance: Balance = read(200, include_str!("fixtures/balance_response.json")).unwrap();
    assert_eq!(
        balance,
        Balance {
            org_id: "6556e6b2b5e3a1c4a8d2f001".to_owned(),
            object: "balance".to_owned(),
            balance: -51.54,
            credit_limit: 15000.0,
        }
    );
}

#[test]
fn a_percent_reads_from_numbers_and_numeric_strings_and_anything_else_is_zero() {
    for (value, percent) in [
        ("42.6", 43),
        ("\"17\"", 17),
        ("\" 17 \"", 17),
        ("250", 100),
        ("-3", 0),
        ("null", 0),
        ("true", 0),
        ("\"abc\"", 0),
        ("[5]", 0),
        (r#"{"value":5}"#, 0),
    ] {
        assert_eq!(
            task_with("percent", value).unwrap().percent,
            percent,
            "{value}"
        );
    }
}

#[test]
fn text_reads_from_strings_numbers_bools_messages_and_lists_of_them() {
    for (value, error) in [
        ("\"timeout\"", Some("timeout")),
        ("7", Some("7")),
        ("2.5", Some("2.5")),
        ("false", Some("false")),
        (
            r#"{"message":"banned prompt","code":7}"#,
            Some("banned prompt"),
        ),
        (r#"{"message":{"message":"nested"}}"#, Some("nested")),
        (r#"{"code":7}"#, Some("(details not given as text)")),
        (r#"{"message":null}"#, Some("(details not given as text)")),
        (
            r#"["too long",{"message":"no flags"},null,3]"#,
            Some("too long; no flags; 3"),
        ),
        ("[]", None),
        ("[null]", None),
        ("\"\"", None),
        ("null", None),
    ] {
        let task = task_with("error", value).unwrap();
        assert_eq!(task.error.as_deref(), error, "{value}");
    }
}

#[test]
fn open_enums_keep_what_they_do_not_know_as_text() {
    assert_eq!(
        task_with("status", "\"queued\"").unwrap().status,
        TaskStatus::Other("queued".to_owned())
    );
    assert_eq!(
        task_with("status", "7").unwrap().status,
        TaskStatus::Other("7".to_owned())
    );
    assert_eq!(
        task_with("type", "null").unwrap().task_type,
        TaskType::Other(String::new())
    );
}

#[test]
fn actions_may_be_null_or_a_list_of_anything_but_not_another_shape() {
    assert_eq!(task_with("actions", "null").unwrap().actions, vec![]);
    assert_eq!(
        task_with("actions", r#"["upsamle_2", 5, null]"#)
            .unwrap()
            .actions,
        vec![Action::upsample(2), Action::parse("5"), Action::parse("")]
    );
    for value in ["\"upsample_1\"", "{}", "3", "true"] {
        let err = task_with("actions", value).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{value}: {err:?}");
    }
}

#[test]
fn usage_of_another_shape_is_none_and_its_numbers_are_lenient() {
    for value in ["[1]", "\"free\"", "0", "null"] {
        assert_eq!(task_with("usage", value).unwrap().usage, None, "{value}");
    }
    let usage = task_with(
        "usage",
        r#"{"prompt_tokens":-4,"completion_tokens":1.6,"total_tokens":"3","total_cost":"2.5","prompt_cost":null}"#,
    )
    .unwrap()
    .usage
    .unwrap();
    assert_eq!(
        usage,
        Usage {
            prompt_tokens: 0,
            completion_tokens: 2,
            total_tokens: 3,
            prompt_cost: 0.0,
            completion_cost: 0.0,
            total_cost: 2.5,
        }
    );
}

#[test]
fn media_times_codes_and_costs_read_as_whole_seconds_whole_codes_and_numbers() {
    let media = |fields: &str| -> MediaTask {
        read(
            200,
            &format!(r#"{{"id":"6880f043e6060500018821de",{fields}}}"#),
        )
        .unwrap()
    };
    assert_eq!(
        media(r#""created_at":1753280579.9"#).created_at,
        Some(1753280579)
    );
    assert_eq!(media(r#""created_at":-1.5"#).created_at, Some(-1));
    assert_eq!(
        media(r#""created_at":"1753280579""#).created_at,
        Some(1753280579)
    );
    assert_eq!(media(r#""created_at":1e300"#).created_at, None);
    assert_eq!(media(r#""code":"0","cost":"0.5""#).cost, Some(0.5));
    assert_eq!(media(r#""code":0.0,"cost":null"#).code, Some(0));
    let refused = read::<MediaTask>(200, r#"{"code":"6","message":{"message":"busy"}}"#);
    assert!(
        matches!(&refused, Err(Error::Media { code: 6, message, .. }) if message == "busy"),
        "{refused:?}"
    );
}

#[test]
fn an_envelope_reads_its_fields_leniently_and_a_task_s_error_is_no_envelope() {
    let body = r#"{"error":{"message":["bad","mask"],"type":"invalid_request_error","param":7,"code":{"message":"c1"}}}"#;
    match read::<Task>(400, body) {
        Err(Error::Api {
            message,
            error_type,
            param,
            code,
            ..
        }) => {
            assert_eq!(message, "bad; mask");
            assert_eq!(error_type.as_deref(), Some("invalid_request_error"));
            assert_eq!(param.as_deref(), Some("7"));
            assert_eq!(code.as_deref(), Some("c1"));
        }
        other => panic!("{other:?}"),
    }
    let failed: Task = read(
        200,
        &format!(r#"{{"id":"{ID}","status":"failed","error":{{"message":"x"}}}}"#),
    )
    .unwrap();
    assert_eq!(failed.failure(), Some("x"));
    let not_an_object = read::<Task>(500, "[1]").unwrap_err();
    assert!(matches!(not_an_object, Error::Decode { status: 500, .. }));
}

#[test]
fn balance_numbers_may_be_strings_or_null() {
    let balance: Balance = read(200, r#"{"balance":"-51.54","creditLimit":null}"#).unwrap();
    assert_eq!((balance.balance, balance.credit_limit), (-51.54, 0.0));
}
