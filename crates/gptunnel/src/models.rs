//! The media models the contract documents (CONTRACT §4), in one table read by the client's
//! request checks and by the studio's model menu.
//!
//! The list is informative, not a gate: model lists change, so an id missing here is still
//! sent as is (and any positive `W:H` ratio is accepted for it). The emulator keeps its own
//! copy on purpose, so that a mistake here cannot hide behind a matching mistake there.

use crate::request::{GPT_IMAGE_ASPECT_RATIOS, WIDE_ASPECT_RATIOS};

/// What a model makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    /// A still image.
    Image,
    /// A video clip.
    Video,
}

/// One documented media model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaModel {
    /// The wire id (`model` of `/v1/media/create`).
    pub id: &'static str,
    /// Image or video.
    pub kind: MediaKind,
    /// The documented aspect ratios (`ar`), the first being the usual default; empty when the
    /// documentation lists none (then any `W:H` may be tried and the server decides).
    pub aspect_ratios: &'static [&'static str],
    /// Whether it takes reference images (`images`); `None` where the contract does not say.
    pub reference_images: Option<bool>,
}

const fn model(id: &'static str, kind: MediaKind, ratios: &'static [&'static str]) -> MediaModel {
    MediaModel {
        id,
        kind,
        aspect_ratios: ratios,
        reference_images: None,
    }
}

/// Every media model of CONTRACT §4, images first, in the contract's order.
pub const MEDIA_MODELS: [MediaModel; 9] = [
    model("google-imagen-3", MediaKind::Image, &WIDE_ASPECT_RATIOS),
    model(
        "gpt-image-1-high",
        MediaKind::Image,
        &GPT_IMAGE_ASPECT_RATIOS,
    ),
    model(
        "gpt-image-1-low",
        MediaKind::Image,
        &GPT_IMAGE_ASPECT_RATIOS,
    ),
    model("flux-dev", MediaKind::Image, &WIDE_ASPECT_RATIOS),
    model("yandex-art", MediaKind::Image, &[]),
    model("seedream-3", MediaKind::Image, &[]),
    model("glabs-veo-3", MediaKind::Video, &[]),
    model("glabs-veo-3-1-fast", MediaKind::Video, &[]),
    model("seedance-1-lite-480P-5s", MediaKind::Video, &[]),
];

/// The documented model with this id.
pub fn find_media_model(id: &str) -> Option<&'static MediaModel> {
    MEDIA_MODELS.iter().find(|m| m.id == id)
}

/// The aspect ratios documented for `model`, or `None` when there is no list to check against.
///
/// The contract states the gpt-image-1 list for the whole family (`gpt-image-1-*`), so a new
/// member of it gets that list too.
pub fn documented_aspect_ratios(model: &str) -> Option<&'static [&'static str]> {
    match find_media_model(model) {
        Some(m) if !m.aspect_ratios.is_empty() => Some(m.aspect_ratios),
        Some(_) => None,
        None if model.starts_with("gpt-image-1") => Some(&GPT_IMAGE_ASPECT_RATIOS),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Literal values from CONTRACT §4, not from the constants above.
    const IMAGEN_FLUX: [&str; 7] = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"];
    const GPT_IMAGE: [&str; 5] = ["1:1", "16:9", "9:16", "4:3", "3:4"];

    #[test]
    fn the_table_lists_the_documented_models_with_their_kinds() {
        let ids: Vec<(&str, MediaKind)> = MEDIA_MODELS.iter().map(|m| (m.id, m.kind)).collect();
        assert_eq!(
            ids,
            vec![
                ("google-imagen-3", MediaKind::Image),
                ("gpt-image-1-high", MediaKind::Image),
                ("gpt-image-1-low", MediaKind::Image),
                ("flux-dev", MediaKind::Image),
                ("yandex-art", MediaKind::Image),
                ("seedream-3", MediaKind::Image),
                ("glabs-veo-3", MediaKind::Video),
                ("glabs-veo-3-1-fast", MediaKind::Video),
                ("seedance-1-lite-480P-5s", MediaKind::Video),
            ]
        );
    }

    #[test]
    fn imagen_and_flux_take_the_seven_documented_ratios() {
        for id in ["google-imagen-3", "flux-dev"] {
            assert_eq!(documented_aspect_ratios(id), Some(&IMAGEN_FLUX[..]), "{id}");
        }
    }

    #[test]
    fn the_gpt_image_family_takes_the_five_documented_ratios() {
        for id in ["gpt-image-1-high", "gpt-image-1-low", "gpt-image-1-medium"] {
            assert_eq!(documented_aspect_ratios(id), Some(&GPT_IMAGE[..]), "{id}");
        }
    }

    #[test]
    fn models_without_a_documented_list_and_unknown_ids_have_none() {
        for id in ["yandex-art", "seedream-3", "glabs-veo-3", "some-new-model"] {
            assert_eq!(documented_aspect_ratios(id), None, "{id}");
        }
        assert!(find_media_model("some-new-model").is_none());
    }

    #[test]
    fn no_model_is_said_to_take_reference_images_since_the_contract_does_not_say() {
        assert!(MEDIA_MODELS.iter().all(|m| m.reference_images.is_none()));
    }
}
