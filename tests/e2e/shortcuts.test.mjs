// Keyboard shortcuts (issue 13): `/` focuses the prompt, 1–4 pick a quadrant, U/V act on it
// with exactly one request, G toggles the gallery, ? lists them; keys typed in the prompt are
// text, not shortcuts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";
import { runAxe, blocking } from "./support/axe.mjs";

/** The bodies the emulator received on `path`. */
async function bodies(emulator, path) {
  return (await emulator.creates()).filter((e) => e.path === path).map((e) => JSON.parse(e.body));
}

/** Moves focus off any control (a click on the page's title, which is not focusable). */
async function leaveControls(page) {
  await page.locator("h1.brand").click();
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
}

test("shortcuts focus the prompt, pick a quadrant, upscale and vary it once each, toggle the gallery and list themselves", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;
  await s.openConfigured();
  await studio.imagine("a fox in the snow");
  await studio.waitDone(studio.card());
  const gridId = await studio.card().getAttribute("data-task-id");
  const grid = studio.card(gridId);

  await studio.prompt.fill("");
  await leaveControls(page);
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "prompt", "/ focuses the prompt");
  // Typed in the prompt, the same keys are text: nothing is picked, sent or toggled.
  await page.keyboard.type("u1vg?");
  assert.equal(await studio.prompt.inputValue(), "u1vg?");
  assert.equal(await page.getByTestId("shortcuts-help").isVisible(), false);
  assert.equal(await page.getByTestId("gallery-toggle").getAttribute("aria-pressed"), "false");
  await studio.prompt.fill("");

  await leaveControls(page);
  await page.keyboard.press("3");
  assert.equal(await grid.getByTestId("quadrant-3").getAttribute("aria-pressed"), "true", "3 picks image 3 of the newest grid");
  await page.keyboard.press("u");
  await eventually(async () => (await bodies(emulator, "/v1/midjourney/upsample")).length === 1, "U sent an upsample");
  await eventually(async () => (await studio.cards.count()) === 2, "its card appears");
  await studio.waitDone(studio.card());
  const upsamples = await bodies(emulator, "/v1/midjourney/upsample");
  assert.equal(upsamples.length, 1, "exactly one upsample");
  assert.equal(upsamples[0].taskId, gridId);
  assert.equal(upsamples[0].image, 3, "of image 3");

  // Focus is still in the grid's card (quadrant 3): 2 then V act on that grid, not the newest card.
  await page.keyboard.press("2");
  assert.equal(await grid.getByTestId("quadrant-2").getAttribute("aria-pressed"), "true");
  await page.keyboard.press("V");
  await eventually(async () => (await bodies(emulator, "/v1/midjourney/variation")).length === 1, "V sent a variation");
  await eventually(async () => (await studio.cards.count()) === 3, "its card appears");
  const variations = await bodies(emulator, "/v1/midjourney/variation");
  assert.equal(variations.length, 1);
  assert.equal(variations[0].taskId, gridId);
  assert.equal(variations[0].image, 2);

  await leaveControls(page);
  await page.keyboard.press("g");
  await page.getByTestId("gallery").waitFor();
  await page.keyboard.press("G");
  await page.getByTestId("gallery").waitFor({ state: "detached" });

  await page.keyboard.press("?");
  const help = page.getByTestId("shortcuts-help");
  await help.waitFor({ state: "visible" });
  assert.match(await help.textContent(), /Upscale the picked picture/);
  assert.deepEqual(blocking(await runAxe(page)), [], "no serious axe violation with the list open");
  // While the list is open, keys are its own: G does not switch views behind it.
  await page.keyboard.press("g");
  assert.equal(await page.getByTestId("gallery-toggle").getAttribute("aria-pressed"), "false");
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "hidden" });

  // Nothing else was sent: one imagine, one upsample, one variation.
  assert.deepEqual((await emulator.creates()).map((e) => e.path), [
    "/v1/midjourney/imagine",
    "/v1/midjourney/upsample",
    "/v1/midjourney/variation",
  ]);
  assert.deepEqual(s.problems.pageErrors, []);
});
