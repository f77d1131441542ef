//! The `Client` class.
//!
//! Each method reads its JavaScript arguments, calls the core client and returns a Promise of
//! a plain object with the wire field names. Argument errors reject the Promise (kind
//! `invalid_input`) instead of throwing, so `await` and `.catch` see every failure the same
//! way. The methods clone the core client (it is reference-counted) into their futures and
//! keep no borrow of the class, so calling `free()` while a call is running is safe.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::args::{self, Fields};
use super::requests;
use super::to_plain;
use super::wait::{self, WaitArgs};
use crate::{Action, Client, Config, Error, MediaTask, Task, WaitTarget};

/// A GPTunnel client. Create tasks, follow them to their result, check the balance.
///
/// ```js
/// const client = new Client({ apiKey, baseUrl: "https://gptunnel.ru" });
/// const task = await client.run("imagine", { prompt: "a lighthouse" }, { onProgress });
/// ```
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    inner: Client,
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// A client for `options.apiKey`, talking to `options.baseUrl` (default
    /// `https://gptunnel.ru`). Throws a `GptunnelError` (kind `invalid_input`) for an empty key
    /// or a base URL that is not `http(s)://…`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<JsClient, JsValue> {
        let fields = Fields::new(&options, "options")?;
        let mut config = Config::new(fields.string("apiKey")?);
        if let Some(base_url) = fields.opt_string("baseUrl")? {
            config = config.with_base_url(base_url);
        }
        if let Some(wallet) = fields.opt_bool("useWalletBalance")? {
            config = config.with_wallet_balance(wallet);
        }
        Ok(JsClient {
            inner: Client::new(config)?,
        })
    }

    /// Start a 2x2 grid from a prompt. Resolves with the created task, still running: follow it
    /// with `wait`, or use `run("imagine", …)` to do both. Charged: sent again only after a
    /// rate-limit refusal (HTTP 429), at most twice.
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn imagine(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ImagineParams")] params: JsValue,
    ) -> Promise {
        self.create("imagine", params)
    }

    /// One image of a grid at full size (`image` 1–4: top-left, top-right, bottom-left,
    /// bottom-right).
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn upsample(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpsampleParams")] params: JsValue,
    ) -> Promise {
        self.create("upsample", params)
    }

    /// A new grid of variations: of one grid image (`image`), or of an upsample (`mode`
    /// `"high"` or `"low"`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn variation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VariationParams")] params: JsValue,
    ) -> Promise {
        self.create("variation", params)
    }

    /// Run a grid's prompt again.
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn reroll(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RerollParams")] params: JsValue,
    ) -> Promise {
        self.create("reroll", params)
    }

    /// Regenerate the white part of `mask` (a PNG the upsample's size, as base64 or bytes; see
    /// `Mask`) over an upsampled image, with an optional new `prompt`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn inpaint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "InpaintParams")] params: JsValue,
    ) -> Promise {
        self.create("inpaint", params)
    }

    /// Zoom out of an upsampled image (`zoom` 50 or 75).
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn outpaint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OutpaintParams")] params: JsValue,
    ) -> Promise {
        self.create("outpaint", params)
    }

    /// Extend an upsampled image towards `direction`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn pan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PanParams")] params: JsValue,
    ) -> Promise {
        self.create("pan", params)
    }

    /// Enlarge an upsampled image (`type` `"2x"` or `"4x"`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn upscale(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpscaleParams")] params: JsValue,
    ) -> Promise {
        self.create("upscale", params)
    }

    /// Perform an action a task lists in `actions`, such as `"upsamle_3"` or `"pan_left"`.
    /// (`inpaint` needs a mask: use `inpaint`.)
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn action(
        &self,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TaskAction")] action: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move {
            let task_id = args::string(&task_id, "taskId")?;
            let action = Action::parse(&args::string(&action, "action")?);
            Ok(to_plain(&client.action(&task_id, &action).await?))
        }))
    }

    /// Escape hatch: POST `body` (default `{}`) to `/v1/midjourney/<path>` and read the
    /// answer as a task, for an endpoint or a field this version does not know. A create: sent
    /// again only after a rate-limit refusal.
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn raw(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Record<string, unknown>")] body: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move {
            let path = args::string(&path, "path")?;
            let body = Fields::new(&body, "body")?.into_object();
            let body = js_sys::JSON::stringify(&body)
                .ok()
                .and_then(|text| text.as_string())
                .ok_or_else(|| Error::invalid("body", "cannot be written as JSON"))?;
            Ok(to_plain(&client.raw_json(&path, body).await?))
        }))
    }

    /// The task's current state (one request).
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn result(
        &self,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move {
            let task_id = args::string(&task_id, "taskId")?;
            Ok(to_plain(&client.result(&task_id).await?))
        }))
    }

    /// Poll a task until it is done, and resolve with it. Rejects with kind `failed` when the
    /// task fails, `timeout` after `timeoutMs` without progress (default 10 minutes), `aborted`
    /// when `signal` aborts. `onProgress(task, info)` is called on every change.
    #[wasm_bindgen(unchecked_return_type = "Promise<Task>")]
    pub fn wait(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Task | string")] task: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions<Task>")] options: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move { wait::wait_for::<Task>(&client, &task, &options).await }))
    }

    /// Create a task (`kind` `"imagine"`, `"upsample"`, …) and wait for it; see `wait`. The
    /// create is processed at most once (only a 429 refusal, which processed nothing, is sent
    /// again). Typed in js/types.d.ts (the params follow the kind).
    #[wasm_bindgen(skip_typescript)]
    pub fn run(&self, kind: JsValue, params: JsValue, options: JsValue) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move {
            let kind = requests::kind(&kind)?;
            let wait = WaitArgs::parse(&options)?;
            let guard = wait.guard();
            let created = RefCell::new(None::<String>);
            let done = guard
                .run(async {
                    let task = requests::create(&client, &kind, &params).await?;
                    *created.borrow_mut() = Some(task.id.clone());
                    let target = WaitTarget::Known(task);
                    client
                        .wait_for(&target, &wait.options, wait.events(&guard))
                        .await
                })
                .await;
            Ok(to_plain(&done.map_err(|failure| {
                failure.into_js(created.borrow().as_deref())
            })?))
        }))
    }

    /// Start a media task (Imagen, Flux, GPT Image, video models…). Resolves with the created
    /// task; follow it with `mediaWait`.
    #[wasm_bindgen(js_name = mediaCreate, unchecked_return_type = "Promise<MediaTask>")]
    pub fn media_create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MediaCreateParams")] params: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move {
            let request = requests::media_create(&params)?;
            Ok(to_plain(
                &client
                    .media_create(&request)
                    .await
                    .map_err(requests::js_field_names)?,
            ))
        }))
    }

    /// A media task's current state (one request).
    #[wasm_bindgen(js_name = mediaResult, unchecked_return_type = "Promise<MediaTask>")]
    pub fn media_result(
        &self,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move {
            let task_id = args::string(&task_id, "taskId")?;
            Ok(to_plain(&client.media_result(&task_id).await?))
        }))
    }

    /// Poll a media task until it is done; see `wait`. Media tasks report no percent, so
    /// `timeoutMs` counts from the start: raise it for video models.
    #[wasm_bindgen(js_name = mediaWait, unchecked_return_type = "Promise<MediaTask>")]
    pub fn media_wait(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MediaTask | string")] task: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions<MediaTask>")] options: JsValue,
    ) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move { wait::wait_for::<MediaTask>(&client, &task, &options).await }))
    }

    /// The organisation's balance (or the wallet's, with `useWalletBalance`), in rubles.
    #[wasm_bindgen(unchecked_return_type = "Promise<Balance>")]
    pub fn balance(&self) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move { Ok(to_plain(&client.balance().await?)) }))
    }
}

impl JsClient {
    /// Sends the create named `kind` with JS `params`.
    fn create(&self, kind: &'static str, params: JsValue) -> Promise {
        let client = self.inner.clone();
        promise(Box::pin(async move { Ok(to_plain(&requests::create(&client, kind, &params).await?)) }))
    }
}

/// Every method's work as a Promise, through this one function: boxing the futures makes
/// `future_to_promise` (and its closures) exist once in the wasm instead of once per method.
fn promise(work: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>) -> Promise {
    wasm_bindgen_futures::future_to_promise(work)
}
