//! Task ids and the URLs of their pictures.

/// Whether `text` is a well-formed task id: 24 lowercase hex characters.
pub(crate) fn is_task_id(text: &str) -> bool {
    text.len() == 24
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `<base>/task/image/<id>?cache=<percent>` \[doc form\].
pub(crate) fn image_url(base_url: &str, id: &str, percent: u8) -> String {
    format!(
        "{}/task/image/{id}?cache={percent}",
        base_url.trim_end_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_are_24_lowercase_hex_characters() {
        assert!(is_task_id("65589df803761c00010775ae"));
        assert!(!is_task_id("65589DF803761C00010775AE"));
        assert!(!is_task_id("65589df803761c00010775a"));
        assert!(!is_task_id("65589df803761c00010775ag"));
    }
}
