//! Midjourney prompts as people type them: image-prompt URLs at the start, the text, and
//! `--flags`, parsed so that a tool can read and change one flag while leaving every other
//! byte as typed (issue 13: the studio's parameter panel and references, and the JS package).
//!
//! ```
//! use gptunnel::prompt::Prompt;
//!
//! let mut prompt = Prompt::parse("https://a.example/cat.png a red fox --ar 3:2 --foo --s 50");
//! assert_eq!(prompt.image_prompts(), ["https://a.example/cat.png"]);
//! assert_eq!(prompt.text(), "a red fox");
//! assert_eq!(prompt.get("stylize"), Some("50"));
//! prompt.set("s", Some("250"));
//! prompt.set("ar", None);
//! assert_eq!(prompt.to_string(), "https://a.example/cat.png a red fox --foo --s 250");
//! ```
//!
//! - [`flags`]: the flags this module knows and how each takes its value;
//! - `scan`: the lossless split into pieces;
//! - [`check`]: Midjourney's documented ranges, as typed [`PromptError`]s;
//! - `edit`: setting, clearing and adding flags and references.

use std::fmt;

pub mod check;
mod edit;
pub mod flags;
mod scan;

pub use check::{check_flag, PromptError};
pub use flags::{canonical_name, find_flag, Arity, FlagSpec, KNOWN_FLAGS};

/// A parsed prompt. `to_string()` gives back exactly the text it was parsed from, with only
/// the edits made since.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prompt {
    pieces: Vec<Piece>,
    /// Whitespace after the last piece.
    trailing: String,
}

/// One piece of a prompt with the whitespace typed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    leading: String,
    kind: PieceKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PieceKind {
    ImagePrompt(String),
    Text(String),
    Flag(Flag),
}

/// One `--flag` as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// `--`, or an em dash (`—`) that macOS typed for it.
    dashes: String,
    /// The name as typed (`aspect`, `AR`…).
    typed_name: String,
    /// Whitespace between the name and the value (empty when glued: `--v6`).
    gap: String,
    /// The value as typed (empty when there is none).
    value: String,
}

impl Flag {
    /// The short name (`ar` for `--aspect`), or an unknown flag's name in lower case.
    pub fn name(&self) -> String {
        canonical_name(&self.typed_name)
    }

    /// The name as typed.
    pub fn typed_name(&self) -> &str {
        &self.typed_name
    }

    /// The value as typed; empty for a flag without one (`--tile`).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether this module knows the flag (see [`KNOWN_FLAGS`]).
    pub fn is_known(&self) -> bool {
        find_flag(&self.typed_name).is_some()
    }

    fn render(&self, out: &mut String) {
        out.push_str(&self.dashes);
        out.push_str(&self.typed_name);
        out.push_str(&self.gap);
        out.push_str(&self.value);
    }
}

impl Prompt {
    /// Parses `source`; never fails (anything unrecognised is text or an unknown flag).
    pub fn parse(source: &str) -> Self {
        scan::scan(source)
    }

    /// The image-prompt URLs at the start, as typed.
    pub fn image_prompts(&self) -> Vec<&str> {
        self.pieces
            .iter()
            .filter_map(|p| match &p.kind {
                PieceKind::ImagePrompt(url) => Some(url.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The words that are neither image prompts nor flags, joined by a space.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self
            .pieces
            .iter()
            .filter_map(|p| match &p.kind {
                PieceKind::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        texts.join(" ")
    }

    /// Every flag in order, unknown ones and repeats included.
    pub fn flags(&self) -> impl Iterator<Item = &Flag> {
        self.pieces.iter().filter_map(|p| match &p.kind {
            PieceKind::Flag(flag) => Some(flag),
            _ => None,
        })
    }

    /// The value of flag `name` (any spelling: `s` or `stylize`); the last one when repeated;
    /// `Some("")` for a flag without a value (`--tile`).
    pub fn get(&self, name: &str) -> Option<&str> {
        let name = canonical_name(name);
        self.flags()
            .filter(|f| f.name() == name)
            .last()
            .map(Flag::value)
    }

    /// The URLs and codes of a references flag (`sref`, `cref`), all occurrences, in order.
    pub fn references(&self, name: &str) -> Vec<&str> {
        let name = canonical_name(name);
        self.flags()
            .filter(|f| f.name() == name)
            .flat_map(|f| f.value.split_whitespace())
            .collect()
    }

    /// Every known flag's value checked against Midjourney's documented ranges; the first
    /// problem found.
    pub fn validate(&self) -> Result<(), PromptError> {
        let version = self.get("v");
        let niji = self.get("niji").is_some();
        self.flags()
            .filter(|f| f.is_known())
            .try_for_each(|f| check::check_flag_for(&f.name(), &f.value, version, niji))
    }
}

impl fmt::Display for Prompt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        for piece in &self.pieces {
            out.push_str(&piece.leading);
            match &piece.kind {
                PieceKind::ImagePrompt(s) | PieceKind::Text(s) => out.push_str(s),
                PieceKind::Flag(flag) => flag.render(&mut out),
            }
        }
        out.push_str(&self.trailing);
        f.write_str(&out)
    }
}

/// `text` with flag `name` set to `value` (`None` removes it): the one-call form of
/// [`Prompt::set`].
pub fn set_flag(text: &str, name: &str, value: Option<&str>) -> String {
    let mut prompt = Prompt::parse(text);
    prompt.set(name, value);
    prompt.to_string()
}

#[cfg(test)]
mod tests;
