// Issue 13's smaller bugs: "re-use prompt" keeps the aspect ratio picked in the parameter panel, and a
// failed balance refresh says so (en and ru) instead of being silently ignored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

test("re-using a prompt created with 16:9 creates 16:9 again, after the prompt was cleared", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, emulator, studio } = s;
  await s.openConfigured();
  await studio.prompt.fill("a red fox in the snow");
  await studio.chooseModel("midjourney", "16:9");
  await studio.prompt.press("Enter");
  await studio.card().waitFor();
  const first = studio.card(await studio.card().getAttribute("data-task-id"));

  await studio.prompt.fill("");
  await first.getByTestId("task-reuse").click();
  await studio.prompt.press("Enter");
  await eventually(async () => (await studio.cards.count()) === 2, "a second imagine card appears");

  const imagines = (await emulator.creates()).filter((e) => e.path === "/v1/midjourney/imagine");
  assert.equal(imagines.length, 2);
  assert.equal(JSON.parse(imagines[0].body).prompt, "a red fox in the snow --ar 16:9");
  assert.equal(JSON.parse(imagines[1].body).prompt, "a red fox in the snow --ar 16:9", "the ratio survives re-use");
});

for (const [locale, wording] of [
  ["en-US", "Could not refresh the balance"],
  ["ru-RU", "Не удалось обновить баланс"],
]) {
  test(`a failed balance refresh shows a notice (${locale})`, async (t) => {
    const s = await startSession({ locale });
    t.after(() => s.close(t));
    const { page, studio } = s;
    await page.route("**/v1/balance*", (route) => route.abort());
    await s.openConfigured();
    await page.getByTestId("balance-refresh").click();
    await eventually(async () => (await studio.notice.isVisible()) && (await studio.notice.textContent()).includes(wording), `the notice says "${wording}"`);
  });
}
