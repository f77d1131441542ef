// Nothing is lost and nothing is paid twice: five tasks running when the page closes all
// finish after it is reopened, each shown once, with exactly five creates sent; and history
// survives export → clear → import unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startSession } from "./support/harness.mjs";
import { StudioPage } from "./pages/studio.mjs";
import { eventually } from "./pages/expect.mjs";

const PROMPTS = ["a red kite", "an orange grove", "a yellow tram", "a green door", "a blue whale"];

/** Creates the five tasks one after the other; resolves to their ids once all are running. */
async function startFive(studio) {
  for (const [i, prompt] of PROMPTS.entries()) {
    await studio.imagine(prompt);
    await eventually(async () => (await studio.cards.count()) === i + 1, `task ${i + 1} created`);
  }
  const ids = await studio.taskIds();
  assert.equal(new Set(ids).size, 5);
  for (const id of ids) assert.equal(await studio.card(id).getAttribute("data-phase"), "running");
  // Progress has been seen (so it was polled and its record rewritten) before the page goes.
  await eventually(async () => (await studio.percentOf(studio.card(ids[0]))) > 0, "progress starts");
  return ids;
}

/** A second tab of the same browser profile (IndexedDB and localStorage are shared). */
async function reopen(s) {
  const page = await s.context.newPage();
  page.on("dialog", (dialog) => dialog.accept()); // Clear asks for confirmation
  const studio = new StudioPage(page);
  await studio.open(s.site.url);
  return { page, studio };
}

/** Each card's id, how many cards show it. */
async function cardsById(studio) {
  const counts = {};
  for (const id of await studio.taskIds()) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

async function assertAllFinishOnce(studio, ids) {
  for (const id of ids) await studio.waitDone(studio.card(id), 90_000);
  const once = Object.fromEntries(ids.map((id) => [id, 1]));
  assert.deepEqual(await cardsById(studio), once, "each task appears exactly once");
}

async function imagineCreates(emulator) {
  return (await emulator.creates()).filter((e) => e.path.endsWith("/imagine"));
}

/** An export's tasks as a set: sorted by id, each with its keys sorted. */
function taskSet(text) {
  const sortKeys = (v) =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]))
        : v;
  const doc = JSON.parse(text);
  return { format: doc.format, version: doc.version, tasks: sortKeys(doc.tasks).sort((a, b) => a.id.localeCompare(b.id)) };
}

test("five tasks running when the page closes finish after it reopens, once each", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "10"] });
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;
  await s.openConfigured();
  await studio.rememberKey(true); // a new tab has a new sessionStorage: keep the key on the device

  const ids = await startFive(studio);
  await page.close();
  assert.equal((await imagineCreates(emulator)).length, 5, "five creates before the close");
  const pollsAtClose = (await emulator.journal()).filter((e) => e.path.endsWith("/result")).length;

  const again = await reopen(s);
  await again.studio.card().waitFor();
  assert.deepEqual(Object.keys(await cardsById(again.studio)).sort(), [...ids].sort(), "all five are back");
  const stillRunning = [];
  for (const id of ids) {
    if ((await again.studio.card(id).getAttribute("data-phase")) === "running") stillRunning.push(id);
  }
  assert.ok(stillRunning.length > 0, "some were still running when the page came back");
  await assertAllFinishOnce(again.studio, ids);

  const journal = await emulator.journal();
  assert.equal((await imagineCreates(emulator)).length, 5, "exactly five imagine creates: nothing re-sent");
  assert.equal((await emulator.creates()).length, 5, "and no other create of any kind");
  const laterPolls = journal.filter((e) => e.path.endsWith("/result")).slice(pollsAtClose);
  const polled = new Set(laterPolls.map((e) => new URLSearchParams(e.query ?? "").get("taskId")));
  for (const id of stillRunning) assert.ok(polled.has(id), `the reopened page polled ${id}`);
  assert.deepEqual(s.problems.pageErrors, []);
});

test("reopened without the key (it lived in the closed tab), the tasks resume once it is typed", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "10"] });
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;
  await s.openConfigured("tab-only-key"); // "remember" stays off: sessionStorage of this tab

  const ids = await startFive(studio);
  await page.close();

  const again = await reopen(s);
  await again.studio.card().waitFor();
  await again.page.getByTestId("settings-panel").waitFor({ state: "visible" }); // the key is asked for
  assert.equal(await again.page.getByTestId("api-key").inputValue(), "", "it was not kept");
  assert.equal(Object.keys(await cardsById(again.studio)).length, 5, "the five tasks are listed meanwhile");
  await again.studio.configure({ key: "tab-only-key" });
  await assertAllFinishOnce(again.studio, ids);
  assert.equal((await emulator.creates()).length, 5, "exactly five creates: nothing re-sent");
});

test("history exported, cleared and imported back is identical", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "4"] });
  t.after(() => s.close(t));
  const { studio, emulator } = s;
  await s.openConfigured();
  s.problems.acceptDialogs = true;

  const ids = await startFive(studio);
  await assertAllFinishOnce(studio, ids);
  const exported = await studio.exportHistory();
  const first = await readFile(exported, "utf8");
  assert.equal(JSON.parse(first).tasks.length, 5);

  await studio.clearHistory();
  assert.equal(await studio.cards.count(), 0);
  const stored = await studio.storedData();
  assert.deepEqual(stored.indexedDb["gptunnel-studio"].tasks.values, [], "history is empty in IndexedDB too");

  await studio.importHistory(exported);
  await eventually(async () => (await studio.cards.count()) === 5, "five imported");
  await assertAllFinishOnce(studio, ids);
  const second = await readFile(await studio.exportHistory(), "utf8");
  assert.deepEqual(taskSet(second), taskSet(first), "the same tasks, field for field");

  // And they survive a reload as imported.
  await s.page.reload();
  await studio.card().waitFor();
  const third = await readFile(await studio.exportHistory(), "utf8");
  assert.deepEqual(taskSet(third), taskSet(first), "the same after a reload");
  assert.equal((await emulator.creates()).length, 5, "importing created nothing");
});
