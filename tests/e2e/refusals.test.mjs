// The API refuses: a wrong key (401), an empty balance (402) and a busy API (429) are
// explained, and nothing is created. A create whose answer is lost is the opposite case: the
// studio says the task may exist and offers to refresh the balance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { screenshot } from "./support/browser.mjs";
import { eventually } from "./pages/expect.mjs";

test("a wrong key is explained and creates nothing", async (t) => {
  const s = await startSession({ emulatorArgs: ["--key", "the-right-key"] });
  t.after(() => s.close(t));
  const { studio, emulator, page } = s;
  await s.openConfigured("a-wrong-key");

  await studio.imagine("a quiet library");
  await studio.notice.waitFor();
  assert.match(await studio.notice.textContent(), /401.*key/i);
  await screenshot(page, "desktop-06-wrong-key");
  assert.equal(await studio.cards.count(), 0, "no card");
  const creates = await emulator.creates();
  assert.ok(creates.length >= 1 && creates.every((e) => e.status === 401), "the API refused every create");
});

test("an empty balance is explained and creates nothing", async (t) => {
  const s = await startSession({ emulatorArgs: ["--balance", "0", "--credit-limit", "0"] });
  t.after(() => s.close(t));
  const { studio, emulator } = s;
  await s.openConfigured();

  await studio.imagine("a quiet library");
  await studio.notice.waitFor();
  assert.match(await studio.notice.textContent(), /balance.*402/i);
  assert.equal(await studio.cards.count(), 0, "no card");
  const creates = await emulator.creates();
  assert.ok(creates.length >= 1 && creates.every((e) => e.status === 402), "the API refused every create");
});

test("a busy API (429 every time) is explained after three tries and creates nothing", async (t) => {
  const s = await startSession({ emulatorArgs: ["--create-429", "1", "--retry-after-seconds", "0"] });
  t.after(() => s.close(t));
  const { studio, emulator } = s;
  await s.openConfigured();

  await studio.imagine("a quiet library");
  await studio.notice.waitFor();
  assert.match(await studio.notice.textContent(), /too busy \(429\).*Nothing was created or charged/);
  assert.equal(await studio.cards.count(), 0, "no card");
  const creates = await emulator.creates();
  assert.equal(creates.length, 3, "sent once, then twice more after the asked wait");
  assert.ok(creates.every((e) => e.status === 429), "the API refused every copy");
});

test("a create whose answer is unreadable says the task may exist and offers a balance refresh", async (t) => {
  const s = await startSession({ emulatorArgs: ["--create-malformed", "1"] });
  t.after(() => s.close(t));
  const { studio, emulator, page } = s;
  await s.openConfigured();

  await studio.imagine("a quiet library");
  await studio.notice.waitFor();
  assert.match(await studio.notice.textContent(), /^This task may exist and may have been charged\./);
  assert.equal((await emulator.creates()).length, 1, "never sent again");
  await screenshot(page, "desktop-07-outcome-unknown");

  await emulator.setBalance(500);
  await page.getByTestId("notice-refresh-balance").click();
  await eventually(async () => (await studio.balance.textContent()).startsWith("500.00"), "the balance was fetched again");
});
