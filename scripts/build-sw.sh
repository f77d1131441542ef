#!/usr/bin/env bash
# Writes the studio's Service Worker (web/sw.js) into a built site with the app shell it must
# cache on install: every file of the site except the demo's (fetched by the worker only on the
# first demo request), the worker itself and host config files. Files whose names carry Trunk's
# content hash are marked "hashed" (cache first); the others (index.html, manifest, icons) are
# fetched network first. The version is a hash of every file, demo included, so any change to
# the site changes the worker's bytes and browsers install the new one on their next visit.
# Run last by scripts/post-build.sh (Trunk post_build hook), when the split chunks and the
# demo are in place. Usage: scripts/build-sw.sh [out] (default: Trunk's staging dir, else dist/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-${TRUNK_STAGING_DIR:-$root/dist}}"

node - "$root/web/sw.js" "$out" <<'JS'
const { createHash } = require("node:crypto");
const { readFileSync, readdirSync, writeFileSync } = require("node:fs");
const { join, relative, sep } = require("node:path");
const [source, out] = process.argv.slice(2);

const NOT_SHELL = /^(sw\.js|demo\/.*|_headers|_redirects|\.nojekyll)$/;
// Trunk's file hash: "-" and 16 hex digits, then "." or "_" (split chunks: <stem>_<chunk>).
const HASHED = /-[0-9a-f]{16}[._]/;

const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else files.push(relative(out, path).split(sep).join("/"));
  }
})(out);
files.sort();

const version = createHash("sha256");
for (const file of files.filter((f) => f !== "sw.js")) version.update(file).update("\0").update(readFileSync(join(out, file)));
const shell = files.filter((f) => !NOT_SHELL.test(f));
if (!shell.includes("index.html")) throw new Error(`build-sw: no index.html in ${out}`);
const build = { version: version.digest("hex").slice(0, 16), shell, hashed: shell.filter((f) => HASHED.test(f)) };

const line = /^const BUILD = .*$/m;
const text = readFileSync(source, "utf8");
if (!line.test(text)) throw new Error("build-sw: no `const BUILD = …` line in web/sw.js");
writeFileSync(join(out, "sw.js"), text.replace(line, `const BUILD = ${JSON.stringify(build)}; // written by scripts/build-sw.sh`));
console.error(`build-sw: sw.js version ${build.version}, ${shell.length} files to precache (${build.hashed.length} hashed)`);
JS
