// A new user's first session: key → imagine → progress rises → grid → U2 → vary (strong) → done.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { screenshot } from "./support/browser.mjs";
import { eventually } from "./pages/expect.mjs";

test("a new user imagines a grid, upsamples image 2 and varies it strongly", async (t) => {
  // The Midjourney-like ladder: this flow is about watching a preview and its percent rise.
  const s = await startSession({ emulatorArgs: ["--task-seconds", "8", "--progress", "ladder"] });
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;

  await studio.open(s.site.url);
  await page.getByTestId("settings-panel").waitFor({ state: "visible" }); // open at start: no key yet
  await screenshot(page, "desktop-01-first-visit");
  await studio.configure({ key: "test-key", baseUrl: emulator.url });
  await eventually(async () => (await studio.balance.textContent()).includes("₽"), "balance shown");

  await studio.imagine("a lighthouse at dawn, watercolor");
  await eventually(async () => (await studio.card().getAttribute("data-kind")) === "imagine", "an imagine card appears");
  const grid = studio.card(await studio.card().getAttribute("data-task-id"));
  await eventually(async () => (await studio.percentOf(grid)) > 0, "progress starts");
  // Only a running card shows task-preview: the finished grid cannot stand in for it.
  await studio.preview(grid).waitFor({ state: "visible" });
  await screenshot(page, "desktop-02-running");
  const seen = await studio.watchProgress(grid);
  assert.ok(seen.length >= 2, `progress rose visibly: ${seen}`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), `progress never went back: ${seen}`);
  await studio.waitDone(grid);
  await studio.gridImage(grid).waitFor({ state: "visible" });
  await grid.getByTestId("quadrant-2").hover();
  await screenshot(page, "desktop-03-grid", grid);

  await grid.getByTestId("action-U2").click();
  await eventually(async () => (await studio.cards.count()) === 2, "an upsample card appears");
  const upsample = studio.card(await studio.card().getAttribute("data-task-id"));
  assert.equal(await upsample.getAttribute("data-kind"), "upsample");
  assert.equal(await upsample.getByTestId("task-label").textContent(), "U2");
  await studio.waitDone(upsample);
  await screenshot(page, "desktop-04-upsampled", upsample.getByTestId("image-actions"));

  // "Vary region" opens the mask editor without sending anything.
  await upsample.getByTestId("action-inpaint").click();
  await page.getByTestId("mask-editor").waitFor();
  await page.getByTestId("mask-editor-close").click();

  await upsample.getByTestId("action-high_variation").click();
  await eventually(async () => (await studio.cards.count()) === 3, "a variation card appears");
  const variation = studio.card(await studio.card().getAttribute("data-task-id"));
  assert.equal(await variation.getAttribute("data-kind"), "variation");
  await studio.waitDone(variation);

  // The lineage can be followed: variation → upsample → grid.
  await variation.getByTestId("parent-link").click();
  await eventually(async () => (await upsample.getAttribute("class")).includes("highlight"), "parent highlighted");
  await upsample.getByTestId("parent-link").click();
  await eventually(async () => (await grid.getAttribute("class")).includes("highlight"), "grid highlighted");

  // The full-size viewer.
  await variation.getByTestId("task-open").click();
  await page.getByTestId("viewer-image").waitFor();
  await screenshot(page, "desktop-05-viewer");
  await page.getByTestId("viewer-reuse").click();
  assert.equal(await studio.prompt.inputValue(), "a lighthouse at dawn, watercolor");

  const creates = await emulator.creates();
  assert.deepEqual(
    creates.map((e) => e.path),
    ["/v1/midjourney/imagine", "/v1/midjourney/upsample", "/v1/midjourney/variation"],
  );
  assert.equal(JSON.parse(creates[1].body).image, 2);
  assert.equal(JSON.parse(creates[2].body).mode, "high");
  assert.ok(creates.every((e) => e.status === 200), "every create succeeded");
  assert.deepEqual(await s.cspViolations(), []);
  assert.deepEqual(s.problems.pageErrors, []);
  assert.deepEqual(s.problems.consoleErrors, []);
});
