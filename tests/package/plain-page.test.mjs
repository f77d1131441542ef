// The package with no bundler at all: the installed package folder served as static files
// (wasm as application/wasm) and imported by URL from a <script type="module">.
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { launchBrowser, resultOfPage } from "./support/browser.mjs";
import { startEmulator } from "../support/emulator.mjs";
import { assertFlowSucceeded } from "./support/expect-flow.mjs";
import { packageDir } from "./support/package-dir.mjs";
import { serveStatic } from "../support/serve.mjs";

let emulator, browser, site;

before(async () => {
  [emulator, browser, site] = await Promise.all([
    startEmulator(),
    launchBrowser(),
    serveStatic({
      mounts: {
        "/": fileURLToPath(new URL("./plain-page/", import.meta.url)),
        "/shared/": fileURLToPath(new URL("./shared/", import.meta.url)),
        "/gptunnel/": packageDir,
      },
    }),
  ]);
});

after(() => Promise.all([emulator?.stop(), browser?.close(), site?.close()]));

test("a plain module script runs imagine, wait, upsample, wait and a gptunnel/mask inpaint", async () => {
  assertFlowSucceeded(await resultOfPage(browser, `${site.origin}/?api=${encodeURIComponent(emulator.url)}`));
});
