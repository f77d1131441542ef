// The first visit's welcome (issue 13): shown once, with the costs, the key's page and the
// CORS way out; closed, it never comes back in this browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { runAxe, blocking } from "./support/axe.mjs";

/** A first visit: the studio opened and its welcome showing. */
async function firstVisit(t, options = {}) {
  const s = await startSession({ welcomed: false, ...options });
  t.after(() => s.close(t));
  await s.studio.open(s.site.url);
  const welcome = s.page.getByTestId("welcome");
  await welcome.waitFor({ state: "visible" });
  return { s, welcome, studio: s.studio, page: s.page };
}

test("the first visit shows the welcome with the costs; once closed it is not shown after a reload", async (t) => {
  const { s, welcome, studio, page } = await firstVisit(t);
  assert.equal(await welcome.evaluate((el) => el.matches(":modal")), true, "a modal dialog");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "welcome-enter-key", "focus starts on its first action");
  const costs = await page.getByTestId("welcome-costs").textContent();
  assert.match(costs, /imagine.*18 ₽/);
  assert.match(costs, /U1–U4\): free/);
  assert.equal(await page.getByTestId("welcome-key-link").getAttribute("href"), "https://gptunnel.ru/");
  assert.match(await welcome.textContent(), /CORS.*relay/);
  assert.equal(await welcome.getByTestId("demo-try").count(), 1, "the demo is offered");
  assert.deepEqual(blocking(await runAxe(page)), [], "no serious axe violation with the welcome open");
  assert.equal(await page.getByTestId("settings-panel").count(), 0, "the welcome comes alone, the settings after it");

  await page.keyboard.press("Escape");
  await welcome.waitFor({ state: "hidden" });
  await page.getByTestId("settings-panel").waitFor({ state: "visible" });
  await page.reload();
  await studio.prompt.waitFor({ state: "visible" });
  assert.equal(await page.getByTestId("welcome").count(), 0, "not shown again");
  assert.deepEqual(s.problems.pageErrors, []);
});

test("Enter my key closes the welcome and puts the cursor in the key field; in Russian too", async (t) => {
  const { welcome, page } = await firstVisit(t, { locale: "ru-RU" });
  assert.match(await welcome.textContent(), /Добро пожаловать/);
  assert.match(await page.getByTestId("welcome-costs").textContent(), /по 18 ₽/);

  await page.getByTestId("welcome-enter-key").click();
  await welcome.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.id === "api-key");
  assert.equal(await page.evaluate(() => localStorage.getItem("gptunnel-studio.welcomed")), "1");
});

test("the demo started from the welcome does not open the settings on its way", async (t) => {
  const { s, welcome, page } = await firstVisit(t);
  // Counts every time the settings panel is put in the page, from now on.
  await page.evaluate(() => {
    window.__settingsShown = 0;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="settings-panel"]') && !window.__settingsOpen) window.__settingsShown++;
      window.__settingsOpen = !!document.querySelector('[data-testid="settings-panel"]');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await welcome.getByTestId("demo-try").click();
  await welcome.waitFor({ state: "detached" });
  await page.getByTestId("demo-banner").waitFor({ state: "visible" });
  assert.equal(await page.evaluate(() => window.__settingsShown), 0, "no settings panel flashed open");
  assert.deepEqual(s.problems.pageErrors, []);
});
