// A prompt holding HTML is shown as text and runs nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { stays } from "./pages/expect.mjs";

test("a prompt with markup is rendered as text and runs no script", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();

  const hostile = `<img src=x onerror=alert(1)> and <script>alert(2)</script>`;
  await studio.imagine(hostile);
  const card = studio.card();
  await card.waitFor();
  await studio.waitDone(card);
  assert.equal(await card.getByTestId("task-prompt").textContent(), hostile);
  assert.equal(await page.locator('img[src="x"]').count(), 0, "no element was made from the prompt");
  await card.getByTestId("task-open").click();
  assert.equal(await page.getByTestId("viewer-prompt").textContent(), hostile);
  // An onerror handler would fire once the image failed to load: give it the time to.
  await stays(async () => s.problems.dialogs.length === 0, "no alert ran", 500);
});
