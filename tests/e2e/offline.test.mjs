// Issue 13 §6: the studio is installable and opens offline. Its Service Worker (web/sw.js),
// scoped to the sub-path the studio is served from, caches the app shell; the history and the
// gallery open with the site unreachable (its server stopped for real, not emulated); a new
// version is running after one reload. Prints the time of an offline reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic } from "../support/serve.mjs";
import { startEmulator } from "../support/emulator.mjs";
import { openBrowser } from "./support/browser.mjs";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS } from "../support/browser.mjs";
import { DIST } from "./support/harness.mjs";
import { StudioPage } from "./pages/studio.mjs";
import { eventually } from "./pages/expect.mjs";

const PREFIX = "/studio/";

/**
 * The studio's static site behind a logging proxy: `paths` lists what the browser asked for,
 * `stop()` closes both servers, so the site is then truly unreachable (connection refused).
 */
async function site(dir) {
  const files = await serveStatic({ mounts: { [PREFIX]: dir } });
  const paths = [];
  const proxy = createServer((req, res) => {
    paths.push(new URL(req.url, "http://x").pathname);
    const upstream = httpRequest(files.origin + req.url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise((ok) => proxy.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${proxy.address().port}${PREFIX}`;
  return {
    url,
    paths,
    async stop() {
      proxy.closeAllConnections();
      await new Promise((ok) => proxy.close(ok));
      await files.close();
      const refused = await fetch(url).then(
        () => false,
        () => true,
      );
      assert.ok(refused, "the site is unreachable");
    },
  };
}

/** Waits until the studio's worker controls the page; returns its script URL. */
async function controlledBy(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  return page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
}

test("offline: after one visit the studio, its history and its gallery open with the site down", async (t) => {
  const emulator = await startEmulator([], { taskSeconds: 3 });
  const studioSite = await site(DIST);
  const { browser, context, page, problems } = await openBrowser();
  let stopped = false;
  t.after(async () => {
    await browser.close().catch(() => {});
    if (!stopped) await studioSite.stop().catch(() => {});
    await emulator.stop();
  });
  const studio = new StudioPage(page);

  await studio.open(studioSite.url);
  assert.equal(await controlledBy(page), `${studioSite.url}sw.js`, "the studio's worker controls the page");
  const registration = await page.evaluate(async () => {
    const { scope, updateViaCache } = await navigator.serviceWorker.getRegistration();
    return { scope, updateViaCache };
  });
  assert.equal(registration.scope, studioSite.url, "scoped to the sub-path");
  assert.equal(registration.updateViaCache, "none", "updates never come from the HTTP cache");

  // The API's requests bypass the worker altogether (its static route for other origins).
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const apiRoutes = [];
  cdp.on("Network.responseReceived", ({ response, type }) => {
    // CORS preflights never meet a Service Worker: only the requests themselves count.
    if (response.url.startsWith(emulator.url) && type !== "Preflight") {
      apiRoutes.push(response.serviceWorkerRouterInfo?.matchedSourceType ?? "through the worker");
    }
  });
  await studio.configure({ key: "test-key", baseUrl: emulator.url });
  await studio.imagine("a lighthouse at dawn");
  const card = studio.card();
  await studio.waitDone(card);
  await studio.gridImage(card).waitFor({ state: "visible" });
  const id = await card.getAttribute("data-task-id");
  assert.ok(
    !studioSite.paths.some((path) => path.startsWith(`${PREFIX}demo/`) && path.endsWith(".wasm")),
    "a user who never tried the demo never downloads its wasm",
  );

  // Online, a reload asks the server for the page (network first) but not for hashed files.
  const before = studioSite.paths.length;
  await page.reload();
  await studio.card(id).waitFor();
  const asked = studioSite.paths.slice(before);
  assert.ok(asked.includes(PREFIX), "the page itself came from the server");
  assert.deepEqual(asked.filter((path) => /-[0-9a-f]{16}[._]/.test(path)), [], "hashed files came from the cache");

  assert.ok(apiRoutes.length > 0, "the API was called");
  assert.deepEqual([...new Set(apiRoutes)], ["network"], "every API request went straight to the network");

  await studioSite.stop();
  stopped = true;
  const started = Date.now();
  await page.reload();
  await studio.prompt.waitFor({ state: "visible" });
  console.log(`# offline reload to a usable studio: ${Date.now() - started} ms`);
  const restored = studio.card(id);
  await restored.waitFor();
  assert.equal(await restored.getAttribute("data-phase"), "done", "the history shows the finished task");
  await studio.gridImage(restored).waitFor({ state: "visible" });

  await page.getByTestId("gallery-toggle").click();
  await page.getByTestId("gallery").waitFor();
  await eventually(async () => (await page.getByTestId("gallery-item").count()) === 1, "the gallery shows the image");

  assert.deepEqual(await page.evaluate(() => window.__cspViolations ?? []), [], "no CSP violation");
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("a new version is running after one reload, and then offline too", async (t) => {
  const copy = mkdtempSync(join(tmpdir(), "studio-versions-"));
  cpSync(DIST, copy, { recursive: true });
  const studioSite = await site(copy);
  const { browser, page, problems } = await openBrowser();
  let stopped = false;
  t.after(async () => {
    await browser.close().catch(() => {});
    if (!stopped) await studioSite.stop().catch(() => {});
    rmSync(copy, { recursive: true, force: true });
  });
  const studio = new StudioPage(page);
  const marker = page.getByTestId("build-marker");

  await studio.open(studioSite.url);
  await controlledBy(page);
  assert.equal(await marker.count(), 0, "build A has no marker");

  // Build B: a visible marker in index.html, and a worker whose bytes (its version) differ.
  const index = join(copy, "index.html");
  const html = readFileSync(index, "utf8");
  writeFileSync(index, html.replace("<body>", '<body><p data-testid="build-marker">build B</p>'));
  const sw = join(copy, "sw.js");
  const worker = readFileSync(sw, "utf8");
  const newWorker = worker.replace(/"version":"[^"]*"/, '"version":"build-b"');
  assert.notEqual(newWorker, worker, "sw.js carries a version");
  writeFileSync(sw, newWorker);

  await page.reload();
  await studio.prompt.waitFor({ state: "visible" });
  assert.equal(await marker.textContent(), "build B", "build B runs after one reload");

  // The new worker takes over and keeps build B for offline use; build A's files are dropped.
  const cacheNames = () => page.evaluate(() => caches.keys());
  await eventually(async () => {
    const names = await cacheNames();
    return names.length === 1 && names[0].endsWith(" build-b");
  }, "only build B's cache is left");
  await studioSite.stop();
  stopped = true;
  await page.reload();
  await studio.prompt.waitFor({ state: "visible" });
  assert.equal(await marker.textContent(), "build B", "offline, build B still runs");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("Chromium finds the studio installable from a sub-path", async (t) => {
  const studioSite = await site(DIST);
  // A profile on disk: Chromium never offers to install from an incognito context (Playwright's
  // usual browser contexts are).
  const profile = mkdtempSync(join(tmpdir(), "studio-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
  });
  t.after(async () => {
    await context.close().catch(() => {});
    await studioSite.stop().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await new StudioPage(page).open(studioSite.url);
  await controlledBy(page);

  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send("Page.getAppManifest");
  assert.equal(manifest.url, `${studioSite.url}manifest.webmanifest`);
  assert.deepEqual(manifest.errors, [], "the manifest parses without errors");
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, [], "no installability error");
  for (const size of ["192", "512"]) {
    const icon = await fetch(`${studioSite.url}icons/icon-${size}.png`);
    assert.equal(icon.headers.get("content-type"), "image/png");
    const png = Buffer.from(await icon.arrayBuffer());
    assert.equal(png.readUInt32BE(16), Number(size), `icon-${size}.png is ${size} px wide`);
  }
});
