// Starts a real gptunnel-emulator process on a free port and stops it again.
// The binary is the one scripts/package-test.sh built (target/debug/gptunnel-emulator),
// or whatever GPTUNNEL_EMULATOR_BIN names.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const binary = process.env.GPTUNNEL_EMULATOR_BIN ?? `${root}target/debug/gptunnel-emulator`;

/**
 * Starts an emulator; `extraArgs` e.g. ["--key", "right-key"].
 * Resolves with { url, journal(), stop() }.
 */
export async function startEmulator(extraArgs = []) {
  const child = spawn(binary, ["--listen", "127.0.0.1:0", "--task-seconds", "1", ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 10 s:\n${output}`)), 10_000);
    const onData = (chunk) => {
      output += chunk;
      const found = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${binary}: ${error.message} (build it with cargo build -p gptunnel-emulator)`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    /** The requests the emulator received, oldest first. */
    async journal() {
      const response = await fetch(`${url}/__emulator/journal`);
      if (!response.ok) throw new Error(`journal: HTTP ${response.status}`);
      const body = await response.json();
      return Array.isArray(body) ? body : (body.requests ?? body.entries ?? []);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
