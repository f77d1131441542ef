// Issue 13: a vary-region (inpaint) result is a 2×2 grid, so it gets the quadrant picker and
// U1–U4 / V1–V4 stay reachable; and V3 is offered on a grid although the documented action
// list has `variation_4` twice and no `variation_3`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";
import { MaskEditorPage } from "./pages/mask_editor.mjs";

/** Imagines `prompt` and waits for the grid; returns its card, by id (newer cards go first). */
async function doneGrid(s, prompt) {
  await s.openConfigured();
  await s.studio.imagine(prompt);
  await s.studio.card().waitFor();
  const grid = s.studio.card(await s.studio.card().getAttribute("data-task-id"));
  await s.studio.waitDone(grid);
  return grid;
}

/** Waits for the feed to hold `count` cards; returns the newest one, by id. */
async function newestCard(studio, count, what) {
  await eventually(async () => (await studio.cards.count()) === count, what);
  return studio.card(await studio.card().getAttribute("data-task-id"));
}

/** The bodies the emulator journaled for create POSTs to `path`. */
async function bodiesTo(emulator, path) {
  return (await emulator.creates()).filter((e) => e.path === path).map((e) => JSON.parse(e.body));
}

test("the result of a vary region is a grid: the quadrant picker's U3 upsamples its image 3", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, emulator, studio } = s;
  const grid = await doneGrid(s, "a lighthouse at dawn, watercolor");
  await grid.getByTestId("action-U1").click();
  const upsample = await newestCard(studio, 2, "an upsample card appears");
  await studio.waitDone(upsample);

  const editor = new MaskEditorPage(page);
  await editor.openOn(upsample);
  await editor.rectangle([280, 280], [460, 440]);
  await editor.submit("a red door");
  const inpaint = await newestCard(studio, 3, "an inpaint card appears");
  assert.equal(await inpaint.getAttribute("data-kind"), "inpaint");
  assert.equal(await inpaint.getByTestId("task-prompt").textContent(), "a red door", "the new prompt, not the parent's");
  await studio.waitDone(inpaint);

  await inpaint.getByTestId("grid-picker").waitFor();
  assert.equal(await inpaint.getByTestId("quadrant-1").count(), 1, "quadrants to pick from");
  assert.equal(await inpaint.getByTestId("task-image").count(), 0, "not shown as a single image");
  await inpaint.getByTestId("quadrant-3").click();
  await inpaint.getByTestId("quadrant-3-U").click();
  await newestCard(studio, 4, "an upsample of the inpaint's image 3 appears");

  const upsamples = await bodiesTo(emulator, "/v1/midjourney/upsample");
  assert.equal(upsamples.length, 2, "U1 of the imagine, then U3 of the inpaint");
  assert.equal(upsamples[1].taskId, await inpaint.getAttribute("data-task-id"));
  assert.equal(upsamples[1].image, 3);
  assert.deepEqual(s.problems.pageErrors, []);
  assert.deepEqual(s.problems.consoleErrors, []);
});

test("V3 is offered on a grid that lists variation_4 twice and no variation_3, and sends image 3", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { emulator, studio } = s;
  const grid = await doneGrid(s, "a red fox in the snow");
  for (const n of [1, 2, 3, 4]) {
    assert.equal(await grid.getByTestId(`action-V${n}`).count(), 1, `V${n} is offered`);
  }
  await grid.getByTestId("action-V3").click();
  await newestCard(studio, 2, "a variation card appears");

  const variations = await bodiesTo(emulator, "/v1/midjourney/variation");
  assert.equal(variations.length, 1, "one variation create");
  assert.equal(variations[0].taskId, await grid.getAttribute("data-task-id"));
  assert.equal(variations[0].image, 3);
  assert.deepEqual(s.problems.pageErrors, []);
  assert.deepEqual(s.problems.consoleErrors, []);
});
