// The checks every environment's flow result must pass (see shared/flow.js).
import assert from "node:assert/strict";

export function assertFlowSucceeded(result) {
  assert.equal(result.error, undefined, `the flow failed: ${JSON.stringify(result.error)}`);

  const { grid, gridDone, percents, upsample, upsampleDone, refused } = result;
  assert.match(grid.id, /^[0-9a-f]{24}$/, "imagine resolves with the created task");
  assert.equal(grid.type, "imagine");
  assert.equal(grid.parentId, null);
  assert.ok(grid.prototype, "tasks are plain objects");

  assert.equal(gridDone.id, grid.id);
  assert.equal(gridDone.status, "done");
  assert.equal(gridDone.percent, 100);
  assert.ok(gridDone.actions.length > 0, "a done grid lists its actions");
  assert.ok(percents.length > 0, "onProgress was called");
  assert.equal(percents.at(-1), 100, "the last progress report is the finished task");

  assert.equal(upsample.type, "upsample");
  assert.equal(upsample.parentId, grid.id);
  assert.equal(upsampleDone.id, upsample.id);
  assert.equal(upsampleDone.status, "done");
  assert.equal(typeof upsampleDone.result, "string");

  assert.deepEqual(
    { isGptunnelError: refused?.isGptunnelError, isError: refused?.isError, name: refused?.name, kind: refused?.kind, hasStack: refused?.hasStack },
    { isGptunnelError: true, isError: true, name: "GptunnelError", kind: "invalid_input", hasStack: true },
    `image 5 is refused with a GptunnelError: ${JSON.stringify(refused)}`,
  );
  assert.match(refused.message, /image/, "the message names the field");

  assertMaskFlowSucceeded(result.mask, upsampleDone.id);
}

/** The `gptunnel/mask` part: a mask painted in its own wasm, sent by the client's inpaint. */
function assertMaskFlowSucceeded(mask, upsampledId) {
  assert.ok(mask, "the flow painted a mask with gptunnel/mask");
  assert.ok(mask.width > 0 && mask.height > 0);
  assert.equal(mask.strokeChanged, true, "a stroke reports the rectangle it changed");
  assert.ok(mask.white > 0, "the stroke painted white pixels");
  assert.deepEqual(mask.pngSignature, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "toPng is a PNG file");
  assert.equal(mask.sameErrorClass, true, "both entries export the same GptunnelError class");
  assert.deepEqual(
    { isGptunnelError: mask.wrongSize?.isGptunnelError, kind: mask.wrongSize?.kind, param: mask.wrongSize?.param },
    { isGptunnelError: true, kind: "invalid_input", param: "mask" },
    `a mask of the wrong size is refused: ${JSON.stringify(mask.wrongSize)}`,
  );
  assert.deepEqual(mask.inpaints, [
    { type: "inpaint", parentId: upsampledId },
    { type: "inpaint", parentId: upsampledId },
  ], "inpaint takes the mask as base64 and as bytes");
}
