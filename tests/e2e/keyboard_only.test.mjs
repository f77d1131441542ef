// Issue 14: the whole path with the keyboard alone, no mouse: set the key, create, pick a
// quadrant, upscale it, vary a region drawn as a keyboard rectangle (announced), then
// upscale the result and download it from the viewer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { screenshot } from "./support/browser.mjs";
import { readPng } from "./pages/mask_editor.mjs";
import { eventually } from "./pages/expect.mjs";

/** What has focus: its test id and the id of the task card it is in. */
const focused = (page) =>
  page.evaluate(() => ({
    id: document.activeElement?.dataset.testid ?? null,
    task: document.activeElement?.closest("[data-testid=task-card]")?.dataset.taskId ?? null,
  }));

/**
 * Presses Tab (Shift+Tab with `back`) until the element with test id `id` (in task card `task`,
 * if given) has focus.
 */
async function tabTo(page, id, task, { back = false } = {}) {
  for (let i = 0; i < 150; i++) {
    const now = await focused(page);
    if (now.id === id && (!task || now.task === task)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  assert.fail(`Tab never reached ${id}${task ? ` in ${task}` : ""}; focus is on ${JSON.stringify(await focused(page))}`);
}

/** The newest card's task id, once the feed holds `count` cards and it is done. */
async function newestDone(studio, count) {
  await eventually(async () => (await studio.cards.count()) === count, `${count} cards`);
  const id = await studio.card().getAttribute("data-task-id");
  await studio.waitDone(studio.card(id));
  return id;
}

test("create, pick, upscale, vary a keyboard rectangle and download, keyboard only", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "2"] });
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;
  const keys = page.keyboard;

  await studio.open(s.site.url);
  await tabTo(page, "api-key");
  await keys.type("test-key");
  await tabTo(page, "base-url");
  await keys.press("Control+A");
  await keys.type(emulator.url);
  await tabTo(page, "settings-close");
  await keys.press("Enter");

  await tabTo(page, "prompt");
  await keys.type("a lighthouse at dawn");
  await keys.press("Enter");
  const grid = await newestDone(studio, 1);

  // Pick image 2: focusing its quadrant selects it and shows its own buttons.
  await tabTo(page, "quadrant-2", grid);
  assert.equal(await page.getByTestId("quadrant-2").getAttribute("aria-pressed"), "true");
  await tabTo(page, "quadrant-2-U", grid);
  assert.equal(await page.getByTestId("quadrant-2-U").getAttribute("aria-label"), "Upscale image 2, U2 · free", "with its documented price (free)");
  await keys.press("Enter");
  const upsample = await newestDone(studio, 2);

  await tabTo(page, "action-inpaint", upsample);
  await keys.press("Enter");
  await page.getByTestId("mask-editor-body").waitFor();
  await eventually(async () => (await page.getByTestId("mask-editor-body").getAttribute("data-ready")) === "true", "image loaded");
  await keys.press("r");
  await eventually(async () => (await page.getByTestId("mask-editor-body").getAttribute("data-tool")) === "rectangle", "rectangle tool");
  await tabTo(page, "mask-stage");
  const announce = page.getByTestId("mask-announce");
  await keys.press("ArrowRight"); // place: a centred third of the 512 px image
  assert.equal(await announce.textContent(), "Rectangle 33 × 33 % of the image, from 33 %, 33 %");
  await keys.press("ArrowRight"); // move right by 1/20
  await keys.press("Shift+ArrowRight"); // and widen by 1/20
  assert.equal(await announce.textContent(), "Rectangle 38 × 33 % of the image, from 38 %, 33 %");
  await screenshot(page, "keyboard-rectangle");
  await keys.press("Enter");
  assert.equal(await announce.textContent(), "Rectangle added to the region");
  await tabTo(page, "mask-editor-submit");
  await keys.press("Enter");
  const inpaintTask = await newestDone(studio, 3);

  const inpaints = (await emulator.creates()).filter((e) => e.path === "/v1/midjourney/inpaint");
  assert.equal(inpaints.length, 1, "one inpaint create");
  // x 196.6–393.2, y 171–342 of 512: inside white, outside (and left of where it was placed) black.
  const png = await readPng(page, JSON.parse(inpaints[0].body).mask, [[300, 256], [380, 200], [180, 256], [300, 120], [20, 20]]);
  assert.deepEqual(png.values, [255, 255, 0, 0, 0]);

  // The vary-region result is a grid: upscale its image 1, open it and download it.
  await tabTo(page, "quadrant-1", inpaintTask);
  await tabTo(page, "quadrant-1-U", inpaintTask);
  await keys.press("Enter");
  const final = await newestDone(studio, 4);
  // The new card is above (newest first): back up to it.
  await tabTo(page, "task-open", final, { back: true });
  await keys.press("Enter");
  await page.getByTestId("viewer-image").waitFor();
  await tabTo(page, "viewer-download");
  // Download fetches the image and saves it as <prompt slug>-<task id>-<quadrant>.png (issue 13).
  const got = page.waitForEvent("download");
  await keys.press("Enter");
  assert.match((await got).suggestedFilename(), new RegExp(`^[a-z0-9-]+-${final}-1\\.png$`));

  const paths = (await emulator.creates()).map((e) => e.path);
  assert.deepEqual(paths, ["/v1/midjourney/imagine", "/v1/midjourney/upsample", "/v1/midjourney/inpaint", "/v1/midjourney/upsample"]);
  assert.deepEqual(s.problems.pageErrors, []);
});
