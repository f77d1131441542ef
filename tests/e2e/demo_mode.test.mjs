// Issue 16: the demo mode. The emulator runs in the studio's Service Worker, so the whole
// walk-through works with NO emulator process and no network beyond the static files, from a
// sub-path, under the page's CSP, and offline once visited. Prints the time from "Try the
// demo" to a finished grid.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "../support/serve.mjs";
import { openBrowser } from "./support/browser.mjs";
import { DIST } from "./support/harness.mjs";
import { StudioPage } from "./pages/studio.mjs";
import { MaskEditorPage } from "./pages/mask_editor.mjs";
import { eventually } from "./pages/expect.mjs";

const PREFIX = "/some/sub/";

/** Waits for the feed to hold `count` cards; returns the newest one, by id. */
async function newestCard(studio, count, what) {
  await eventually(async () => (await studio.cards.count()) === count, what);
  return studio.card(await studio.card().getAttribute("data-task-id"));
}

/** Whether an <img> has loaded a real picture (through the worker: the server has none). */
function loaded(image) {
  return image.evaluate((img) => img.complete && img.naturalWidth > 0).catch(() => false);
}

test("demo mode: prompt, previews, grid, upscale, vary region, zoom out, reload and offline, with no server", async (t) => {
  assert.ok(existsSync(join(DIST, "demo", "gptunnel_demo_bg.wasm")), "the studio build includes the demo (trunk build runs scripts/build-demo.sh)");
  const site = await serveStatic({ mounts: { [PREFIX]: DIST } });
  const { browser, context, page, problems } = await openBrowser();
  t.after(async () => {
    await browser.close().catch(() => {});
    await site.close().catch(() => {});
  });
  const offSite = [];
  const demoFiles = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(site.url)) offSite.push(url);
    if (/gptunnel_demo_bg/.test(url)) demoFiles.push(url);
  });
  const studio = new StudioPage(page);

  await studio.open(site.url);
  // The studio's worker (web/sw.js, issue 13) is registered on every load; it fetches the demo's
  // wasm only on the first demo request (offline.test.mjs checks that at the server).
  assert.deepEqual(demoFiles, [], "the first load fetches nothing of the demo");
  const banner = page.getByTestId("demo-banner");
  assert.equal(await banner.count(), 0, "no banner before the demo");

  const clicked = Date.now();
  await page.getByTestId("demo-try").first().click();
  await banner.waitFor({ timeout: 60_000 });
  assert.match(await banner.textContent(), /Demo — images are generated locally, nothing is charged/);
  await studio.imagine("a lighthouse at dawn, watercolor");
  const grid = studio.card(await studio.card().getAttribute("data-task-id"));
  await grid.waitFor();
  // Progress with previews: a running card shows a percent above 0 and the server's preview.
  await eventually(
    async () => (await studio.percentOf(grid)) > 0 && (await loaded(studio.preview(grid))),
    "a running card shows progress and a loaded preview",
  );
  await studio.waitDone(grid);
  await eventually(() => loaded(studio.gridImage(grid)), "the finished grid's picture loads");
  console.log(`# demo: "Try the demo" to a finished grid (6 s tasks): ${Date.now() - clicked} ms`);
  assert.match(await page.getByTestId("balance").textContent(), /\d/, "the demo has a balance");

  await grid.getByTestId("action-U1").click();
  const upsample = await newestCard(studio, 2, "an upsample card appears");
  await studio.waitDone(upsample);
  await eventually(() => loaded(studio.image(upsample)), "the upsampled picture loads");

  const editor = new MaskEditorPage(page);
  await editor.openOn(upsample);
  await editor.rectangle([280, 280], [460, 440]);
  await editor.submit("a red door");
  const inpaint = await newestCard(studio, 3, "a vary-region card appears");
  assert.equal(await inpaint.getAttribute("data-kind"), "inpaint");
  await studio.waitDone(inpaint);
  await eventually(() => loaded(studio.gridImage(inpaint)), "the vary-region grid loads");

  await upsample.getByTestId("action-outpaint_50").click();
  const zoomed = await newestCard(studio, 4, "a zoom-out card appears");
  await studio.waitDone(zoomed);

  // Reload in the middle of a task: the worker still holds it, the card resumes and finishes.
  await studio.imagine("a paper boat on a pond");
  const running = await newestCard(studio, 5, "a fifth card appears");
  const id = await running.getAttribute("data-task-id");
  assert.equal(await running.getAttribute("data-phase"), "running");
  await page.reload();
  await studio.prompt.waitFor();
  await banner.waitFor();
  const resumed = studio.card(id);
  await studio.waitDone(resumed);
  await eventually(() => loaded(studio.gridImage(resumed)), "the resumed grid's picture loads");
  assert.equal(await studio.cards.count(), 5, "the reload created nothing");

  // Offline after a visit: the worker kept the studio's files; the demo needs no network.
  await context.setOffline(true);
  await page.reload();
  await studio.prompt.waitFor();
  await banner.waitFor();
  await studio.imagine("a kite over the sea, offline");
  const offline = await newestCard(studio, 6, "a card appears offline");
  await studio.waitDone(offline);
  await eventually(() => loaded(studio.gridImage(offline)), "the offline grid's picture loads");
  await context.setOffline(false);

  // The way back: the settings from before the demo (no key on this first visit).
  await page.getByTestId("demo-leave").click();
  await banner.waitFor({ state: "detached" });
  await studio.openSettings();
  assert.equal(await page.getByTestId("base-url").inputValue(), "https://gptunnel.ru");
  assert.equal(await page.getByTestId("api-key").inputValue(), "");

  const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  assert.equal(worker, `${site.url}sw.js`, "the studio's worker, scoped to the sub-path, answered");
  const updates = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).updateViaCache);
  assert.equal(updates, "none", "registered by the demo as web/boot.js does");
  assert.deepEqual(offSite, [], "nothing left the static site");
  assert.deepEqual(await page.evaluate(() => window.__cspViolations ?? []), [], "no CSP violation");
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});
