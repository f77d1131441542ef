//! One component per file.
pub mod announcer;
pub mod app;
pub mod demo_banner;
pub mod demo_button;
pub mod gallery;
pub mod grid_picker;
pub mod header;
pub mod history_tools;
pub mod image_actions;
pub mod mask_editor;
pub mod notice;
pub mod prompt_bar;
pub mod settings;
pub mod task_card;
pub mod task_feed;
pub mod viewer;
