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
}
