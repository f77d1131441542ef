// "Vary region": the mask editor paints a mask of exactly the image's size with mouse and
// touch, undoes whole gestures, and sends ONE inpaint whose mask is what remains; the result
// differs from the parent only there. (How long one brush event takes on a 2048 x 2048 image
// is measured by scripts/bench.sh, group 4.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { PHONE, screenshot } from "./support/browser.mjs";
import { eventually } from "./pages/expect.mjs";
import { MaskEditorPage, readPng, pixelDifferences } from "./pages/mask_editor.mjs";

/** Imagines, upsamples image 1 and waits for it; returns the upsample's card. */
async function upsampled(s, prompt = "a lighthouse at dawn, watercolor") {
  const { studio } = s;
  await s.openConfigured();
  await studio.imagine(prompt);
  const grid = studio.card();
  await grid.waitFor();
  await studio.waitDone(grid);
  await grid.getByTestId("action-U1").click();
  await eventually(async () => (await studio.cards.count()) === 2, "an upsample card appears").catch(async (e) => {
    const creates = (await s.emulator.creates()).map((c) => `${c.path} ${c.status}`);
    throw new Error(`${e.message}; creates: ${JSON.stringify(creates)}; page: ${JSON.stringify(await s.diagnosis())}`);
  });
  const card = studio.card(await studio.card().getAttribute("data-task-id"));
  await studio.waitDone(card);
  return card;
}

/** Image points on a grid of `step` inside [x0, x1) x [y0, y1), optionally skipping `hole`. */
function gridPoints([x0, y0, x1, y1], step, hole) {
  const out = [];
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      if (hole && x >= hole[0] && x < hole[2] && y >= hole[1] && y < hole[3]) continue;
      out.push([x, y]);
    }
  }
  return out;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

test("a stroke and a rectangle, the stroke undone, become one inpaint of exactly the rectangle", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, emulator, studio } = s;
  const card = await upsampled(s);
  const editor = new MaskEditorPage(page);

  // Escape closes the dialog and gives focus back to "Vary region".
  await editor.openOn(card);
  // Its stylesheet, kept off the page's first paint (media="not all"), applies once it opens.
  const display = await page.getByTestId("mask-editor").evaluate((dialog) => getComputedStyle(dialog).display);
  assert.equal(display, "flex", "the editor's own stylesheet lays it out");
  await page.keyboard.press("Escape");
  await eventually(async () => !(await editor.isOpen()), "Escape closes the editor");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "action-inpaint");

  await editor.openOn(card);
  assert.deepEqual(await editor.sizes(), { mask: [512, 512], image: [512, 512] }, "the mask is the image's size");
  assert.ok(await editor.undoButton.isDisabled(), "nothing to undo yet");
  assert.ok(await editor.submitButton.isDisabled(), "nothing to submit yet");

  const rect = [280, 280, 460, 440];
  await editor.rectangle([rect[0], rect[1]], [rect[2], rect[3]]);
  await editor.stroke([[60, 120], [250, 100], [440, 120]]);
  const stroke = [[60, 120], [150, 110], [250, 100], [350, 110], [440, 120]];
  assert.deepEqual(await editor.overlayAt(stroke), stroke.map(() => true), "the stroke shows");
  await screenshot(page, "mask-01-desktop-painted");

  await editor.undo();
  assert.deepEqual(await editor.overlayAt(stroke), stroke.map(() => false), "one undo takes back the whole stroke");
  assert.deepEqual(await editor.overlayAt([[300, 300], [450, 430]]), [true, true], "the rectangle stays");
  assert.ok(!(await editor.redoButton.isDisabled()), "redo is offered");

  await editor.submit("a red door");
  await eventually(async () => !(await editor.isOpen()), "the editor closes after the inpaint is created");

  const inpaints = (await emulator.creates()).filter((e) => e.path === "/v1/midjourney/inpaint");
  assert.equal(inpaints.length, 1, "exactly one inpaint create");
  assert.equal(inpaints[0].status, 200, `the emulator accepted the mask: ${inpaints[0].note ?? ""}`);
  const body = JSON.parse(inpaints[0].body);
  assert.equal(body.taskId, await card.getAttribute("data-task-id"));
  assert.equal(body.prompt, "a red door");

  const margin = 6;
  const inside = gridPoints([rect[0] + margin, rect[1] + margin, rect[2] - margin, rect[3] - margin], 17);
  const outside = gridPoints([4, 4, 512, 512], 23, [rect[0] - margin, rect[1] - margin, rect[2] + margin, rect[3] + margin]);
  const png = await readPng(page, body.mask, [...inside, ...outside, ...stroke]);
  assert.deepEqual([png.width, png.height], [512, 512], "the PNG is exactly the image's size");
  const values = png.values;
  assert.ok(values.slice(0, inside.length).every((v) => v === 255), "white inside the rectangle");
  assert.ok(values.slice(inside.length).every((v) => v === 0), "black everywhere else, the undone stroke included");
  assert.ok(png.values.every((v) => v === 0 || v === 255), "black and white");

  // The inpaint's result (a grid: candidate 1 is the top-left quarter) differs only there.
  const result = studio.card();
  assert.equal(await result.getAttribute("data-kind"), "inpaint");
  await studio.waitDone(result);
  const parentUrl = await studio.image(card).getAttribute("src");
  const resultUrl = await studio.gridImage(result).getAttribute("src");
  const diffIn = await pixelDifferences(page, parentUrl, resultUrl, 0.5, inside);
  const diffOut = await pixelDifferences(page, parentUrl, resultUrl, 0.5, outside);
  const diffs = `mean RGB difference inside ${mean(diffIn).toFixed(1)}, outside ${mean(diffOut).toFixed(1)}`;
  assert.ok(mean(diffIn) > 4 * mean(diffOut) && mean(diffIn) > 20, `the result changed inside the mask: ${diffs}`);
  assert.ok(mean(diffOut) < 12, `and is (nearly) the parent outside it: ${diffs}`);

  assert.deepEqual(await s.cspViolations(), []);
  assert.deepEqual(s.problems.pageErrors, []);
  assert.deepEqual(s.problems.consoleErrors, []);
});

