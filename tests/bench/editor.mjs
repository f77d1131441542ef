// Benchmark group 4b: one brush event in the studio's real mask editor on a 2048 × 2048
// upsample, from the pointer event to the overlay updated, in headless Chromium against a real
// emulator (the studio built by bench.sh, served like a static host).
//
// Usage: node tests/bench/editor.mjs --studio <dist> --out <json> [--reps 3]
import { parseArgs, writeJson } from "./lib/files.mjs";
import { median, percentile, round } from "./lib/stats.mjs";

const args = parseArgs(process.argv.slice(2));
if (!args.studio || !args.out) throw new Error("usage: editor.mjs --studio <dist> --out <json> [--reps 3]");
process.env.STUDIO_DIST = args.studio;
const reps = Math.max(1, Number(args.reps ?? 3));
const { startSession } = await import("../e2e/support/harness.mjs");
const { eventually } = await import("../e2e/pages/expect.mjs");
const { MaskEditorPage } = await import("../e2e/pages/mask_editor.mjs");

/** One fresh studio session: imagine, upsample image 1, open the editor, time 396 brush events. */
async function measureOnce() {
  const s = await startSession({ emulatorArgs: ["--image-size", "2048", "--progress", "ladder"] });
  try {
    const { studio, page } = s;
    await s.openConfigured();
    await studio.imagine("a lighthouse at dawn, watercolor");
    const grid = studio.card();
    await grid.waitFor();
    await studio.waitDone(grid);
    await grid.getByTestId("action-U1").click();
    await eventually(async () => (await studio.cards.count()) === 2, "an upsample card appears");
    const card = studio.card(await studio.card().getAttribute("data-task-id"));
    await studio.waitDone(card);
    const editor = new MaskEditorPage(page);
    await editor.openOn(card, 60_000);
    const [width, height] = (await editor.sizes()).mask;
    if (width !== 2048 || height !== 2048) throw new Error(`the mask is ${width}x${height}, not 2048x2048`);
    await page.keyboard.press("0");
    // dispatchEvent runs the handler synchronously (map to mask pixels, one model call,
    // putImageData of the changed rect), so the time around it is event → overlay updated.
    const times = await page.evaluate(() => {
      const stage = document.querySelector("[data-testid=mask-stage]");
      const box = document.querySelector("[data-testid=mask-canvas]").getBoundingClientRect();
      const event = (type, i) =>
        new PointerEvent(type, {
          bubbles: true,
          cancelable: true,
          pointerId: 41,
          pointerType: "mouse",
          isPrimary: true,
          button: type === "pointermove" ? -1 : 0,
          buttons: type === "pointerup" ? 0 : 1,
          clientX: box.left + box.width * (0.1 + 0.8 * ((i % 100) / 100)),
          clientY: box.top + box.height * (0.2 + (0.6 * Math.floor(i / 100)) / 4) + 6 * Math.sin(i / 5),
        });
      const out = [];
      for (let stroke = 0; stroke < 4; stroke++) {
        stage.dispatchEvent(event("pointerdown", stroke * 100));
        for (let i = stroke * 100 + 1; i < stroke * 100 + 100; i++) {
          const t0 = performance.now();
          stage.dispatchEvent(event("pointermove", i));
          out.push(performance.now() - t0);
        }
        stage.dispatchEvent(event("pointerup", stroke * 100 + 99));
      }
      return out;
    });
    const [painted] = await editor.overlayAt([[1024, 410]]);
    if (!painted) throw new Error("the brush events painted nothing: the measurement is void");
    if (s.problems.pageErrors.length) throw new Error(`page errors: ${s.problems.pageErrors.join("; ")}`);
    return { times, brush: Number(await editor.brushSize.inputValue()) };
  } finally {
    await s.close();
  }
}

const runs = [];
for (let i = 0; i < reps; i++) runs.push(await measureOnce());
const all = runs.flatMap((r) => r.times);
const result = {
  size: "2048x2048",
  repetitions: reps,
  events_per_repetition: runs[0].times.length,
  brush_px: runs[0].brush,
  median_ms: round(median(all), 3),
  p90_ms: round(percentile(all, 90), 3),
  max_ms: round(Math.max(...all), 3),
  timer_step_ms: 0.1,
};
writeJson(args.out, result);
console.log(
  `studio mask editor, 2048x2048, ${reps} × ${result.events_per_repetition} brush events: ` +
    `median ${result.median_ms} ms, p90 ${result.p90_ms} ms, max ${result.max_ms} ms`,
);
