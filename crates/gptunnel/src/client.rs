//! The client: one typed async method per endpoint, all sent through one path.
//!
//! Creates are charged and the provider makes a new task for every repeated POST, so a create
//! is sent again only after a refusal that processed nothing (HTTP 429, media code 6), at most
//! [`CREATE_RATE_LIMIT_RETRIES`] times; any other failure of a create is final, and
//! [`Error::outcome_unknown`] says whether the task may exist. [`Client::wait`] repeats reads
//! (see `wait.rs`).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::future::{select, Either};
use serde::Serialize;

use crate::action::{Action, ActionRequest};
use crate::balance::Balance;
use crate::config::Config;
use crate::http::{Answer, HttpRequest, HttpResponse, Method};
use crate::media::MediaTask;
use crate::platform::BoxFuture;
use crate::poll::DurationMemory;
use crate::request::{
    check_task_id, Create, Imagine, Inpaint, MediaCreate, Outpaint, Pan, Reroll, Upsample, Upscale,
    Variation,
};
use crate::task::Task;
use crate::text::quoted;
use crate::transport::Transport;
use crate::{json, time, Error, ErrorKind};

/// How long one HTTP exchange may take before it counts as a network failure. Creates answer
/// at once (generation is asynchronous), so a minute only ever trips on a hung connection.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// How many times a create refused as rate limited (HTTP 429, media code 6) is sent again.
pub const CREATE_RATE_LIMIT_RETRIES: u32 = 2;

/// The wait before sending a rate-limited create again when the server gives no `Retry-After`.
pub const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(2);

/// The longest wait before sending a rate-limited create again, whatever the server asks.
pub const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(30);

/// A GPTunnel client. Cheap to clone: clones share the configuration and connection pool.
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
    transport: Transport,
    /// What earlier tasks took, per model and task type: the waits' forecasts (`poll`).
    pub(crate) durations: Arc<DurationMemory>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish()
    }
}

impl Client {
    /// A client for `config`. Refuses an empty key or a base URL that is not `http(s)://host…`.
    pub fn new(mut config: Config) -> Result<Self, Error> {
        check_api_key(&config.api_key)?;
        config.base_url = normalize_base_url(&config.base_url)?;
        Ok(Self {
            config: Arc::new(config),
            transport: Transport::new()?,
            durations: Arc::default(),
        })
    }

    /// The configuration in use (base URL without a trailing slash).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The HTTP request [`Client::create`] would send for `request`, after validation
    /// (for logging, tests, or sending it through another HTTP stack; the key is not in it).
    pub fn create_request<R: Create>(&self, request: &R) -> Result<HttpRequest, Error> {
        request.validate()?;
        let body = if R::SENDS_WALLET_FLAG {
            json::to_string(&WithWalletFlag {
                request,
                use_wallet_balance: self.config.use_wallet_balance,
            })?
        } else {
            json::to_string(request)?
        };
        Ok(self.post(R::PATH, body))
    }

    /// Send any create request. Sent again only after a rate-limit refusal (HTTP 429, media
    /// code 6: nothing was processed), after the server's `Retry-After` (2 s when it does not
    /// say, at most 30 s), at most twice; then it fails with [`ErrorKind::RateLimited`]. Any
    /// other failure is final: a repeat could be a second, charged task.
    pub async fn create<R: Create>(&self, request: &R) -> Result<R::Output, Error> {
        let http = self.create_request(request)?;
        self.send_create(&http).await
    }

    /// A 2x2 grid from a prompt.
    pub async fn imagine(&self, request: &Imagine) -> Result<Task, Error> {
        self.create(request).await
    }

    /// One grid image at full size.
    pub async fn upsample(&self, request: &Upsample) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Variations of a grid image or of an upsample.
    pub async fn variation(&self, request: &Variation) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Run a grid's prompt again.
    pub async fn reroll(&self, request: &Reroll) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Regenerate the masked part of an upsample.
    pub async fn inpaint(&self, request: &Inpaint) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Zoom out of an upsample.
    pub async fn outpaint(&self, request: &Outpaint) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Extend an upsample in one direction.
    pub async fn pan(&self, request: &Pan) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Enlarge an upsample.
    pub async fn upscale(&self, request: &Upscale) -> Result<Task, Error> {
        self.create(request).await
    }

