// Issue 14: axe-core finds no serious or critical violation on any screen of the studio (first
// visit with settings, empty feed, running, grid, upsample actions, mask editor, viewer), in
// light and dark, on desktop and phone. Also: the feed is not a live region, one polite region
// announces status changes once each, grid buttons say what they do, alt text has no --flags,
// and the viewer keeps focus across polls and gives it back to its opener.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSession } from "./support/harness.mjs";
import { screenshot, DESKTOP, PHONE, ARTIFACTS } from "./support/browser.mjs";
import { runAxe, blocking } from "./support/axe.mjs";
import { eventually } from "./pages/expect.mjs";

const summary = {};

/** WCAG contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => Number(v) / 255);
    const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * WCAG 1.4.11 and 2.4.7, which axe does not check: the field's border against what is on both
 * sides of it (≥ 3:1), and a visible focus ring when the keyboard reaches it.
 */
async function checkFieldAndRing(page, label, testId) {
  const field = page.getByTestId(testId);
  const look = await field.evaluate((el) => {
    const own = getComputedStyle(el);
    let around = el.parentElement;
    while (around && getComputedStyle(around).backgroundColor === "rgba(0, 0, 0, 0)") around = around.parentElement;
    return { border: own.borderTopColor, inside: own.backgroundColor, outside: getComputedStyle(around ?? document.body).backgroundColor };
  });
  for (const side of ["inside", "outside"]) {
    const ratio = contrast(look.border, look[side]);
    assert.ok(ratio >= 3, `${label}: ${testId} border ${look.border} vs ${side} ${look[side]}: ${ratio.toFixed(2)}:1`);
  }
  await field.evaluate((el) => el.blur());
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { id: document.activeElement.dataset.testid, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.equal(ring.id, testId, `${label}: Tab came back to ${testId}`);
  assert.ok(ring.style !== "none" && ring.width >= 2, `${label}: focus ring on ${testId}: ${JSON.stringify(ring)}`);
}

async function check(page, label, screen) {
  const result = await runAxe(page);
  summary[label] ??= {};
  summary[label][screen] = { counts: result.counts, violations: result.violations.map((v) => `${v.impact} ${v.id}`) };
  await screenshot(page, `a11y-${label}-${screen}`);
  assert.deepEqual(blocking(result), [], `${label} / ${screen}: serious or critical axe violations`);
}

for (const colorScheme of ["light", "dark"]) {
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    const label = `${colorScheme}-${size}`;
    test(`axe: every screen, ${label}: no serious or critical violation`, async (t) => {
      const s = await startSession({ viewport, colorScheme, emulatorArgs: ["--task-seconds", "4"] });
      t.after(() => s.close(t));
      const { studio, page, emulator } = s;

      await studio.open(s.site.url);
      await page.getByTestId("settings-panel").waitFor();
      await check(page, label, "settings");
      await page.getByTestId("base-url").focus();
      await checkFieldAndRing(page, label, "base-url");
      await studio.configure({ key: "test-key", baseUrl: emulator.url });
      await page.getByTestId("feed-empty").waitFor();
      await check(page, label, "empty-feed");
      await studio.prompt.focus();
      await checkFieldAndRing(page, label, "prompt");

      await studio.imagine("a lighthouse at dawn, watercolor --ar 3:2 --v 6");
      const grid = studio.card();
      await eventually(async () => (await grid.getAttribute("data-phase")) === "running", "a running card");
      await check(page, label, "running");
      await studio.waitDone(grid);
      await studio.gridImage(grid).waitFor();
      await page.mouse.move(0, 0); // off the grid: a hovered quadrant would be picked instead
      await grid.getByTestId("quadrant-2").focus();
      await grid.getByTestId("quadrant-2-U").waitFor();
      await check(page, label, "grid");

      await grid.getByTestId("action-U2").click();
      await eventually(async () => (await studio.cards.count()) === 2, "an upsample card appears");
      const upsample = studio.card();
      await studio.waitDone(upsample);
      await upsample.getByTestId("image-actions").waitFor();
      await check(page, label, "upsample-actions");

      await upsample.getByTestId("action-inpaint").click();
      await page.getByTestId("mask-editor").waitFor();
      await page.getByTestId("mask-tool-brush").waitFor();
      await check(page, label, "mask-editor");
      await page.keyboard.press("Escape");
      await page.getByTestId("mask-editor").waitFor({ state: "hidden" });

      await upsample.getByTestId("task-open").click();
      await page.getByTestId("viewer-image").waitFor();
      await check(page, label, "viewer");
      assert.deepEqual(s.problems.pageErrors, []);
    });
  }
}

