//! Dialogs and panels the first paint does not show, mounted the first time they are wanted:
//! with `split` (the Trunk build) their code is a wasm chunk, fetched then instead of with the
//! first load.
use std::future::Future;
use std::sync::Arc;

use futures::future::{BoxFuture, FutureExt};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::reactive::effect;

/// Mounts the view `load` resolves to once `wanted()` has been true, and keeps it mounted: the
/// dialogs this is for open and close themselves as `wanted` changes. A failed load calls
/// `failed` (which should make `wanted` false) and unmounts, so the next want fetches again.
pub fn mount_when_wanted<Load, Fut>(
    wanted: impl Fn() -> bool + 'static,
    load: Load,
    failed: impl Fn() + Send + Sync + 'static,
) -> impl IntoView
where
    Load: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    mount_boxed(
        Box::new(wanted),
        Arc::new(move || load().boxed()),
        Arc::new(failed),
    )
}

type Loader = Arc<dyn Fn() -> BoxFuture<'static, Result<AnyView, SplitLoaderError>> + Send + Sync>;

/// Not generic, so that the four dialogs share one copy of its effect and view code: the first
/// view compiles it once instead of four times (issue 12).
fn mount_boxed(
    wanted: Box<dyn Fn() -> bool>,
    load: Loader,
    failed: Arc<dyn Fn() + Send + Sync>,
) -> impl IntoView {
    let mounted = RwSignal::new(false);
    effect(move || {
        if wanted() {
            mounted.set(true);
        }
    });
    move || {
        mounted.get().then(|| {
            let (load, failed) = (load.clone(), failed.clone());
            Suspend::new(async move {
                load().await.unwrap_or_else(|_| {
                    mounted.set(false);
                    failed();
                    ().into_any()
                })
            })
        })
    }
}
