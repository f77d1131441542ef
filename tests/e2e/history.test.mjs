// History: export, clear, import (merged by id, no duplicates), and no key in it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

test("history exports, clears and imports back without duplicates", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured("key-that-must-not-leak");

  await studio.imagine("a teapot");
  await studio.waitDone(studio.card());

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("history-export").click()]);
  const file = await download.path();
  const text = await readFile(file, "utf8");
  assert.ok(!text.includes("key-that-must-not-leak"), "the key is not exported");
  assert.equal(JSON.parse(text).tasks.length, 1);

  s.problems.acceptDialogs = true;
  await page.getByTestId("history-clear").click();
  await eventually(async () => (await studio.cards.count()) === 0, "history cleared");

  assert.equal(await studio.importHistory(file), 1, "the first import adds the task");
  await eventually(async () => (await studio.cards.count()) === 1, "imported back");
  // The second import is answered (its own notice) before the feed is counted again.
  assert.equal(await studio.importHistory(file), 0, "a second import adds nothing");
  assert.equal(await studio.cards.count(), 1, "and shows no duplicate");

  await page.reload();
  await studio.card().waitFor();
  assert.equal(await studio.cards.count(), 1, "imported history survives a reload");
  const stored = await page.evaluate(
    () =>
      new Promise((ok) => {
        const open = indexedDB.open("gptunnel-studio");
        open.onsuccess = () => {
          const all = open.result.transaction("tasks").objectStore("tasks").getAll();
          all.onsuccess = () => ok(JSON.stringify(all.result));
        };
      }),
  );
  assert.ok(!stored.includes("key-that-must-not-leak"), "the key is not in IndexedDB");
});
