// Issue 13 (gallery part): an import never starts polling the running tasks it brings. They
// show as paused until "Resume watching" is pressed; the emulator's journal shows no result
// poll for them before that (not even after a reload), and polls after it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually, stays } from "./pages/expect.mjs";

test("imported running tasks are not polled until the user resumes them", async (t) => {
  // Long tasks: the task is still running when exported and imported back.
  const s = await startSession({ emulatorArgs: ["--task-seconds", "120"] });
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;
  await s.openConfigured();

  await studio.imagine("a harbour in fog");
  const card = studio.card();
  await card.waitFor();
  const id = await card.getAttribute("data-task-id");
  const file = await studio.exportHistory();
  s.problems.acceptDialogs = true;
  await studio.clearHistory();

  const polls = async (after) =>
    (await emulator.journal()).filter(
      (e) => e.seq > after && e.path.endsWith("/result") && new URLSearchParams(e.query ?? "").get("taskId") === id,
    );
  const lastSeq = async () => Math.max(0, ...(await emulator.journal()).map((e) => e.seq));

  const beforeImport = await lastSeq();
  assert.equal(await studio.importHistory(file), 1);
  const imported = studio.card(id);
  await imported.waitFor();
  assert.equal(await imported.getAttribute("data-phase"), "running");
  assert.match(await imported.getByTestId("task-status").textContent(), /Paused/);
  await page.getByTestId("paused-notice").waitFor();
  assert.match(await page.getByTestId("resume-watching").textContent(), /\(1\)/);
  // The studio polls a watched task at least every 3 s: 4 s without a poll means none.
  await stays(async () => (await polls(beforeImport)).length === 0, "an imported task was polled unasked", 4000);

  // Still paused after a reload (the pause is stored with the record).
  await page.reload();
  await studio.card(id).waitFor();
  await page.getByTestId("paused-notice").waitFor();
  await stays(async () => (await polls(beforeImport)).length === 0, "polled unasked after a reload", 4000);

  await page.getByTestId("resume-watching").click();
  await eventually(async () => (await polls(beforeImport)).length > 0, "resuming polls the task");
  await page.getByTestId("paused-notice").waitFor({ state: "detached" });
  assert.match(await studio.card(id).getByTestId("task-status").textContent(), /Running/);
  const imagines = (await emulator.creates()).filter((e) => e.path.endsWith("/imagine"));
  assert.equal(imagines.length, 1, "import and resume created nothing");
});

test("an import over the size cap is refused before it is read", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  // 33 MiB: over the 32 MiB cap.
  await page.getByTestId("history-import").setInputFiles({
    name: "huge.json",
    mimeType: "application/json",
    buffer: Buffer.alloc(33 * 1024 * 1024, 0x20),
  });
  await studio.notice.waitFor();
  assert.match(await studio.notice.textContent(), /too big/);
});
