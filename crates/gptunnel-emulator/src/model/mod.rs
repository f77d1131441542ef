//! The leaf layer: plain types and tables that import nothing else of the crate (task kinds,
//! ids, pan directions, money, the media model table, seeded randomness).

pub mod direction;
pub mod ids;
pub mod media_models;
pub mod money;
pub mod rng;
pub mod task_kind;
