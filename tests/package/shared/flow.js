// The flow every environment runs: imagine → wait → upsample → wait, plus one refused input.
// Plain JavaScript with no imports: the caller hands in the package's exports, so the very
// same file runs in Node, in a Vite bundle, in a module worker and in a plain page.

/** Runs the flow against `baseUrl` and returns a JSON-friendly summary for the test to check. */
export async function imagineThenUpsample({ Client, GptunnelError }, baseUrl) {
  const client = new Client({ apiKey: "package-test-key", baseUrl });

  const grid = await client.imagine({ prompt: "a lighthouse at dawn, watercolour --ar 3:2" });
  const percents = [];
  const gridDone = await client.wait(grid.id, {
    onProgress: (task) => percents.push(task.percent),
    timeoutMs: 60_000,
  });

  const upsample = await client.upsample({ taskId: gridDone.id, image: 1 });
  const upsampleDone = await client.wait(upsample, { timeoutMs: 60_000 });

  let refused = null;
  try {
    await client.upsample({ taskId: gridDone.id, image: 5 });
  } catch (error) {
    refused = describeError(error, GptunnelError);
  }

  return {
    grid: summary(grid),
    gridDone: summary(gridDone),
    percents,
    upsample: summary(upsample),
    upsampleDone: summary(upsampleDone),
    refused,
  };
}

/** What a test needs to know about a thrown value, in a form that crosses postMessage. */
export function describeError(error, GptunnelError) {
  return {
    isGptunnelError: error instanceof GptunnelError,
    isError: error instanceof Error,
    name: error?.name,
    kind: error?.kind,
    message: error?.message ?? String(error),
    status: error?.status,
    param: error?.param,
    hasStack: typeof error?.stack === "string" && error.stack.length > 0,
  };
}

function summary(task) {
  const { id, parentId, type, status, percent, actions, result } = task;
  return { id, parentId, type, status, percent, actions, result, prototype: Object.getPrototypeOf(task) === Object.prototype };
}
