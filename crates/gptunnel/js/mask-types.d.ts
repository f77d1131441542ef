// The types of the entry `gptunnel/mask` besides the `Mask` class. (Source:
// crates/gptunnel/js/mask-types.d.ts, which src/js/types.rs inserts into the generated
// gptunnel_mask.d.ts; it is not a standalone file.)

declare global {
  // wasm-bindgen gives every class a `[Symbol.dispose]()` (for `using`). Declared here too so
  // that projects whose `lib` has no esnext.disposable still type-check; with it, the
  // declarations merge.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

// The same class as `import { GptunnelError } from "gptunnel"` (one shared module), so
// `instanceof` holds whichever entry it is imported from.
export { GptunnelError, ErrorKind, GptunnelErrorDetails } from "./gptunnel.js";

/** The pixels a `Mask` edit changed, to redraw only those. */
export interface MaskRect {
  x: number;
  y: number;
  width: number;
  height: number;
}
