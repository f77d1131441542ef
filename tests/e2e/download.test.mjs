// Issue 13: Download saves the image itself under a meaningful name (prompt slug + task id +
// extension from its Content-Type); when the image's server refuses the fetch (no CORS), the
// studio opens it in a new tab and says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSession } from "./support/harness.mjs";

const PNG = [0x89, 0x50, 0x4e, 0x47];

async function finishedImage(s, prompt) {
  const { studio } = s;
  await s.openConfigured();
  await studio.imagine(prompt);
  const card = studio.card();
  await studio.waitDone(card);
  const id = await card.getAttribute("data-task-id");
  await card.getByTestId("task-open").click();
  await s.page.getByTestId("viewer-image").waitFor();
  return id;
}

test("Download saves the image as <prompt-slug>-<task id>.png", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const id = await finishedImage(s, "A Cat in a Spacesuit, floating --ar 16:9");

  const [download] = await Promise.all([
    s.page.waitForEvent("download"),
    s.page.getByTestId("viewer-download").click(),
  ]);
  assert.equal(download.suggestedFilename(), `a-cat-in-a-spacesuit-floating-${id}.png`);
  const dir = await mkdtemp(join(tmpdir(), "studio-download-"));
  const saved = join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  const bytes = await readFile(saved);
  assert.deepEqual([...bytes.subarray(0, 4)], PNG, "the file is the PNG itself, not a page");
  assert.equal(await s.page.getByTestId("viewer-download-note").count(), 0);
});

/** A front for the emulator's images that answers without any CORS header. */
async function imagesWithoutCors() {
  let upstream = "";
  const server = createServer(async (req, res) => {
    const answer = await fetch(upstream + req.url);
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    setUpstream: (url) => (upstream = url),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

test("an image server without CORS: the image opens in a new tab and the studio says so", async (t) => {
  const front = await imagesWithoutCors();
  t.after(() => front.close());
  // Result URLs point at the front; the API itself still answers with CORS.
  const s = await startSession({ emulatorArgs: ["--public-url", front.url] });
  t.after(() => s.close(t));
  front.setUpstream(s.emulator.url);
  const id = await finishedImage(s, "кот в сапогах");

  let downloaded = false;
  s.page.on("download", () => (downloaded = true));
  const [tab] = await Promise.all([
    s.context.waitForEvent("page"),
    s.page.getByTestId("viewer-download").click(),
  ]);
  await tab.waitForLoadState();
  assert.ok(tab.url().startsWith(`${front.url}/task/image/${id}`), `the tab shows the image: ${tab.url()}`);
  const note = s.page.getByTestId("viewer-download-note");
  await note.waitFor();
  assert.match(await note.textContent(), /new tab/);
  assert.equal(downloaded, false, "no file was saved");
});
