//! The domain layer: what tasks are and how they behave, with no HTTP and no shared state
//! (lifecycle, progress, pricing, actions, pictures, masks). Imports only `model`.

pub(crate) mod actions;
pub(crate) mod images;
pub(crate) mod lifecycle;
pub(crate) mod masks;
pub(crate) mod media_task;
pub(crate) mod pricing;
pub(crate) mod progress;
pub(crate) mod task;
