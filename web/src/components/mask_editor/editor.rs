//! The editor's state: a `Copy` bundle of signals (what the toolbar and the stage render)
//! plus the painter and the pointer tracker, kept as local stored values because they hold
//! browser objects and change on every pointer event without needing a re-render.
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::{Painter, Status};
use super::gesture::Gestures;
use super::keys::Command;
use super::tools::{self, Tool};
use super::view::{zoom_limits, ViewTransform, ZOOM_STEP};

/// Where the parent image is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageState {
    /// Still loading.
    Loading,
    /// Loaded at this natural size; the mask has the same size.
    Ready(u32, u32),
    /// Could not be loaded (or is too large for a mask).
    Failed,
}

/// The shape being dragged, drawn over the image until the pointer is released.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Preview {
    /// Nothing.
    #[default]
    None,
    /// A rectangle in image pixels.
    Rect { x: f64, y: f64, w: f64, h: f64 },
    /// A lasso outline: SVG `points` in image pixels.
    Lasso(String),
}

/// Everything the editor's parts share.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The mask and its canvas, once the image has loaded.
    pub painter: StoredValue<Option<Painter>, LocalStorage>,
    /// Pointers down and the gesture they make.
    pub pointers: StoredValue<Gestures, LocalStorage>,
    /// The chosen tool.
    pub tool: RwSignal<Tool>,
    /// Brush diameter in image pixels.
    pub brush: RwSignal<f64>,
    /// Zoom and pan.
    pub view: RwSignal<ViewTransform>,
    /// Whether the view is the fitted one (kept fitted when the window resizes).
    pub fitted: RwSignal<bool>,
    /// Undo, redo, and whether anything is selected.
    pub status: RwSignal<Status>,
    /// The rectangle or lasso being drawn.
    pub preview: RwSignal<Preview>,
    /// Space is held: a drag pans.
    pub space_held: RwSignal<bool>,
    /// The parent image.
    pub image: RwSignal<ImageState>,
    /// The area that receives pointer events.
    pub stage: NodeRef<html::Div>,
    /// The brush outline that follows the pointer.
    pub cursor: NodeRef<html::Div>,
    /// The mask overlay canvas.
    pub canvas: NodeRef<html::Canvas>,
}

impl Editor {
    /// A fresh editor, waiting for its image.
    pub fn new() -> Self {
        Self {
            painter: StoredValue::new_local(None),
            pointers: StoredValue::new_local(Gestures::default()),
            tool: RwSignal::new(Tool::Brush),
            brush: RwSignal::new(32.0),
            view: RwSignal::new(ViewTransform::default()),
            fitted: RwSignal::new(true),
            status: RwSignal::new(Status::default()),
            preview: RwSignal::new(Preview::None),
            space_held: RwSignal::new(false),
            image: RwSignal::new(ImageState::Loading),
            stage: NodeRef::new(),
            cursor: NodeRef::new(),
            canvas: NodeRef::new(),
        }
    }

    /// The image loaded at `width` × `height`: make the mask that size and fit the view.
    pub fn image_loaded(&self, width: u32, height: u32) {
        let painter = self
            .canvas
            .get_untracked()
            .and_then(|canvas| Painter::new(&canvas, width, height));
        let ok = painter.is_some();
        self.painter.set_value(painter);
        if !ok {
            self.image.set(ImageState::Failed);
            return;
        }
        self.brush.set(tools::default_brush(width, height));
        self.image.set(ImageState::Ready(width, height));
        self.status.set(Status::default());
        self.fit();
    }

    /// The image size, once loaded.
    pub fn size(&self) -> Option<(u32, u32)> {
        match self.image.get_untracked() {
            ImageState::Ready(w, h) => Some((w, h)),
            _ => None,
        }
    }

    /// Runs `edit` on the painter, then refreshes the toolbar state (`exact`: recount the
    /// selected pixels too).
    pub fn edit(&self, exact: bool, edit: impl FnOnce(&mut Painter)) {
        let previous = self.status.get_untracked();
        let next = self
            .painter
            .try_update_value(|p| {
                p.as_mut().map(|p| {
                    edit(p);
                    p.status(exact, previous)
                })
            })
            .flatten();
        if let Some(next) = next.filter(|n| *n != previous) {
            self.status.set(next);
        }
    }

