// `tsc --noEmit --strict` on typed-example.ts, resolved through the installed package's
// exports map, once as a bundler project and once as a Node ESM project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const tsc = fileURLToPath(new URL("./node_modules/typescript/bin/tsc", import.meta.url));

for (const project of ["tsconfig.json", "tsconfig.node.json"]) {
  test(`typed-example.ts type-checks strictly (${project})`, () => {
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "-p", project], { cwd: here, encoding: "utf8" });
    assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
  });
}
