//! Small line icons for the toolbar (inline SVG, `currentColor`, so they follow the theme and
//! need no font or image request). Decorative: every button carries its own label.
use leptos::prelude::*;

use super::tools::Tool;

/// The icons the toolbar uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Tool(Tool),
    Undo,
    Redo,
    Invert,
    Clear,
    ZoomIn,
    ZoomOut,
    Fit,
    Close,
}

/// The SVG of `icon`.
pub fn icon(icon: Icon) -> impl IntoView {
    let body = match icon {
        Icon::Tool(Tool::Brush) => view! {
            <path d="M16.5 3.5l-7.2 7.9 1.3 1.3 7.9-7.2a1.4 1.4 0 0 0-2-2z"/>
            <path d="M8.4 12.4c-2.3 0-3.4 1.4-3.4 3.3 0 .7-.5 1.2-1.5 1.3 1.2 1 2.6 1.3 3.9 1.1 2-.3 3.1-1.8 2.7-3.9z"/>
        }
        .into_any(),
        Icon::Tool(Tool::Eraser) => view! {
            <path d="M8 17h9"/>
            <path d="M3.6 12.4l7.8-7.8a1.4 1.4 0 0 1 2 0l3 3a1.4 1.4 0 0 1 0 2L10 16.9H7.4l-3.8-3.8a.5.5 0 0 1 0-.7z"/>
            <path d="M7.5 8.5l5 5"/>
        }
        .into_any(),
        Icon::Tool(Tool::Rectangle) => view! {
            <rect x="3.5" y="5" width="13" height="10" rx="1" stroke-dasharray="2.2 1.8"/>
        }
        .into_any(),
        Icon::Tool(Tool::Lasso) => view! {
            <path d="M6.5 13.6C4.4 12.8 3 11.3 3 9.5 3 6.5 6.1 4 10 4s7 2.5 7 5.5S13.9 15 10 15c-.9 0-1.8-.1-2.6-.4" stroke-dasharray="2.4 1.6"/>
            <path d="M7.5 13.5c-1.5 1-1.3 3.5 1 3.5"/>
        }
        .into_any(),
        Icon::Undo => view! {
            <path d="M8 5L4.5 8.5 8 12"/>
            <path d="M5 8.5h7a4 4 0 0 1 0 8H9"/>
        }
        .into_any(),
        Icon::Redo => view! {
            <path d="M12 5l3.5 3.5L12 12"/>
            <path d="M15 8.5H8a4 4 0 0 0 0 8h3"/>
        }
        .into_any(),
        Icon::Invert => view! {
            <circle cx="10" cy="10" r="6.5"/>
            <path d="M10 3.5a6.5 6.5 0 0 1 0 13z" fill="currentColor"/>
        }
        .into_any(),
        Icon::Clear => view! {
            <path d="M4.5 6h11"/>
            <path d="M8 6V4.5h4V6"/>
            <path d="M6 6l.8 10h6.4L14 6"/>
        }
        .into_any(),
        Icon::ZoomIn => view! {
            <circle cx="8.5" cy="8.5" r="5"/>
            <path d="M12.2 12.2L17 17M6.5 8.5h4M8.5 6.5v4"/>
        }
        .into_any(),
        Icon::ZoomOut => view! {
            <circle cx="8.5" cy="8.5" r="5"/>
            <path d="M12.2 12.2L17 17M6.5 8.5h4"/>
        }
        .into_any(),
        Icon::Fit => view! {
            <path d="M3.5 7.5v-4h4M12.5 3.5h4v4M16.5 12.5v4h-4M7.5 16.5h-4v-4"/>
        }
        .into_any(),
        Icon::Close => view! {
            <path d="M5 5l10 10M15 5L5 15"/>
        }
        .into_any(),
    };
    view! {
        <svg
            class="mask-icon"
            viewBox="0 0 20 20"
            width="20"
            height="20"
            fill="none"
            stroke="currentColor"
            stroke-width="1.6"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            {body}
        </svg>
    }
}
