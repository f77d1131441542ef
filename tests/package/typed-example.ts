// A typed program using every part of the package's API. It is never run: `tsc --noEmit
// --strict` checks it (types.test.mjs). The `mistakes` function proves the .d.ts precise:
// each of its marked lines must stay a type error, which it would not be if anything were `any`.
import init, {
  Client,
  GptunnelError,
  parsePrompt,
  setPromptFlag,
  checkPrompt,
  type ParsedPrompt,
  type PromptFlag,
  type Balance,
  type ErrorKind,
  type MediaTask,
  type ProgressInfo,
  type Task,
  type TaskAction,
  type WaitOptions,
} from "gptunnel";
import initMask, { Mask, GptunnelError as MaskEntryError, type MaskRect } from "gptunnel/mask";

export async function example(wasmBytes: Uint8Array): Promise<void> {
  await init({ module_or_path: wasmBytes });

  const parsed: ParsedPrompt = parsePrompt("a fox --s 250");
  const first: PromptFlag | undefined = parsed.flags[0];
  const rewritten: string = setPromptFlag(parsed.text, first?.name ?? "s", null);
  checkPrompt(rewritten);

  const client = new Client({ apiKey: "key", baseUrl: "http://127.0.0.1:8080", useWalletBalance: false });
  const controller = new AbortController();

  const task: Task = await client.imagine({ prompt: "a lighthouse --ar 3:2" });
  const polled: Task = await client.result(task.id);
  const options: WaitOptions = {
    onProgress: (current: Task, info: ProgressInfo) => {
      const percent: number = current.percent;
      if (info.stalled) console.log(`stalled for ${info.stalledForMs} ms at ${percent}%`);
    },
    onRetry: (error: GptunnelError, delayMs: number) => console.log(error.kind, delayMs),
    signal: controller.signal,
    timeoutMs: 120_000,
    stallMs: 30_000,
  };
  const done: Task = await client.wait(polled, options);
  await client.wait(done.id);

  const parent: string | null = done.parentId;
  const result: string | null = done.result;
  const cost: number | undefined = done.usage?.total_cost;
  switch (done.status) {
    case "done":
    case "failed":
    case "idle":
    case "processing":
      break;
    default: {
      const unknown: string = done.status; // a status from a newer API still type-checks
      console.log(unknown, parent, result, cost);
    }
  }

  const upsampled = await client.upsample({ taskId: done.id, image: 1 });
  await client.variation({ taskId: done.id, image: 2 });
  await client.variation({ taskId: upsampled.id, mode: "high" });
  await client.reroll({ taskId: done.id });
  await client.inpaint({ taskId: upsampled.id, mask: "iVBORw0KGgo=", prompt: "a boat" });
  await client.inpaint({ taskId: upsampled.id, mask: new Uint8Array([137, 80, 78, 71]) });
  await client.outpaint({ taskId: upsampled.id, zoom: 50 });
  await client.pan({ taskId: upsampled.id, direction: "left" });
  await client.upscale({ taskId: upsampled.id, type: "2x" });
  const action: TaskAction = done.actions[0] ?? "upsamle_3";
  await client.action(done.id, action);
  await client.action(done.id, "some_future_action");
  const viaRaw: Task = await client.raw("pan", { taskId: upsampled.id, direction: "down" });
  console.log(viaRaw.id);

  const final: Task = await client.run("imagine", { prompt: "a harbour" }, { signal: controller.signal });
  await client.run("pan", { taskId: final.id, direction: "up" });
  await client.run("upsample", { taskId: final.id, image: 4 }, { onProgress: (t) => console.log(t.percent) });

  const media: MediaTask = await client.mediaCreate({ model: "google-imagen-3", prompt: "a kite", ar: "16:9" });
  await client.mediaResult(media.id);
  const mediaDone: MediaTask = await client.mediaWait(media.id, {
    onProgress: (current: MediaTask) => console.log(current.status, current.url),
    signal: controller.signal,
  });
  const url: string | null = mediaDone.url;
  await client.mediaCreate({ model: "a-model-from-next-year", prompt: "x", ar: "5:4", images: [url ?? ""] });

  const balance: Balance = await client.balance();
  const money: number = balance.balance - balance.creditLimit;
  console.log(money);

  await initMask({ module_or_path: wasmBytes });
  const mask = new Mask(512, 512);
  const changed: MaskRect | null = mask.stroke([10, 10, 200, 200], 16);
  const sameClass: typeof GptunnelError = MaskEntryError;
  console.log(changed?.width, sameClass);
  mask.erase([50, 50, 60, 60], 8);
  mask.rect(0, 0, 64, 64);
  mask.lasso([0, 0, 100, 0, 100, 100]);
  mask.invert();
  mask.undo();
  mask.redo();
  const png: string = mask.toBase64Png();
  Mask.validate(png, 512, 512);
  mask.clear();
  mask.free();

  try {
    await client.balance();
  } catch (error) {
    if (error instanceof GptunnelError) {
      const kind: ErrorKind = error.kind;
      const status: number | undefined = error.status;
      const code: string | number | undefined = error.code;
      const details: (string | undefined)[] = [error.type, error.param, error.body, error.taskId, error.stack];
      const unknownOutcome: boolean = error.outcomeUnknown;
      console.log(error.name, error.message, status, code, details, error.retryAfterMs, unknownOutcome);
      switch (kind) {
        case "invalid_input":
        case "unauthorized":
        case "insufficient_balance":
        case "invalid_request":
        case "rate_limited":
        case "api":
        case "network":
        case "decode":
        case "failed":
        case "timeout":
        case "aborted":
          break;
        default: {
          const exhaustive: never = kind; // the kind list is closed and complete
          console.log(exhaustive);
        }
      }
    }
    const asError: Error = new GptunnelError("aborted", "cancelled");
    console.log(asError);
  }
}

