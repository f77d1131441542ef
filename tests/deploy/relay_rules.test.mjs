// Issue 15: the rules every relay of deploy/ keeps, checked over HTTP against a real emulator
// behind each: CORS only for the listed origin (no `*`), preflights answered, only /v1/*
// forwarded, a 10 MB body refused, the key passed through and never written to any log.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/emulator.mjs";
import { RELAYS } from "./support/relays.mjs";

const KEY = "sk-DEPLOY-relay-9f3c7a51e2";
const STUDIO = "https://studio.example";
const ELSEWHERE = "https://evil.example";

for (const relay of RELAYS) {
  describe(`the ${relay.name} relay`, { skip: relay.skip }, () => {
    let emulator;
    let running;
    before(async () => {
      emulator = await startEmulator(["--key", KEY]);
      running = await relay.start(emulator.url, [STUDIO]);
    });
    after(async () => {
      await running?.stop();
      await emulator?.stop();
    });
    const call = (path, init = {}) => fetch(running.url + path, init);

    test("forwards /v1/* with the key and gives the listed origin its CORS headers", async () => {
      const answer = await call("/v1/balance", { headers: { authorization: KEY, origin: STUDIO } });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get("access-control-allow-origin"), STUDIO);
      assert.match(answer.headers.get("access-control-expose-headers") ?? "", /retry-after/i);
      assert.equal(typeof (await answer.json()).balance, "number");
      const refused = await call("/v1/balance", { headers: { authorization: "not-the-key", origin: STUDIO } });
      assert.equal(refused.status, 401, "the emulator, not the relay, judges the key");
      assert.equal((await refused.json()).error.type, "unauthorized_request_error");
    });

    test("passes a create through exactly once, body and query unchanged", async () => {
      const before = (await emulator.creates()).length;
      const body = JSON.stringify({ prompt: "маяк на рассвете --ar 3:2" });
      const created = await call("/v1/midjourney/imagine", {
        method: "POST",
        headers: { authorization: KEY, origin: STUDIO, "content-type": "application/json" },
        body,
      });
      assert.equal(created.status, 200);
      const { id } = await created.json();
      const creates = await emulator.creates();
      assert.equal(creates.length, before + 1, "one create");
      assert.equal(creates.at(-1).body, body);
      const result = await call(`/v1/midjourney/result?taskId=${id}`, { headers: { authorization: KEY } });
      assert.equal((await result.json()).id, id);
    });

    test("answers a preflight of the listed origin itself", async () => {
      const before = (await emulator.journal()).length;
      const preflight = await call("/v1/midjourney/imagine", {
        method: "OPTIONS",
        headers: {
          origin: STUDIO,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
      assert.ok(preflight.status >= 200 && preflight.status < 300, `status ${preflight.status}`);
      assert.equal(preflight.headers.get("access-control-allow-origin"), STUDIO);
      assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /authorization/i);
      assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
      assert.equal((await emulator.journal()).length, before, "not forwarded");
    });

    test("gives an origin that is not listed no CORS headers, preflight or not", async () => {
      const answer = await call("/v1/balance", { headers: { authorization: KEY, origin: ELSEWHERE } });
      assert.equal(answer.headers.get("access-control-allow-origin"), null);
      assert.equal(answer.headers.get("access-control-allow-credentials"), null);
      const preflight = await call("/v1/midjourney/imagine", {
        method: "OPTIONS",
        headers: { origin: ELSEWHERE, "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
      });
      assert.equal(preflight.headers.get("access-control-allow-origin"), null);
      assert.equal(preflight.headers.get("access-control-allow-headers"), null);
    });

    test("refuses paths outside /v1/", async () => {
      const before = (await emulator.journal()).length;
      for (const path of ["/", "/__emulator/journal", "/task/image/65589df803761c00010775ae", "/v2/balance"]) {
        const answer = await call(path, { headers: { authorization: KEY, origin: STUDIO } });
        assert.equal(answer.status, 404, path);
        await answer.arrayBuffer();
      }
      assert.equal((await emulator.journal()).length, before, "nothing reached the emulator");
    });

    test("refuses a 10 MB body with 413 before it reaches the API", async () => {
      const before = (await emulator.journal()).length;
      const answer = await call("/v1/midjourney/inpaint", {
        method: "POST",
        headers: { authorization: KEY, origin: STUDIO, "content-type": "application/json" },
        body: JSON.stringify({ taskId: "65589df803761c00010775ae", prompt: "x", mask: "A".repeat(10_000_000) }),
      });
      assert.equal(answer.status, 413);
      await answer.arrayBuffer();
      assert.equal((await emulator.journal()).length, before, "nothing reached the emulator");
    });

    test("never writes the key to its logs", async () => {
      await call("/v1/balance", { headers: { authorization: KEY, origin: STUDIO } });
      const logs = running.logs();
      assert.match(logs, /\/v1\/balance/, "the log is captured (it names the path)");
      assert.ok(!logs.includes(KEY), `the key is in the ${relay.name} relay's log`);
    });
  });
}
