//! Values quoted in messages: `got "16:9x"`.
//!
//! Written out here instead of with `{:?}`: `Debug` for strings links Rust's Unicode
//! printability tables and escaping code into the wasm, several KB (issue 12).

/// `text` in double quotes, with quotes, backslashes and control characters escaped as `{:?}`
/// escapes them (other characters are kept as they are, even invisible ones).
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_as_debug_does_for_text_people_type() {
        for text in [
            "",
            "16:9x",
            "say \"hi\"",
            r"C:\path",
            "line\nbreak\r\ttab\0nul\u{7}bell\u{7f}del\u{9b}c1",
            "Лиса 🦊 über",
            "'single'",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
    }
}
