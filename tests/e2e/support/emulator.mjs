// Starts a private emulator per test: a free port, fast tasks, its own journal.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BINARY = join(process.env.CARGO_TARGET_DIR || join(ROOT, "target"), "debug", "gptunnel-emulator");

/** Starts the emulator with extra CLI `args`; resolves to { url, journal(), reset(), setBalance(), stop() }. */
export async function startEmulator(args = []) {
  const fast = args.includes("--task-seconds") ? [] : ["--task-seconds", "3"];
  const fullArgs = ["--listen", "127.0.0.1:0", ...fast, ...args];
  const child = existsSync(BINARY)
    ? spawn(BINARY, fullArgs, { stdio: ["ignore", "pipe", "pipe"] })
    : spawn("cargo", ["run", "-q", "-p", "gptunnel-emulator", "--", ...fullArgs], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const url = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`emulator did not start:\n${out}\n${log}`)), 120_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1].replace(/\/$/, ""));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited (${code}):\n${out}\n${log}`));
    });
  });
  const api = (path, init) => fetch(url + path, init);
  return {
    url,
    /** The emulator's request journal (JSON array of {method, path, status, …}). */
    async journal() {
      return (await api("/__emulator/journal")).json();
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
    stop() {
      child.kill("SIGTERM");
    },
  };
}
