// The release build works from any sub-path of a static host, under its strict CSP, on a
// phone-sized screen too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { PHONE, screenshot } from "./support/browser.mjs";
import { expect } from "./pages/expect.mjs";

test("served from /some/sub/path/ on a phone, the studio works and the CSP holds", async (t) => {
  const s = await startSession({ prefix: "/some/sub/path/", viewport: PHONE, locale: "ru-RU" });
  t.after(() => s.close(t));
  const { studio, page } = s;
  assert.match(s.site.url, /\/some\/sub\/path\/$/);

  await studio.open(s.site.url);
  assert.equal(await page.locator("html").getAttribute("lang"), "ru", "follows navigator.language");
  await screenshot(page, "phone-01-first-visit");
  await studio.configure({ key: "test-key", baseUrl: s.emulator.url });
  await studio.imagine("маяк на рассвете");
  const card = studio.card();
  await card.waitFor();
  await screenshot(page, "phone-02-running");
  await studio.waitDone(card);
  await studio.gridImage(card).waitFor({ state: "visible" });
  await card.getByTestId("quadrant-3").click();
  await expect(card.getByTestId("quadrant-3"), "aria-pressed", "true");
  await screenshot(page, "phone-03-grid", card.getByTestId("grid-picker"));

  const html = await page.content();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script in the page");
  assert.deepEqual(await s.cspViolations(), [], "no CSP violation");
  assert.deepEqual(s.problems.consoleErrors, []);
  assert.deepEqual(s.problems.pageErrors, []);
});
