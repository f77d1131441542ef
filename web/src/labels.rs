//! What assistive technology hears: image alt text without the Midjourney `--flags`, and grid
//! buttons named by what they do ("Upscale image 1, U1") rather than a bare "U1".
use gptunnel::Action;

use crate::i18n::Strings;

/// The prompt as an image description: everything before the first Midjourney parameter
/// (`--ar 16:9`, `--v 6`, or `—ar` as macOS autocorrects it), which readers should not hear.
pub fn alt_text(prompt: &str) -> String {
    let mut end = prompt.len();
    for (i, _) in prompt.char_indices() {
        let rest = &prompt[i..];
        let starts_word = prompt[..i].chars().last().is_none_or(char::is_whitespace);
        let flag = rest
            .strip_prefix("--")
            .or_else(|| rest.strip_prefix('—'))
            .is_some_and(|after| after.starts_with(|c: char| c.is_ascii_alphabetic()));
        if starts_word && flag {
            end = i;
            break;
        }
    }
    prompt[..end]
        .trim()
        .trim_end_matches(',')
        .trim_end()
        .to_string()
}

/// The accessible name of a grid button: what it does, then the short label the button shows
/// (kept so the visible text is part of the name, WCAG 2.5.3; not in parentheses, which
/// name checks such as axe's ignore). `None` for other actions.
pub fn grid_action_name(action: &Action, s: &Strings) -> Option<String> {
    match action {
        Action::Upsample(n, _) => Some(format!("{} {n}, U{n}", s.upscale_image)),
        Action::Variation(n) => Some(format!("{} {n}, V{n}", s.vary_image)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn alt_text_drops_midjourney_parameters() {
        assert_eq!(
            alt_text("a red fox in snow --ar 16:9 --v 6"),
            "a red fox in snow"
        );
        assert_eq!(
            alt_text("a lighthouse, watercolor, —ar 3:2"),
            "a lighthouse, watercolor"
        );
        assert_eq!(alt_text("--ar 1:1"), "");
        // A dash inside a word or a lone "--" is text, not a parameter.
        assert_eq!(alt_text("well-known x--y -- z"), "well-known x--y -- z");
    }

    #[test]
    fn grid_buttons_say_what_they_do_in_both_languages() {
        let en = Lang::En.strings();
        assert_eq!(
            grid_action_name(&Action::upsample(1), en).as_deref(),
            Some("Upscale image 1, U1")
        );
        assert_eq!(
            grid_action_name(&Action::Variation(3), en).as_deref(),
            Some("Vary image 3, V3")
        );
        let ru = Lang::Ru.strings();
        assert_eq!(
            grid_action_name(&Action::upsample(2), ru).as_deref(),
            Some("Увеличить картинку 2, U2")
        );
        assert_eq!(grid_action_name(&Action::Reroll, en), None);
    }
}
