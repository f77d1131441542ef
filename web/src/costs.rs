//! What an action costs, as documented by GPTunnel (CONTRACT §2 "Costs"): imagine, variation
//! and inpaint 18 ₽ each, upsample free. Reroll, outpaint, pan and upscale are endpoints the
//! docs do not price, nor do the media models: those say "price not documented" (a "? ₽" on
//! the button, the words in its accessible name) rather than an invented number.
use gptunnel::Action;

use crate::i18n::Strings;
use crate::model::MIDJOURNEY;

/// The price of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// A documented price in whole roubles.
    Rubles(u32),
    /// Documented as free.
    Free,
    /// The docs say nothing.
    Undocumented,
}

impl Cost {
    /// The price of running `action` on a task.
    pub fn of_action(action: &Action) -> Cost {
        match action {
            Action::Variation(_) | Action::HighVariation | Action::LowVariation => Cost::Rubles(18),
            Action::Inpaint => Cost::Rubles(18),
            Action::Upsample(..) => Cost::Free,
            _ => Cost::Undocumented,
        }
    }

    /// The price of a create with `model` (an imagine for Midjourney, the only create the docs
    /// price).
    pub fn of_create(model: &str) -> Cost {
        if model == MIDJOURNEY {
            Cost::Rubles(18)
        } else {
            Cost::Undocumented
        }
    }

    /// Short, for a button: `18 ₽`, `free`, `? ₽`.
    pub fn short(self, s: &Strings) -> String {
        match self {
            Cost::Rubles(n) => format!("{n} ₽"),
            Cost::Free => s.cost_free.into(),
            Cost::Undocumented => "? ₽".into(),
        }
    }

    /// In words, for an accessible name: `18 ₽`, `free`, `price not documented`.
    pub fn words(self, s: &Strings) -> String {
        match self {
            Cost::Undocumented => s.cost_undocumented.into(),
            other => other.short(s),
        }
    }
}

/// A label followed by its cost: `Create · 18 ₽`.
pub fn with_cost(label: &str, cost: Cost, s: &Strings) -> String {
    format!("{label}{}", suffix(cost, s))
}

/// The cost as a button shows it after its label: ` · 18 ₽` (so the button's text reads
/// `U1 · free`, which its accessible name then contains, WCAG 2.5.3).
pub fn suffix(cost: Cost, s: &Strings) -> String {
    format!(" · {}", cost.short(s))
}

/// An accessible name followed by the cost as shown, then in words when the short form is
/// not words: `Upscale image 1, U1 · free`, `↻ Reroll · ? ₽, price not documented`.
pub fn name_with_cost(name: &str, cost: Cost, s: &Strings) -> String {
    match cost {
        Cost::Undocumented => format!("{name}{}, {}", suffix(cost, s), cost.words(s)),
        _ => format!("{name}{}", suffix(cost, s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn documented_prices_are_eighteen_roubles_and_upsample_is_free() {
        let en = Lang::En.strings();
        for name in ["variation_3", "high_variation", "low_variation", "inpaint"] {
            let cost = Cost::of_action(&Action::parse(name));
            assert_eq!(cost.short(en), "18 ₽", "{name}");
        }
        assert_eq!(
            Cost::of_action(&Action::parse("upsamle_2")).short(en),
            "free"
        );
        assert_eq!(Cost::of_create("midjourney").short(en), "18 ₽");
        assert_eq!(
            with_cost("Create", Cost::of_create("midjourney"), en),
            "Create · 18 ₽"
        );
    }

    #[test]
    fn undocumented_endpoints_get_no_invented_price() {
        let ru = Lang::Ru.strings();
        for name in [
            "reroll",
            "outpaint_50",
            "pan_left",
            "upscale_2x",
            "new_thing",
        ] {
            let cost = Cost::of_action(&Action::parse(name));
            assert_eq!(cost.short(ru), "? ₽", "{name}");
            assert_eq!(cost.words(ru), "цена не указана в документации");
        }
        assert_eq!(
            Cost::of_create("gpt-image-1").words(Lang::En.strings()),
            "price not documented"
        );
    }

    #[test]
    fn an_accessible_name_contains_what_the_button_shows() {
        let en = Lang::En.strings();
        let free = Cost::of_action(&Action::parse("upsamle_1"));
        assert_eq!(
            name_with_cost("Upscale image 1, U1", free, en),
            "Upscale image 1, U1 · free"
        );
        let reroll = Cost::of_action(&Action::parse("reroll"));
        assert_eq!(
            name_with_cost("↻ Reroll", reroll, en),
            "↻ Reroll · ? ₽, price not documented"
        );
        assert_eq!(with_cost("↻ Reroll", reroll, en), "↻ Reroll · ? ₽");
    }
}
