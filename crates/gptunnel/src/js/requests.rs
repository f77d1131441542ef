//! JS parameter objects (`{ taskId, image }`) into the crate's request structs, and the one
//! `create` that sends any of them by kind name (for `client.run(kind, params)` and the
//! per-endpoint methods alike).

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use super::args::{describe, Fields};
use crate::text::quoted;
use crate::{
    Client, Direction, Error, Imagine, Inpaint, MediaCreate, Outpaint, Pan, Reroll, Task, Upsample,
    Upscale, UpscaleType, Variation, VariationMode,
};

const IMAGE: &str = "1, 2, 3 or 4";

/// Sends the create named `kind` (`"imagine"`, `"upsample"`…) with JS `params`. Creates are
/// charged: this sends exactly one request, or none when the parameters are refused.
pub(crate) async fn create(client: &Client, kind: &str, params: &JsValue) -> Result<Task, Error> {
    let fields = Fields::new(params, "params")?;
    // Each kind only builds its request; one send path for all (one future, not eight).
    let http = match kind {
        "imagine" => client.create_request(&Imagine::new(fields.string("prompt")?))?,
        "upsample" => client.create_request(&upsample(&fields)?)?,
        "variation" => client.create_request(&variation(&fields)?)?,
        "reroll" => client.create_request(&Reroll::new(fields.string("taskId")?))?,
        "inpaint" => client.create_request(&inpaint(&fields)?)?,
        "outpaint" => {
            let zoom = fields.small_number("zoom", "50 or 75")?;
            client.create_request(&Outpaint::new(fields.string("taskId")?, zoom))?
        }
        "pan" => client.create_request(&pan(&fields)?)?,
        "upscale" => client.create_request(&upscale(&fields)?)?,
        other => {
            return Err(Error::invalid(
                "kind",
                format!(
                    "must be one of imagine, upsample, variation, reroll, inpaint, outpaint, \
                     pan, upscale; got {}",
                    quoted(other)
                ),
            ))
        }
    };
    client.send_create(&http).await
}

/// The first argument of `run`, which must name a create.
pub(crate) fn kind(value: &JsValue) -> Result<String, Error> {
    value.as_string().ok_or_else(|| {
        Error::invalid(
            "kind",
            format!(
                "must be a string such as \"imagine\", got {}",
                describe(value)
            ),
        )
    })
}

fn upsample(fields: &Fields) -> Result<Upsample, Error> {
    let image = fields.small_number("image", IMAGE)?;
    Ok(Upsample::new(fields.string("taskId")?, image))
}

/// `{ taskId, image }` for a grid, `{ taskId, mode }` for an upsample.
fn variation(fields: &Fields) -> Result<Variation, Error> {
    let task_id = fields.string("taskId")?;
    match (fields.get("image")?, fields.get("mode")?) {
        (Some(_), None) => Ok(Variation::image(
            task_id,
            fields.small_number("image", IMAGE)?,
        )),
        (None, Some(_)) => {
            let mode = fields.choice(
                "mode",
                &[("high", VariationMode::High), ("low", VariationMode::Low)],
            )?;
            Ok(Variation::mode(task_id, mode))
        }
        (Some(_), Some(_)) => Err(Error::invalid(
            "image",
            "give either image (for a grid) or mode (for an upsample), not both",
        )),
        (None, None) => Err(Error::invalid(
            "image",
            "is required: give image 1–4 (for a grid) or mode \"high\"/\"low\" (for an upsample)",
        )),
    }
}

/// The mask may be base64 text (a `data:` URL is fine) or the PNG's bytes.
fn inpaint(fields: &Fields) -> Result<Inpaint, Error> {
    let task_id = fields.string("taskId")?;
    let mask = match fields.get("mask")? {
        None => {
            return Err(Error::invalid(
                "mask",
                "is required (a base64 PNG string or a Uint8Array)",
            ))
        }
        Some(value) => match (value.as_string(), value.dyn_ref::<Uint8Array>()) {
            (Some(text), _) => text,
            (None, Some(bytes)) => crate::base64::encode(&bytes.to_vec()),
            (None, None) => {
                return Err(Error::invalid(
                    "mask",
                    format!(
                        "must be a base64 PNG string or a Uint8Array, got {}",
                        describe(&value)
                    ),
                ))
            }
        },
    };
    let request = Inpaint::new(task_id, mask);
    Ok(match fields.opt_string("prompt")? {
        Some(prompt) => request.prompt(prompt),
        None => request,
    })
}

fn pan(fields: &Fields) -> Result<Pan, Error> {
    let direction = fields.choice(
        "direction",
        &[
            ("left", Direction::Left),
            ("right", Direction::Right),
            ("up", Direction::Up),
            ("down", Direction::Down),
        ],
    )?;
    Ok(Pan::new(fields.string("taskId")?, direction))
}

fn upscale(fields: &Fields) -> Result<Upscale, Error> {
    let kind = fields.choice("type", &[("2x", UpscaleType::X2), ("4x", UpscaleType::X4)])?;
    Ok(Upscale::new(fields.string("taskId")?, kind))
}

/// `{ model, prompt, ar?, images? }`.
pub(crate) fn media_create(params: &JsValue) -> Result<MediaCreate, Error> {
    let fields = Fields::new(params, "params")?;
    let mut request = MediaCreate::new(fields.string("model")?, fields.string("prompt")?);
    if let Some(ratio) = fields.opt_string("ar")? {
        request = request.aspect_ratio(ratio);
    }
    if let Some(urls) = fields.opt_strings("images")? {
        request = request.images(urls);
    }
    Ok(request)
}

/// The core names the aspect ratio `aspectRatio`; JavaScript callers pass it as `ar`.
pub(crate) fn js_field_names(error: Error) -> Error {
    match error {
        Error::InvalidInput {
            field: "aspectRatio",
            reason,
        } => Error::InvalidInput {
            field: "ar",
            reason,
        },
        other => other,
    }
}
