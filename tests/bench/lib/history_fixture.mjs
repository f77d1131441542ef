// A seeded history of studio task records, newest first, in the JSON shape of the studio's
// `TaskRecord` (web/src/model.rs) as it is written to IndexedDB and exported: a mix of
// Midjourney grids (imagine, variation, vary region), upsamples and media tasks, a few failed,
// prompts of realistic lengths (about 40–400 characters), spread over months. The running tasks
// are not generated: the bench creates them on a real emulator and passes their ids in.

const WORDS = (
  "a lighthouse at dawn watercolor misty harbour old fishing boats soft light cinematic " +
  "portrait of an elderly sailor oil painting dramatic shadows neon city rain reflections " +
  "cyberpunk alley ultra detailed octane render mountain lake pine forest golden hour " +
  "isometric cottage cozy interior warm tones studio ghibli style macro photo dew drops " +
  "on a spider web bokeh вид на город ночью акварель кот в шляпе минимализм"
).split(" ");
const FLAGS = ["", "", " --ar 16:9", " --ar 2:3", " --v 6", " --ar 3:2 --stylize 250"];
const GRID_ACTIONS = ["upsample_1", "upsample_2", "upsample_3", "upsample_4", "reroll", "variation_1", "variation_2", "variation_3", "variation_4"];
const UPSAMPLE_ACTIONS = ["high_variation", "low_variation", "inpaint", "upscale_2x", "upscale_4x", "outpaint_50", "outpaint_75", "pan_left", "pan_right", "pan_up", "pan_down"];

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` records, newest first: the `running` ids (real tasks, newest) then generated finished
 * ones, 20–70 minutes apart going back in time from `nowMs`. `imageBase` is an http(s) URL
 * prefix the images point at (each record its own URL).
 */
export function historyFixture({ count, running = [], nowMs, imageBase, seed = 14 }) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const prompt = () => {
    const words = 6 + Math.floor(rnd() * 60);
    return Array.from({ length: words }, () => pick(WORDS)).join(" ") + pick(FLAGS);
  };
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
  const records = [];
  let at = nowMs - 30_000;
  for (const id of running.slice(0, count)) {
    records.push(base({ id, prompt: "a running task " + prompt(), createdAt: (at -= 5_000), kind: "imagine" }));
  }
  const grids = [];
  while (records.length < count) {
    at -= (20 + rnd() * 50) * 60_000;
    const id = hex(24);
    const roll = rnd();
    const rec = base({ id, prompt: prompt(), createdAt: at, kind: "imagine" });
    rec.phase = "done";
    rec.status = "done";
    rec.percent = 100;
    rec.finished_at = at + (40 + rnd() * 60) * 1000;
    rec.image = `${imageBase}?id=${id}`;
    if (roll < 0.35 || grids.length === 0) {
      rec.actions = GRID_ACTIONS;
      rec.cost = 18;
      grids.push(rec);
    } else if (roll < 0.65) {
      const parent = pick(grids);
      const n = 1 + Math.floor(rnd() * 4);
      Object.assign(rec, { kind: "upsample", parent_id: parent.id, prompt: parent.prompt, label: `upsample_${n}`, actions: UPSAMPLE_ACTIONS });
    } else if (roll < 0.75) {
      const parent = pick(grids);
      Object.assign(rec, { kind: "variation", parent_id: parent.id, prompt: parent.prompt, label: "variation_2", actions: GRID_ACTIONS, cost: 18 });
    } else if (roll < 0.82) {
      const parent = pick(grids);
      Object.assign(rec, { kind: "inpaint", parent_id: parent.id, label: "inpaint", actions: GRID_ACTIONS, cost: 18 });
    } else if (roll < 0.96) {
      Object.assign(rec, { engine: { engine: "media", model: "google-imagen-3" }, kind: "media", status: "done", cost: 9.5 });
    } else {
      Object.assign(rec, { phase: "failed", status: "failed", percent: 40, image: null, error: "Midjourney refused the prompt: banned word" });
    }
    records.push(rec);
  }
  return records;
}

/** A record of a running Midjourney task `id`, as the studio writes one when it creates it. */
export const runningRecord = (id, createdAt) => base({ id, prompt: `a running task ${id}`, createdAt, kind: "imagine" });

function base({ id, prompt, createdAt, kind }) {
  return {
    id,
    engine: { engine: "midjourney" },
    kind,
    parent_id: null,
    prompt,
    label: "",
    phase: "running",
    status: "in_progress",
    percent: 0,
    image: null,
    actions: [],
    error: null,
    cost: 0,
    created_at: createdAt,
    finished_at: null,
    stalled_for: null,
  };
}
