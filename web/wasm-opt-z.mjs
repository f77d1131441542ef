// `wasm-opt -Oz` on many files in one Node process (web/split-wasm.sh, release builds).
// npm's wasm-opt is binaryen compiled to wasm, and each call spends about a second loading it:
// for the ~90 chunks of a release build that was 100 s; loaded once here, they take 14 s (and
// the main module 8 s, as with wasm-opt). The output is wasm-opt's byte for byte (checked on
// every file of a build with binaryen 132): the same passes (-Oz: optimise level 2, shrink
// level 2, Stack IR optimised when written) and the features wasm-opt enables by default.
//
// Usage: node web/wasm-opt-z.mjs <in.wasm> <out.wasm> [<in.wasm> <out.wasm>]…
import { readFileSync, writeFileSync } from "node:fs";

const { default: binaryen } = await import(new URL("../scripts/node_modules/binaryen/index.js", import.meta.url));

const files = process.argv.slice(2);
if (files.length === 0 || files.length % 2 !== 0) {
  console.error("usage: node web/wasm-opt-z.mjs <in.wasm> <out.wasm> [<in.wasm> <out.wasm>]…");
  process.exit(2);
}
const F = binaryen.Features;
const wasmOptDefaults = F.SignExt | F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory |
  F.BulkMemoryOpt | F.ReferenceTypes | F.Multivalue | F.CallIndirectOverlong;
binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
binaryen.setGenerateStackIR(true);
binaryen.setOptimizeStackIR(true);
for (let i = 0; i < files.length; i += 2) {
  const module = binaryen.readBinary(readFileSync(files[i]));
  module.setFeatures(wasmOptDefaults);
  module.optimize();
  writeFileSync(files[i + 1], module.emitBinary());
  module.dispose();
}
