// Shortens the names the studio's main wasm imports its JS functions by (release builds, from
// web/split-wasm.sh), in the wasm and in wasm-bindgen's glue alike.
//
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` from the module
// `./<stem>_bg.js`, and the wasm repeats the module beside every name: about 24 KB of the main
// wasm and as much of the glue, random hex that hardly compresses. wasm-opt's own minifiers do
// not fit here (`--minify-imports` leaves these modules alone; the variant that renames modules
// would rename the chunk loader's `./__wasm_split.js` too, which the glue imports as a module
// namespace). So this renames the imports of that one module to `a`, `b`, … and the module to
// `wbg`, rewrites the glue's import object to match, and checks that the glue provides every
// import the wasm now asks for, so a glue shape it does not know fails the build.
//
// Usage: node minify-imports.mjs <main _bg.wasm> <glue .js>
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

import { Reader, nameBytes, sectionBytes, sections, u32Bytes } from "./wasm-binary.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
const fail = (message) => {
  console.error(`minify-imports: ${message}`);
  process.exit(1);
};
if (!gluePath) fail("usage: node minify-imports.mjs <main _bg.wasm> <glue .js>");

const oldModule = `./${basename(gluePath, ".js")}_bg.js`;
const newModule = "wbg";
const bytes = readFileSync(wasmPath);

/** `a`, `b`, … `z`, `A` … `Z`, then `aa`, `ab`, …: never a JS keyword. */
const shortName = (n) => {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let text = "";
  do {
    text = letters[n % letters.length] + text;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return ["do", "if", "in"].includes(text) ? `${text}_` : text;
};

const parts = [bytes.subarray(0, 8)];
const renamed = new Map(); // old import name -> new
let moduleSections;
try {
  moduleSections = sections(bytes);
} catch (error) {
  fail(`${wasmPath}: ${error.message}`);
}
for (const { id, start, body, end } of moduleSections) {
  if (id !== 2) {
    parts.push(bytes.subarray(start, end));
    continue;
  }
  const reader = new Reader(bytes, body);
  const entries = [];
  const count = reader.u32();
  for (let i = 0; i < count; i++) {
    const module = reader.name();
    const field = reader.name();
    const descriptionStart = reader.at;
    reader.importDescription();
    const description = bytes.subarray(descriptionStart, reader.at);
    if (module === oldModule) {
      if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
      entries.push(Buffer.concat([nameBytes(newModule), nameBytes(renamed.get(field)), description]));
    } else {
      entries.push(Buffer.concat([nameBytes(module), nameBytes(field), description]));
    }
  }
  if (reader.at !== end) fail("the import section did not parse to its end");
  parts.push(sectionBytes(2, Buffer.concat([u32Bytes(count), ...entries])));
}
if (renamed.size === 0) fail(`no import from ${oldModule}`);

// --- the glue: `<old name>: function(...)` keys of its import object, and the module's key
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
let glue = readFileSync(gluePath, "utf8");
glue = glue.replace(new RegExp(`\\b(?:${[...renamed.keys()].map(escape).join("|")})\\b`, "g"), (old) => renamed.get(old));
const moduleKey = JSON.stringify(oldModule);
if (!glue.includes(moduleKey)) fail(`the glue provides no module ${moduleKey}`);
glue = glue.replaceAll(moduleKey, JSON.stringify(newModule));
for (const old of renamed.keys()) {
  if (glue.includes(old)) fail(`the glue still names the import ${old}`);
}
for (const short of renamed.values()) {
  if (!new RegExp(`[{,\\s]${escape(short)}\\s*:`).test(glue)) fail(`the glue provides no import ${short}`);
}

const wasm = Buffer.concat(parts);
new WebAssembly.Module(wasm); // still a valid module
writeFileSync(wasmPath, wasm);
writeFileSync(gluePath, glue);
console.log(`minify-imports: ${renamed.size} imports renamed, wasm ${bytes.length} -> ${wasm.length} bytes`);
