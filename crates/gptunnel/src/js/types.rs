//! The package's TypeScript vocabulary (`Task`, `WaitOptions`, `GptunnelError`…), written
//! once in js/types.d.ts (entry `gptunnel`) and js/mask-types.d.ts (entry `gptunnel/mask`) and
//! inserted into the generated .d.ts, where the `Client` and `Mask` methods refer to it through
//! `unchecked_param_type` / `unchecked_return_type`. tests/package/typed-example.ts checks the
//! result with `tsc --strict`.

use wasm_bindgen::prelude::*;

#[cfg(feature = "js")]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../../js/types.d.ts");

#[cfg(feature = "js-mask")]
#[wasm_bindgen(typescript_custom_section)]
const MASK_TYPES: &str = include_str!("../../js/mask-types.d.ts");
