// Links and the Back button (issue 13): hash routes under a sub-path; a deep link to a task
// opens it after a reload even when it is older than the feed's first page; Back closes the
// viewer, the editor, the settings and the gallery without leaving the studio.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

const PREFIX = "/deep/sub/";

/** The page's path and hash, as the address bar shows them. */
function where(page) {
  const url = new URL(page.url());
  return { path: url.pathname, hash: url.hash };
}

/** Waits until the hash is one of `hashes` (the path must stay the sub-path throughout). */
async function waitHash(page, hashes, message) {
  await eventually(() => hashes.includes(where(page).hash), `${message}: at ${page.url()}`);
  assert.equal(where(page).path, PREFIX, "the sub-path is kept");
}

const FEED = ["", "#/"];

test("a deep link to an old task opens its viewer after a reload, and Back closes it inside the studio", async (t) => {
  const s = await startSession({ prefix: PREFIX });
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  await waitHash(page, FEED, "closing the settings went back to the feed");

  await studio.imagine("a lighthouse at dawn");
  const card = studio.card();
  await studio.waitDone(card);
  const id = await card.getAttribute("data-task-id");

  // Opening the viewer gives it a URL; closing it by its button goes back.
  await card.getByTestId("task-open").click();
  await page.getByTestId("viewer").waitFor({ state: "visible" });
  await waitHash(page, [`#/task/${id}`], "the viewer has a URL");
  await page.getByTestId("viewer-close").click();
  await page.getByTestId("viewer").waitFor({ state: "hidden" });
  await waitHash(page, FEED, "closing the viewer went back");

  // 30 newer tasks push this one out of the feed's first page (24) after a reload.
  const exported = JSON.parse(await readFile(await studio.exportHistory(), "utf8"));
  const original = exported.tasks.find((r) => r.id === id);
  exported.tasks = Array.from({ length: 30 }, (_, i) => ({
    ...original,
    id: `newer-${i}`,
    prompt: `newer task ${i}`,
    created_at: original.created_at + 1000 * (i + 1),
  }));
  const file = join(tmpdir(), `navigation-${process.pid}.json`);
  await writeFile(file, JSON.stringify(exported));
  assert.equal(await studio.importHistory(file), 30);

  await page.goto(`${s.site.url}#/task/${id}`);
  await page.reload();
  await page.getByTestId("viewer").waitFor({ state: "visible" });
  assert.equal(await page.getByTestId("viewer-prompt").textContent(), "a lighthouse at dawn");
  assert.equal(where(page).path, PREFIX);
  // It is the 31st newest: the feed's first page (24) does not hold it, history does.
  assert.equal(await page.getByTestId("viewer-image").count(), 1, "its image is shown");

  await page.goBack();
  await page.getByTestId("viewer").waitFor({ state: "hidden" });
  await waitHash(page, FEED, "Back closed the viewer");
  assert.ok(await studio.prompt.isVisible(), "still in the studio");
  assert.deepEqual(s.problems.pageErrors, []);
});

test("the gallery, the settings and the mask editor each have a URL, and Back closes each", async (t) => {
  const s = await startSession({ prefix: PREFIX });
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  await studio.imagine("a red door");
  const grid = studio.card();
  await studio.waitDone(grid);
  await grid.getByTestId("action-U1").click();
  await eventually(async () => (await studio.cards.count()) === 2, "an upsample card appears");
  const upsample = studio.card();
  await studio.waitDone(upsample);
  const upsampleId = await upsample.getAttribute("data-task-id");

  await page.getByTestId("gallery-toggle").click();
  await page.getByTestId("gallery").waitFor();
  await waitHash(page, ["#/gallery"], "the gallery has a URL");
  await page.goBack();
  await page.getByTestId("gallery").waitFor({ state: "detached" });
  await waitHash(page, FEED, "Back closed the gallery");

  await page.getByTestId("settings-toggle").click();
  await page.getByTestId("settings-panel").waitFor();
  await waitHash(page, ["#/settings"], "the settings have a URL");
  await page.goBack();
  await page.getByTestId("settings-panel").waitFor({ state: "detached" });
  await waitHash(page, FEED, "Back closed the settings");

  await upsample.getByTestId("action-inpaint").click();
  await page.getByTestId("mask-editor").waitFor({ state: "visible" });
  await waitHash(page, [`#/task/${upsampleId}/edit`], "the editor has a URL");
  await page.reload();
  await page.getByTestId("mask-editor").waitFor({ state: "visible" });
  await page.goBack();
  await page.getByTestId("mask-editor").waitFor({ state: "hidden" });
  await waitHash(page, FEED, "Back closed the editor");

  // A link typed or followed to the gallery opens it.
  await page.goto(`${s.site.url}#/gallery`);
  await page.getByTestId("gallery").waitFor();
  assert.equal(await page.getByTestId("gallery-toggle").getAttribute("aria-pressed"), "true");
  assert.deepEqual(s.problems.pageErrors, []);
});

test("a link to a task this browser does not know says so and shows the feed", async (t) => {
  const s = await startSession({ prefix: PREFIX });
  t.after(() => s.close(t));
  const { studio, page } = s;
  await s.openConfigured();
  // A fresh load of the link (from another page), not a hash change in this one.
  await page.goto("about:blank");
  await page.goto(`${s.site.url}#/task/no-such-task`);
  await eventually(async () => /no-such-task/.test((await studio.notice.textContent().catch(() => "")) ?? ""), "the missing task is named");
  await waitHash(page, FEED, "the dead link is replaced by the feed");
  assert.equal(await page.getByTestId("viewer").isVisible(), false);
});
