// A hostile API server (support/hostile_server.mjs) cannot make the studio run script or
// navigate: javascript:/data: result URLs, markup in errors, prompt echoes and messages, huge
// strings and malformed JSON all end as plain text, a placeholder or a readable error, and the
// page's CSP stops any inline script that would get into the page anyway.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { startHostileServer, markup } from "./support/hostile_server.mjs";
import { screenshot } from "./support/browser.mjs";
import { eventually, stays } from "./pages/expect.mjs";

/** A studio pointed at a hostile server, watching for navigations and popups. */
async function hostileSession(t) {
  const hostile = await startHostileServer();
  const s = await startSession();
  t.after(async () => {
    await s.close();
    await hostile.close();
  });
  const watch = { navigations: [], popups: [], console: [] };
  s.context.on("page", (p) => watch.popups.push(p.url()));
  s.page.on("framenavigated", (frame) => watch.navigations.push(frame.url()));
  s.page.on("console", (msg) => watch.console.push(msg.text()));
  await s.studio.open(s.site.url);
  await s.studio.configure({ key: "hostile-test-key", baseUrl: hostile.url });
  // The studio's own links (#/task/…, issue 13) change only the hash: same document, no load.
  await s.page.evaluate(() => {
    window.__sameDocument = true;
  });
  return { ...s, hostile, watch, home: s.page.url() };
}

/** Sends a prompt that asks the hostile server for `scenario`; resolves once it answered. */
async function ask(h, scenario) {
  await h.studio.dismissNotice();
  const before = await h.studio.cards.count();
  await h.studio.imagine(`hostile:${scenario} a cat`);
  await eventually(
    async () => (await h.studio.cards.count()) > before || (await h.studio.notice.isVisible()),
    `the studio answered ${scenario}`,
  );
  return h.studio.card();
}

/** Nothing ran, nothing navigated, nothing opened, no markup from the server became DOM. */
async function assertNothingRan(h, { allowViolations = false } = {}) {
  const { page } = h;
  // A handler that got in would run on an image's error or a timer: watch for a moment.
  const ran = async () => h.problems.dialogs.length > 0 || (await page.evaluate(() => window.__pwned)) !== undefined;
  await stays(async () => !(await ran()), "no dialog opened and no injected script ran", 300);
  assert.deepEqual(h.problems.dialogs, [], "no dialog opened");
  assert.equal(page.url(), h.home, "the page did not navigate");
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "the document was never replaced");
  const withoutHash = (url) => url.split("#")[0];
  assert.deepEqual(
    h.watch.navigations.filter((url) => withoutHash(url) !== withoutHash(h.home)),
    [],
    "no navigation away from the studio (its own #/ routes aside)",
  );
  assert.deepEqual(h.watch.popups, [], "no popup or new page");
  assert.equal(h.context.pages().length, 1);
  if (!allowViolations) assert.deepEqual(await h.cspViolations(), [], "nothing was blocked by the CSP");
  const dom = await page.evaluate(() => ({
    handlers: [...document.querySelectorAll("*")]
      .filter((el) => [...el.attributes].some((a) => a.name.startsWith("on")))
      .map((el) => el.outerHTML.slice(0, 120)),
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    urls: [...document.querySelectorAll("[src], [href], [action], [formaction]")]
      .map((el) => el.getAttribute("src") ?? el.getAttribute("href") ?? el.getAttribute("action") ?? el.getAttribute("formaction"))
      .filter((u) => /^\s*(javascript|data|vbscript):/i.test(u)),
    iframes: document.querySelectorAll("iframe, object, embed").length,
  }));
  assert.deepEqual(dom.handlers, [], "no element carries an on* attribute");
  assert.equal(dom.inlineScripts, 0, "no inline <script> element");
  assert.deepEqual(dom.urls, [], "no javascript:/data: URL in the page");
  assert.equal(dom.iframes, 0, "no frame");
  assert.deepEqual(h.problems.pageErrors, [], "no uncaught error (no panic)");
  assert.deepEqual(h.watch.console.filter((m) => /panicked|RuntimeError|unreachable/.test(m)), [], "no panic");
}

