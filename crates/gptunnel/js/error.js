// The error every gptunnel call rejects with.
//
// It is written in JavaScript, not exported from Rust, so that it is a real `Error` subclass:
// `instanceof Error` holds, `stack` is filled in by the engine, and `name` is "GptunnelError".
// The Rust binding (src/js/error.rs) constructs it; the package entry re-exports it.
export class GptunnelError extends Error {
  /**
   * @param {string} kind one of the ErrorKind names, e.g. "unauthorized"
   * @param {string} message a sentence for people
   * @param {object} [details] status, type, code, param, body, taskId, retryAfterMs,
   *   outcomeUnknown: the known ones
   */
  constructor(kind, message, details) {
    super(message);
    this.kind = kind;
    // Always present: true only for a failed create that may have made (and charged) its task.
    this.outcomeUnknown = false;
    if (details) {
      for (const [key, value] of Object.entries(details)) {
        if (value !== undefined && value !== null) this[key] = value;
      }
    }
  }
}

// On the prototype, so that the stack header reads "GptunnelError: …" and `name` is not an
// own enumerable property cluttering logs.
Object.defineProperty(GptunnelError.prototype, "name", {
  value: "GptunnelError",
  writable: true,
  configurable: true,
});