    /// Perform an action listed in a task's `actions` (see [`Action::request`] for the table).
    pub async fn action(&self, task_id: &str, action: &Action) -> Result<Task, Error> {
        // One request built per kind, one send path: a single future, not one per kind.
        let http = match action.request(task_id)? {
            ActionRequest::Upsample(r) => self.create_request(&r)?,
            ActionRequest::Variation(r) => self.create_request(&r)?,
            ActionRequest::Reroll(r) => self.create_request(&r)?,
            ActionRequest::Outpaint(r) => self.create_request(&r)?,
            ActionRequest::Pan(r) => self.create_request(&r)?,
            ActionRequest::Upscale(r) => self.create_request(&r)?,
        };
        self.send_create(&http).await
    }

    /// POST any JSON body to `/v1/midjourney/<path>` and read the answer as a task: the escape
    /// hatch for endpoints or fields this version does not know. A create: retried only as
    /// [`Client::create`] is.
    pub async fn raw<B: Serialize + ?Sized>(&self, path: &str, body: &B) -> Result<Task, Error> {
        check_path_segment(path)?;
        self.raw_json(path, json::to_string(body)?).await
    }

    /// [`Client::raw`] with a body that is JSON text already (the JS binding's, written by
    /// `JSON.stringify`).
    pub(crate) async fn raw_json(&self, path: &str, body: String) -> Result<Task, Error> {
        check_path_segment(path)?;
        let http = self.post(&format!("/v1/midjourney/{path}"), body);
        self.send_create(&http).await
    }

    /// The current state of a Midjourney task.
    pub async fn result(&self, task_id: &str) -> Result<Task, Error> {
        check_task_id(task_id)?;
        let url = self.url(&format!("/v1/midjourney/result?taskId={task_id}"));
        self.execute(&HttpRequest {
            method: Method::Get,
            url,
            body: None,
        })
        .await
    }

    /// Start a media task (Imagen, Flux, GPT Image, video models…).
    pub async fn media_create(&self, request: &MediaCreate) -> Result<MediaTask, Error> {
        self.create(request).await
    }

    /// The current state of a media task.
    pub async fn media_result(&self, task_id: &str) -> Result<MediaTask, Error> {
        check_task_id(task_id)?;
        let body = json::to_string(&MediaResultBody { task_id })?;
        self.execute(&self.post("/v1/media/result", body)).await
    }

    /// The organisation's (or, with the wallet flag, the wallet's) balance.
    pub async fn balance(&self) -> Result<Balance, Error> {
        let path = if self.config.use_wallet_balance {
            "/v1/balance?useWalletBalance=true"
        } else {
            "/v1/balance"
        };
        let http = HttpRequest {
            method: Method::Get,
            url: self.url(path),
            body: None,
        };
        self.execute(&http).await
    }

    /// A create's send loop: errors are marked as a create's, and only a rate-limit refusal is
    /// sent again (see [`create_retry_delay`]). Dropping the future cancels the wait too.
    /// (For the JS binding: it builds each create's request with [`Client::create_request`]
    /// and sends them all through this one future.)
    pub(crate) async fn send_create<T: Answer>(&self, request: &HttpRequest) -> Result<T, Error> {
        let mut attempt = 0;
        loop {
            let error = match self.execute(request).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error.in_create(),
            };
            let Some(delay) = create_retry_delay(&error, attempt) else {
                return Err(error);
            };
            time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// The one send path: transport, time limit, then the endpoint family's decoding rules.
    async fn execute<T: Answer>(&self, request: &HttpRequest) -> Result<T, Error> {
        T::from_response(&self.fetch(request).await?)
    }

    /// Transport and time limit, boxed: one copy for every answer type and caller (the JS
    /// package's size, issue 12).
    fn fetch<'a>(&'a self, request: &'a HttpRequest) -> BoxFuture<'a, Result<HttpResponse, Error>> {
        Box::pin(async move {
            let sent = self.transport.send(request, &self.config.api_key);
            match with_time_limit(sent, REQUEST_TIMEOUT).await {
                Some(response) => response,
                None => Err(Error::network(format!(
                    "no answer within {} s",
                    REQUEST_TIMEOUT.as_secs()
                ))),
            }
        })
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.config.base_url, path_and_query)
    }

