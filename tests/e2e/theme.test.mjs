// The theme setting (issue 13): light or dark overrides the system's preference both ways,
// persists across a reload, and keeps the a11y checks clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { runAxe, blocking } from "./support/axe.mjs";

const DARK_BG = "rgb(18, 18, 24)"; // #121218
const LIGHT_BG = "rgb(246, 246, 249)"; // #f6f6f9

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const dataTheme = (page) => page.evaluate(() => document.documentElement.dataset.theme);

test("dark on a light system and light on a dark one, kept after a reload", async (t) => {
  const s = await startSession({ colorScheme: "light" });
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  assert.equal(await dataTheme(page), "system");
  assert.equal(await background(page), LIGHT_BG, "the system's light");

  await studio.openSettings();
  await page.getByTestId("theme").selectOption("dark");
  assert.equal(await dataTheme(page), "dark");
  assert.equal(await background(page), DARK_BG);
  await page.reload();
  await studio.prompt.waitFor();
  assert.equal(await dataTheme(page), "dark", "kept");
  assert.equal(await background(page), DARK_BG);
  await studio.openSettings();
  assert.deepEqual(blocking(await runAxe(page)), [], "dark theme: no serious axe violation");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByTestId("theme").selectOption("light");
  assert.equal(await background(page), LIGHT_BG, "light wins over the system's dark");
  assert.deepEqual(blocking(await runAxe(page)), [], "light theme: no serious axe violation");
  await page.getByTestId("theme").selectOption("system");
  assert.equal(await background(page), DARK_BG, "back to the system's dark");
});