test("the feed is quiet: one polite region says started and done once each; names and alt text", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "3"] });
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();

  // The feed is not a live region, and no live region but the announcer sits in it.
  assert.equal(await page.getByTestId("feed").getAttribute("aria-live"), null);
  // Every change of the announcer's text, recorded in the page as it happens.
  await page.evaluate(() => {
    window.__said = [];
    const region = document.querySelector('[data-testid="announcer"]');
    new MutationObserver(() => window.__said.push(region.textContent)).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  assert.equal(await page.getByTestId("announcer").getAttribute("aria-live"), "polite");

  await studio.imagine("a red fox in snow --ar 16:9");
  const grid = studio.card();
  await studio.waitDone(grid);
  await eventually(async () => (await page.evaluate(() => window.__said)).some((x) => x.startsWith("Done")), "done announced");
  // Several polls and clock ticks passed while running; each status was said once.
  const said = (await page.evaluate(() => window.__said)).filter((x) => x !== "");
  assert.deepEqual(said, ["Started: a red fox in snow (imagine)", "Done: a red fox in snow (imagine)"]);
  const live = await page.locator("[aria-live], [role=status], [role=alert], [role=log]").count();
  assert.equal(live, 1, "the announcer is the only live region");

  // Grid buttons say what they do; the image's alt text has no Midjourney parameters.
  await studio.gridImage(grid).waitFor();
  assert.equal(await studio.gridImage(grid).getAttribute("alt"), "a red fox in snow");
  await grid.getByTestId("action-U1").and(page.getByRole("button", { name: "Upscale image 1, U1" })).waitFor();
  await grid.getByTestId("action-V3").and(page.getByRole("button", { name: "Vary image 3, V3" })).waitFor();
  // The pointer rests off the grid (hovering a quadrant picks it too: the last one wins).
  await page.mouse.move(0, 0);
  await grid.getByTestId("quadrant-4").focus();
  assert.equal(await grid.getByTestId("quadrant-4-U").getAttribute("aria-label"), "Upscale image 4, U4 · free", "with its documented price (free)");
});

test("the viewer keeps focus while its task is polled and gives it back to the button that opened it", async (t) => {
  // A slow task with a live preview: the viewer is opened on a running card that keeps polling.
  const s = await startSession({ emulatorArgs: ["--task-seconds", "12", "--progress", "ladder"] });
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  await studio.imagine("a quiet harbour");
  const card = studio.card();
  await studio.preview(card).waitFor();
  const opener = card.getByTestId("task-open");
  await eventually(async () => !(await opener.isDisabled()), "the running card offers its preview");
  await opener.focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("viewer-image").waitFor();
  await page.getByTestId("viewer-copy").focus();
  const before = await studio.percentOf(card);
  await eventually(async () => (await studio.percentOf(card)) > before, "the task was polled while the viewer was open");
  await eventually(async () => (await studio.percentOf(card)) > before + 10, "polled more than once", 15_000);
  const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
  assert.equal(focused, "viewer-copy", "focus stayed on the viewer's button across polls");
  await page.keyboard.press("Escape");
  await page.getByTestId("viewer").waitFor({ state: "hidden" });
  await eventually(
    async () => (await page.evaluate(() => document.activeElement?.dataset.testid)) === "task-open",
    "focus returned to the button that opened the viewer",
  );
});

test.after(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "a11y-summary.json"), JSON.stringify(summary, null, 2));
});