test("on a phone, a finger paints and two fingers zoom without painting", async (t) => {
  const s = await startSession({ viewport: PHONE, locale: "ru-RU" });
  t.after(() => s.close(t));
  const { page, emulator } = s;
  const card = await upsampled(s, "маяк на рассвете");
  const editor = new MaskEditorPage(page);
  await editor.openOn(card);
  assert.equal(await page.getByTestId("mask-editor-cancel").textContent(), "Отмена", "follows the app's language");

  const path = [[80, 200], [256, 260], [430, 200]];
  await editor.touchDrag(path);
  const along = [[80, 200], [168, 230], [256, 260], [343, 230], [430, 200]];
  assert.deepEqual(await editor.overlayAt(along), along.map(() => true), "the finger painted along its path");
  await screenshot(page, "mask-02-phone-painted");

  const before = await editor.zoomPercent();
  const centre = await editor.toScreen(256, 420);
  await editor.pinch(centre, 60, 180);
  const after = await editor.zoomPercent();
  assert.ok(after > before * 2, `the pinch zoomed in: ${before}% -> ${after}%`);
  assert.deepEqual(await editor.overlayAt([[256, 420]]), [false], "the pinch painted nothing");
  await screenshot(page, "mask-03-phone-zoomed");

  await editor.submit();
  await eventually(async () => !(await editor.isOpen()), "the editor closes after submitting");
  const inpaints = (await emulator.creates()).filter((e) => e.path === "/v1/midjourney/inpaint");
  assert.equal(inpaints.length, 1, "exactly one inpaint create");
  const body = JSON.parse(inpaints[0].body);
  assert.equal(body.prompt, undefined, "no prompt typed: the parent's is reused");
  const png = await readPng(page, body.mask, [...along, [256, 420], [20, 20], [490, 490]]);
  assert.deepEqual([png.width, png.height], [512, 512]);
  assert.deepEqual(png.values, [255, 255, 255, 255, 255, 0, 0, 0], "white along the finger's path only");

  assert.deepEqual(await s.cspViolations(), []);
  assert.deepEqual(s.problems.pageErrors, []);
  assert.deepEqual(s.problems.consoleErrors, []);
});
