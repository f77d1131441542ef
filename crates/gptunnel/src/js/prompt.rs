//! Midjourney prompt flags for JavaScript: `parsePrompt`, `setPromptFlag`, `checkPrompt`, thin
//! conversions around [`crate::prompt`]. Objects are built with `Reflect` (no serde) to keep
//! the package light (issue 12).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::args::string;
use crate::prompt::Prompt;
use crate::Error;

/// `{ imagePrompts, text, flags: [{ name, typedName, value, known }] }` for `text`. Never
/// throws for a string: anything unrecognised is text or an unknown flag.
#[wasm_bindgen(js_name = parsePrompt, unchecked_return_type = "ParsedPrompt")]
pub fn parse_prompt(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let prompt = Prompt::parse(&string(&text, "text")?);
    let flags: Array = prompt
        .flags()
        .map(|flag| {
            object(&[
                ("name", flag.name().into()),
                ("typedName", flag.typed_name().into()),
                ("value", flag.value().into()),
                ("known", flag.is_known().into()),
            ])
        })
        .collect();
    let images: Array = prompt.image_prompts().into_iter().map(JsValue::from).collect();
    Ok(object(&[
        ("imagePrompts", images.into()),
        ("text", prompt.text().into()),
        ("flags", flags.into()),
    ]))
}

/// `text` with flag `name` (`"s"` or `"stylize"`…) set to `value`, or removed for `null`;
/// every other character stays as typed.
#[wasm_bindgen(js_name = setPromptFlag)]
pub fn set_prompt_flag(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null")] value: JsValue,
) -> Result<String, JsValue> {
    let text = string(&text, "text")?;
    let name = string(&name, "name")?;
    let value = if value.is_null() || value.is_undefined() {
        None
    } else {
        Some(string(&value, "value")?)
    };
    Ok(crate::prompt::set_flag(&text, &name, value.as_deref()))
}

/// Throws a `GptunnelError` (kind `invalid_input`, field `prompt`) naming the first flag whose
/// value is outside Midjourney's documented range.
#[wasm_bindgen(js_name = checkPrompt)]
pub fn check_prompt(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<(), JsValue> {
    Prompt::parse(&string(&text, "text")?)
        .validate()
        .map_err(|e| Error::invalid("prompt", e.to_string()).into())
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a fresh plain object's own property cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}
