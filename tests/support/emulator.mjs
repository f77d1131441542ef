// The one emulator starter of the Node suites: a private gptunnel-emulator process per test, on
// a free port, with its own journal. The binary is $GPTUNNEL_EMULATOR_BIN, else
// $CARGO_TARGET_DIR/debug/gptunnel-emulator (target/ by default); without it, `cargo run`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startListening } from "./listening.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BINARY =
  process.env.GPTUNNEL_EMULATOR_BIN ??
  join(process.env.CARGO_TARGET_DIR || join(ROOT, "target"), "debug", "gptunnel-emulator");

/**
 * Starts an emulator with extra CLI `args` (e.g. ["--key", "k"]); tasks take `taskSeconds`
 * unless `args` sets --task-seconds. Resolves to { url, journal(), creates(), setBalance(), stop() }.
 */
export async function startEmulator(args = [], { taskSeconds = 1 } = {}) {
  const fast = args.includes("--task-seconds") ? [] : ["--task-seconds", String(taskSeconds)];
  const fullArgs = ["--listen", "127.0.0.1:0", ...fast, ...args];
  const hint = "(build it: cargo build -p gptunnel-emulator)";
  const server = existsSync(BINARY)
    ? await startListening(BINARY, fullArgs, { hint })
    : await startListening("cargo", ["run", "-q", "-p", "gptunnel-emulator", "--", ...fullArgs], { cwd: ROOT, hint });
  const { url } = server;
  const api = (path, init) => fetch(url + path, init);
  return {
    url,
    /** The requests the emulator received, oldest first ({method, path, status, …}). */
    async journal() {
      const response = await api("/__emulator/journal");
      if (!response.ok) throw new Error(`journal: HTTP ${response.status}`);
      return response.json();
    },
    /** Journal entries that created a task of any kind (POSTs outside /result). */
    async creates() {
      return (await this.journal()).filter(
        (e) => e.method === "POST" && /\/v1\/(midjourney|media)\//.test(e.path) && !/result$/.test(e.path),
      );
    },
    async setBalance(balance) {
      await api("/__emulator/balance", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ balance }),
      });
    },
    /** Stops the process and waits for it to exit. */
    stop: server.stop,
  };
}
