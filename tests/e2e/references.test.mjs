// Issue 13: references. A pasted URL becomes an image prompt at the start of the imagine prompt
// (with --iw), a role moves it to --sref; an image dragged from the feed onto the prompt bar is
// added; a gpt-image-1 create carries `images`; only http(s) URLs are taken.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startSession } from "./support/harness.mjs";
import { eventually } from "./pages/expect.mjs";

const REF = "https://images.example/ref/knight.png?w=512&h=512";

async function promptIs(studio, text) {
  let last;
  await eventually(async () => (last = await studio.prompt.inputValue()) === text, `the prompt reads ${JSON.stringify(text)}`, 10_000).catch((e) => {
    throw new Error(`${e.message}, not ${JSON.stringify(last)}`);
  });
}

async function imagineBodies(emulator) {
  return (await emulator.creates()).filter((e) => e.path === "/v1/midjourney/imagine").map((e) => JSON.parse(e.body));
}

test("a pasted URL reaches the imagine body at the start of the prompt, with --iw", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio, emulator } = s;
  await s.openConfigured();
  await studio.prompt.fill("a knight in armor --ar 2:3");
  await page.getByTestId("reference-url").fill(REF);
  await page.getByTestId("reference-add").click();
  await promptIs(studio, `${REF} a knight in armor --ar 2:3`);
  // The list is a wasm chunk fetched with the first reference: it may come after the prompt.
  await eventually(async () => (await page.getByTestId("reference").count()) === 1, "the reference is listed");
  assert.equal(await page.getByTestId("reference-role").inputValue(), "image");
  await page.getByTestId("param-iw").fill("1.5");
  await page.getByTestId("param-iw").press("Tab");
  await promptIs(studio, `${REF} a knight in armor --ar 2:3 --iw 1.5`);

  await studio.prompt.press("Enter");
  await studio.card().waitFor();
  const [body] = await imagineBodies(emulator);
  assert.equal(body.prompt, `${REF} a knight in armor --ar 2:3 --iw 1.5`);
});

test("the style role moves the URL to --sref, and back", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio, emulator } = s;
  await s.openConfigured();
  await studio.prompt.fill("a harbor at dawn --foo 7");
  await page.getByTestId("reference-url").fill(REF);
  await page.getByTestId("reference-url").press("Enter");
  await promptIs(studio, `${REF} a harbor at dawn --foo 7`);
  await page.getByTestId("reference-role").selectOption("sref");
  await promptIs(studio, `a harbor at dawn --foo 7 --sref ${REF}`);
  await page.getByTestId("reference-role").selectOption("cref");
  await promptIs(studio, `a harbor at dawn --foo 7 --cref ${REF}`);
  await page.getByTestId("reference-role").selectOption("sref");
  await promptIs(studio, `a harbor at dawn --foo 7 --sref ${REF}`);

  await studio.prompt.press("Enter");
  await studio.card().waitFor();
  const [body] = await imagineBodies(emulator);
  assert.equal(body.prompt, `a harbor at dawn --foo 7 --sref ${REF}`);
});

test("only http(s) URLs become references", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio } = s;
  await s.openConfigured();
  await studio.prompt.fill("a cat");
  await page.getByTestId("reference-url").fill("javascript:alert(1)");
  await page.getByTestId("reference-add").click();
  await eventually(async () => (await studio.notice.isVisible()) && (await studio.notice.textContent()).includes("Only http:// or https://"), "the refusal is explained");
  assert.equal(await studio.prompt.inputValue(), "a cat");
  assert.equal(await page.getByTestId("reference").count(), 0);
});

test("dragging a finished feed image onto the prompt bar adds it as a reference", async (t) => {
  // Tall enough for the prompt bar and the finished grid to be on screen together.
  const s = await startSession({ viewport: { width: 1280, height: 2400 } });
  t.after(() => s.close(t));
  const { page, studio } = s;
  await s.openConfigured();
  await studio.imagine("a red fox in the snow");
  const card = studio.card();
  await card.waitFor();
  await studio.waitDone(card);
  const image = studio.gridImage(card);

  await studio.prompt.fill("the same fox, in summer");
  // A person presses on the picture (the quadrant buttons lie over it) and drags it up to the
  // prompt box, with the mouse.
  await image.scrollIntoViewIfNeeded();
  const src = await image.getAttribute("src");
  assert.match(src, /^http/);
  const from = await image.boundingBox();
  const to = await page.getByTestId("prompt").boundingBox();
  assert.ok(from && to, "the image and the prompt box are on screen");
  // Playwright carries a drag only if the page's dragstart comes before its next mouse step
  // (it intercepts the drag then); on a loaded machine it can come later and the gesture is
  // lost before reaching the page's drop. So each step waits for the page to draw a frame, and
  // a lost gesture (no drop seen by the page) is made again, at most three times.
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => {
    window.__drops = 0;
    document.addEventListener("drop", () => window.__drops++, true);
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    await frame();
    await page.mouse.move(from.x + from.width / 4, from.y + from.height / 4);
    await page.mouse.down();
    await frame();
    await page.mouse.move(from.x + from.width / 4 + 10, from.y + from.height / 4 + 10);
    await frame();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
    await frame();
    await page.mouse.up();
    if (await eventually(() => page.evaluate(() => window.__drops > 0), "", 2_000).catch(() => false)) break;
  }
  assert.equal(await page.evaluate(() => window.__drops), 1, "one drop reached the page");
  await promptIs(studio, `${src} the same fox, in summer`).catch(async (e) => {
    throw new Error(`${e.message}; the image now: ${await image.getAttribute("src")}`);
  });
});

test("a gpt-image-1 create carries the reference URLs in images", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { page, studio, emulator } = s;
  await s.openConfigured();
  await studio.chooseModel("gpt-image-1-low");
  await page.getByTestId("reference-url").fill(REF);
  await page.getByTestId("reference-add").click();
  await page.getByTestId("reference-url").fill("https://images.example/second.jpg");
  await page.getByTestId("reference-add").click();
  await eventually(async () => (await page.getByTestId("reference").count()) === 2, "two references listed");
  await studio.imagine("the knight, as a watercolor");
  await studio.card().waitFor();
  const [create] = await emulator.creates();
  assert.equal(create.path, "/v1/media/create");
  const body = JSON.parse(create.body);
  assert.equal(body.model, "gpt-image-1-low");
  assert.equal(body.prompt, "the knight, as a watercolor", "the references are not in the prompt");
  assert.deepEqual(body.images, [REF, "https://images.example/second.jpg"]);
});