    fn post(&self, path: &str, body: String) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url: self.url(path),
            body: Some(body),
        }
    }
}

/// Whether a create that failed with `error` on send number `attempt` (0 = the first) is sent
/// again, and after how long. Only a rate-limit refusal qualifies: it processed nothing, so a
/// resend cannot make a second task. Anything else (5xx included) may have made the task.
fn create_retry_delay(error: &Error, attempt: u32) -> Option<Duration> {
    if attempt >= CREATE_RATE_LIMIT_RETRIES || error.kind() != ErrorKind::RateLimited {
        return None;
    }
    let asked = error.retry_after().unwrap_or(DEFAULT_RATE_LIMIT_WAIT);
    Some(asked.min(MAX_RATE_LIMIT_WAIT))
}

/// A create body with the config's wallet flag added (imagine only), and only when set: the
/// documentation's example sends no flag.
#[derive(Serialize)]
struct WithWalletFlag<'a, R> {
    #[serde(flatten)]
    request: &'a R,
    #[serde(rename = "useWalletBalance", skip_serializing_if = "is_false")]
    use_wallet_balance: bool,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

#[derive(Serialize)]
struct MediaResultBody<'a> {
    task_id: &'a str,
}

/// `fut`'s output, or `None` once `limit` has passed (then `fut` is dropped, which aborts it).
async fn with_time_limit<F: Future>(fut: F, limit: Duration) -> Option<F::Output> {
    let fut = std::pin::pin!(fut);
    let timer = std::pin::pin!(time::sleep(limit));
    match select(fut, timer).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

fn check_api_key(key: &str) -> Result<(), Error> {
    if key.trim().is_empty() {
        return Err(Error::invalid(
            "apiKey",
            "is empty: copy the key from your GPTunnel account",
        ));
    }
    // Header values must be visible ASCII; the key itself is never echoed back.
    if !key.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(Error::invalid(
            "apiKey",
            "contains characters that cannot be sent in a header",
        ));
    }
    Ok(())
}

/// `http(s)://host[:port][/prefix]`, returned without a trailing slash.
fn normalize_base_url(url: &str) -> Result<String, Error> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            Error::invalid(
                "baseUrl",
                format!("must start with http:// or https://, got {}", quoted(url)),
            )
        })?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err(Error::invalid(
            "baseUrl",
            format!("expected http(s)://host[/prefix], got {}", quoted(url)),
        ));
    }
    Ok(url.to_owned())
}

