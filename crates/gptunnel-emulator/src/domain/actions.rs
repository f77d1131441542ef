//! The follow-up actions: which ones a finished task lists, how a request maps to an action
//! name, and which requests are answered by an existing task ("повторная отправка").
//!
//! The \[assumed\] endpoints follow one rule (CONTRACT §3): action `<name>_<value>` is
//! `POST /v1/midjourney/<name>` with `taskId` and one parameter; `ASSUMED_PARAMETERS` is the
//! single table of those parameters, so a wrong guess is a one-line fix.

use std::sync::Arc;

use crate::domain::masks::Mask;
use crate::model::direction::Direction;
use crate::model::task_kind::TaskKind;

/// Actions of a finished grid task, exactly as documented (sic: `upsamle`, `variation_4`
/// twice, no `variation_3`).
pub(crate) const GRID_ACTIONS: [&str; 9] = [
    "upsamle_1",
    "upsamle_2",
    "upsamle_3",
    "upsamle_4",
    "reroll",
    "variation_1",
    "variation_2",
    "variation_4",
    "variation_4",
];

/// Actions of a finished upsample task, as documented.
pub(crate) const UPSAMPLE_ACTIONS: [&str; 11] = [
    "high_variation",
    "low_variation",
    "inpaint",
    "upscale_2x",
    "upscale_4x",
    "outpaint_50",
    "outpaint_75",
    "pan_left",
    "pan_right",
    "pan_up",
    "pan_down",
];

/// `(endpoint, body field, accepted values)` of the \[assumed\] endpoints. `zoom` also accepts
/// the numbers 50 and 75 (the action suffix is numeric, a client may send either).
pub(crate) const ASSUMED_PARAMETERS: [(&str, &str, &[&str]); 3] = [
    ("outpaint", "zoom", &["50", "75"]),
    ("pan", "direction", &["left", "right", "up", "down"]),
    ("upscale", "type", &["2x", "4x"]),
];

/// The field and values of an \[assumed\] endpoint.
pub(crate) fn assumed_parameter(endpoint: &str) -> (&'static str, &'static [&'static str]) {
    let (_, field, values) = ASSUMED_PARAMETERS
        .iter()
        .find(|(name, _, _)| *name == endpoint)
        .expect("endpoint listed in ASSUMED_PARAMETERS");
    (field, values)
}

/// What a finished task of this kind offers. Upscaled images offer nothing further \[assumed\].
pub(crate) fn done_actions(kind: TaskKind) -> &'static [&'static str] {
    match kind {
        TaskKind::Upsample => &UPSAMPLE_ACTIONS,
        TaskKind::Upscale => &[],
        _ => &GRID_ACTIONS,
    }
}

/// A validated request to derive a new task from a finished one.
#[derive(Debug, Clone)]
pub(crate) enum ActionRequest {
    /// `image` N of a grid, alone at full size.
    Upsample { image: u8 },
    /// Four variations of `image` N of a grid.
    Variation { image: u8 },
    /// Four variations of an upsampled image (`mode` high = strong, low = subtle).
    VariationMode { strong: bool },
    /// Four new candidates for the same grid.
    Reroll,
    /// Regenerate the white area of `mask`; `prompt` replaces the parent's when given.
    Inpaint {
        mask: Arc<Mask>,
        mask_digest: u64,
        prompt: Option<String>,
    },
    /// Zoom out so the parent fills `zoom` percent.
    Outpaint { zoom: u8 },
    /// Extend the canvas towards `direction`.
    Pan { direction: Direction },
    /// The upsampled image at `factor` times the pixel size.
    Upscale { factor: u8 },
}

impl ActionRequest {
    pub(crate) fn kind(&self) -> TaskKind {
        match self {
            ActionRequest::Upsample { .. } => TaskKind::Upsample,
            ActionRequest::Variation { .. } | ActionRequest::VariationMode { .. } => {
                TaskKind::Variation
            }
            ActionRequest::Reroll => TaskKind::Reroll,
            ActionRequest::Inpaint { .. } => TaskKind::Inpaint,
            ActionRequest::Outpaint { .. } => TaskKind::Outpaint,
            ActionRequest::Pan { .. } => TaskKind::Pan,
            ActionRequest::Upscale { .. } => TaskKind::Upscale,
        }
    }

