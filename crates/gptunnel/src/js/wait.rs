//! Waiting, the JavaScript way: `{ onProgress, onRetry, signal, timeoutMs, stallMs }` into
//! the core's [`WaitOptions`] and [`WaitEvent`]s, and an `AbortSignal` into cancel-by-drop.
//! `wait` and `mediaWait` are one generic function, [`wait_for`].
//!
//! The core cancels by dropping a future; JavaScript cancels with an `AbortSignal`. [`Guard`]
//! races the work against the signal's `abort` event and drops the work when the signal wins
//! (which also aborts the fetch in flight). A callback that throws stops the wait the same
//! way, and the call rejects with what it threw: an exception in `onProgress` surfaces at the
//! `await`, not as an unhandled error somewhere else.

use std::cell::RefCell;
use std::future::Future;

use futures::channel::oneshot;
use futures::future::{select, Either};
use js_sys::{Function, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::args::{describe, Fields};
use super::error::to_js;
use super::to_plain;
use crate::node::Read;
use crate::{Client, Error, Pollable, WaitEvent, WaitOptions, WaitTarget};

/// `wait` and `mediaWait`: the core's one generic wait ([`Client::wait_for`]) with JS
/// arguments in (a task or its id, the wait options) and a plain task object out.
pub(crate) async fn wait_for<T>(
    client: &Client,
    task: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue>
where
    T: Pollable + Serialize + Read,
{
    let wait = WaitArgs::parse(options)?;
    let guard = wait.guard();
    let target = target::<T>(task)?;
    let done = guard
        .run(client.wait_for(&target, &wait.options, wait.events(&guard)))
        .await;
    Ok(to_plain(&done.map_err(|failure| failure.into_js(None))?))
}

/// Reads a task id string, or a task object (its `id`; the whole task when it reads as one, so
/// it is waited for without fetching it first).
fn target<T: Read>(value: &JsValue) -> Result<WaitTarget<T>, Error> {
    if let Some(id) = value.as_string() {
        return Ok(WaitTarget::Id(id));
    }
    let id = if value.is_object() {
        Reflect::get(value, &JsValue::from_str("id"))
            .ok()
            .and_then(|id| id.as_string())
    } else {
        None
    };
    match id {
        Some(id) => Ok(T::read(value)
            .map(WaitTarget::Known)
            .unwrap_or(WaitTarget::Id(id))),
        None => Err(Error::invalid(
            "taskId",
            format!(
                "must be a task id string or a task object, got {}",
                describe(value)
            ),
        )),
    }
}

/// The third argument of `wait`, `mediaWait` and `run`.
pub(crate) struct WaitArgs {
    pub(crate) options: WaitOptions,
    on_progress: Option<Function>,
    on_retry: Option<Function>,
    signal: Option<AbortSignal>,
}

impl WaitArgs {
    pub(crate) fn parse(value: &JsValue) -> Result<Self, Error> {
        let fields = Fields::new(value, "options")?;
        let mut options = WaitOptions::default();
        if let Some(timeout) = fields.opt_millis("timeoutMs")? {
            options.timeout = timeout;
        }
        if let Some(stall) = fields.opt_millis("stallMs")? {
            options.stall_after = stall;
        }
        let signal = match fields.get("signal")? {
            None => None,
            Some(value) => Some(value.dyn_into::<AbortSignal>().map_err(|value| {
                Error::invalid(
                    "signal",
                    format!("must be an AbortSignal, got {}", describe(&value)),
                )
            })?),
        };
        Ok(Self {
            options,
            on_progress: fields.opt_function("onProgress")?,
            on_retry: fields.opt_function("onRetry")?,
            signal,
        })
    }

    /// A guard for this wait's signal and callbacks; see [`Guard::run`].
    pub(crate) fn guard(&self) -> Guard {
        Guard::new(self.signal.clone())
    }

    /// The core's event callback: calls `onProgress(task, info)` and `onRetry(error, delayMs)`,
    /// and hands anything they throw to `guard`.
    pub(crate) fn events<'g, T: Serialize>(
        &self,
        guard: &'g Guard,
    ) -> impl FnMut(WaitEvent<'_, T>) + 'g {
        let on_progress = self.on_progress.clone();
        let on_retry = self.on_retry.clone();
        move |event| {
            let called = match event {
                WaitEvent::Progress(task) => on_progress.as_ref().map(|f| {
                    f.call2(
                        &JsValue::NULL,
                        &to_plain(task),
                        &to_plain(&ProgressInfo::moving()),
                    )
                }),
                WaitEvent::Stalled { task, stalled_for } => on_progress.as_ref().map(|f| {
                    let info = ProgressInfo::stalled(stalled_for.as_secs_f64() * 1000.0);
                    f.call2(&JsValue::NULL, &to_plain(task), &to_plain(&info))
                }),
                WaitEvent::Retrying { error, delay } => on_retry.as_ref().map(|f| {
                    let delay_ms = JsValue::from_f64(delay.as_secs_f64() * 1000.0);
                    f.call2(&JsValue::NULL, &to_js(error, None), &delay_ms)
                }),
            };
            if let Some(Err(thrown)) = called {
                guard.callback_threw(thrown);
            }
        }
    }
}

/// The second argument of `onProgress`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProgressInfo {
    stalled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    stalled_for_ms: Option<f64>,
}

impl ProgressInfo {
    fn moving() -> Self {
        Self {
            stalled: false,
            stalled_for_ms: None,
        }
    }
    fn stalled(ms: f64) -> Self {
        Self {
            stalled: true,
            stalled_for_ms: Some(ms.round()),
        }
    }
}

/// Stops a piece of work when its `AbortSignal` fires or one of its callbacks throws.
pub(crate) struct Guard {
    signal: Option<AbortSignal>,
    /// The first exception a callback threw.
    thrown: RefCell<Option<JsValue>>,
    /// Wakes [`Guard::run`] when a callback throws.
    wake: RefCell<Option<oneshot::Sender<()>>>,
    woken: RefCell<Option<oneshot::Receiver<()>>>,
}

impl Guard {
    fn new(signal: Option<AbortSignal>) -> Self {
        let (wake, woken) = oneshot::channel();
        Self {
            signal,
            thrown: RefCell::new(None),
            wake: RefCell::new(Some(wake)),
            woken: RefCell::new(Some(woken)),
        }
    }

    /// Keeps the first exception thrown by a callback; the work stops at its next await.
    fn callback_threw(&self, thrown: JsValue) {
        if let Some(wake) = self.wake.borrow_mut().take() {
            *self.thrown.borrow_mut() = Some(thrown);
            let _ = wake.send(());
        }
    }

    /// Runs `work` unless the signal is already aborted, and drops it as soon as the signal
    /// aborts or a callback throws.
    pub(crate) async fn run<T>(
        &self,
        work: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Failure> {
        if self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(Failure::Core(Error::Aborted));
        }
        let Some(woken) = self.woken.borrow_mut().take() else {
            return Err(Failure::Core(Error::Aborted)); // a guard serves one piece of work
        };
        let abort = AbortWatch::new(self.signal.as_ref());
        let fired = std::pin::pin!(abort.fired());
        let stop = select(fired, woken);
        let outcome = match select(std::pin::pin!(work), stop).await {
            Either::Left((outcome, _)) => outcome,
            Either::Right((Either::Left(_), _)) => return Err(Failure::Core(Error::Aborted)),
            Either::Right((Either::Right(_), _)) => Err(Error::Aborted),
        };
        // A callback may also have thrown on the very event that finished the work.
        if let Some(thrown) = self.thrown.borrow_mut().take() {
            return Err(Failure::Thrown(thrown));
        }
        outcome.map_err(Failure::Core)
    }
}

/// Why guarded work stopped without a result.
pub(crate) enum Failure {
    /// The core's error (including `Aborted` for the signal).
    Core(Error),
    /// What a callback threw, passed on unchanged.
    Thrown(JsValue),
}

impl Failure {
    /// The Promise's rejection value; `task_id` names the task concerned when the error does
    /// not (the task `run` created, so that the caller can wait for it again).
    pub(crate) fn into_js(self, task_id: Option<&str>) -> JsValue {
        match self {
            Failure::Core(error) => to_js(&error, task_id).into(),
            Failure::Thrown(thrown) => thrown,
        }
    }
}

/// A Promise that settles when a signal aborts, listened to with the Promise's own `resolve`
/// function (no Rust closure to leak). Dropping the watch removes the listener and settles the
/// Promise, so nothing stays attached to a long-lived signal and the `JsFuture` waiting on it
/// is released.
struct AbortWatch {
    listening: Option<Listening>,
}

struct Listening {
    signal: AbortSignal,
    resolve: Function,
    promise: Promise,
}

impl AbortWatch {
    fn new(signal: Option<&AbortSignal>) -> Self {
        let listening = signal.and_then(|signal| {
            let mut resolve = None;
            let promise = Promise::new(&mut |resolve_fn, _reject| resolve = Some(resolve_fn));
            let resolve = resolve?;
            signal
                .add_event_listener_with_callback("abort", &resolve)
                .ok()?;
            Some(Listening {
                signal: signal.clone(),
                resolve,
                promise,
            })
        });
        Self { listening }
    }

    /// Resolves when the signal aborts; never, without a signal.
    fn fired(&self) -> impl Future<Output = ()> + 'static {
        let aborted = self
            .listening
            .as_ref()
            .map(|listening| JsFuture::from(listening.promise.clone()));
        async move {
            match aborted {
                Some(aborted) => drop(aborted.await),
                None => std::future::pending().await,
            }
        }
    }
}

impl Drop for AbortWatch {
    fn drop(&mut self) {
        if let Some(Listening {
            signal, resolve, ..
        }) = self.listening.take()
        {
            let _ = signal.remove_event_listener_with_callback("abort", &resolve);
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}
