// Exports the function table of a wasm file as "__indirect_function_table" again, in place
// (web/split-wasm.sh): wasm-bindgen removes that export, and wasm-split's loader hands the
// table to the chunks. The function table is the one table not exported under another name.
// Usage: node split-export-table.mjs <file.wasm>
import { readFileSync, writeFileSync } from "node:fs";

import { Reader, TABLE, nameBytes, sectionBytes, sections, u32Bytes } from "./wasm-binary.mjs";

const [file] = process.argv.slice(2);
const wasm = readFileSync(file);
const all = sections(wasm);
const section = (id) => all.find((s) => s.id === id);

let importedTables = 0;
if (section(2)) {
  const reader = new Reader(wasm, section(2).body);
  for (let n = reader.u32(); n > 0; n--) {
    reader.name();
    reader.name();
    if (reader.importDescription() === TABLE) importedTables++;
  }
}
const tableCount = importedTables + (section(4) ? new Reader(wasm, section(4).body).u32() : 0);

const exports = section(7);
const reader = new Reader(wasm, exports.body);
const count = reader.u32();
const entriesStart = reader.at;
const exportedTables = new Map(); // table index -> export name
for (let i = 0; i < count; i++) {
  const name = reader.name();
  const kind = wasm[reader.at++];
  const index = reader.u32();
  if (kind === TABLE) exportedTables.set(index, name);
}
if ([...exportedTables.values()].includes("__indirect_function_table")) process.exit(0);
const candidates = [...Array(tableCount).keys()].filter((i) => !exportedTables.has(i));
if (candidates.length !== 1) throw new Error(`cannot tell the function table among ${tableCount} tables`);
const body = Buffer.concat([
  u32Bytes(count + 1),
  wasm.subarray(entriesStart, exports.end),
  nameBytes("__indirect_function_table"),
  Buffer.from([TABLE]),
  u32Bytes(candidates[0]),
]);
writeFileSync(file, Buffer.concat([wasm.subarray(0, exports.start), sectionBytes(7, body), wasm.subarray(exports.end)]));
