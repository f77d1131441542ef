//! Why a mask could not be made or was refused.

use super::Mask;

/// Why a mask could not be made or was refused. Every variant is a problem with the caller's
/// input (the size asked for, or the PNG / base64 given); the message says which, for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MaskError {
    /// No data at all: an empty byte slice or base64 string.
    #[error("the mask is empty: no PNG data was given")]
    Empty,
    /// The text is not base64.
    #[error("the mask is not valid base64: {reason}")]
    Base64 {
        /// What is wrong with it.
        reason: String,
    },
    /// The data is not a PNG image.
    #[error("the mask is not a PNG image (the data looks like {found}); save it as PNG")]
    NotPng {
        /// What the data looks like instead, e.g. "a JPEG image".
        found: &'static str,
    },
    /// The data starts as a PNG but is damaged or cut short.
    #[error("the mask PNG is damaged or incomplete: {reason}")]
    Corrupt {
        /// What the decoder found.
        reason: String,
    },
    /// The mask's size is not the size of the image it belongs to.
    #[error(
        "the mask is {width}×{height} pixels but its image is {expected_width}×{expected_height}: \
         the mask must be exactly the image's size"
    )]
    WrongSize {
        /// Width of the image the mask is for.
        expected_width: u32,
        /// Height of the image the mask is for.
        expected_height: u32,
        /// Width of the mask.
        width: u32,
        /// Height of the mask.
        height: u32,
    },
    /// A pixel is coloured; a mask holds only black, white and greys.
    #[error(
        "the mask has a coloured pixel at x={x}, y={y}: a mask may only be black, white or grey"
    )]
    NotBlackAndWhite {
        /// Column of the (first found) coloured pixel.
        x: u32,
        /// Row of the (first found) coloured pixel.
        y: u32,
    },
    /// A side is longer than [`Mask::MAX_SIDE`].
    #[error(
        "{width}×{height} pixels is too large for a mask: each side may be at most {max}",
        max = Mask::MAX_SIDE
    )]
    TooLarge {
        /// The width asked for or declared.
        width: u32,
        /// The height asked for or declared.
        height: u32,
    },
    /// A side is zero.
    #[error("a mask needs at least one pixel each way, not {width}×{height}")]
    ZeroSize {
        /// The width asked for or declared.
        width: u32,
        /// The height asked for or declared.
        height: u32,
    },
}
