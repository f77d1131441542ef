// Starts one of our servers (the emulator, the Rust relay) and waits for the line every one of
// them prints once ready: "… listening on http://host:port". Resolves to { url, output(), stop() }.
import { spawn } from "node:child_process";

/**
 * Runs `command args` (with `options` for spawn) and resolves once it prints its URL; rejects with
 * everything it wrote if it exits first, cannot run (`hint` says how to build it), or stays
 * silent for `timeoutMs`.
 */
export async function startListening(command, args, { hint = "", timeoutMs = 120_000, ...options } = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  let output = "";
  child.stderr.on("data", (d) => (output += d));
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${command} did not start:\n${output}`)), timeoutMs);
    child.stdout.on("data", (d) => {
      output += d;
      const found = output.match(/listening on (http:\/\/\S+)/);
      if (found) {
        clearTimeout(timer);
        ok(found[1].replace(/\/$/, ""));
      }
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      fail(new Error(`could not run ${command}: ${error.message} ${hint}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    /** Everything the process wrote so far (stdout and stderr). */
    output: () => output,
    /** Stops the process and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
