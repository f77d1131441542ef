// The package inside a module worker (`new Worker(url, { type: "module" })`), unbundled:
// there is no window in a worker, so this catches any reliance on one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
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

test("a module worker runs imagine, wait, upsample, wait and a gptunnel/mask inpaint", async () => {
  const result = await resultOfPage(browser, `${site.origin}/worker.html?api=${encodeURIComponent(emulator.url)}`);
  assertFlowSucceeded(result);
  assert.equal(result.inWorker, true);
});
