//! Dialogs and panels the first paint does not show, mounted the first time they are wanted:
//! with `split` (the Trunk build) their code is a wasm chunk, fetched then instead of with the
//! first load.
use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Mounts the view `load` resolves to once `wanted()` has been true, and keeps it mounted: the
/// dialogs this is for open and close themselves as `wanted` changes. A failed load calls
/// `failed` (which should make `wanted` false) and unmounts, so the next want fetches again.
pub fn mount_when_wanted<Load, Fut>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    load: Load,
    failed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    Load: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let mounted = RwSignal::new(false);
    Effect::new(move |_| {
        if wanted() {
            mounted.set(true);
        }
    });
    move || {
        mounted.get().then(|| {
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
