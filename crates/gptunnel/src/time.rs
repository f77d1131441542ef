//! A clock and a sleep that work natively and in browsers (window or worker); see
//! [`crate::platform`]. Dropping a sleep cancels its timer on both targets, which is what
//! makes cancel-by-drop work.

pub(crate) use crate::platform::{now, sleep, unix_now};