test("javascript: and data: result URLs never become an image or a link", async (t) => {
  const h = await hostileSession(t);
  const { studio, page } = h;

  const grid = await ask(h, "js-url");
  await studio.waitDone(grid);
  assert.equal(await grid.locator("img").count(), 0, "the grid has no image");
  assert.equal(await grid.getByTestId("grid-no-image").textContent(), "No image", "it says so instead");
  assert.ok(await grid.getByTestId("action-U1").isVisible(), "the listed actions are still offered");

  for (const scenario of ["js-url-single", "data-url"]) {
    const card = await ask(h, scenario);
    await studio.waitDone(card);
    assert.equal(await card.locator("img").count(), 0, `${scenario}: no image`);
    assert.equal(await card.getByTestId("task-no-image").textContent(), "No image", `${scenario}: a placeholder`);
    assert.ok(await card.getByTestId("task-open").isDisabled(), `${scenario}: the viewer cannot be opened`);
  }

  const quoted = await ask(h, "quote-url");
  await studio.waitDone(quoted);
  const src = await quoted.getByTestId("task-image").getAttribute("src");
  assert.match(src, /\/img\/x"><img\/src=x\/onerror=/, "the URL stays one attribute value");
  assert.equal(await quoted.locator("img").count(), 1, "and makes one image, not two");
  await quoted.getByTestId("task-open").click();
  assert.equal(await page.getByTestId("viewer-image").getAttribute("src"), src);
  // Download fetches this same URL (issue 13: it saves a file instead of following a link).
  assert.equal(await page.getByTestId("viewer-download").getAttribute("data-url"), src);
  await page.getByTestId("viewer-close").click();

  await studio.chooseModel("google-imagen-3");
  const media = await ask(h, "media-js-url");
  await studio.waitDone(media);
  assert.equal(await media.locator("img").count(), 0, "media: no image");
  assert.equal(await media.getByTestId("task-no-image").textContent(), "No image");
  assert.ok(await media.getByTestId("task-open").isDisabled());

  await screenshot(page, "hostile-01-urls");
  await assertNothingRan(h);
});

test("markup in errors, failure reasons and echoed prompts is shown as text", async (t) => {
  const h = await hostileSession(t);
  const { studio, page } = h;
  const notice = page.getByTestId("notice");

  await ask(h, "error-html");
  assert.ok((await studio.notice.textContent()).includes(markup("error-html")), "the refusal reads as text");
  assert.equal(await notice.locator("img, script, a").count(), 0);

  await ask(h, "error-html-page");
  const page502 = await studio.notice.textContent();
  assert.match(page502, /502.*HTML page/, "a gateway page is named as such");
  assert.match(page502, /^This task may exist and may have been charged\./, "a 5xx after a create: the task may exist");
  assert.equal(await page.getByTestId("notice-refresh-balance").count(), 1, "with a way to check the balance");

  const failed = await ask(h, "failed-html");
  await eventually(async () => (await failed.getAttribute("data-phase")) === "failed", "the task failed");
  assert.ok((await failed.getByTestId("task-error").textContent()).includes(markup("failed-html")));
  assert.equal(await failed.locator("script, a[href^='javascript'], img[src='x']").count(), 0);

  await studio.chooseModel("google-imagen-3");
  const echoed = await ask(h, "media-echo");
  await studio.waitDone(echoed);
  assert.equal(await echoed.getByTestId("task-prompt").textContent(), "hostile:media-echo a cat", "the typed prompt, not the echo");
  assert.equal(await echoed.getAttribute("data-kind"), "google-imagen-3", "the chosen model, not the echo");
  await echoed.getByTestId("task-image").waitFor({ state: "visible" });

  await ask(h, "media-error");
  assert.ok((await studio.notice.textContent()).includes(markup("media-error")));

  await screenshot(page, "hostile-02-markup", notice);
  await assertNothingRan(h);
});

test("huge strings and malformed JSON end in a readable error", async (t) => {
  const h = await hostileSession(t);
  const { studio, page } = h;

  await ask(h, "malformed-create");
  const unreadable = await studio.notice.textContent();
  assert.match(unreadable, /could not read the server's answer \(HTTP 200\)/);
  assert.match(unreadable, /^This task may exist and may have been charged\./);
  assert.equal(await studio.cards.count(), 0, "no card for an answer that could not be read");

  await ask(h, "huge-error");
  const hugeNotice = await studio.notice.textContent();
  assert.match(hugeNotice, /^The API rejected the request \(400\):/);
  assert.ok(hugeNotice.includes("huge <img src=x onerror="), "the server's message follows, as text");
  assert.ok(hugeNotice.length <= 2000, `the message is cut to a readable length (${hugeNotice.length} chars)`);

  const hugeFailed = await ask(h, "huge-failed");
  await eventually(async () => (await hugeFailed.getAttribute("data-phase")) === "failed", "huge failure shown");
  const reason = await hugeFailed.getByTestId("task-error").textContent();
  assert.ok(reason.includes('<img src=x onerror="window.__pwned'), "the reason is shown, as text");
  assert.ok(reason.length <= 2000, `the failure reason is cut to a readable length (${reason.length} chars)`);

  const hugeUrl = await ask(h, "huge-url");
  await studio.waitDone(hugeUrl);
  assert.equal(await hugeUrl.locator("img").count(), 0, "a URL no browser can load is not rendered");
  assert.equal(await hugeUrl.getByTestId("task-no-image").textContent(), "No image", "a placeholder instead");

  const flaky = await ask(h, "malformed-poll");
  await studio.waitDone(flaky);
  await flaky.getByTestId("task-image").waitFor({ state: "visible" });

  const gone = await ask(h, "html-poll-404");
  await eventually(async () => (await gone.getAttribute("data-phase")) === "failed", "a 404 page fails the task");
  assert.match(await gone.getByTestId("task-error").textContent(), /404.*HTML page/);

  // Still usable: the prompt takes text and the feed scrolls.
  await studio.prompt.fill("still works");
  assert.equal(await studio.prompt.inputValue(), "still works");
  await screenshot(page, "hostile-03-huge");
  await assertNothingRan(h);
});

test("the CSP stops inline script even if markup got into the page", async (t) => {
  const h = await hostileSession(t);
  const { page } = h;
  await ask(h, "error-html"); // a page with server text in it
  await assertNothingRan(h);

  // What an injection bug would do: parse the server's markup as HTML.
  await page.evaluate((html) => {
    const div = document.createElement("div");
    div.innerHTML = html;
    document.body.append(div);
    const script = document.createElement("script");
    script.textContent = "window.__pwned = 'inline'; alert('inline')";
    document.body.append(script);
  }, markup("injected"));
  await eventually(async () => (await h.cspViolations()).length >= 2, "the CSP reported the blocked script and handler");
  await stays(
    async () => h.problems.dialogs.length === 0 && (await page.evaluate(() => window.__pwned)) === undefined,
    "neither ran",
    300,
  );
  const violations = (await h.cspViolations()).join("\n");
  assert.match(violations, /script-src/, "blocked by script-src");
});
