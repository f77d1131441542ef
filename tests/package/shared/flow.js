// The flow every environment runs: imagine → wait → upsample → wait, plus one refused input,
// then a mask painted with the entry `gptunnel/mask` and sent by the client's inpaint.
// Plain JavaScript with no imports: the caller hands in both entries' exports, so the very
// same file runs in Node, in a Vite bundle, in a module worker and in a plain page.

/**
 * Runs the flow against `baseUrl` and returns a JSON-friendly summary for the test to check.
 * `maskEntry` is what `gptunnel/mask` exports, initialised.
 */
export async function imagineThenUpsample({ Client, GptunnelError }, baseUrl, maskEntry) {
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
    mask: await paintAndInpaint(client, GptunnelError, maskEntry, upsampleDone),
  };
}

/** Paints a mask the upsample's size with `gptunnel/mask` and inpaints with it (two wasm modules). */
async function paintAndInpaint(client, GptunnelError, { Mask, GptunnelError: MaskEntryError }, upsampled) {
  // The upsampled PNG's size, from its IHDR chunk.
  const png = new DataView(await (await fetch(upsampled.result)).arrayBuffer());
  const [width, height] = [png.getUint32(16), png.getUint32(20)];

  const mask = new Mask(width, height);
  const stroke = mask.stroke([10, 10, width / 2, height / 2], 12);
  const white = mask.countWhite();
  const bytes = mask.toPng();
  const base64 = mask.toBase64Png();
  let wrongSize = null;
  try {
    Mask.validate(base64, width + 1, height);
  } catch (error) {
    wrongSize = { ...describeError(error, GptunnelError), param: error?.param };
  }
  mask.free();

  const byText = await client.inpaint({ taskId: upsampled.id, mask: base64, prompt: "a red boat" });
  const byBytes = await client.inpaint({ taskId: upsampled.id, mask: bytes });
  return {
    width,
    height,
    strokeChanged: stroke !== null && stroke.width > 0 && stroke.height > 0,
    white,
    pngSignature: Array.from(bytes.slice(0, 8)),
    sameErrorClass: MaskEntryError === GptunnelError,
    wrongSize,
    inpaints: [byText, byBytes].map((task) => ({ type: task.type, parentId: task.parentId })),
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
