// A task that finishes while the tab is hidden: progress and the finish show in the tab
// title, and a notification is shown when the person allowed them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

test("a task finishing in a hidden tab shows in the title and notifies", async (t) => {
  const s = await startSession({ emulatorArgs: ["--task-seconds", "6"] });
  t.after(() => s.close(t));
  const { studio, page } = s;
  // Headless Chromium never hides a page and shows no notifications: stand in for both.
  await page.addInitScript(() => {
    window.__hidden = false;
    Object.defineProperty(document, "hidden", { get: () => window.__hidden });
    Object.defineProperty(document, "visibilityState", { get: () => (window.__hidden ? "hidden" : "visible") });
    window.__notifications = [];
    window.Notification = class {
      static permission = "granted";
      static requestPermission() {
        return Promise.resolve("granted");
      }
      constructor(title, options) {
        window.__notifications.push({ title, body: options?.body });
      }
    };
  });
  await s.openConfigured();
  const setHidden = (hidden) =>
    page.evaluate((h) => {
      window.__hidden = h;
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);

  await studio.imagine("a night train");
  await studio.card().waitFor();
  await setHidden(true);
  await eventually(async () => /\d+% · GPTunnel Studio/.test(await page.title()), "progress in the title");
  await eventually(async () => (await page.title()).startsWith("✓ 1"), "the finish in the title", 30_000);
  const notes = await page.evaluate(() => window.__notifications);
  assert.equal(notes.length, 1);
  assert.equal(notes[0].body, "a night train");

  await setHidden(false);
  assert.equal(await page.title(), "GPTunnel Studio", "the title is plain again once the tab is seen");
});
