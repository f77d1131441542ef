//! Keyboard shortcuts, as a pure function of the key pressed.
//!
//! The printed character (`key`) decides first, so the shortcuts follow the user's layout; a
//! key that prints something else (a Cyrillic layout turns `[` into `х` and `z` into `я`)
//! falls back to the physical key (`code`), so Ctrl+Z still undoes with a Russian layout.
//! Escape is not here: the native `<dialog>` closes on it.
use super::tools::Tool;

/// What a shortcut asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Take back the last gesture.
    Undo,
    /// Re-apply the last undone gesture.
    Redo,
    /// A bigger brush.
    Bigger,
    /// A smaller brush.
    Smaller,
    /// Choose a tool.
    Tool(Tool),
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Fit the image in the stage.
    ZoomFit,
    /// Swap kept and regenerated areas.
    Invert,
}

/// The modifier keys held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    /// Ctrl, or ⌘ on a Mac.
    pub command: bool,
    /// Shift.
    pub shift: bool,
    /// Alt / Option.
    pub alt: bool,
}

/// The command for a key press (`key` and `code` as the DOM's `KeyboardEvent` has them).
pub fn command_for(key: &str, code: &str, mods: Modifiers) -> Option<Command> {
    if mods.alt {
        return None;
    }
    let latin = key.len() == 1 && key.is_ascii();
    let name = if latin {
        key.to_ascii_lowercase()
    } else {
        from_code(code).unwrap_or_default().to_string()
    };
    match (mods.command, name.as_str()) {
        (true, "z") if mods.shift => Some(Command::Redo),
        (true, "z") => Some(Command::Undo),
        (true, "y") => Some(Command::Redo),
        (true, _) => None,
        (false, "[") => Some(Command::Smaller),
        (false, "]") => Some(Command::Bigger),
        (false, "b") => Some(Command::Tool(Tool::Brush)),
        (false, "e") => Some(Command::Tool(Tool::Eraser)),
        (false, "r") => Some(Command::Tool(Tool::Rectangle)),
        (false, "l") => Some(Command::Tool(Tool::Lasso)),
        (false, "i") => Some(Command::Invert),
        (false, "+" | "=") => Some(Command::ZoomIn),
        (false, "-" | "_") => Some(Command::ZoomOut),
        (false, "0") => Some(Command::ZoomFit),
        _ => None,
    }
}

/// The unshifted US character of a physical key, for the keys the shortcuts use.
fn from_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "KeyZ" => "z",
        "KeyY" => "y",
        "KeyB" => "b",
        "KeyE" => "e",
        "KeyR" => "r",
        "KeyL" => "l",
        "KeyI" => "i",
        "BracketLeft" => "[",
        "BracketRight" => "]",
        "Equal" | "NumpadAdd" => "+",
        "Minus" | "NumpadSubtract" => "-",
        "Digit0" | "Numpad0" => "0",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const NONE: Modifiers = Modifiers {
        command: false,
        shift: false,
        alt: false,
    };
    const CTRL: Modifiers = Modifiers {
        command: true,
        ..NONE
    };
    const CTRL_SHIFT: Modifiers = Modifiers {
        shift: true,
        ..CTRL
    };

    #[test]
    fn undo_and_both_redo_spellings() {
        assert_eq!(command_for("z", "KeyZ", CTRL), Some(Command::Undo));
        assert_eq!(command_for("Z", "KeyZ", CTRL_SHIFT), Some(Command::Redo));
        assert_eq!(command_for("y", "KeyY", CTRL), Some(Command::Redo));
        assert_eq!(command_for("z", "KeyZ", NONE), None);
    }

    #[test]
    fn a_cyrillic_layout_falls_back_to_the_physical_key() {
        assert_eq!(command_for("я", "KeyZ", CTRL), Some(Command::Undo));
        assert_eq!(
            command_for("х", "BracketLeft", NONE),
            Some(Command::Smaller)
        );
        assert_eq!(
            command_for("ъ", "BracketRight", NONE),
            Some(Command::Bigger)
        );
    }

    #[test]
    fn brackets_tools_and_zoom() {
        assert_eq!(
            command_for("]", "BracketRight", NONE),
            Some(Command::Bigger)
        );
        assert_eq!(
            command_for("[", "BracketLeft", NONE),
            Some(Command::Smaller)
        );
        assert_eq!(
            command_for("r", "KeyR", NONE),
            Some(Command::Tool(Tool::Rectangle))
        );
        assert_eq!(
            command_for(
                "+",
                "Equal",
                Modifiers {
                    shift: true,
                    ..NONE
                }
            ),
            Some(Command::ZoomIn)
        );
        assert_eq!(command_for("0", "Digit0", NONE), Some(Command::ZoomFit));
        assert_eq!(
            command_for("r", "KeyR", CTRL),
            None,
            "Ctrl+R stays the browser's"
        );
        assert_eq!(
            command_for("b", "KeyB", Modifiers { alt: true, ..NONE }),
            None
        );
    }
}
