// The package in a Vite 7 app with no wasm plugin and no config: `vite build`, then the built
// site in headless Chromium, in the page and in a module worker bundled by Vite. Then the dev
// server, which needs the one setting the README gives (pre-bundling would move the module
// away from its .wasm file).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { build, createServer } from "vite";

import { launchBrowser, resultOfPage } from "./support/browser.mjs";
import { startEmulator } from "../support/emulator.mjs";
import { assertFlowSucceeded } from "./support/expect-flow.mjs";
import { serveStatic } from "../support/serve.mjs";

const appDir = fileURLToPath(new URL("./vite-app/", import.meta.url));
let emulator, browser, site, outDir;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), "gptunnel-vite-"));
  await build({ root: appDir, configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  [emulator, browser, site] = await Promise.all([startEmulator(), launchBrowser(), serveStatic({ mounts: { "/": outDir } })]);
});

after(async () => {
  await Promise.all([emulator?.stop(), browser?.close(), site?.close()]);
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

test("vite build emits both entries' wasm files as assets", async () => {
  const assets = await readdir(join(outDir, "assets"), { recursive: true });
  assert.ok(assets.some((name) => /^gptunnel_bg-.*\.wasm$/.test(name)), `no gptunnel_bg wasm among ${assets}`);
  assert.ok(assets.some((name) => /^gptunnel_mask_bg-.*\.wasm$/.test(name)), `no gptunnel_mask_bg wasm among ${assets}`);
});

test("the built app runs imagine, wait, upsample, wait and a gptunnel/mask inpaint in the page", async () => {
  assertFlowSucceeded(await resultOfPage(browser, `${site.origin}/?api=${encodeURIComponent(emulator.url)}`));
});

test("the built app runs the flow in a module worker bundled by Vite", async () => {
  assertFlowSucceeded(await resultOfPage(browser, `${site.origin}/?in=worker&api=${encodeURIComponent(emulator.url)}`));
});

test("the Vite dev server runs the app with gptunnel excluded from dependency pre-bundling", async () => {
  const server = await createServer({
    root: appDir,
    configFile: false,
    logLevel: "warn",
    optimizeDeps: { exclude: ["gptunnel", "gptunnel/mask"] },
    server: { host: "127.0.0.1", port: 0 },
  });
  await server.listen();
  try {
    const url = server.resolvedUrls.local[0];
    assertFlowSucceeded(await resultOfPage(browser, `${url}?api=${encodeURIComponent(emulator.url)}`));
  } finally {
    await server.close();
  }
});
