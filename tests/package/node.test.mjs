// The package in Node ≥ 20, as a plain ESM script would use it: `import … from "gptunnel"`,
// init from the wasm bytes, then real calls against a real emulator process.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import init, * as gptunnel from "gptunnel";
import { Client, GptunnelError } from "gptunnel";
import initMask, * as gptunnelMask from "gptunnel/mask";
import { Mask } from "gptunnel/mask";

import { startEmulator } from "../support/emulator.mjs";
import { assertFlowSucceeded } from "./support/expect-flow.mjs";
import { imagineThenUpsample } from "./shared/flow.js";

let emulator;

before(async () => {
  const wasm = await readFile(new URL(import.meta.resolve("gptunnel/gptunnel_bg.wasm")));
  await init({ module_or_path: wasm });
  const maskWasm = await readFile(new URL(import.meta.resolve("gptunnel/gptunnel_mask_bg.wasm")));
  await initMask({ module_or_path: maskWasm });
  emulator = await startEmulator();
});

after(() => emulator?.stop());

/** Asserts that `promise` rejects with a GptunnelError of `kind` and returns the error. */
async function rejection(promise, kind) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GptunnelError, `not a GptunnelError: ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, "GptunnelError");
    assert.equal(typeof error.stack, "string");
    assert.equal(error.kind, kind, `${error.kind}: ${error.message}`);
    assert.equal(typeof error.outcomeUnknown, "boolean", "outcomeUnknown is always present");
    return error;
  }
  assert.fail(`expected a rejection with kind ${kind}, but it resolved`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("imagine, wait, upsample and wait run against the emulator", async () => {
  assertFlowSucceeded(await imagineThenUpsample(gptunnel, emulator.url, gptunnelMask));
});

test("a wrong key rejects with kind unauthorized and the HTTP status", async () => {
  const guarded = await startEmulator(["--key", "the-right-key"]);
  try {
    const client = new Client({ apiKey: "a-wrong-key", baseUrl: guarded.url });
    const error = await rejection(client.imagine({ prompt: "a cat" }), "unauthorized");
    assert.equal(error.status, 401);
    assert.equal(error.type, "unauthorized_request_error");
    assert.equal(error.outcomeUnknown, false, "a refusal made nothing");

    const right = new Client({ apiKey: "the-right-key", baseUrl: guarded.url });
    assert.equal(typeof (await right.balance()).balance, "number");
  } finally {
    await guarded.stop();
  }
});

describe("creates that fail", () => {
  /** The POSTs to `path` the emulator received. */
  const posts = async (faulty, path) =>
    (await faulty.journal()).filter((entry) => entry.method === "POST" && entry.path === path).length;

  test("a create whose connection drops is sent once and rejects with outcomeUnknown", async () => {
    const faulty = await startEmulator(["--create-drop", "1"]);
    try {
      const client = new Client({ apiKey: "k", baseUrl: faulty.url });
      const error = await rejection(client.imagine({ prompt: "a dropped lighthouse" }), "network");
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.message, /may still have been created and charged/);
      assert.equal(await posts(faulty, "/v1/midjourney/imagine"), 1, "never sent again");
    } finally {
      await faulty.stop();
    }
  });

  test("a create refused with 429 every time is sent three times, then rejects rate_limited", async () => {
    const faulty = await startEmulator(["--create-429", "1", "--retry-after-seconds", "0"]);
    try {
      const client = new Client({ apiKey: "k", baseUrl: faulty.url });
      const error = await rejection(client.imagine({ prompt: "a busy lighthouse" }), "rate_limited");
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterMs, 0);
      assert.equal(error.outcomeUnknown, false, "a 429 processed nothing");
      assert.equal(await posts(faulty, "/v1/midjourney/imagine"), 3);
    } finally {
      await faulty.stop();
    }
  });
});

describe("cancellation", () => {
  test("aborting the signal rejects the wait with kind aborted, at once", async () => {
    const client = new Client({ apiKey: "k", baseUrl: emulator.url });
    const task = await client.imagine({ prompt: "a slow sunset" });
    const controller = new AbortController();
    const waiting = client.wait(task.id, { signal: controller.signal });
    await sleep(50);
    const abortedAt = performance.now();
    controller.abort();
    await rejection(waiting, "aborted");
    assert.ok(performance.now() - abortedAt < 200, "the wait stopped at once");
  });

  test("an already aborted signal rejects without polling", async () => {
    const client = new Client({ apiKey: "k", baseUrl: emulator.url });
    const task = await client.imagine({ prompt: "a sunset that never gets watched" });
    await rejection(client.wait(task, { signal: AbortSignal.abort() }), "aborted");
    await rejection(client.run("imagine", { prompt: "never sent" }, { signal: AbortSignal.abort() }), "aborted");
    const sent = (await emulator.journal()).filter((entry) => JSON.stringify(entry).includes("never sent"));
    assert.deepEqual(sent, [], "an aborted run sends no create");
  });
});

test("bad arguments reject with kind invalid_input naming the field", async () => {
  const client = new Client({ apiKey: "k", baseUrl: emulator.url });
  const taskId = (await client.imagine({ prompt: "a field guide" })).id;
  const cases = [
    [() => client.imagine({}), "prompt"],
    [() => client.imagine({ prompt: 42 }), "prompt"],
    [() => client.imagine(), "prompt"],
    [() => client.upsample({ taskId, image: "2" }), "image"],
    [() => client.upsample({ taskId, image: 5 }), "image"],
    [() => client.upsample({ image: 1 }), "taskId"],
    [() => client.upsample({ taskId: "nope", image: 1 }), "taskId"],
    [() => client.variation({ taskId }), "image"],
    [() => client.variation({ taskId, mode: "medium" }), "mode"],
    [() => client.outpaint({ taskId, zoom: 60 }), "zoom"],
    [() => client.pan({ taskId, direction: "diagonal" }), "direction"],
    [() => client.upscale({ taskId, type: "3x" }), "type"],
    [() => client.inpaint({ taskId, mask: 7 }), "mask"],
    [() => client.action(taskId, 3), "action"],
    [() => client.run("dance", { taskId }), "kind"],
    [() => client.wait(12), "taskId"],
    [() => client.wait(taskId, { timeoutMs: "soon" }), "timeoutMs"],
    [() => client.wait(taskId, { onProgress: "yes" }), "onProgress"],
    [() => client.mediaCreate({ prompt: "x" }), "model"],
  ];
  for (const [call, field] of cases) {
    const error = await rejection(call(), "invalid_input");
    assert.match(error.message, new RegExp(field), `${call}: ${error.message}`);
    assert.equal(error.param, field, `${call}: param`);
  }
  assert.throws(() => new Client({}), (error) => error instanceof GptunnelError && error.kind === "invalid_input" && /apiKey/.test(error.message));
  assert.throws(() => new Client(), (error) => error instanceof GptunnelError && error.kind === "invalid_input");
});

describe("waiting", () => {
  test("timeoutMs gives up with kind timeout", async () => {
    const client = new Client({ apiKey: "k", baseUrl: emulator.url });
    const task = await client.imagine({ prompt: "an impatient sunrise" });
    await rejection(client.wait(task, { timeoutMs: 0 }), "timeout");
  });

  test("stallMs reports a stall through onProgress and keeps waiting", async () => {
    const client = new Client({ apiKey: "k", baseUrl: emulator.url });
    const task = await client.imagine({ prompt: "a patient sunrise" });
    const infos = [];
    const done = await client.wait(task, { stallMs: 0, onProgress: (_task, info) => infos.push(info) });
    assert.equal(done.status, "done");
    const stall = infos.find((info) => info.stalled);
    assert.ok(stall, JSON.stringify(infos));
    assert.equal(typeof stall.stalledForMs, "number");
    assert.deepEqual(infos.at(-1), { stalled: false });
  });

  test("an exception thrown by onProgress rejects the wait with that very exception", async () => {
    const client = new Client({ apiKey: "k", baseUrl: emulator.url });
    const task = await client.imagine({ prompt: "a clumsy observer" });
    const oops = new RangeError("the progress bar broke");
    await assert.rejects(client.wait(task, { onProgress: () => { throw oops; } }), (error) => error === oops);
  });

  test("a run whose wait fails names the task it created", async () => {
    const client = new Client({ apiKey: "k", baseUrl: emulator.url });
    const controller = new AbortController();
    const error = await rejection(
      client.run("imagine", { prompt: "started, then abandoned" }, { signal: controller.signal, onProgress: () => controller.abort() }),
      "aborted",
    );
    assert.match(error.taskId, /^[0-9a-f]{24}$/);
  });
});

test("run creates once and waits: the journal shows exactly one imagine", async () => {
  const client = new Client({ apiKey: "k", baseUrl: emulator.url });
  const prompt = `one run, one imagine ${Date.now()}`;
  const seen = [];
  const done = await client.run("imagine", { prompt }, { onProgress: (task) => seen.push(task.status) });
  assert.equal(done.status, "done");
  assert.equal(seen.at(-1), "done");

  const imagines = (await emulator.journal()).filter(
    (entry) => /\/v1\/midjourney\/imagine$/.test(entry.path ?? entry.uri ?? entry.url ?? "") && JSON.stringify(entry).includes(prompt),
  );
  assert.equal(imagines.length, 1, JSON.stringify(imagines));
});

test("run follows an action of a done task: upsample then pan", async () => {
  const client = new Client({ apiKey: "k", baseUrl: emulator.url });
  const grid = await client.run("imagine", { prompt: "a harbour" });
  const upsampled = await client.run("upsample", { taskId: grid.id, image: 2 });
  assert.equal(upsampled.parentId, grid.id);
  const panned = await client.run("pan", { taskId: upsampled.id, direction: "left" });
  assert.equal(panned.type, "pan");
  const rawPan = await client.raw("pan", { taskId: upsampled.id, direction: "right" });
  assert.equal(rawPan.parentId, upsampled.id);
  await rejection(client.raw("../balance", {}), "invalid_input");
  const byAction = await client.action(grid.id, grid.actions.find((action) => /^upsa?mp?le_3$/.test(action)));
  assert.equal(byAction.parentId, grid.id);
});

test("the mask is its own entry: gptunnel exports no Mask, gptunnel/mask only Mask and the shared error class", async () => {
  assert.equal("Mask" in gptunnel, false, "the client entry carries no PNG codec");
  assert.deepEqual(Object.keys(gptunnelMask).sort(), ["GptunnelError", "Mask", "default", "initSync"]);
  assert.equal(gptunnelMask.GptunnelError, GptunnelError, "one GptunnelError class for both entries");
  const manifest = JSON.parse(await readFile(new URL(import.meta.resolve("gptunnel/package.json")), "utf8"));
  assert.deepEqual(manifest.exports["./mask"], {
    types: "./gptunnel_mask.d.ts",
    import: "./gptunnel_mask.js",
    default: "./gptunnel_mask.js",
  });
  assert.throws(
    () => new Mask(0, 10),
    (error) => error instanceof GptunnelError && error.kind === "invalid_input" && error.param === "mask",
  );
});

test("Mask paints a mask that inpaint accepts, as base64 or as bytes", async () => {
  const client = new Client({ apiKey: "k", baseUrl: emulator.url });
  const grid = await client.run("imagine", { prompt: "a quiet bay" });
  const upsampled = await client.run("upsample", { taskId: grid.id, image: 1 });
  const png = new Uint8Array(await (await fetch(upsampled.result)).arrayBuffer());
  const view = new DataView(png.buffer);
  const [width, height] = [view.getUint32(16), view.getUint32(20)];

  const mask = new Mask(width, height);
  assert.equal(mask.stroke([10, 10, width / 2, height / 2], 12).x >= 0, true);
  assert.ok(mask.rect(0, 0, 32, 32));
  assert.ok(mask.canUndo);
  assert.ok(mask.undo());
  assert.ok(mask.countWhite() > 0);
  const base64 = mask.toBase64Png();
  Mask.validate(base64, width, height);
  assert.throws(
    () => Mask.validate(base64, width + 1, height),
    (error) => error instanceof GptunnelError && error.kind === "invalid_input" && error.param === "mask",
  );

  const byText = await client.inpaint({ taskId: upsampled.id, mask: base64, prompt: "a red boat" });
  assert.equal(byText.type, "inpaint");
  const byBytes = await client.inpaint({ taskId: upsampled.id, mask: mask.toPng() });
  assert.equal(byBytes.parentId, upsampled.id);
  mask.free();
});

test("balance resolves with a plain object with the wire names", async () => {
  const balance = await new Client({ apiKey: "k", baseUrl: emulator.url }).balance();
  assert.equal(Object.getPrototypeOf(balance), Object.prototype);
  assert.equal(typeof balance.balance, "number");
  assert.equal(typeof balance.creditLimit, "number");
  assert.equal(typeof balance.orgId, "string");
});

test("mediaCreate, mediaResult and mediaWait follow a media task to its url", async () => {
  const client = new Client({ apiKey: "k", baseUrl: emulator.url });
  const created = await client.mediaCreate({ model: "google-imagen-3", prompt: "a red kite", ar: "16:9" });
  assert.match(created.id, /^[0-9a-f]{24}$/);
  assert.equal((await client.mediaResult(created.id)).id, created.id);
  const statuses = [];
  const done = await client.mediaWait(created, { onProgress: (task) => statuses.push(task.status) });
  assert.equal(done.status, "done");
  assert.equal(typeof done.url, "string");
  assert.ok(statuses.length > 0);
});
