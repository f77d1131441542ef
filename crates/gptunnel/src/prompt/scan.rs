//! Splitting a prompt into pieces: leading image-prompt URLs, text, flags. Every byte of the
//! input lands in exactly one piece (whitespace in the piece after it), so joining the pieces
//! gives the input back unchanged.

use super::flags::{find_flag, Arity};
use super::{Flag, Piece, PieceKind, Prompt};

/// Splits `source` into pieces.
pub(super) fn scan(source: &str) -> Prompt {
    let mut pieces = Vec::new();
    let mut at = 0;
    // Image prompts: URLs before anything else.
    loop {
        let start = skip_space(source, at);
        let end = word_end(source, start, false);
        if start == end || !is_url(&source[start..end]) {
            break;
        }
        pieces.push(Piece {
            leading: source[at..start].to_string(),
            kind: PieceKind::ImagePrompt(source[start..end].to_string()),
        });
        at = end;
    }
    while at < source.len() {
        let start = skip_space(source, at);
        if start == source.len() {
            break;
        }
        let leading = source[at..start].to_string();
        let (kind, end) = match dashes_at(source, start) {
            Some(dash_len) => scan_flag(source, start, dash_len),
            None => {
                let end = text_end(source, start);
                (PieceKind::Text(source[start..end].to_string()), end)
            }
        };
        pieces.push(Piece { leading, kind });
        at = end;
    }
    Prompt {
        pieces,
        trailing: source[at..].to_string(),
    }
}

/// One flag starting at `start` (its dashes are `dash_len` bytes); returns it and where it ends.
fn scan_flag(source: &str, start: usize, dash_len: usize) -> (PieceKind, usize) {
    let name_start = start + dash_len;
    let name_end = name_start
        + source[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(source.len() - name_start);
    let mut typed = &source[name_start..name_end];
    // `--v6`, `--s250`, `--ar16:9`: a known name with its value glued on.
    let mut glued_value_at = None;
    if find_flag(typed).is_none() {
        let letters = typed
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(typed.len());
        let rest = &source[name_start + letters..];
        if find_flag(&typed[..letters]).is_some()
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            typed = &typed[..letters];
            glued_value_at = Some(name_start + letters);
        }
    }
    let head_end = name_start + typed.len();
    let arity = find_flag(typed).map(|f| f.arity);
    let value_start = glued_value_at.unwrap_or_else(|| skip_space(source, head_end));
    let (value_end, has_value) = match glued_value_at {
        Some(at) => (word_end(source, at, true), true),
        None => value_extent(source, value_start, arity),
    };
    let (gap_end, value_end) = if has_value {
        (value_start, value_end)
    } else {
        (head_end, head_end)
    };
    let flag = Flag {
        dashes: source[start..name_start].to_string(),
        typed_name: typed.to_string(),
        gap: source[head_end..gap_end].to_string(),
        value: source[gap_end..value_end].to_string(),
    };
    (PieceKind::Flag(flag), value_end)
}

/// Where the value starting at `start` ends, and whether there is one.
fn value_extent(source: &str, start: usize, arity: Option<Arity>) -> (usize, bool) {
    if start >= source.len() || dashes_at(source, start).is_some() {
        return (start, false);
    }
    let first_end = word_end(source, start, true);
    let word = &source[start..first_end];
    let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    match arity {
        Some(Arity::Nothing) => (start, false),
        Some(Arity::OneWord) => (first_end, true),
        Some(Arity::OptionalNumber) => (first_end, starts_with_digit),
        Some(Arity::UpToNextFlag) => (text_end(source, start), true),
        Some(Arity::References) => {
            let mut end = start;
            loop {
                let word_start = skip_space(source, end);
                let word_stop = word_end(source, word_start, true);
                if word_start == word_stop || !is_reference(&source[word_start..word_stop]) {
                    break;
                }
                end = word_stop;
            }
            (end, end > start)
        }
        // An unknown flag keeps a number or a URL after it; a word is text.
        None => (first_end, starts_with_digit || is_url(word)),
    }
}

/// `--` or macOS's autocorrected em dash, followed by a letter: a flag starts at `at`.
fn dashes_at(source: &str, at: usize) -> Option<usize> {
    let rest = &source[at..];
    let len = if rest.starts_with("--") {
        2
    } else if rest.starts_with('—') {
        '—'.len_utf8()
    } else {
        return None;
    };
    rest[len..]
        .starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(len)
}

/// The end of free text starting at `start`: before the whitespace that precedes the next flag
/// (a flag in text needs a space or punctuation before it: `well--known` is a word).
fn text_end(source: &str, start: usize) -> usize {
    let mut prev: Option<char> = None;
    for (i, c) in source[start..].char_indices() {
        let at = start + i;
        let boundary = prev.is_none_or(|p| p.is_whitespace() || ",.;!?)\"".contains(p));
        if i > 0 && boundary && dashes_at(source, at).is_some() {
            return start + source[start..at].trim_end().len();
        }
        prev = Some(c);
    }
    start + source[start..].trim_end().len()
}

/// The end of the word at `start`: the next whitespace, or (in a value that is not a URL) a
/// flag glued on (`16:9--v`).
fn word_end(source: &str, start: usize, stop_at_flag: bool) -> usize {
    let is_link = is_url(&source[start..]);
    for (i, c) in source[start..].char_indices() {
        let at = start + i;
        if c.is_whitespace()
            || (stop_at_flag && !is_link && i > 0 && dashes_at(source, at).is_some())
        {
            return at;
        }
    }
    source.len()
}

fn skip_space(source: &str, at: usize) -> usize {
    at + source[at..]
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(source.len() - at)
}

/// An http(s) URL (any case), optionally in Discord's `<…>`.
pub(super) fn is_url(word: &str) -> bool {
    let word = word.strip_prefix('<').unwrap_or(word);
    let head = word.get(..8).unwrap_or(word).to_ascii_lowercase();
    (head.starts_with("https://") && word.len() > 8)
        || (head.starts_with("http://") && word.len() > 7)
}

/// A style or character reference: a URL, a numeric style code (with an optional `::weight`),
/// or `random`.
fn is_reference(word: &str) -> bool {
    let code = word.split("::").next().unwrap_or(word);
    is_url(word)
        || code.eq_ignore_ascii_case("random")
        || (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
}
