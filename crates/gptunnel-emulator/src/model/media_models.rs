//! The documented media models (CONTRACT §4): the aspect ratios each accepts, whether it makes
//! video, and how long it typically takes (the duration itself is drawn in `store`). Unknown models are refused with code 3 \[assumed:
//! the real list changes\].

/// Aspect ratios of google-imagen-3 and flux-dev \[doc\]; also used for models whose list is
/// not documented \[assumed\].
const WIDE_RATIOS: &[&str] = &["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"];
/// Aspect ratios of gpt-image-1-* \[doc\].
const GPT_RATIOS: &[&str] = &["1:1", "16:9", "9:16", "4:3", "3:4"];

/// One documented media model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MediaModel {
    pub name: &'static str,
    pub ratios: &'static [&'static str],
    pub video: bool,
    /// Range of real-world generation times, in seconds \[assumed: public reports, image
    /// models ~8–40 s, video models 1–5 minutes\].
    pub seconds: (f64, f64),
}

const fn model(
    name: &'static str,
    ratios: &'static [&'static str],
    video: bool,
    seconds: (f64, f64),
) -> MediaModel {
    MediaModel {
        name,
        ratios,
        video,
        seconds,
    }
}

pub const MODELS: [MediaModel; 9] = [
    model("google-imagen-3", WIDE_RATIOS, false, (8.0, 20.0)),
    model("gpt-image-1-high", GPT_RATIOS, false, (20.0, 40.0)),
    model("gpt-image-1-low", GPT_RATIOS, false, (10.0, 25.0)),
    model("flux-dev", WIDE_RATIOS, false, (8.0, 20.0)),
    model("yandex-art", WIDE_RATIOS, false, (10.0, 30.0)),
    model("seedream-3", WIDE_RATIOS, false, (8.0, 25.0)),
    model("glabs-veo-3", WIDE_RATIOS, true, (120.0, 300.0)),
    model("glabs-veo-3-1-fast", WIDE_RATIOS, true, (60.0, 150.0)),
    model("seedance-1-lite-480P-5s", WIDE_RATIOS, true, (60.0, 120.0)),
];

pub fn find(name: &str) -> Option<&'static MediaModel> {
    MODELS.iter().find(|model| model.name == name)
}

pub fn is_video_model(name: &str) -> bool {
    find(name).is_some_and(|model| model.video)
}