export async function mistakes(client: Client, task: Task): Promise<void> {
  // @ts-expect-error a flag's value is a string or null
  setPromptFlag("a fox", "s", 250);
  // @ts-expect-error apiKey is required
  new Client({ baseUrl: "x" });
  // @ts-expect-error prompt is required
  await client.imagine({});
  // @ts-expect-error image is 1–4, a number
  await client.upsample({ taskId: task.id, image: "2" });
  // @ts-expect-error image is 1–4
  await client.upsample({ taskId: task.id, image: 5 });
  // @ts-expect-error variation takes image or mode, not both
  await client.variation({ taskId: task.id, image: 1, mode: "low" });
  // @ts-expect-error mode is high or low
  await client.variation({ taskId: task.id, mode: "medium" });
  // @ts-expect-error zoom is 50 or 75
  await client.outpaint({ taskId: task.id, zoom: 60 });
  // @ts-expect-error unknown direction
  await client.pan({ taskId: task.id, direction: "diagonal" });
  // @ts-expect-error unknown upscale type
  await client.upscale({ taskId: task.id, type: "3x" });
  // @ts-expect-error the client entry has no Mask: it is in "gptunnel/mask"
  console.log((await import("gptunnel")).Mask);
  // @ts-expect-error a mask is a string or bytes
  await client.inpaint({ taskId: task.id, mask: 7 });
  // @ts-expect-error run's params follow its kind
  await client.run("pan", { taskId: task.id, image: 1 });
  // @ts-expect-error unknown run kind
  await client.run("dance", { taskId: task.id });
  // @ts-expect-error wait options are typed
  await client.wait(task, { timeoutMs: "soon" });
  // @ts-expect-error a Task is not a MediaTask
  const media: MediaTask = await client.wait(task);
  // @ts-expect-error results are not any
  const nothing: number = await client.balance();
  // @ts-expect-error a raw body is an object
  await client.raw("pan", "direction=down");
  // @ts-expect-error kinds are a closed list
  const kind: ErrorKind = "oops";
  console.log(media, nothing, kind);
}
