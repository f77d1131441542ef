//! The leaf layer: plain types and tables that import nothing else of the crate (task kinds,
//! ids, pan directions, money, the media model table, seeded randomness).

pub(crate) mod direction;
pub(crate) mod ids;
pub(crate) mod media_models;
pub(crate) mod money;
pub(crate) mod rng;
pub(crate) mod task_kind;
