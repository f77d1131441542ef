// A card keeps its image's place before the image arrives: buttons under a pointer do not move
// when it loads (a click aimed at U1 must not land on the next row: creates cost money).
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

/** Where `locator` is on the page (document coordinates, whole pixels). */
async function boxOf(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round);
  });
}

/** Whether `img` has loaded and decoded a picture. */
const loaded = (img) => img.evaluate((el) => el.complete && el.naturalWidth > 0);

test("a grid's and an upsample's buttons stay put when their images arrive", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio } = s;
  // The emulator's pictures (previews and results) are held until released.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/task/image/**", async (route) => {
    await held;
    await route.continue();
  });

  await s.openConfigured();
  await studio.imagine("a lighthouse at dawn, watercolor");
  const grid = studio.card(await studio.card().waitFor().then(() => studio.card().getAttribute("data-task-id")));
  await studio.waitDone(grid);
  const u1 = grid.getByTestId("action-U1");
  const gridImage = studio.gridImage(grid);
  assert.equal(await loaded(gridImage), false, "the grid's picture is still on its way");
  const u1Before = await boxOf(u1);
  const imageBefore = await boxOf(gridImage);
  assert.ok(imageBefore[3] >= 200, `the picture's place is kept: ${imageBefore}`);

  await u1.click();
  await eventually(async () => (await studio.cards.count()) === 2, "an upsample card appears");
  const upsample = studio.card(await studio.card().getAttribute("data-task-id"));
  await studio.waitDone(upsample);
  const firstAction = upsample.locator(".image-actions button").first();
  const actionBefore = await boxOf(firstAction);
  const gridAfterInsert = await boxOf(u1); // the new card above moved the grid: the new reference

  release();
  await eventually(async () => (await loaded(gridImage)) && (await loaded(studio.image(upsample))), "both pictures load");
  assert.deepEqual(await boxOf(firstAction), actionBefore, "the upsample's first action did not move");
  assert.deepEqual(await boxOf(u1), gridAfterInsert, "the grid's U1 did not move");
  assert.deepEqual((await boxOf(gridImage)).slice(2), imageBefore.slice(2), "the grid's picture has the size it was given");
  assert.equal(u1Before[2], gridAfterInsert[2], "U1 kept its width");
});
