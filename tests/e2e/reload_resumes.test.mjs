// Reloading in the middle of a task: it is still there after the reload and finishes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

test("a task running when the page reloads resumes and finishes", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "8"] });
  t.after(() => s.close());
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
  await studio.waitDone(again);
  await again.getByTestId("task-image").waitFor({ state: "visible" });

  const polls = (await emulator.journal()).filter((e) => e.path.endsWith("/result"));
  assert.ok(polls.length > 0, "it was polled");
  const imagines = (await emulator.creates()).filter((e) => e.path.endsWith("/imagine"));
  assert.equal(imagines.length, 1, "the reload created nothing");
  assert.equal(await studio.cards.count(), 1);
});
