#![cfg(not(target_arch = "wasm32"))] // native: a Tokio TCP server stands in for the API
//! Exact answer sequences, from a tiny scripted HTTP server that answers a fixed list of
//! replies in order and counts the requests it read: what a create does after a 429, a media
//! code 6, a dropped connection, a 5xx, an HTML gateway page, an unreadable success, an error
//! envelope inside a 200; and what `wait` does with such an envelope.
//!
//! The count is taken before each reply is written, so once a call has returned, the count is
//! final: no timing is involved.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use gptunnel::{Client, Config, Error, ErrorKind, Imagine, MediaCreate, WaitOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TASK_ID: &str = "65589df803761c00010775ae";
const IMAGINE_OK: &str = include_str!("fixtures/imagine_response.json");
const MEDIA_OK: &str = include_str!("fixtures/media_create_response.json");
const TOO_MANY: &str = r#"{"error":{"message":"Too many requests","type":"rate_limit_error"}}"#;
const HEAVY_LOAD: &str = r#"{"code":6,"message":"Service is under heavy load, retry later"}"#;

/// One scripted reply.
enum Reply {
    /// A whole HTTP answer.
    Answer {
        status: u16,
        retry_after: Option<&'static str>,
        body: String,
    },
    /// Read the request, then close the connection without answering.
    Drop,
}

fn answer(status: u16, body: &str) -> Reply {
    Reply::Answer {
        status,
        retry_after: None,
        body: body.to_owned(),
    }
}

fn too_many(retry_after: &'static str) -> Reply {
    Reply::Answer {
        status: 429,
        retry_after: Some(retry_after),
        body: TOO_MANY.to_owned(),
    }
}

/// A running scripted server.
struct Script {
    base_url: String,
    requests: Arc<AtomicUsize>,
}

