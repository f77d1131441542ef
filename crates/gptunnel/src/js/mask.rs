//! The `Mask` class of the entry `gptunnel/mask`: paint an inpaint mask (white = regenerate,
//! black = keep) with undo, and get the PNG that `client.inpaint({ mask })` takes (base64 or
//! bytes, so the two entries share no wasm objects). A thin shell over [`crate::mask::Mask`].

use wasm_bindgen::prelude::*;

use crate::mask::{Mask, Rect};
use super::error::mask_error;

/// An inpaint mask the size of the image it applies to, all black (keep) at first.
///
/// ```js
/// import initMask, { Mask } from "gptunnel/mask";
/// await initMask();
/// const mask = new Mask(1024, 1024);
/// mask.stroke([100, 100, 300, 120], 20);   // brush along x0,y0,x1,y1,… with radius 20
/// await client.inpaint({ taskId, mask: mask.toBase64Png(), prompt: "a red boat" });
/// ```
///
/// Every edit returns the rectangle of pixels it changed (redraw only that), or `null`.
#[wasm_bindgen(js_name = Mask)]
pub struct JsMask {
    inner: Mask,
}

#[wasm_bindgen(js_class = Mask)]
impl JsMask {
    /// An all-black mask of `width` × `height` pixels (each side 1–8192). Throws a
    /// `GptunnelError` (kind `invalid_input`) otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, height: u32) -> Result<JsMask, JsValue> {
        Ok(JsMask {
            inner: Mask::new(width, height).map_err(mask_error)?,
        })
    }

    /// Width in pixels.
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> u32 {
        self.inner.width()
    }

    /// Height in pixels.
    #[wasm_bindgen(getter)]
    pub fn height(&self) -> u32 {
        self.inner.height()
    }

    /// Paint white with a round brush of `radius` along `points` (`[x0, y0, x1, y1, …]`).
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn stroke(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] points: &[f32],
        radius: f32,
    ) -> JsValue {
        changed(self.inner.stroke(points, radius))
    }

    /// Paint black (erase) with a round brush of `radius` along `points`.
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn erase(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] points: &[f32],
        radius: f32,
    ) -> JsValue {
        changed(self.inner.erase(points, radius))
    }

    /// Fill a rectangle with white.
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) -> JsValue {
        changed(self.inner.rect(x, y, width, height))
    }

    /// Fill the polygon through `points` (`[x0, y0, x1, y1, …]`, closed automatically) with white.
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn lasso(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ArrayLike<number>")] points: &[f32],
    ) -> JsValue {
        changed(self.inner.lasso(points))
    }

    /// Swap black and white.
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn invert(&mut self) -> JsValue {
        changed(self.inner.invert())
    }

    /// Make everything black again (undoable).
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn clear(&mut self) -> JsValue {
        changed(self.inner.clear())
    }

    /// Undo the last edit; `null` when there is nothing to undo.
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn undo(&mut self) -> JsValue {
        changed(self.inner.undo())
    }

    /// Redo the last undone edit; `null` when there is nothing to redo.
    #[wasm_bindgen(unchecked_return_type = "MaskRect | null")]
    pub fn redo(&mut self) -> JsValue {
        changed(self.inner.redo())
    }

    /// Whether `undo` would change something.
    #[wasm_bindgen(getter, js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.inner.can_undo()
    }

    /// Whether `redo` would change something.
    #[wasm_bindgen(getter, js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.inner.can_redo()
    }

    /// Whether pixel (`x`, `y`) is white.
    pub fn get(&self, x: u32, y: u32) -> bool {
        self.inner.get(x, y)
    }

    /// How many pixels are white.
    #[wasm_bindgen(js_name = countWhite)]
    pub fn count_white(&self) -> f64 {
        self.inner.count_white() as f64
    }

    /// The mask as a 1-bit black-and-white PNG file.
    #[wasm_bindgen(js_name = toPng)]
    pub fn to_png(&self) -> Vec<u8> {
        self.inner.to_png()
    }

    /// The PNG as base64 without a `data:` prefix: the `mask` of `client.inpaint`.
    #[wasm_bindgen(js_name = toBase64Png)]
    pub fn to_base64_png(&self) -> String {
        self.inner.to_base64_png()
    }

    /// A mask read from a PNG of exactly `width` × `height` grey pixels (soft edges are cut at
    /// 50 %). Throws a `GptunnelError` (kind `invalid_input`) saying what is wrong otherwise.
    #[wasm_bindgen(js_name = fromPng)]
    pub fn from_png(bytes: &[u8], width: u32, height: u32) -> Result<JsMask, JsValue> {
        Ok(JsMask {
            inner: Mask::from_png(bytes, width, height).map_err(mask_error)?,
        })
    }

    /// Like `fromPng`, from base64 text (a `data:` URL is fine).
    #[wasm_bindgen(js_name = fromBase64Png)]
    pub fn from_base64_png(base64: &str, width: u32, height: u32) -> Result<JsMask, JsValue> {
        Ok(JsMask {
            inner: Mask::from_base64_png(base64, width, height).map_err(mask_error)?,
        })
    }

    /// Check a base64 PNG mask before paying for an inpaint: returns nothing when it is a
    /// black-and-white PNG of `width` × `height`, throws a `GptunnelError` (kind
    /// `invalid_input`, `param` `"mask"`) saying what is wrong otherwise.
    pub fn validate(base64: &str, width: u32, height: u32) -> Result<(), JsValue> {
        Mask::validate_base64_png(base64, width, height).map_err(mask_error)
    }
}

/// `{ x, y, width, height }` of the changed pixels, or `null`. Set field by field: serde's
/// generic serializer would cost more wasm than the whole rest of this file.
fn changed(area: Option<Rect>) -> JsValue {
    let Some(Rect {
        x,
        y,
        width,
        height,
    }) = area
    else {
        return JsValue::NULL;
    };
    let rect = js_sys::Object::new();
    for (name, value) in [("x", x), ("y", y), ("width", width), ("height", height)] {
        let _ = js_sys::Reflect::set(&rect, &name.into(), &value.into());
    }
    rect.into()
}
