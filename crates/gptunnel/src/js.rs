//! JavaScript binding. STUB: being written.