/// `raw` paths are one segment such as `pan` or `describe`: never a way to leave the API.
fn check_path_segment(path: &str) -> Result<(), Error> {
    let ok = !path.is_empty()
        && path.len() <= 64
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "path",
            format!(
                "expected one path segment like \"pan\", got {}",
                quoted(path)
            ),
        ))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn an_empty_or_blank_key_is_refused_without_echoing_it() {
        for key in ["", "   ", "\t"] {
            let err = Client::new(Config::new(key)).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "apiKey",
                        ..
                    }
                ),
                "{err}"
            );
        }
        let err = Client::new(Config::new("secret\nkey")).unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn base_urls_must_be_http_or_https_and_lose_their_trailing_slash() {
        let client =
            Client::new(Config::new("k").with_base_url("http://127.0.0.1:9/api/")).unwrap();
        assert_eq!(client.config().base_url, "http://127.0.0.1:9/api");
        for bad in [
            "",
            "gptunnel.ru",
            "ftp://gptunnel.ru",
            "https://",
            "https:///x",
            "http://a b",
        ] {
            let err = Client::new(Config::new("k").with_base_url(bad)).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        field: "baseUrl",
                        ..
                    }
                ),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn raw_paths_are_single_segments() {
        assert!(check_path_segment("pan").is_ok());
        assert!(check_path_segment("high-variation_2").is_ok());
        for bad in ["", "../balance", "a/b", "a?b=1", "%2e%2e"] {
            assert!(check_path_segment(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn imagine_carries_the_wallet_flag_and_other_creates_do_not() {
        let client = Client::new(Config::new("k").with_wallet_balance(true)).unwrap();
        let imagine = client.create_request(&Imagine::new("cat")).unwrap();
        assert_eq!(imagine.url, "https://gptunnel.ru/v1/midjourney/imagine");
        assert_eq!(
            imagine.body.as_deref(),
            Some(r#"{"prompt":"cat","useWalletBalance":true}"#)
        );
        let organisation = Client::new(Config::new("k")).unwrap();
        let imagine = organisation.create_request(&Imagine::new("cat")).unwrap();
        assert_eq!(imagine.body.as_deref(), Some(r#"{"prompt":"cat"}"#));
        let upsample = client
            .create_request(&Upsample::new("65589df803761c00010775ae", 1))
            .unwrap();
        assert_eq!(
            upsample.body.as_deref(),
            Some(r#"{"taskId":"65589df803761c00010775ae","image":1}"#)
        );
    }

    #[test]
    fn the_key_never_appears_in_a_request_description_or_debug_output() {
        let client = Client::new(Config::new("sk-live-123")).unwrap();
        let request = client.create_request(&Imagine::new("cat")).unwrap();
        assert!(!format!("{request:?}{client:?}").contains("sk-live-123"));
    }

    fn refusal(status: u16, retry_after: Option<u64>, body: &str) -> Error {
        let response = crate::HttpResponse {
            status,
            retry_after: retry_after.map(Duration::from_secs),
            body: body.to_owned(),
        };
        Task::from_response(&response).unwrap_err().in_create()
    }

    const TOO_MANY: &str = r#"{"error":{"message":"Too many requests","type":"rate_limit_error"}}"#;

    #[test]
    fn a_rate_limited_create_is_sent_again_after_the_asked_wait_at_most_twice() {
        let limited = refusal(429, Some(7), TOO_MANY);
        assert_eq!(
            create_retry_delay(&limited, 0),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            create_retry_delay(&limited, 1),
            Some(Duration::from_secs(7))
        );
        assert_eq!(create_retry_delay(&limited, 2), None);
    }

    #[test]
    fn the_rate_limit_wait_is_2_s_unless_told_and_never_over_30_s() {
        let untold = refusal(429, None, TOO_MANY);
        assert_eq!(create_retry_delay(&untold, 0), Some(Duration::from_secs(2)));
        let long = refusal(429, Some(3600), TOO_MANY);
        assert_eq!(create_retry_delay(&long, 0), Some(Duration::from_secs(30)));
        let unreadable = refusal(429, Some(3), "<html>slow down</html>");
        assert_eq!(
            create_retry_delay(&unreadable, 0),
            Some(Duration::from_secs(3))
        );
        let heavy_load = MediaTask::from_response(&crate::HttpResponse {
            status: 200,
            retry_after: None,
            body: r#"{"code":6,"message":"Service is under heavy load"}"#.to_owned(),
        })
        .unwrap_err()
        .in_create();
        assert_eq!(
            create_retry_delay(&heavy_load, 0),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn no_other_failure_of_a_create_is_sent_again() {
        let failures = [
            refusal(
                500,
                None,
                r#"{"error":{"message":"boom","type":"server_error"}}"#,
            ),
            refusal(502, None, "<html>Bad Gateway</html>"),
            refusal(503, Some(1), ""),
            refusal(200, None, "{not json"),
            refusal(
                200,
                None,
                r#"{"error":{"message":"slow","type":"rate_limit_error"}}"#,
            ),
            refusal(401, None, r#"{"error":{"message":"Unauthorized"}}"#),
            Error::network("connection reset").in_create(),
        ];
        for error in failures {
            assert_eq!(create_retry_delay(&error, 0), None, "{error:?}");
        }
    }
}
