// Reloading in the middle of a task: it is still there after the reload and finishes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

test("a task running when the page reloads resumes and finishes", async (t) => {
  // The Midjourney-like ladder: this flow is about watching a preview and its percent rise.
  const s = await startSession({ emulatorArgs: ["--task-seconds", "8", "--progress", "ladder"] });
  t.after(() => s.close(t));
  const { studio, page, emulator } = s;
  await s.openConfigured();

  await studio.imagine("a paper boat on a pond");
  const card = studio.card();
  await eventually(async () => (await studio.percentOf(card)) > 0, "progress starts");
  const id = await card.getAttribute("data-task-id");

  await page.reload();
  await studio.prompt.waitFor();
  const again = studio.card(id);
  await again.waitFor();
  assert.equal(await again.getAttribute("data-phase"), "running", "still running right after the reload");
  // From here on only the reloaded page can poll: it has to, for the card to finish.
  const lastSeqBefore = Math.max(0, ...(await emulator.journal()).map((e) => e.seq));
  await studio.waitDone(again);
  await studio.gridImage(again).waitFor({ state: "visible" });

  // Only the reloaded page's polls count: the ones before the reload prove nothing.
  const polledAfter = (await emulator.journal()).filter(
    (e) => e.seq > lastSeqBefore && e.path.endsWith("/result") && new URLSearchParams(e.query ?? "").get("taskId") === id,
  );
  assert.ok(polledAfter.length > 0, "the reloaded page polled the task");
  assert.ok(polledAfter.some((e) => e.status === 200), "and one of those polls was answered");
  const imagines = (await emulator.creates()).filter((e) => e.path.endsWith("/imagine"));
  assert.equal(imagines.length, 1, "the reload created nothing");
  assert.equal(await studio.cards.count(), 1);
});
