// Cloudflare's Worker runtime (npm `workerd`, installed under tests/deploy/ by scripts/setup.sh)
// for the Node suites: runs one ES-module Worker on a free loopback port, with text bindings
// (what wrangler.toml [vars] are in production) and outbound access to loopback.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ROOT } from "./emulator.mjs";
import { freePort, waitForPort } from "./ports.mjs";

export const WORKERD = process.env.WORKERD ?? join(ROOT, "tests", "deploy", "node_modules", ".bin", "workerd");

/** Whether the workerd binary is installed. */
export const workerdAvailable = () => existsSync(WORKERD);

/**
 * Serves the Worker module `script` with `vars` as text bindings. Resolves to
 * { port, url, logs(), stop() }; `logs()` is everything workerd printed (console.log included).
 */
export async function startWorker(script, vars = {}) {
  const dir = mkdtempSync(join(tmpdir(), "gptunnel-workerd-"));
  const module = basename(script);
  copyFileSync(script, join(dir, module));
  const port = await freePort();
  const bindings = Object.entries(vars)
    .map(([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(String(text))})`)
    .join(", ");
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .relay),
    (name = "net", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const relay :Workerd.Worker = (
  modules = [(name = ${JSON.stringify(module)}, esModule = embed ${JSON.stringify(module)})],
  compatibilityDate = "2024-09-23",
  bindings = [${bindings}],
  globalOutbound = "net",
);
`,
  );
  const child = spawn(WORKERD, ["serve", join(dir, "config.capnp"), "--verbose"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await waitForPort(port, { exited, what: "workerd" });
  } catch (error) {
    throw new Error(`${error.message}\n${output}`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    logs: () => output,
    async stop() {
      if (exited()) return;
      const gone = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGTERM");
      await gone;
    },
  };
}