    /// The action name this request uses (canonical spelling).
    pub(crate) fn action_name(&self) -> String {
        match self {
            ActionRequest::Upsample { image } => format!("upsample_{image}"),
            ActionRequest::Variation { image } => format!("variation_{image}"),
            ActionRequest::VariationMode { strong: true } => "high_variation".into(),
            ActionRequest::VariationMode { strong: false } => "low_variation".into(),
            ActionRequest::Reroll => "reroll".into(),
            ActionRequest::Inpaint { .. } => "inpaint".into(),
            ActionRequest::Outpaint { zoom } => format!("outpaint_{zoom}"),
            ActionRequest::Pan { direction } => format!("pan_{}", direction.name()),
            ActionRequest::Upscale { factor } => format!("upscale_{factor}x"),
        }
    }

    /// Whether a parent listing `actions` allows this request. `upsamle_N` counts as
    /// `upsample_N`; a grid that lists any `variation_N` allows all four images (the
    /// documented list lacks `variation_3`, the variation page documents 1–4).
    pub(crate) fn is_allowed_by(&self, actions: &[&str]) -> bool {
        match self {
            ActionRequest::Upsample { image } => actions
                .iter()
                .any(|a| *a == format!("upsample_{image}") || *a == format!("upsamle_{image}")),
            ActionRequest::Variation { .. } => actions.iter().any(|a| is_grid_variation(a)),
            other => actions.contains(&other.action_name().as_str()),
        }
    }

    /// The key under which a resubmitted identical request finds the earlier task, or `None`
    /// when every request makes a new task. Documented for upsample, variation and inpaint;
    /// extended to outpaint, pan and upscale (the same kind of one-off button) \[assumed\];
    /// reroll always makes a new task, like imagine.
    pub(crate) fn resubmission_key(&self) -> Option<String> {
        match self {
            ActionRequest::Reroll => None,
            ActionRequest::Inpaint {
                mask_digest,
                prompt,
                ..
            } => Some(format!(
                "inpaint:{mask_digest:016x}:{}",
                prompt.as_deref().unwrap_or("")
            )),
            other => Some(other.action_name()),
        }
    }
}

fn is_grid_variation(action: &str) -> bool {
    action
        .strip_prefix("variation_")
        .is_some_and(|n| n.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_grid_list_allows_all_four_upsamples_and_variations() {
        for image in 1..=4 {
            assert!(ActionRequest::Upsample { image }.is_allowed_by(&GRID_ACTIONS));
            assert!(
                ActionRequest::Variation { image }.is_allowed_by(&GRID_ACTIONS),
                "variation {image}"
            );
        }
        assert!(ActionRequest::Reroll.is_allowed_by(&GRID_ACTIONS));
        assert!(!ActionRequest::Pan {
            direction: Direction::Left
        }
        .is_allowed_by(&GRID_ACTIONS));
    }

    #[test]
    fn an_upsample_allows_its_documented_follow_ups_only() {
        assert!(ActionRequest::VariationMode { strong: true }.is_allowed_by(&UPSAMPLE_ACTIONS));
        assert!(ActionRequest::Outpaint { zoom: 75 }.is_allowed_by(&UPSAMPLE_ACTIONS));
        assert!(ActionRequest::Upscale { factor: 4 }.is_allowed_by(&UPSAMPLE_ACTIONS));
        assert!(!ActionRequest::Upsample { image: 1 }.is_allowed_by(&UPSAMPLE_ACTIONS));
        assert!(!ActionRequest::Variation { image: 1 }.is_allowed_by(&UPSAMPLE_ACTIONS));
        assert!(!ActionRequest::Reroll.is_allowed_by(&UPSAMPLE_ACTIONS));
    }

    #[test]
    fn reroll_is_never_deduplicated() {
        assert_eq!(ActionRequest::Reroll.resubmission_key(), None);
        assert_eq!(
            ActionRequest::Upsample { image: 2 }
                .resubmission_key()
                .as_deref(),
            Some("upsample_2")
        );
    }
}
