// Reading and writing the parts of the wasm binary format (https://webassembly.github.io/spec/core/binary/)
// that the build's post-processing and the start benchmark need: sections, LEB128 numbers,
// names and import descriptions. One copy, for web/minify-imports.mjs,
// web/split-export-table.mjs and tests/bench/start-compiles.mjs.

/** A cursor over a module's bytes (a Node Buffer). */
export class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  /** An unsigned LEB128 number (up to 32 bits). */
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.at++];
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result >>> 0;
      shift += 7;
    }
  }

  /** A length-prefixed UTF-8 name. */
  name() {
    const length = this.u32();
    this.at += length;
    return this.bytes.toString("utf8", this.at - length, this.at);
  }

  /** Reads an import's kind and skips its description (its type); returns the kind. */
  importDescription() {
    const kind = this.bytes[this.at++];
    const limits = () => {
      const flags = this.bytes[this.at++];
      this.u32();
      if (flags & 1) this.u32();
    };
    if (kind === 0) this.u32(); // function: type index
    else if (kind === 1) (this.at++, limits()); // table: reference type, limits
    else if (kind === 2) limits(); // memory
    else if (kind === 3) this.at += 2; // global: value type, mutability
    else if (kind === 4) (this.at++, this.u32()); // tag: attribute, type index
    else throw new Error(`unknown import kind ${kind}`);
    return kind;
  }
}

/** Kinds of imports and exports. */
export const FUNCTION = 0;
export const TABLE = 1;

/** The module's sections in order: `{ id, start, body, end }` (byte offsets; `body` past the size). */
export function sections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const found = [];
  const reader = new Reader(bytes, 8);
  while (reader.at < bytes.length) {
    const start = reader.at;
    const id = bytes[reader.at++];
    const size = reader.u32();
    found.push({ id, start, body: reader.at, end: reader.at + size });
    reader.at += size;
  }
  return found;
}

/** `value` as an unsigned LEB128 number. */
export function u32Bytes(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** `text` as a length-prefixed UTF-8 name. */
export function nameBytes(text) {
  const utf8 = Buffer.from(text, "utf8");
  return Buffer.concat([u32Bytes(utf8.length), utf8]);
}

/** A section with `id` and `body`, as bytes. */
export function sectionBytes(id, body) {
  return Buffer.concat([Buffer.from([id]), u32Bytes(body.length), body]);
}
