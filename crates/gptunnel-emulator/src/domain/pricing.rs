//! Money: what each create costs and when a balance may pay for it. The balance rule of
//! CONTRACT §5 lives here and only here.

use crate::model::task_kind::TaskKind;

/// Cost of one Midjourney generation in rubles \[doc: imagine, variation, inpaint\].
pub(crate) const GENERATION_COST: f64 = 18.0;

/// Cost of creating a Midjourney task. `root_prompt` is the prompt of the imagine the task
/// descends from: upsample is free for Midjourney 5+ but charged as one generation when that
/// prompt forces an older `--v` \[doc\]. Reroll, outpaint, pan and upscale are charged as one
/// generation \[assumed\].
pub(crate) fn task_cost(kind: TaskKind, root_prompt: &str) -> f64 {
    match kind {
        TaskKind::Upsample if !forces_old_version(root_prompt) => 0.0,
        _ => GENERATION_COST,
    }
}

/// Cost of a media task \[assumed: not documented; video models dearer than image models\].
pub(crate) fn media_cost(model: &str) -> f64 {
    if crate::model::media_models::is_video_model(model) {
        60.0
    } else {
        10.0
    }
}

/// THE balance rule (CONTRACT §5): a create costing `cost` is accepted when the balance left
/// afterwards is not below `-credit_limit`. With no credit, the balance must cover the cost;
/// the balance may go negative down to `-credit_limit` and no further. A free create is
/// always accepted. Refused creates create and charge nothing (402 / media code 5).
pub(crate) fn can_afford(balance: f64, cost: f64, credit_limit: f64) -> bool {
    cost <= 0.0 || balance - cost >= -credit_limit - 1e-9
}

/// Whether the prompt asks for a Midjourney version below 5 (`--v 4`, `--version 3`, `--v4`).
pub(crate) fn forces_old_version(prompt: &str) -> bool {
    let words: Vec<&str> = prompt.split_whitespace().collect();
    words.iter().enumerate().any(|(i, word)| {
        let value = match *word {
            "--v" | "--version" => words.get(i + 1).copied(),
            other => other
                .strip_prefix("--v")
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit())),
        };
        value
            .and_then(|v| v.parse::<f64>().ok())
            .is_some_and(|version| version < 5.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsample_is_free_unless_the_prompt_forces_an_old_version() {
        assert_eq!(task_cost(TaskKind::Upsample, "a cat"), 0.0);
        assert_eq!(task_cost(TaskKind::Upsample, "a cat --v 4"), 18.0);
        assert_eq!(task_cost(TaskKind::Upsample, "a cat --version 3"), 18.0);
        assert_eq!(task_cost(TaskKind::Upsample, "a cat --v 6.1"), 0.0);
        assert_eq!(task_cost(TaskKind::Imagine, "a cat"), 18.0);
    }

    #[test]
    fn the_balance_may_go_down_to_minus_the_credit_limit() {
        assert!(can_afford(18.0, 18.0, 0.0));
        assert!(!can_afford(17.99, 18.0, 0.0));
        assert!(can_afford(0.0, 18.0, 18.0));
        assert!(!can_afford(-1.0, 18.0, 18.0));
        assert!(can_afford(-500.0, 0.0, 0.0));
    }
}
