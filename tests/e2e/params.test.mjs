// Issue 13: the Midjourney parameter panel is two-way with the prompt text. Typing flags moves
// the controls; moving the controls rewrites only their flags; unknown flags stay as typed; the
// imagine body the emulator received carries exactly the text shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { screenshot, DESKTOP, PHONE } from "./support/browser.mjs";
import { eventually } from "./pages/expect.mjs";

/** Waits until the prompt box shows exactly `text`. */
async function promptIs(studio, text) {
  let last;
  await eventually(async () => (last = await studio.prompt.inputValue()) === text, `the prompt reads ${JSON.stringify(text)}`, 10_000).catch((e) => {
    throw new Error(`${e.message}, not ${JSON.stringify(last)}`);
  });
}

test("typing flags moves the panel's controls", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio } = s;
  await s.openConfigured();
  await studio.openParams();

  await studio.prompt.fill("a lighthouse at dusk --s 250 —chaos 40 --v 6.1 --style raw --tile --no boats, birds --seed 42 --foo 7 --ar 21:9");
  const control = (id) => page.getByTestId(id);
  await eventually(async () => (await control("param-s-slider").inputValue()) === "250", "the stylize slider moved to 250");
  assert.equal(await control("param-s").inputValue(), "250");
  assert.equal(await control("param-c").inputValue(), "40", "an em dash counts as --");
  assert.equal(await control("param-c-slider").inputValue(), "40");
  assert.equal(await control("param-w").inputValue(), "", "weird is not set");
  assert.equal(await control("param-w-slider").inputValue(), "0", "so its slider rests at Midjourney's default");
  assert.equal(await control("param-version").inputValue(), "6.1");
  assert.equal(await control("param-ar").inputValue(), "21:9", "a ratio not in the list is shown as typed");
  assert.equal(await control("param-no").inputValue(), "boats, birds");
  assert.equal(await control("param-seed").inputValue(), "42");
  assert.ok(await control("param-raw").isChecked());
  assert.ok(await control("param-tile").isChecked());

  await studio.prompt.fill("a lighthouse at dusk --stylize 700 --niji 6");
  await eventually(async () => (await control("param-s-slider").inputValue()) === "700", "the slider follows a new value");
  assert.equal(await control("param-version").inputValue(), "niji 6");
  assert.equal(await control("param-raw").isChecked(), false);

  await studio.prompt.fill("a lighthouse --s 1001");
  await eventually(async () => (await control("param-problem").textContent()).includes("--s 1001 (0–1000)"), "an out-of-range value is pointed out");
});

test("moving the controls rewrites their flags, keeps unknown ones, and the imagine body carries them", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio, emulator } = s;
  await s.openConfigured();
  await studio.prompt.fill("a lighthouse --foo 7 --s 250");
  await studio.openParams();
  const control = (id) => page.getByTestId(id);

  // The keyboard moves a slider (End: its maximum).
  await control("param-s-slider").focus();
  await page.keyboard.press("End");
  await promptIs(studio, "a lighthouse --foo 7 --s 1000");
  await control("param-c").fill("30");
  await promptIs(studio, "a lighthouse --foo 7 --s 1000 --c 30");
  await control("param-version").selectOption("6.1");
  await control("param-raw").check();
  await control("param-w").fill("250");
  await control("param-q").selectOption("2");
  await control("param-seed").fill("1234");
  await control("param-seed").press("Tab");
  await control("param-no").fill("text, watermark");
  await control("param-no").press("Tab");
  const expected = "a lighthouse --foo 7 --s 1000 --c 30 --v 6.1 --style raw --w 250 --q 2 --seed 1234 --no text, watermark";
  await promptIs(studio, expected);
  await screenshot(page, "params-desktop-en", control("params"));

  // Clearing a field removes its flag and nothing else.
  await control("param-c").fill("");
  await promptIs(studio, "a lighthouse --foo 7 --s 1000 --v 6.1 --style raw --w 250 --q 2 --seed 1234 --no text, watermark");
  await control("param-c").fill("30");

  await studio.prompt.press("Enter");
  await studio.card().waitFor();
  const [create] = await emulator.creates();
  assert.equal(create.path, "/v1/midjourney/imagine");
  assert.equal(JSON.parse(create.body).prompt, "a lighthouse --foo 7 --s 1000 --v 6.1 --style raw --w 250 --q 2 --seed 1234 --no text, watermark --c 30");
});

for (const [locale, viewport, name, summary] of [
  ["en-US", PHONE, "params-phone-en", "Parameters"],
  ["ru-RU", DESKTOP, "params-desktop-ru", "Параметры"],
  ["ru-RU", PHONE, "params-phone-ru", "Параметры"],
]) {
  test(`the parameter panel is labelled in the interface language (${name})`, async (t) => {
    const s = await startSession({ locale, viewport });
    t.after(() => s.close(t));
    const { page, studio } = s;
    await s.openConfigured();
    assert.equal(await page.getByTestId("params").locator("summary").textContent(), summary);
    await studio.prompt.fill("кот в космосе, акварель --ar 3:4 --s 400 --chaos 20 --no люди --style raw");
    await studio.openParams();
    await eventually(async () => (await page.getByTestId("param-s").inputValue()) === "400", "the panel shows the typed flags");
    await screenshot(page, name, page.getByTestId("params"));
  });
}
