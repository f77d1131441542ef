// Issue 15: what each relay of deploy/ adds to a request, and how big its configuration is.
// One emulator; for each relay, `--requests` GET /v1/balance sent alternately straight to the
// emulator and through the relay (keep-alive, loopback, one at a time, after a warm-up), so both
// series see the same machine load. Reports medians and the median of the paired differences.
//
// Usage: node tests/bench/relays.mjs [--requests 1000] [--out relays.json]
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT, startEmulator } from "../support/emulator.mjs";
import { RELAYS } from "../deploy/support/relays.mjs";
import { parseArgs, writeJson } from "./lib/files.mjs";
import { median, percentile, round } from "./lib/stats.mjs";

const args = parseArgs();
const requests = Number(args.requests ?? 1000);
const WARM_UP = 20;
const KEY = "bench-key";
const ORIGIN = "https://studio.example";

/** Lines of a config: all of them, and those that are neither blank nor only a comment. */
function lines(files, kind = "config") {
  let total = 0;
  let code = 0;
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), "utf8").replace(/\n$/, "");
    for (const line of text.split("\n")) {
      total += 1;
      const trimmed = line.trim();
      if (trimmed && !/^(#|\/\/|\/\*|\*)/.test(trimmed)) code += 1;
    }
  }
  return { files, total, code, kind };
}

const rustSources = readdirSync(join(ROOT, "crates", "gptunnel-relay", "src")).map((f) => `crates/gptunnel-relay/src/${f}`);
const CONFIGS = {
  nginx: lines(["deploy/nginx/gptunnel-relay.conf"]),
  worker: lines(["deploy/cloudflare-worker/worker.js", "deploy/cloudflare-worker/wrangler.toml"]),
  // Its configuration is one command line; what is counted here is its source.
  rust: lines(rustSources.sort(), "source"),
};

async function timed(url) {
  const started = performance.now();
  const answer = await fetch(url, { headers: { authorization: KEY, origin: ORIGIN } });
  await answer.arrayBuffer();
  if (answer.status !== 200) throw new Error(`${url}: HTTP ${answer.status}`);
  return performance.now() - started;
}

const emulator = await startEmulator(["--key", KEY, "--quiet"]);
const results = [];
try {
  for (const relay of RELAYS) {
    if (relay.skip) {
      console.error(`!!!!! ${relay.skip}`);
      results.push({ name: relay.name, skipped: relay.skip, config_lines: CONFIGS[relay.name] });
      continue;
    }
    const running = await relay.start(emulator.url, [ORIGIN]);
    try {
      const direct = [];
      const through = [];
      for (let i = 0; i < WARM_UP; i += 1) {
        await timed(`${emulator.url}/v1/balance`);
        await timed(`${running.url}/v1/balance`);
      }
      for (let i = 0; i < requests; i += 1) {
        // Alternate which goes first, so neither series always follows the other.
        if (i % 2 === 0) {
          direct.push(await timed(`${emulator.url}/v1/balance`));
          through.push(await timed(`${running.url}/v1/balance`));
        } else {
          through.push(await timed(`${running.url}/v1/balance`));
          direct.push(await timed(`${emulator.url}/v1/balance`));
        }
      }
      const added = through.map((t, i) => t - direct[i]);
      results.push({
        name: relay.name,
        requests,
        direct_median_ms: round(median(direct)),
        relay_median_ms: round(median(through)),
        relay_p90_ms: round(percentile(through, 90)),
        added_median_ms: round(median(added)),
        added_p90_ms: round(percentile(added, 90)),
        config_lines: CONFIGS[relay.name],
      });
    } finally {
      await running.stop();
    }
  }
} finally {
  await emulator.stop();
}

console.log(`relays: ${requests} GET /v1/balance each, direct vs through the relay, loopback, keep-alive`);
console.log(`   ${"relay".padEnd(8)}${"direct".padStart(10)}${"relayed".padStart(10)}${"added".padStart(10)}${"added p90".padStart(11)}${"lines".padStart(20)}`);
for (const r of results) {
  const size = `${r.config_lines.code} ${r.config_lines.kind} (${r.config_lines.total} with comments)`;
  if (r.skipped) {
    console.log(`   ${r.name.padEnd(8)}${"skipped".padStart(31)}${size.padStart(31)}`);
    continue;
  }
  const ms = (v) => `${v.toFixed(2)} ms`.padStart(10);
  console.log(`   ${r.name.padEnd(8)}${ms(r.direct_median_ms)}${ms(r.relay_median_ms)}${ms(r.added_median_ms)}${ms(r.added_p90_ms).padStart(11)}${size.padStart(38)}`);
}
if (args.out) writeJson(args.out, { requests, warm_up: WARM_UP, relays: results });
