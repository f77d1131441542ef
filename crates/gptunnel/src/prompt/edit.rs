//! Changing a prompt: each edit touches only its own piece; every other byte stays as typed.

use super::check::{reference_url, PromptError};
use super::flags::canonical_name;
use super::{Flag, Piece, PieceKind, Prompt};

impl Prompt {
    /// Sets flag `name` (any spelling) to `value`: rewrites the value of its last occurrence,
    /// or appends `--name value` after the last piece. `Some("")` writes a flag without a
    /// value (`--tile`); `None` removes every occurrence.
    pub fn set(&mut self, name: &str, value: Option<&str>) {
        let name = canonical_name(name);
        let Some(value) = value.map(str::trim) else {
            self.remove_where(|kind| matches!(kind, PieceKind::Flag(f) if f.name() == name));
            return;
        };
        let last = self
            .pieces
            .iter_mut()
            .rev()
            .find_map(|p| match &mut p.kind {
                PieceKind::Flag(f) if f.name() == name => Some(f),
                _ => None,
            });
        match last {
            Some(flag) => {
                if value.is_empty() {
                    flag.gap.clear();
                } else if flag.gap.is_empty() && flag.value.is_empty() {
                    flag.gap.push(' ');
                }
                flag.value = value.to_string();
            }
            None => self.push(PieceKind::Flag(Flag {
                dashes: "--".into(),
                typed_name: name,
                gap: if value.is_empty() { "" } else { " " }.into(),
                value: value.to_string(),
            })),
        }
    }

    /// Adds an image prompt after the existing ones (at the very start when there are none).
    /// Only http(s) URLs are accepted.
    pub fn add_image_prompt(&mut self, url: &str) -> Result<(), PromptError> {
        let url = reference_url(url)?;
        let at = self
            .pieces
            .iter()
            .take_while(|p| matches!(p.kind, PieceKind::ImagePrompt(_)))
            .count();
        let leading = if at == 0 { "" } else { " " };
        if let Some(next) = self.pieces.get_mut(at) {
            if next.leading.is_empty() {
                next.leading.push(' ');
            }
        }
        self.pieces.insert(
            at,
            Piece {
                leading: leading.into(),
                kind: PieceKind::ImagePrompt(url.to_string()),
            },
        );
        Ok(())
    }

    /// Adds a URL to references flag `name` (`sref` or `cref`): appended to its last
    /// occurrence, or a new flag at the end. Only http(s) URLs are accepted.
    pub fn add_reference(&mut self, name: &str, url: &str) -> Result<(), PromptError> {
        let url = reference_url(url)?;
        let name = canonical_name(name);
        let existing = self
            .pieces
            .iter_mut()
            .rev()
            .find_map(|p| match &mut p.kind {
                PieceKind::Flag(f) if f.name() == name && !f.value.is_empty() => Some(f),
                _ => None,
            });
        match existing {
            Some(flag) => {
                flag.value.push(' ');
                flag.value.push_str(url);
            }
            None => self.set(&name, Some(url)),
        }
        Ok(())
    }

    /// Removes `url` wherever it is a reference: an image prompt, or a word of a `--sref` or
    /// `--cref` value (the flag goes too when it is left empty).
    pub fn remove_reference(&mut self, url: &str) {
        self.remove_where(|kind| matches!(kind, PieceKind::ImagePrompt(u) if u == url));
        for piece in &mut self.pieces {
            if let PieceKind::Flag(flag) = &mut piece.kind {
                if matches!(flag.name().as_str(), "sref" | "cref")
                    && flag.value.split_whitespace().any(|w| w == url)
                {
                    let kept: Vec<&str> = flag
                        .value
                        .split_whitespace()
                        .filter(|w| *w != url)
                        .collect();
                    flag.value = kept.join(" ");
                }
            }
        }
        self.remove_where(|kind| {
            matches!(kind, PieceKind::Flag(f) if matches!(f.name().as_str(), "sref" | "cref") && f.value.is_empty())
        });
    }

    /// Appends `kind` after the last piece, before any trailing whitespace.
    fn push(&mut self, kind: PieceKind) {
        let leading = if self.pieces.is_empty() { "" } else { " " };
        self.pieces.push(Piece {
            leading: leading.into(),
            kind,
        });
    }

    /// Drops the pieces matching `doomed`, with the whitespace before each; when the first
    /// piece goes, the new first piece loses its leading whitespace too.
    fn remove_where(&mut self, doomed: impl Fn(&PieceKind) -> bool) {
        let first_goes = self.pieces.first().is_some_and(|p| doomed(&p.kind));
        self.pieces.retain(|p| !doomed(&p.kind));
        if first_goes {
            if let Some(first) = self.pieces.first_mut() {
                first.leading.clear();
            }
        }
    }
}
