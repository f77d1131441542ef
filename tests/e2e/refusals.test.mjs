// The API refuses: a wrong key (401) and an empty balance (402) are explained, and nothing
// is created.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { screenshot } from "./support/browser.mjs";

test("a wrong key is explained and creates nothing", async (t) => {
  const s = await startSession({ emulatorArgs: ["--key", "the-right-key"] });
  t.after(() => s.close());
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
  t.after(() => s.close());
  const { studio, emulator } = s;
  await s.openConfigured();

  await studio.imagine("a quiet library");
  await studio.notice.waitFor();
  assert.match(await studio.notice.textContent(), /balance.*402/i);
  assert.equal(await studio.cards.count(), 0, "no card");
  const creates = await emulator.creates();
  assert.ok(creates.length >= 1 && creates.every((e) => e.status === 402), "the API refused every create");
});
