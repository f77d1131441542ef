//! Leptos's reactive pieces with their closures boxed. Leptos compiles its code for an effect,
//! a reactive text or attribute, or a `<Show>` once per closure type: the first view had 11
//! copies of the effect loop, 20 of the reactive view code and 12 of the memo, each compiled by
//! V8 on the main thread when first run, as the page starts (issue 12). Boxed first, every use
//! shares one copy (one per value type).
use std::sync::Arc;

use leptos::prelude::*;

/// A reactive value (a child text, an attribute value) as one boxed closure type.
pub type Derived<T> = Arc<dyn Fn() -> T + Send + Sync>;

/// `f` as a [`Derived`]: use it where a `move || …` closure would go in a view.
pub fn derived<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Derived<T> {
    Arc::new(f)
}

/// Runs `f` now (after the current task) and again whenever a signal it read changes, while
/// the current reactive owner lives. What [`Effect::new`]'s `previous` argument gave, a
/// closure keeps in its own captured state.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// What `<Show when=…>children</Show>` does, without a fallback: `children()` while `when()`.
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    show_boxed(Arc::new(when), Arc::new(children))
}

fn show_boxed(when: Derived<bool>, children: Derived<AnyView>) -> impl IntoView {
    let when = ArcMemo::new(move |_| when());
    move || when.get().then(|| children())
}
