//! The Midjourney flags this module understands: their names, aliases and how each takes its
//! value. Any other `--name` is an unknown flag, kept exactly as typed.

/// How a flag takes its value from the words after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// No value (`--tile`).
    Nothing,
    /// Exactly one word (`--ar 16:9`, `--s 250`, `--style raw`).
    OneWord,
    /// One word only when it starts with a digit (`--niji`, `--niji 6`).
    OptionalNumber,
    /// Every word up to the next flag (`--no red, text, people`).
    UpToNextFlag,
    /// One or more URLs or codes (`--sref https://a/1.png 123456::2`).
    References,
}

/// A flag Midjourney documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagSpec {
    /// The short name this module uses for it (`ar`, `s`, `sref`…).
    pub name: &'static str,
    /// Other spellings Midjourney accepts (`aspect`, `stylize`…).
    pub aliases: &'static [&'static str],
    /// How its value is read.
    pub arity: Arity,
}

const fn flag(name: &'static str, aliases: &'static [&'static str], arity: Arity) -> FlagSpec {
    FlagSpec {
        name,
        aliases,
        arity,
    }
}

/// Midjourney's parameter list (docs.midjourney.com, "Parameter List"), the flags a studio sets.
pub const KNOWN_FLAGS: &[FlagSpec] = &[
    flag("ar", &["aspect"], Arity::OneWord),
    flag("v", &["version"], Arity::OneWord),
    flag("niji", &[], Arity::OptionalNumber),
    flag("s", &["stylize"], Arity::OneWord),
    flag("c", &["chaos"], Arity::OneWord),
    flag("w", &["weird"], Arity::OneWord),
    flag("q", &["quality"], Arity::OneWord),
    flag("seed", &[], Arity::OneWord),
    flag("no", &[], Arity::UpToNextFlag),
    flag("style", &[], Arity::OneWord),
    flag("tile", &[], Arity::Nothing),
    flag("iw", &[], Arity::OneWord),
    flag("sref", &[], Arity::References),
    flag("cref", &[], Arity::References),
    flag("sw", &[], Arity::OneWord),
    flag("cw", &[], Arity::OneWord),
];

/// The known flag spelled `name` (any case, short name or alias).
pub fn find_flag(name: &str) -> Option<&'static FlagSpec> {
    KNOWN_FLAGS.iter().find(|f| {
        f.name.eq_ignore_ascii_case(name) || f.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The short name of `name` when it is a known flag, else `name` in lower case.
pub fn canonical_name(name: &str) -> String {
    find_flag(name).map_or_else(|| name.to_ascii_lowercase(), |f| f.name.to_string())
}
