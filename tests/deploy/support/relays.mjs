// The three relays of deploy/, each started from its real, shipped configuration in front of a
// given upstream, for given allowed origins. Every starter resolves to { name, url, logs(),
// stop() }; `logs()` is all the relay wrote (nginx access+error logs, workerd output, the Rust
// relay's stdout+stderr), to check the key never appears there.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../support/emulator.mjs";
import { startListening } from "../../support/listening.mjs";
import { nginxAvailable, startNginx, NGINX } from "../../support/nginx.mjs";
import { startWorker, workerdAvailable, WORKERD } from "../../support/workerd.mjs";

const RUST_RELAY =
  process.env.GPTUNNEL_RELAY_BIN ??
  join(process.env.CARGO_TARGET_DIR || join(ROOT, "target"), "debug", "gptunnel-relay");

/** Replaces `from` (which must occur exactly once) in `text`, so a reshaped config fails loudly. */
function edit(text, from, to) {
  if (text.split(from).length !== 2) throw new Error(`deploy config changed: expected one "${from}"`);
  return text.replace(from, to);
}

/** deploy/nginx/gptunnel-relay.conf with its three marked lines edited, as a user would. */
export function nginxRelayConfig(port, upstream, origins) {
  let conf = readFileSync(join(ROOT, "deploy", "nginx", "gptunnel-relay.conf"), "utf8");
  const lines = origins.map((origin) => `    "${origin}" $http_origin;`).join("\n");
  conf = edit(conf, `    "https://your-studio.example" $http_origin;`, lines);
  conf = edit(conf, "listen 127.0.0.1:8788;", `listen 127.0.0.1:${port};`);
  conf = edit(conf, "proxy_pass https://gptunnel.ru;", `proxy_pass ${upstream};`);
  return conf;
}

async function startNginxRelay(upstream, origins) {
  const nginx = await startNginx((port) => nginxRelayConfig(port, upstream, origins));
  return { name: "nginx", url: nginx.origin, logs: nginx.logs, stop: nginx.stop };
}

async function startWorkerRelay(upstream, origins) {
  const worker = await startWorker(join(ROOT, "deploy", "cloudflare-worker", "worker.js"), {
    UPSTREAM: upstream,
    ALLOWED_ORIGINS: origins.join(","),
    BODY_LIMIT: String(8 * 1024 * 1024),
  });
  return { name: "worker", url: worker.url, logs: worker.logs, stop: worker.stop };
}

async function startRustRelay(upstream, origins) {
  const args = ["--listen", "127.0.0.1:0", "--upstream", upstream, ...origins.flatMap((o) => ["--allow-origin", o])];
  const relay = await startListening(RUST_RELAY, args, { hint: "(cargo build -p gptunnel-relay)", timeoutMs: 30_000 });
  return { name: "rust", url: relay.url, logs: relay.output, stop: relay.stop };
}

/**
 * The relays, each with `skip`: false, or the LOUD reason its runtime is missing (the suite
 * skips only then).
 */
export const RELAYS = [
  {
    name: "nginx",
    start: startNginxRelay,
    skip: nginxAvailable() ? false : `NGINX RELAY NOT TESTED: ${NGINX} is missing (scripts/setup.sh installs Debian's nginx)`,
  },
  {
    name: "worker",
    start: startWorkerRelay,
    skip: workerdAvailable() ? false : `CLOUDFLARE WORKER RELAY NOT TESTED: ${WORKERD} is missing (scripts/setup.sh npm-ci's tests/deploy)`,
  },
  {
    name: "rust",
    start: startRustRelay,
    skip: existsSync(RUST_RELAY) ? false : `RUST RELAY NOT TESTED: ${RUST_RELAY} is missing (cargo build -p gptunnel-relay)`,
  },
];
