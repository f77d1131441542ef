// A media model (not Midjourney): the model and the chosen aspect ratio reach the API, and the
// image appears when the task is done.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { screenshot } from "./support/browser.mjs";

test("a google-imagen-3 image is created with the chosen aspect ratio (dark theme)", async (t) => {
  const s = await startSession({ colorScheme: "dark" });
  t.after(() => s.close(t));
  const { studio, emulator } = s;
  await s.openConfigured();

  await studio.chooseModel("google-imagen-3", "9:21");
  await studio.imagine("a tall glass tower");
  const card = studio.card();
  await card.waitFor();
  assert.equal(await card.getAttribute("data-kind"), "google-imagen-3");
  await studio.waitDone(card);
  await card.getByTestId("task-image").waitFor({ state: "visible" });
  await screenshot(s.page, "desktop-07-media-dark");

  const [create] = await emulator.creates();
  assert.equal(create.path, "/v1/media/create");
  const body = JSON.parse(create.body);
  assert.equal(body.model, "google-imagen-3");
  assert.equal(body.ar, "9:21");
});
