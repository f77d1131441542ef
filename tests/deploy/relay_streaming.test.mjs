// Issue 15: every relay streams answers back as they arrive instead of buffering them whole.
// The upstream here is a few lines of Node (the emulator answers in one piece, so it cannot
// show this): it sends a first chunk, then holds the answer open until the test has read that
// chunk through the relay. A buffering relay never delivers it, and the test times out.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { RELAYS } from "./support/relays.mjs";

const ORIGIN = "https://studio.example";

for (const relay of RELAYS) {
  describe(`the ${relay.name} relay`, { skip: relay.skip }, () => {
    let upstream;
    let running;
    let finish;
    before(async () => {
      upstream = createServer((req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("first chunk;");
        finish = () => res.end("rest");
      });
      await new Promise((ok) => upstream.listen(0, "127.0.0.1", ok));
      running = await relay.start(`http://127.0.0.1:${upstream.address().port}`, [ORIGIN]);
    });
    after(async () => {
      finish?.();
      await running?.stop();
      upstream?.closeAllConnections();
      await new Promise((ok) => upstream?.close(ok));
    });

    test("passes the first chunk on before the upstream has finished", async () => {
      const answer = await fetch(`${running.url}/v1/midjourney/result?taskId=x`, {
        headers: { authorization: "k", origin: ORIGIN },
        signal: AbortSignal.timeout(15_000),
      });
      assert.equal(answer.status, 200);
      const reader = answer.body.getReader();
      const decoder = new TextDecoder();
      let seen = "";
      while (!seen.includes("first chunk;")) {
        const { done, value } = await reader.read();
        assert.ok(!done, "the answer ended before the upstream finished");
        seen += decoder.decode(value, { stream: true });
      }
      assert.ok(!seen.includes("rest"), "the upstream has not sent the rest yet");
      finish();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += decoder.decode(value, { stream: true });
      }
      assert.equal(seen, "first chunk;rest");
    });
  });
}