    /// Carries out a toolbar button or shortcut.
    pub fn run(&self, command: Command) {
        match command {
            Command::Undo => self.edit(true, Painter::undo),
            Command::Redo => self.edit(true, Painter::redo),
            Command::Invert => self.edit(true, Painter::invert),
            Command::Bigger => {
                let max = self.size().map_or(256.0, |(w, h)| tools::max_brush(w, h));
                self.brush.update(|b| *b = tools::bigger(*b, max));
            }
            Command::Smaller => self.brush.update(|b| *b = tools::smaller(*b)),
            Command::Tool(tool) => self.tool.set(tool),
            Command::ZoomIn => self.zoom_centre(ZOOM_STEP),
            Command::ZoomOut => self.zoom_centre(1.0 / ZOOM_STEP),
            Command::ZoomFit => self.fit(),
        }
    }

    /// Makes every pixel kept again.
    pub fn clear(&self) {
        self.edit(true, Painter::clear);
    }

    /// The stage's size in CSS pixels.
    pub fn stage_size(&self) -> (f64, f64) {
        self.stage.get_untracked().map_or((0.0, 0.0), |s| {
            (f64::from(s.client_width()), f64::from(s.client_height()))
        })
    }

    /// The stage's top-left corner in client coordinates.
    pub fn stage_origin(&self) -> (f64, f64) {
        self.stage.get_untracked().map_or((0.0, 0.0), |s| {
            let r = s.get_bounding_client_rect();
            (
                r.left() + f64::from(s.client_left()),
                r.top() + f64::from(s.client_top()),
            )
        })
    }

    /// The zoom range for the current image and stage.
    pub fn limits(&self) -> (f64, f64) {
        let fit = self.size().map_or(1.0, |size| {
            ViewTransform::fit(self.stage_size(), size).scale
        });
        zoom_limits(fit)
    }

    /// Shows the whole image.
    pub fn fit(&self) {
        if let Some(size) = self.size() {
            self.view.set(ViewTransform::fit(self.stage_size(), size));
            self.fitted.set(true);
        }
    }

    /// Sets a new zoom or pan chosen by the user.
    pub fn set_view(&self, view: ViewTransform) {
        self.view.set(view);
        self.fitted.set(false);
    }

    fn zoom_centre(&self, factor: f64) {
        let (w, h) = self.stage_size();
        let limits = self.limits();
        self.set_view(
            self.view
                .get_untracked()
                .zoom_at(w / 2.0, h / 2.0, factor, limits),
        );
    }

    /// Places the brush outline at stage point `at` (hidden for `None`, for tools without a
    /// brush, and while panning).
    pub fn show_cursor(&self, at: Option<(f64, f64)>) {
        self.pointers.update_value(|p| p.hover = at);
        self.refresh_cursor();
    }

    /// Redraws the brush outline where the pointer last was (after a tool, size or zoom
    /// change).
    pub fn refresh_cursor(&self) {
        let at = self.pointers.try_with_value(|p| p.hover).flatten();
        let Some(el) = self.cursor.get_untracked() else {
            return;
        };
        let el: &web_sys::HtmlElement = el.unchecked_ref();
        let style = el.style();
        let visible = self.tool.get_untracked().uses_brush() && !self.space_held.get_untracked();
        match at.filter(|_| visible) {
            None => {
                let _ = style.set_property("display", "none");
            }
            Some((x, y)) => {
                let d = self.brush.get_untracked() * self.view.get_untracked().scale;
                let _ = style.set_property("display", "block");
                let _ = style.set_property("width", &format!("{d:.2}px"));
                let _ = style.set_property("height", &format!("{d:.2}px"));
                let _ = style.set_property(
                    "transform",
                    &format!("translate({:.2}px, {:.2}px)", x - d / 2.0, y - d / 2.0),
                );
            }
        }
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new()
    }
}
