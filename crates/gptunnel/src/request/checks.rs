//! Input checks shared by the create requests (and by the client for ids it is given).

use crate::text::quoted;
use crate::Error;

/// Task ids are MongoDB ObjectIds: exactly 24 lowercase hex characters.
pub(crate) fn check_task_id(id: &str) -> Result<(), Error> {
    let ok = id.len() == 24 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if ok {
        return Ok(());
    }
    let shown: String = id.chars().take(40).collect();
    Err(Error::invalid(
        "taskId",
        format!(
            "expected 24 lowercase hex characters like 65589df803761c00010775ae, got {}",
            quoted(&shown)
        ),
    ))
}

pub(super) fn check_prompt(
    field: &'static str,
    prompt: &str,
    max_chars: usize,
) -> Result<(), Error> {
    if prompt.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    let chars = prompt.chars().count();
    if chars > max_chars {
        return Err(Error::invalid(
            field,
            format!("is {chars} characters long; at most {max_chars} are accepted"),
        ));
    }
    Ok(())
}

pub(super) fn check_image(image: u8) -> Result<(), Error> {
    match image {
        1..=4 => Ok(()),
        other => Err(Error::invalid(
            "image",
            format!(
                "must be 1–4 (1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right), got {other}"
            ),
        )),
    }
}

pub(super) fn check_base64_mask(mask: &str) -> Result<(), Error> {
    if mask.is_empty() {
        return Err(Error::invalid("mask", "must not be empty"));
    }
    if mask.starts_with("data:") {
        return Err(Error::invalid(
            "mask",
            "send bare base64, without the data: prefix",
        ));
    }
    match crate::base64::decoded_len(mask) {
        Ok(0) => Err(Error::invalid("mask", "decodes to nothing")),
        Ok(_) => Ok(()),
        Err(reason) => Err(Error::invalid(
            "mask",
            format!("is not valid base64: {reason}"),
        )),
    }
}
