//! The domain layer: what tasks are and how they behave, with no HTTP and no shared state
//! (lifecycle, progress, pricing, actions, pictures, masks). Imports only `model`.

pub mod actions;
pub mod images;
pub mod lifecycle;
pub mod masks;
pub mod media_task;
pub mod pricing;
pub mod progress;
pub mod task;
