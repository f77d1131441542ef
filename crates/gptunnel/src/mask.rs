//! Inpaint masks. STUB: the interface is fixed, the bodies are being written.

/// Why a mask was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MaskError {
    /// Placeholder until the mask work lands.
    #[error("mask support is not built yet")]
    NotBuilt,
}
