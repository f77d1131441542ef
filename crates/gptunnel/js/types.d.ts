// The types of the gptunnel package: the objects the API answers with, the options the calls
// take, and the error every call rejects with. (Source: crates/gptunnel/js/types.d.ts, which
// src/js/types.rs inserts into the generated gptunnel.d.ts next to the `Client` class; it is
// not a standalone file.)
//
// Unions of values the server owns (statuses, types, actions, models) end in `(string & {})`:
// editors still offer the known names, and a value a newer API sends still type-checks.

declare global {
  // wasm-bindgen gives every class a `[Symbol.dispose]()` (for `using`). Declared here too so
  // that projects whose `lib` has no esnext.disposable still type-check; with it, the two
  // declarations merge.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** Why a call failed. Exactly one of these, on every `GptunnelError`. */
export type ErrorKind =
  /** A bad argument, refused before anything was sent; `param` names it. */
  | "invalid_input"
  /** HTTP 401 (or media code 2): the key is wrong, revoked or missing. */
  | "unauthorized"
  /** HTTP 402 (or media code 5): the organisation or wallet cannot pay. */
  | "insufficient_balance"
  /** HTTP 400 (or media code 3): the server refused the request's content. */
  | "invalid_request"
  /** HTTP 429 (or media code 6): nothing was processed. A create has already been sent
   * again twice, after the server's `Retry-After`, before this. */
  | "rate_limited"
  /** Any other refusal by the server (404, 5xx, other media codes). */
  | "api"
  /** The server could not be reached (a refused cross-origin request looks the same). */
  | "network"
  /** A success status with an answer that could not be read; `body` keeps the raw text. (An
   * unreadable refusal takes the kind of its status, and keeps `body` too.) */
  | "decode"
  /** The task ran and failed on the provider's side; `taskId` names it. */
  | "failed"
  /** Waiting gave up: no progress for `timeoutMs`. */
  | "timeout"
  /** Cancelled through an `AbortSignal`. */
  | "aborted";

/** What a `GptunnelError` may carry besides `kind` and `message`. */
export interface GptunnelErrorDetails {
  /** HTTP status of the answer that caused the error. */
  status?: number;
  /** The error envelope's `type`, e.g. `"invalid_request_error"`. */
  type?: string;
  /** The envelope's `code` (a string), or a media endpoint's numeric `code`. */
  code?: string | number;
  /** The parameter at fault: the envelope's `param`, or the argument refused by `invalid_input`. */
  param?: string;
  /** The raw answer (cut to 4 KiB) when it could not be decoded. */
  body?: string;
  /** The task concerned: the failed one, or the one `run` created before its wait failed. */
  taskId?: string;
  /** How long the server asked to wait before retrying (`Retry-After`). */
  retryAfterMs?: number;
  /**
   * True when a create failed after it may have reached the server (connection lost, no
   * answer in time, a 5xx or media code 1/500, an unreadable success): the task may exist and may have been
   * charged. Check the balance before sending it again. False for every other error.
   */
  outcomeUnknown?: boolean;
}

/**
 * The error every call rejects with: a real `Error` (it has a `stack`) with a stable `kind`.
 *
 * ```ts
 * try { await client.imagine({ prompt }); }
 * catch (e) { if (e instanceof GptunnelError && e.kind === "insufficient_balance") { … } }
 * ```
 */
export class GptunnelError extends Error implements GptunnelErrorDetails {
  constructor(kind: ErrorKind, message: string, details?: GptunnelErrorDetails);
  readonly name: "GptunnelError";
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly type?: string;
  readonly code?: string | number;
  readonly param?: string;
  readonly body?: string;
  readonly taskId?: string;
  readonly retryAfterMs?: number;
  /** Always present on a thrown error; see `GptunnelErrorDetails.outcomeUnknown`. */
  readonly outcomeUnknown: boolean;
}

/** Lifecycle of a Midjourney task. Unknown values mean "still running". */
export type TaskStatus = "idle" | "processing" | "done" | "failed" | (string & {});

/** What produced a task. */
export type TaskType =
  | "imagine" | "upsample" | "variation" | "reroll" | "inpaint" | "outpaint" | "pan" | "upscale"
  | (string & {});

/** Grid quadrant: 1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right. */
export type ImageNumber = 1 | 2 | 3 | 4;

/**
 * A follow-up action a done task lists, for `client.action(taskId, action)`. Tasks spell
 * upsampling `upsamle_N` (sic, the provider's spelling); `upsample_N` is accepted too.
 */
export type TaskAction =
  | `upsamle_${ImageNumber}` | `upsample_${ImageNumber}` | `variation_${ImageNumber}`
  | "high_variation" | "low_variation" | "reroll" | "inpaint"
  | "upscale_2x" | "upscale_4x" | "outpaint_50" | "outpaint_75"
  | "pan_left" | "pan_right" | "pan_up" | "pan_down"
  | (string & {});

/** What one call was charged, in rubles (creates charge; polls report zeros). */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_cost: number;
  completion_cost: number;
  total_cost: number;
}

