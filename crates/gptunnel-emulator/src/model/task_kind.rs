//! The kinds of Midjourney task (the `type` field of CONTRACT §2).

/// The `type` of a Midjourney task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TaskKind {
    Imagine,
    Upsample,
    Variation,
    Reroll,
    Inpaint,
    Outpaint,
    Pan,
    Upscale,
}

impl TaskKind {
    /// Wire name \[doc: imagine, upsample, variation, inpaint; assumed: the others\].
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TaskKind::Imagine => "imagine",
            TaskKind::Upsample => "upsample",
            TaskKind::Variation => "variation",
            TaskKind::Reroll => "reroll",
            TaskKind::Inpaint => "inpaint",
            TaskKind::Outpaint => "outpaint",
            TaskKind::Pan => "pan",
            TaskKind::Upscale => "upscale",
        }
    }

    /// Whether the result is a 2x2 grid of four candidates.
    pub(crate) fn is_grid(self) -> bool {
        !matches!(self, TaskKind::Upsample | TaskKind::Upscale)
    }

    /// Share of `Settings::task_duration` this kind takes (upsamples are quick in Midjourney).
    pub(crate) fn duration_share(self) -> f64 {
        match self {
            TaskKind::Upsample => 0.5,
            _ => 1.0,
        }
    }
}
