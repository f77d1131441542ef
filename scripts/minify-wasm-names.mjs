// Carries wasm-opt's minified import and export names into wasm-bindgen's glue and types.
//
// wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and the module
// `./<entry>_bg.js`: both sit in the wasm and again in the JS glue, and random hex hardly
// compresses (issue 12: ~2 KB gzip of the client entry). `wasm-opt
// --minify-imports-and-exports-and-modules` renames them in the wasm and prints the mapping;
// this script makes the glue (import object keys, `wasm.<export>` calls) and the `.d.ts`
// files (`InitOutput`, `<entry>_bg.wasm.d.ts`) say the same, then checks that every name the
// glue uses exists in the wasm, so a glue shape this script does not know fails the build
// instead of shipping a package that cannot instantiate.
//
// Usage: node minify-wasm-names.mjs <pkg dir> <entry name> <mapping.json from wasm-opt>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [pkg, entry, mappingFile] = process.argv.slice(2);
if (!mappingFile) {
  console.error("usage: node minify-wasm-names.mjs <pkg dir> <entry name> <mapping.json>");
  process.exit(2);
}
const fail = (message) => {
  console.error(`[minify-wasm-names] ${entry}: ${message}`);
  process.exit(1);
};

// wasm-opt prints one JSON object: { imports: [[module, old, new]…], exports: [[old, new]…] }.
const mapping = JSON.parse(readFileSync(mappingFile, "utf8"));
const module = new WebAssembly.Module(readFileSync(join(pkg, `${entry}_bg.wasm`)));
const wasmImports = WebAssembly.Module.imports(module);
const wasmExports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));

// The mapping gives each import's new name but not its module's: read that from the wasm.
const newModuleOf = new Map(wasmImports.map((i) => [i.name, i.module]));
const modules = new Map();
const importNames = new Map();
for (const [oldModule, oldName, newName] of mapping.imports) {
  const newModule = newModuleOf.get(newName);
  if (newModule === undefined) fail(`import ${oldName} → ${newName} is not in the wasm`);
  modules.set(oldModule, newModule);
  importNames.set(oldName, newName);
}
const exportNames = new Map(mapping.exports);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A regular expression's source matching any of `names`. */
const anyOf = (names) => [...names].map(escape).join("|");

/** Each old import name as a whole word, each `wasm.<old export>`, each module string. */
function renameGlue(glue) {
  glue = glue.replace(new RegExp(`\\b(?:${anyOf(importNames.keys())})\\b`, "g"), (old) => importNames.get(old));
  glue = glue.replace(new RegExp(`\\bwasm\\.(${anyOf(exportNames.keys())})\\b`, "g"), (_, old) => `wasm.${exportNames.get(old)}`);
  for (const [oldModule, newModule] of modules) {
    glue = glue.replace(new RegExp(`(["'])${escape(oldModule)}\\1`, "g"), JSON.stringify(newModule));
  }
  return glue;
}

/** `readonly <old>:` (InitOutput) and `export const <old>:` (the wasm's own .d.ts). */
function renameTypes(types) {
  return types.replace(new RegExp(`\\b(readonly|export const) (${anyOf(exportNames.keys())}):`, "g"), (_, word, old) => `${word} ${exportNames.get(old)}:`);
}

const gluePath = join(pkg, `${entry}.js`);
const glue = renameGlue(readFileSync(gluePath, "utf8"));

// What the glue now names must be what the wasm has.
for (const oldName of importNames.keys()) {
  if (glue.includes(oldName)) fail(`the glue still names the import ${oldName}`);
}
for (const [, name] of glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (!wasmExports.has(name)) fail(`the glue calls wasm.${name}, which the wasm does not export`);
}
for (const { module: wasmModule, name } of wasmImports) {
  if (!glue.includes(JSON.stringify(wasmModule))) fail(`the glue provides no module ${wasmModule}`);
  if (!new RegExp(`[{,\\s]${escape(name)}\\s*:`).test(glue)) fail(`the glue provides no import ${name}`);
}
writeFileSync(gluePath, glue);

for (const types of [`${entry}.d.ts`, `${entry}_bg.wasm.d.ts`]) {
  const path = join(pkg, types);
  writeFileSync(path, renameTypes(readFileSync(path, "utf8")));
}
