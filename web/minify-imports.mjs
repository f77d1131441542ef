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

const [wasmPath, gluePath] = process.argv.slice(2);
const fail = (message) => {
  console.error(`minify-imports: ${message}`);
  process.exit(1);
};
if (!gluePath) fail("usage: node minify-imports.mjs <main _bg.wasm> <glue .js>");

const oldModule = `./${basename(gluePath, ".js")}_bg.js`;
const newModule = "wbg";
const bytes = readFileSync(wasmPath);

// --- reading and writing the binary format (https://webassembly.github.io/spec/core/binary/)
let at = 0;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    result |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) return result >>> 0;
    shift += 7;
  }
};
const name = () => {
  const length = u32();
  const text = bytes.toString("utf8", at, at + length);
  at += length;
  return text;
};
const leb = (value) => {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
};
const encodeName = (text) => {
  const utf8 = Buffer.from(text, "utf8");
  return Buffer.concat([leb(utf8.length), utf8]);
};
/** Skips an import's description (what kind of thing it is and its type). */
const skipDescription = (kind) => {
  const limits = () => {
    const flags = bytes[at++];
    u32();
    if (flags & 1) u32();
  };
  if (kind === 0) u32(); // function: type index
  else if (kind === 1) (at++, limits()); // table: reference type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) at += 2; // global: value type, mutability
  else if (kind === 4) (at++, u32()); // tag: attribute, type index
  else fail(`unknown import kind ${kind}`);
};

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

if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
at = 8;
const parts = [bytes.subarray(0, 8)];
const renamed = new Map(); // old import name -> new
while (at < bytes.length) {
  const sectionStart = at;
  const id = bytes[at++];
  const size = u32();
  const end = at + size;
  if (id !== 2) {
    parts.push(bytes.subarray(sectionStart, end));
    at = end;
    continue;
  }
  const entries = [];
  const count = u32();
  for (let i = 0; i < count; i++) {
    const module = name();
    const field = name();
    const descriptionStart = at;
    const kind = bytes[at++];
    skipDescription(kind);
    const description = bytes.subarray(descriptionStart, at);
    if (module === oldModule) {
      if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
      entries.push(Buffer.concat([encodeName(newModule), encodeName(renamed.get(field)), description]));
    } else {
      entries.push(Buffer.concat([encodeName(module), encodeName(field), description]));
    }
  }
  if (at !== end) fail("the import section did not parse to its end");
  const body = Buffer.concat([leb(count), ...entries]);
  parts.push(Buffer.from([2]), leb(body.length), body);
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