/** A Midjourney task, as created or as last polled: the server's object, field for field. */
export interface Task {
  /** 24 lowercase hex characters. */
  id: string;
  /** The task this one was derived from; `null` for imagine. */
  parentId: string | null;
  /** `"task"`. */
  object: string;
  type: TaskType;
  /** Allowed follow-ups; empty until the task is done. */
  actions: TaskAction[];
  /** 0–100. */
  percent: number;
  status: TaskStatus;
  /** Image URL: a preview while running, the 2x2 grid or the single image when done. */
  result: string | null;
  /** Why the task failed, when it did. */
  error: string | null;
  usage: Usage | null;
}

/** Lifecycle of a media task. Unknown values mean "still running". */
export type MediaStatus = "idle" | "processing" | "running" | "done" | "failed" | "error" | (string & {});

/** A media model id; the list changes, so any string is accepted. */
export type MediaModel =
  | "google-imagen-3" | "gpt-image-1-high" | "gpt-image-1-low" | "flux-dev" | "yandex-art" | "seedream-3"
  | "glabs-veo-3" | "glabs-veo-3-1-fast" | "seedance-1-lite-480P-5s"
  | (string & {});

/** `W:H`; google-imagen-3 and flux-dev take the seven listed, gpt-image-1-* the first five. */
export type AspectRatio = "1:1" | "16:9" | "9:16" | "4:3" | "3:4" | "21:9" | "9:21" | (string & {});

/** A media task (`/v1/media/*`), field for field. */
export interface MediaTask {
  code: number | null;
  id: string;
  model: MediaModel;
  /** The prompt as recorded (the provider appends `--ar`). */
  prompt: string;
  /** Unix seconds. */
  created_at: number | null;
  status: MediaStatus;
  /** The result, once done (it expires after about a day). */
  url: string | null;
  /** Why it failed, when it did. */
  message: string | null;
  cost: number | null;
}

/** Money available to the key's organisation (or wallet), in rubles. */
export interface Balance {
  orgId: string;
  object: string;
  /** May be negative, down to `-creditLimit`. */
  balance: number;
  creditLimit: number;
}

/** `new Client(options)`. */
export interface ClientOptions {
  /** Sent as the bare `Authorization` header. */
  apiKey: string;
  /**
   * Default `https://gptunnel.ru`. A page on another origin may be unable to call it directly
   * (CORS is not documented): point this at a relay that adds CORS for your origin, e.g.
   * `gptunnel-relay --upstream https://gptunnel.ru --allow-origin https://your-app.example`.
   */
  baseUrl?: string;
  /** Pay from the personal wallet instead of the organisation balance. */
  useWalletBalance?: boolean;
}

