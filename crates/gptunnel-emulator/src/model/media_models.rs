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
pub(crate) struct MediaModel {
    pub(crate) name: &'static str,
    pub(crate) ratios: &'static [&'static str],
    pub(crate) video: bool,
    /// Range of real-world generation times, in seconds \[assumed: public reports, image
    /// models ~8–40 s, video models 1–5 minutes\].
    pub(crate) seconds: (f64, f64),
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

pub(crate) const MODELS: [MediaModel; 9] = [
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

pub(crate) fn find(name: &str) -> Option<&'static MediaModel> {
    MODELS.iter().find(|model| model.name == name)
}

pub(crate) fn is_video_model(name: &str) -> bool {
    find(name).is_some_and(|model| model.video)
}

#[cfg(test)]
mod tests {
    //! The table is the emulator's own copy on purpose (issue 17); these tests check it against
    //! the provider's media page (seed 003) and CONTRACT §4, parsed here, not copied.

    use std::path::PathBuf;

    use super::*;

    /// `shared/` sits beside the checkout (worktrees and CI clones alike).
    fn shared(relative: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared")
            .join(relative)
    }

    fn media_seed() -> String {
        let dir = shared("seeds");
        let entry = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .filter_map(Result::ok)
            .find(|entry| entry.file_name().to_string_lossy().starts_with("003_"))
            .expect("seed 003, the media page");
        std::fs::read_to_string(entry.path()).expect("seed 003 readable")
    }

    /// The contract as one line of text (its sentences wrap anywhere).
    fn contract() -> String {
        let text = std::fs::read_to_string(shared("api/CONTRACT.md")).expect("CONTRACT.md");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn ratios_of(model: &str) -> Vec<&'static str> {
        find(model)
            .unwrap_or_else(|| panic!("{model} missing"))
            .ratios
            .to_vec()
    }

    /// The words between the first backticks after `marker`.
    fn backticked_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
        let start = text.find(marker).unwrap_or_else(|| panic!("no {marker:?}")) + marker.len();
        let rest = &text[start..];
        let open = rest.find('`').expect("opening backtick") + 1;
        let close = open + rest[open..].find('`').expect("closing backtick");
        rest[open..close].split_whitespace().collect()
    }

    #[test]
    fn the_seed_ratios_are_the_ones_of_its_example_model() {
        let seed = media_seed();
        let row = seed
            .lines()
            .find(|line| line.starts_with("ar |"))
            .expect("the `ar` parameter row");
        let documented: Vec<&str> = row.split('\'').skip(1).step_by(2).collect();
        assert_eq!(documented.len(), 7, "{row}");
        let example = seed
            .split("\"model\": \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the example's model");
        assert_eq!(example, "google-imagen-3");
        assert_eq!(ratios_of(example), documented);
    }

    #[test]
    fn the_ratios_match_contract_section_4() {
        let contract = contract();
        let wide = backticked_after(&contract, "for google-imagen-3 and flux-dev one of");
        let gpt = backticked_after(&contract, "for gpt-image-1-* one of");
        assert_eq!(ratios_of("google-imagen-3"), wide);
        assert_eq!(ratios_of("flux-dev"), wide);
        assert_eq!(ratios_of("gpt-image-1-high"), gpt);
        assert_eq!(ratios_of("gpt-image-1-low"), gpt);
    }

    #[test]
    fn the_models_are_the_documented_ones() {
        let contract = contract();
        let start = contract.find("Model ids documented:").expect("model list");
        let end = start
            + contract[start..]
                .find("Model lists change")
                .expect("list end");
        let documented: Vec<&str> = contract[start..end].split('`').skip(1).step_by(2).collect();
        let ours: Vec<&str> = MODELS.iter().map(|model| model.name).collect();
        assert_eq!(ours, documented);
        for video in [
            "glabs-veo-3",
            "glabs-veo-3-1-fast",
            "seedance-1-lite-480P-5s",
        ] {
            assert!(is_video_model(video), "{video}");
        }
        assert!(!is_video_model("flux-dev"));
    }
}
