// Issue 13 (gallery): every finished image of the history, searched by prompt, filtered (model,
// type, favourites), starred, deleted one at a time, and several selected to export or delete.
// Also screenshots of the gallery (desktop and phone, English and Russian) into
// tests/artifacts/shots/ (git-ignored), or $GALLERY_SHOTS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { startSession } from "./support/harness.mjs";
import { PHONE, DESKTOP } from "./support/browser.mjs";
import { eventually } from "./pages/expect.mjs";

const SHOTS = process.env.GALLERY_SHOTS ?? fileURLToPath(new URL("../artifacts/shots/", import.meta.url));

/** Creates one task per [model, prompt] and waits until all are done; returns their ids by prompt. */
async function createAll(s, jobs) {
  const { studio, page } = s;
  for (const [model, prompt] of jobs) {
    const before = await studio.cards.count();
    await studio.chooseModel(model);
    await studio.imagine(prompt);
    await eventually(async () => (await studio.cards.count()) === before + 1, `created: ${prompt}`);
  }
  await eventually(
    async () => (await page.locator('[data-testid="task-card"][data-phase="done"]').count()) === jobs.length,
    "every task finished",
    90_000,
  );
  const ids = {};
  for (const card of await studio.cards.all()) {
    ids[await card.getByTestId("task-prompt").textContent()] = await card.getAttribute("data-task-id");
  }
  return ids;
}

const items = (page) => page.getByTestId("gallery-item");
const shownIds = (page) => items(page).evaluateAll((els) => els.map((e) => e.dataset.taskId));
async function expectShown(page, ids, message) {
  const want = [...ids].sort();
  await eventually(async () => JSON.stringify([...(await shownIds(page))].sort()) === JSON.stringify(want), message);
}

test("gallery: search, filters, favourite, delete one, select several to export and delete", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  const ids = await createAll(s, [
    ["midjourney", "a red fox in snow"],
    ["midjourney", "a lighthouse at dusk"],
    ["midjourney", "a blue whale"],
    ["flux-dev", "a red bicycle"],
  ]);
  const [fox, lighthouse, whale, bicycle] = [
    ids["a red fox in snow"],
    ids["a lighthouse at dusk"],
    ids["a blue whale"],
    ids["a red bicycle"],
  ];

  await page.getByTestId("gallery-toggle").click();
  await expectShown(page, [fox, lighthouse, whale, bicycle], "every finished image");
  assert.deepEqual(await shownIds(page), [bicycle, whale, lighthouse, fox], "newest first");
  assert.equal(await page.getByTestId("gallery-grid-badge").count(), 3, "the three grids are marked");

  const search = page.getByTestId("gallery-search");
  await search.fill("red");
  await expectShown(page, [fox, bicycle], "search: red");
  await search.fill("RED fo");
  await expectShown(page, [fox], "search: every word, as prefixes");
  await search.fill("");
  await page.getByTestId("gallery-model").selectOption("flux-dev");
  await expectShown(page, [bicycle], "model filter");
  await page.getByTestId("gallery-model").selectOption("");
  await page.getByTestId("gallery-type").selectOption("imagine");
  await expectShown(page, [fox, lighthouse, whale], "type filter");
  await page.getByTestId("gallery-type").selectOption("");

  // Favourite, then the favourites filter; the star is stored (the feed card shows it after a reload).
  const tile = (id) => page.locator(`[data-testid="gallery-item"][data-task-id="${id}"]`);
  await tile(lighthouse).getByTestId("gallery-favourite").click();
  await eventually(async () => (await tile(lighthouse).getAttribute("data-favourite")) === "true", "starred");
  await page.getByTestId("gallery-favourites").check();
  await expectShown(page, [lighthouse], "favourites only");
  await page.getByTestId("gallery-favourites").uncheck();

  // Delete one (confirmed): gone from the gallery, the feed and IndexedDB.
  s.problems.acceptDialogs = true;
  await tile(whale).getByTestId("gallery-delete").click();
  await expectShown(page, [fox, lighthouse, bicycle], "deleted one");

  // Select two → export: the file holds exactly those, in the export format.
  await tile(fox).getByTestId("gallery-select").check();
  await tile(bicycle).getByTestId("gallery-select").check();
  assert.match(await page.getByTestId("gallery-selected-count").textContent(), /2/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("gallery-export-selected").click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(exported.format, "gptunnel-studio-history");
  assert.deepEqual(exported.tasks.map((r) => r.id).sort(), [fox, bicycle].sort());
  assert.ok(!JSON.stringify(exported).includes("test-key"), "no key in an export");

  await page.getByTestId("gallery-delete-selected").click();
  await expectShown(page, [lighthouse], "deleted the selection");

  // The reload keeps the gallery (its link is the page's hash); the feed is one toggle away.
  await page.reload();
  await expectShown(page, [lighthouse], "the gallery after a reload");
  await page.getByTestId("gallery-toggle").click();
  await studio.card(lighthouse).waitFor();
  assert.deepEqual(await studio.taskIds(), [lighthouse], "deletes are stored");
  assert.equal(await studio.card(lighthouse).getByTestId("task-favourite").getAttribute("aria-pressed"), "true");
  const stored = (await studio.storedData()).indexedDb["gptunnel-studio"].tasks.keys;
  assert.deepEqual(stored, [lighthouse]);
});

test("gallery screenshots: 12 images, one filter active, desktop and phone, en and ru", async (t) => {
  await mkdir(SHOTS, { recursive: true });
  for (const [lang, locale] of [["en", "en-US"], ["ru", "ru-RU"]]) {
    const s = await startSession({ locale });
    t.after(() => s.close(t));
    const { page } = s;
    await s.openConfigured();
    const jobs = [
      "a red fox in snow", "a lighthouse at dusk", "a blue whale", "a paper boat on a pond",
      "an old tram in Lisbon", "a cat in a spacesuit", "mountains at sunrise", "a bowl of ramen",
      "a neon street at night",
    ].map((p) => ["midjourney", p]);
    jobs.push(["flux-dev", "a red bicycle"], ["flux-dev", "a glass teapot"], ["seedream-3", "a koi pond"]);
    await createAll(s, jobs);
    await page.getByTestId("gallery-toggle").click();
    await eventually(async () => (await items(page).count()) === 12, "12 images");
    await page.getByTestId("gallery-model").selectOption("midjourney");
    await eventually(async () => (await items(page).count()) === 9, "filtered to Midjourney");
    await page.locator("[data-testid=gallery-item] img").last().evaluate((img) => img.decode());
    for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      await page.setViewportSize(viewport);
      // Desktop: the whole page from its top. Phone: the top of the gallery (its search and
      // filters) just under the sticky top bar.
      await page.evaluate((whole) => {
        if (whole) return window.scrollTo(0, 0);
        const top = document.querySelector("[data-testid=gallery]").getBoundingClientRect().top;
        const bar = document.querySelector("header")?.getBoundingClientRect().height ?? 0;
        window.scrollTo(0, window.scrollY + top - bar - 8);
      }, name === "desktop");
      await page.screenshot({ path: `${SHOTS}/gallery-${name}-${lang}.png`, fullPage: name === "desktop" });
    }
  }
});