impl Script {
    /// Serves `replies` in order, one per connection; past the end it answers 418.
    async fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        tokio::spawn(async move {
            let mut replies = replies.into_iter();
            while let Ok((stream, _)) = listener.accept().await {
                let reply = replies
                    .next()
                    .unwrap_or_else(|| answer(418, "the script has no more replies"));
                serve_one(stream, reply, &counted).await;
            }
        });
        Self { base_url, requests }
    }

    fn client(&self) -> Client {
        Client::new(Config::new("scripted-key").with_base_url(&self.base_url)).unwrap()
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

async fn serve_one(mut stream: TcpStream, reply: Reply, requests: &AtomicUsize) {
    if !read_request(&mut stream).await {
        return;
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let Reply::Answer {
        status,
        retry_after,
        body,
    } = reply
    else {
        return; // Drop: the stream closes here, unanswered
    };
    let retry_after = retry_after
        .map(|value| format!("Retry-After: {value}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status} Scripted\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n{retry_after}\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Reads one request's head and its `Content-Length` body; false if the peer went away.
async fn read_request(stream: &mut TcpStream) -> bool {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return true;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => data.extend_from_slice(&chunk[..n]),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[tokio::test]
async fn a_429_on_a_create_is_waited_out_and_sent_exactly_once_more() {
    let script = Script::start(vec![too_many("1"), answer(200, IMAGINE_OK)]).await;
    let started = Instant::now();
    let task = script
        .client()
        .imagine(&Imagine::new("a cat"))
        .await
        .unwrap();
    assert_eq!(task.id, TASK_ID);
    assert_eq!(script.requests(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured ({:?})",
        started.elapsed()
    );
}

#[tokio::test]
async fn media_code_6_on_a_create_is_waited_out_and_sent_exactly_once_more() {
    let script = Script::start(vec![answer(200, HEAVY_LOAD), answer(200, MEDIA_OK)]).await;
    let started = Instant::now();
    let task = script
        .client()
        .media_create(&MediaCreate::new("google-imagen-3", "a cat"))
        .await
        .unwrap();
    assert_eq!(task.id, "6880f043e6060500018821de");
    assert_eq!(script.requests(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "no Retry-After: 2 s ({:?})",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_third_429_fails_rate_limited_after_three_posts_in_all() {
    let script = Script::start(vec![
        too_many("0"),
        too_many("0"),
        too_many("0"),
        answer(200, IMAGINE_OK),
    ])
    .await;
    let err = script
        .client()
        .imagine(&Imagine::new("a cat"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err:?}");
    assert_eq!(err.status(), Some(429));
    assert!(!err.outcome_unknown(), "a 429 processed nothing");
    assert!(!err.is_retryable(), "a create's error is never retryable");
    assert_eq!(script.requests(), 3);
}

/// Sends one imagine against `first` (then a success that must never be asked for).
async fn create_after(first: Reply) -> (Error, usize) {
    let script = Script::start(vec![first, answer(200, IMAGINE_OK)]).await;
    let err = script
        .client()
        .imagine(&Imagine::new("a cat"))
        .await
        .unwrap_err();
    (err, script.requests())
}

#[tokio::test]
async fn a_dropped_connection_on_a_create_is_not_sent_again_and_its_outcome_is_unknown() {
    let (err, requests) = create_after(Reply::Drop).await;
    assert_eq!(requests, 1);
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert!(err.outcome_unknown());
    assert!(!err.is_retryable());
    assert!(
        err.to_string()
            .contains("may still have been created and charged"),
        "{err}"
    );
}

#[tokio::test]
async fn a_5xx_on_a_create_is_not_sent_again_even_with_retry_after() {
    let server_error = r#"{"error":{"message":"Internal error","type":"server_error"}}"#;
    for first in [
        answer(500, server_error),
        Reply::Answer {
            status: 503,
            retry_after: Some("0"),
            body: server_error.to_owned(),
        },
    ] {
        let (err, requests) = create_after(first).await;
        assert_eq!(requests, 1, "{err:?}");
        assert_eq!(err.kind(), ErrorKind::Api);
        assert!(err.outcome_unknown(), "{err:?}");
        assert!(!err.is_retryable());
    }
}

#[tokio::test]
async fn an_html_502_on_a_create_is_not_sent_again_and_its_outcome_is_unknown() {
    let page = include_str!("fixtures/bad_gateway.html");
    let (err, requests) = create_after(answer(502, page)).await;
    assert_eq!(requests, 1);
    assert!(
        matches!(&err, Error::Decode { status: 502, body, .. } if body == page),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Api);
    assert!(err.outcome_unknown());
    let text = err.to_string();
    assert!(text.contains("HTML page"), "{text}");
    assert!(text.contains("may still have been created"), "{text}");
}

#[tokio::test]
async fn an_unreadable_2xx_on_a_create_is_not_sent_again_and_its_outcome_is_unknown() {
    let (err, requests) = create_after(answer(200, &IMAGINE_OK[..IMAGINE_OK.len() / 2])).await;
    assert_eq!(requests, 1);
    assert_eq!(err.kind(), ErrorKind::Decode, "{err:?}");
    assert!(err.outcome_unknown());
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn an_error_envelope_in_a_200_is_a_typed_refusal_sent_once() {
    let body = include_str!("fixtures/error_402_insufficient_balance.json");
    let (err, requests) = create_after(answer(200, body)).await;
    assert_eq!(requests, 1);
    assert_eq!(err.kind(), ErrorKind::InsufficientBalance, "{err:?}");
    assert!(!err.outcome_unknown(), "a refusal: nothing was made");
    assert!(!err.is_retryable());
    assert!(!err.to_string().contains("may still have been created"));
}

#[tokio::test]
async fn the_trailing_comma_refusals_keep_their_kind_and_raw_text() {
    for (status, body, kind) in [
        (
            401,
            include_str!("fixtures/error_401_trailing_comma.json"),
            ErrorKind::Unauthorized,
        ),
        (
            402,
            include_str!("fixtures/error_402_trailing_comma.json"),
            ErrorKind::InsufficientBalance,
        ),
    ] {
        let (err, requests) = create_after(answer(status, body)).await;
        assert_eq!(requests, 1);
        assert_eq!(err.kind(), kind, "{err:?}");
        assert!(!err.outcome_unknown(), "a 4xx refusal made nothing");
        assert!(
            matches!(&err, Error::Decode { body: kept, .. } if kept == body),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn wait_returns_an_error_envelope_in_a_200_at_once() {
    let envelope = include_str!("fixtures/error_401_unauthorized.json");
    let script = Script::start(vec![answer(200, envelope), answer(200, envelope)]).await;
    let err = script
        .client()
        .wait(TASK_ID, &WaitOptions::default(), |_| {})
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err:?}");
    assert!(
        !err.outcome_unknown(),
        "a read never has an unknown outcome"
    );
    assert_eq!(script.requests(), 1, "no retry of a refusal");
}

#[tokio::test]
async fn wait_ends_an_unknown_status_that_carries_an_error_as_failed() {
    let body = format!(r#"{{"id":"{TASK_ID}","status":"moderated","error":"banned prompt"}}"#);
    let script = Script::start(vec![answer(200, &body), answer(200, &body)]).await;
    let err = script
        .client()
        .wait(TASK_ID, &WaitOptions::default(), |_| {})
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Failed, "{err:?}");
    assert!(err.to_string().contains("banned prompt"), "{err}");
    assert_eq!(script.requests(), 1);
}
