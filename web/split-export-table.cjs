// Exports the function table of a wasm file as "__indirect_function_table" again, in place
// (web/split-wasm.sh): wasm-bindgen removes that export, and wasm-split's loader hands the
// table to the chunks. The function table is the one table not exported under another name.
// Usage: node split-export-table.cjs <file.wasm>
const { readFileSync, writeFileSync } = require("node:fs");
const [file] = process.argv.slice(2);
const wasm = readFileSync(file);
const uleb = (buf, at) => {
  let value = 0, shift = 0, byte;
  do { byte = buf[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
};
const toUleb = (n) => { const out = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n); return Buffer.from(out); };
const sections = [];
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, body] = uleb(wasm, at + 1);
  sections.push({ id, start: at, body, end: body + size });
  at = body + size;
}
const section = (id) => sections.find((s) => s.id === id);
const importedTables = (() => {
  const s = section(2); if (!s) return 0;
  let [count, at] = uleb(wasm, s.body), tables = 0;
  for (let i = 0; i < count; i++) {
    let len; [len, at] = uleb(wasm, at); at += len; [len, at] = uleb(wasm, at); at += len;
    const kind = wasm[at++];
    if (kind === 0) [, at] = uleb(wasm, at);
    else if (kind === 1) { at++; const flags = wasm[at++]; [, at] = uleb(wasm, at); if (flags & 1) [, at] = uleb(wasm, at); tables++; }
    else if (kind === 2) { const flags = wasm[at++]; [, at] = uleb(wasm, at); if (flags & 1) [, at] = uleb(wasm, at); }
    else if (kind === 3) at += 2;
    else if (kind === 4) { at++; [, at] = uleb(wasm, at); }
    else throw new Error(`import kind ${kind}`);
  }
  return tables;
})();
const tableCount = importedTables + (section(4) ? uleb(wasm, section(4).body)[0] : 0);
const exp = section(7);
let [count, at] = uleb(wasm, exp.body);
const exportedTables = new Map();
for (let i = 0; i < count; i++) {
  let len; [len, at] = uleb(wasm, at);
  const name = wasm.subarray(at, at + len).toString(); at += len;
  const kind = wasm[at++]; let index; [index, at] = uleb(wasm, at);
  if (kind === 1) exportedTables.set(index, name);
}
if ([...exportedTables.values()].includes("__indirect_function_table")) process.exit(0);
const candidates = [...Array(tableCount).keys()].filter((i) => !exportedTables.has(i));
if (candidates.length !== 1) throw new Error(`cannot tell the function table among ${tableCount} tables`);
const name = Buffer.from("__indirect_function_table");
const entries = Buffer.concat([toUleb(count + 1), wasm.subarray(uleb(wasm, exp.body)[1], exp.end), toUleb(name.length), name, Buffer.from([1]), toUleb(candidates[0])]);
writeFileSync(file, Buffer.concat([wasm.subarray(0, exp.start), Buffer.from([7]), toUleb(entries.length), entries, wasm.subarray(exp.end)]));
