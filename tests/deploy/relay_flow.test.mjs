// Issue 15: the studio in Chromium, served from one origin, calling the API through each relay
// of deploy/ on another origin (the emulator behind it): imagine → wait → upsample → vary region
// with a painted mask. Each create reaches the API exactly once, and the key is in no relay log.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../support/emulator.mjs";
import { serveStatic } from "../support/serve.mjs";
import { openBrowser } from "../e2e/support/browser.mjs";
import { DIST } from "../e2e/support/harness.mjs";
import { StudioPage } from "../e2e/pages/studio.mjs";
import { MaskEditorPage } from "../e2e/pages/mask_editor.mjs";
import { eventually } from "../e2e/pages/expect.mjs";
import { RELAYS } from "./support/relays.mjs";

const KEY = "sk-DEPLOY-flow-4b8e21c9d7";

/** Waits for the feed to hold `count` cards; returns the newest one, by id. */
async function newestCard(studio, count, what) {
  await eventually(async () => (await studio.cards.count()) === count, what);
  return studio.card(await studio.card().getAttribute("data-task-id"));
}

for (const relay of RELAYS) {
  if (relay.skip) console.error(`\n!!!!! ${relay.skip} !!!!!\n`);
  describe(`the studio through the ${relay.name} relay`, { skip: relay.skip }, () => {
    test("imagine, upsample and vary a painted region, each create sent once", async (t) => {
      assert.ok(existsSync(join(DIST, "index.html")), `no studio build in ${DIST}: run scripts/deploy-test.sh`);
      const emulator = await startEmulator(["--key", KEY], { taskSeconds: 3 });
      t.after(() => emulator.stop());
      const site = await serveStatic({ mounts: { "/": DIST } });
      t.after(() => site.close());
      const running = await relay.start(emulator.url, [site.origin]);
      t.after(() => running.stop());
      assert.notEqual(new URL(running.url).origin, site.origin, "the relay is another origin than the site");
      const { browser, page, problems } = await openBrowser();
      t.after(() => browser.close());
      const studio = new StudioPage(page);

      await studio.open(site.url);
      await studio.configure({ key: KEY, baseUrl: running.url });
      await eventually(async () => (await studio.balance.textContent()).includes("₽"), "balance shown through the relay");
      await studio.imagine("a lighthouse at dawn, watercolor");
      const grid = await newestCard(studio, 1, "an imagine card appears");
      await studio.waitDone(grid);
      await grid.getByTestId("action-U1").click();
      const upsample = await newestCard(studio, 2, "an upsample card appears");
      await studio.waitDone(upsample);

      const editor = new MaskEditorPage(page);
      await editor.openOn(upsample);
      await editor.rectangle([280, 280], [460, 440]);
      await editor.submit("a red door");
      const inpaint = await newestCard(studio, 3, "an inpaint card appears");
      assert.equal(await inpaint.getAttribute("data-kind"), "inpaint");
      await studio.waitDone(inpaint);

      const creates = (await emulator.creates()).map((entry) => entry.path);
      assert.deepEqual(creates, ["/v1/midjourney/imagine", "/v1/midjourney/upsample", "/v1/midjourney/inpaint"]);
      const mask = JSON.parse((await emulator.creates())[2].body).mask;
      assert.ok(typeof mask === "string" && mask.length > 100, "the painted mask went through");
      assert.ok(!running.logs().includes(KEY), `the key is in the ${relay.name} relay's log`);
      assert.deepEqual(problems.pageErrors, []);
      assert.deepEqual(problems.consoleErrors, []);
    });
  });
}