export interface ImagineParams {
  /** Russian is allowed; Midjourney flags such as `--ar 16:9` pass through. */
  prompt: string;
}
export interface UpsampleParams {
  /** A grid task (imagine, variation, reroll). */
  taskId: string;
  image: ImageNumber;
}
/** Either `image` (the parent is a grid) or `mode` (the parent is an upsample). */
export type VariationParams =
  | { taskId: string; image: ImageNumber; mode?: undefined }
  | { taskId: string; mode: "high" | "low"; image?: undefined };
export interface RerollParams {
  taskId: string;
}
export interface InpaintParams {
  /** An upsample task. */
  taskId: string;
  /** A black (keep) and white (regenerate) PNG the parent's size: base64 (a `data:` URL is fine) or bytes. */
  mask: string | Uint8Array;
  /** Replaces the parent's prompt when given. */
  prompt?: string;
}
export interface OutpaintParams {
  taskId: string;
  zoom: 50 | 75;
}
export type Direction = "left" | "right" | "up" | "down";
export interface PanParams {
  taskId: string;
  direction: Direction;
}
export interface UpscaleParams {
  taskId: string;
  type: "2x" | "4x";
}
export interface MediaCreateParams {
  model: MediaModel;
  prompt: string;
  ar?: AspectRatio;
  /** Reference image URLs, for models that take them. */
  images?: string[];
}

/** The parameters of each create `client.run(kind, params)` can start. */
export interface RunParams {
  imagine: ImagineParams;
  upsample: UpsampleParams;
  variation: VariationParams;
  reroll: RerollParams;
  inpaint: InpaintParams;
  outpaint: OutpaintParams;
  pan: PanParams;
  upscale: UpscaleParams;
}
export type RunKind = keyof RunParams;

/** The second argument of `onProgress`: set when progress has not moved for `stallMs`. */
export type ProgressInfo = { stalled: false } | { stalled: true; stalledForMs: number };

/** How `wait`, `mediaWait` and `run` wait. */
export interface WaitOptions<T = Task> {
  /** Called with the task whenever it changes, and with `{ stalled: true }` on a stall. */
  onProgress?: (task: T, info: ProgressInfo) => void;
  /** Called before a failed poll is retried (network errors, 5xx, 429). */
  onRetry?: (error: GptunnelError, delayMs: number) => void;
  /** Stops waiting at once; the promise rejects with kind `"aborted"`. */
  signal?: AbortSignal;
  /** Give up (kind `"timeout"`) after this long without progress; restarts on progress. */
  timeoutMs?: number;
  /** Report a stall through `onProgress` after this long without progress, and keep waiting. */
  stallMs?: number;
}

export interface Client {
  /**
   * Create a task and wait for it to finish. The create is processed at most once: each one
   * is charged, so only a 429 refusal (which processed nothing) is sent again, at most twice.
   * If the wait fails, the error's `taskId` names the created task.
   */
  run<K extends RunKind>(kind: K, params: RunParams[K], options?: WaitOptions<Task>): Promise<Task>;
}

/** One `--flag` of a Midjourney prompt (`parsePrompt`). */
export interface PromptFlag {
  /** The short name: `"ar"` for `--aspect`, `"s"` for `--stylize`; an unknown flag's name in lower case. */
  name: string;
  /** The name as typed (`"aspect"`, `"AR"`). */
  typedName: string;
  /** The value as typed; `""` for a flag without one (`--tile`, `--niji`). */
  value: string;
  /** Whether the package knows the flag; unknown flags are kept exactly as typed. */
  known: boolean;
}

/** A Midjourney prompt split into its parts (`parsePrompt`). */
export interface ParsedPrompt {
  /** The http(s) URLs at the start (image prompts), as typed. */
  imagePrompts: string[];
  /** The words that are neither image prompts nor flags. */
  text: string;
  /** Every flag in order, repeats and unknown ones included. */
  flags: PromptFlag[];
}
