// One click is exactly one create, ever: a double click (or Enter pressed twice) while the
// create is in flight must not send a second, separately charged imagine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually, stays } from "./pages/expect.mjs";

test("a double click on Create sends exactly one imagine", async (t) => {
  // Every create is answered after 1.5 s, so the second click lands while the first is in flight.
  const s = await startSession({ emulatorArgs: ["--create-slow", "1", "--slow-ms", "1500"] });
  t.after(() => s.close(t));
  const { studio, emulator } = s;
  await s.openConfigured();

  await studio.prompt.fill("a red bicycle");
  await studio.submit.dblclick();
  assert.ok(await studio.submit.isDisabled(), "Create is disabled until the answer");
  await studio.prompt.press("Enter");
  await eventually(async () => (await studio.cards.count()) === 1, "one card appears");
  await eventually(async () => !(await studio.submit.isDisabled()), "Create is enabled again after the answer");

  const imagines = async () => (await emulator.creates()).filter((e) => e.path.endsWith("/imagine")).length;
  assert.equal(await imagines(), 1, "exactly one imagine reached the API");
  // A click queued until the answer would be sent only now: none may follow.
  await stays(async () => (await imagines()) === 1, "no second imagine after the answer", 1000);
  assert.equal(await studio.cards.count(), 1);
});
