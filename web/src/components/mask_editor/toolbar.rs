//! The toolbar: tools, brush size, undo/redo, invert/clear and zoom. Every control has a
//! label (visible on wide screens, `aria-label` and tooltip everywhere).
use leptos::prelude::*;

use super::editor::{Editor, ImageState};
use super::icons::{icon, Icon};
use super::keys::Command;
use super::strings::{current, MaskStrings};
use super::tools::{self, Tool};

fn tool_label(s: &MaskStrings, tool: Tool) -> &'static str {
    match tool {
        Tool::Brush => s.brush,
        Tool::Eraser => s.eraser,
        Tool::Rectangle => s.rectangle,
        Tool::Lasso => s.lasso,
    }
}

/// A toolbar button with an icon and a label.
///
/// - `label`: its accessible name and tooltip, in the current language.
/// - `test_id`: the `data-testid` hook.
/// - `disabled`: greys it out.
/// - `on_press`: what it does.
#[component]
fn ToolButton(
    icon_name: Icon,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    test_id: String,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(into, optional)] pressed: Option<Signal<bool>>,
    /// Shows the label next to the icon on wide screens (tools); otherwise icon only.
    #[prop(optional)]
    text: bool,
    on_press: impl Fn() + 'static,
) -> impl IntoView {
    // The visible text drops the shortcut in brackets ("Brush (B)" shows "Brush").
    let short = move || label().split(" (").next().unwrap_or_default();
    view! {
        <button
            type="button"
            class="mask-button"
            class:active=move || pressed.is_some_and(|p| p.get())
            aria-pressed=move || pressed.map(|p| p.get().to_string())
            aria-label=label
            title=label
            data-testid=test_id
            disabled=move || disabled.get()
            on:click=move |_| on_press()
        >
            {icon(icon_name)}
            {text.then(|| view! { <span class="mask-label">{short}</span> })}
        </button>
    }
}

/// The editor's toolbar, acting on `ed`.
#[component]
pub fn Toolbar(ed: Editor) -> impl IntoView {
    let s = current();
    let ready = move || matches!(ed.image.get(), ImageState::Ready(..));
    let max_brush = move || match ed.image.get() {
        ImageState::Ready(w, h) => tools::max_brush(w, h),
        _ => 256.0,
    };
    let tool_buttons = Tool::ALL
        .into_iter()
        .map(|tool| {
            view! {
                <ToolButton
                    icon_name=Icon::Tool(tool)
                    label=move || tool_label(s(), tool)
                    test_id=format!("mask-tool-{}", tool.name())
                    pressed=Signal::derive(move || ed.tool.get() == tool)
                    text=true
                    on_press=move || ed.tool.set(tool)
                />
            }
        })
        .collect_view();

    view! {
        <div class="mask-toolbar" role="toolbar" aria-label=move || s().tools>
            <div class="mask-group mask-tools" role="group" aria-label=move || s().tools>
                {tool_buttons}
            </div>
            <div class="mask-size">
                <label for="mask-brush-size">{move || s().brush_size}</label>
                <input
                    id="mask-brush-size"
                    type="range"
                    min=tools::MIN_BRUSH.to_string()
                    max=move || max_brush().to_string()
                    step="1"
                    data-testid="mask-brush-size"
                    prop:value=move || ed.brush.get().to_string()
                    aria-valuetext=move || format!("{} px", ed.brush.get())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            ed.brush.set(v);
                        }
                    }
                />
                <output for="mask-brush-size" class="mask-readout" data-testid="mask-brush-readout">
                    {move || format!("{} px", ed.brush.get())}
                </output>
            </div>
            <div class="mask-group" role="group" aria-label=move || s().history>
                <ToolButton
                    icon_name=Icon::Undo
                    label=move || s().undo
                    test_id="mask-undo".into()
                    disabled=Signal::derive(move || !ed.status.get().can_undo)
                    on_press=move || ed.run(Command::Undo)
                />
                <ToolButton
                    icon_name=Icon::Redo
                    label=move || s().redo
                    test_id="mask-redo".into()
                    disabled=Signal::derive(move || !ed.status.get().can_redo)
                    on_press=move || ed.run(Command::Redo)
                />
                <ToolButton
                    icon_name=Icon::Invert
                    label=move || s().invert
                    test_id="mask-invert".into()
                    disabled=Signal::derive(move || !ready())
                    on_press=move || ed.run(Command::Invert)
                />
                <ToolButton
                    icon_name=Icon::Clear
                    label=move || s().clear
                    test_id="mask-clear".into()
                    disabled=Signal::derive(move || !ed.status.get().has_region)
                    on_press=move || ed.clear()
                />
            </div>
            <div class="mask-group" role="group" aria-label=move || s().zoom>
                <ToolButton
                    icon_name=Icon::ZoomOut
                    label=move || s().zoom_out
                    test_id="mask-zoom-out".into()
                    disabled=Signal::derive(move || !ready())
                    on_press=move || ed.run(Command::ZoomOut)
                />
                <output class="mask-readout mask-zoom" data-testid="mask-zoom" aria-live="off">
                    {move || format!("{:.0}%", ed.view.get().scale * 100.0)}
                </output>
                <ToolButton
                    icon_name=Icon::ZoomIn
                    label=move || s().zoom_in
                    test_id="mask-zoom-in".into()
                    disabled=Signal::derive(move || !ready())
                    on_press=move || ed.run(Command::ZoomIn)
                />
                <ToolButton
                    icon_name=Icon::Fit
                    label=move || s().zoom_fit
                    test_id="mask-zoom-fit".into()
                    disabled=Signal::derive(move || !ready())
                    on_press=move || ed.run(Command::ZoomFit)
                />
            </div>
        </div>
    }
}
