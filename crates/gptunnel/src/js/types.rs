//! The package's TypeScript vocabulary (`Task`, `WaitOptions`, `GptunnelError`…), written
//! once in js/types.d.ts and inserted into the generated gptunnel.d.ts, where the `Client`
//! and `Mask` methods refer to it through `unchecked_param_type` / `unchecked_return_type`.
//! tests/package/typed-example.ts checks the result with `tsc --strict`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../../js/types.d.ts");
