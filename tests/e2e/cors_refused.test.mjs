// Issue 15, part 3: a request the browser refuses (CORS) is explained with the relay options,
// not as a generic network error; an unreachable server keeps the network error; a plain
// http:// base URL that is not this computer is warned about before the key goes out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startSession } from "./support/harness.mjs";
import { screenshot } from "./support/browser.mjs";
import { eventually, stays } from "./pages/expect.mjs";

/**
 * The real emulator behind a front that does not allow other origins, as an API without CORS
 * headers: preflights get no Access-Control-* answer, the rest is forwarded with those headers
 * stripped. Records what reached it (method, path, whether an Authorization header came).
 */
async function withoutCors(upstream) {
  const seen = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization ?? null });
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    const headers = {};
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (req.headers["content-type"]) headers["content-type"] = req.headers["content-type"];
    const answer = await fetch(upstream + req.url, {
      method: req.method,
      headers,
      body: ["GET", "HEAD"].includes(req.method) ? undefined : Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** A loopback port with nothing listening on it. */
async function closedPort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  await new Promise((ok) => server.close(ok));
  return `http://127.0.0.1:${port}`;
}

test("a refused browser request is explained with the relay options, and nothing is created", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const front = await withoutCors(s.emulator.url);
  t.after(() => front.close());
  const { studio, page } = s;

  await studio.open(s.site.url);
  await studio.configure({ key: "secret-key-123", baseUrl: front.url });
  // The balance refresh that closing the settings starts is refused: explained, not "can't reach".
  // (The generic network sentence mentions CORS too, so wait for the explanation's own words:
  // it replaces that sentence once the probes have answered.)
  await eventually(
    async () => /refused to call the API/.test((await studio.notice.textContent().catch(() => "")) ?? ""),
    "CORS refusal explained",
  );
  const text = await studio.notice.textContent();
  for (const part of ["refused to call the API from this page", "nginx", "Cloudflare Worker", "gptunnel-relay", "#deploy"]) {
    assert.ok(text.includes(part), `${part} in ${text}`);
  }
  assert.ok(!text.includes("Can't reach"), text);
  assert.ok(text.startsWith("Could not refresh the balance: The browser refused"), text);
  await screenshot(page, "cors-refused");

  await studio.dismissNotice();
  await studio.imagine("a red fox");
  await eventually(async () => /gptunnel-relay/.test((await studio.notice.textContent().catch(() => "")) ?? ""), "the create's refusal explained");
  assert.equal(await studio.cards.count(), 0);

  // The server was asked (preflights and the probe), the key never reached it, nothing was created.
  assert.ok(front.seen.some((r) => r.method === "OPTIONS"), JSON.stringify(front.seen));
  assert.ok(front.seen.some((r) => r.method === "GET" && r.url === "/"), `the no-cors probe: ${JSON.stringify(front.seen)}`);
  assert.deepEqual(front.seen.filter((r) => r.authorization !== null || r.url.includes("secret-key-123")), []);
  assert.deepEqual(await s.emulator.creates(), []);
});

test("an unreachable server keeps the network error (no CORS story)", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio } = s;
  await studio.open(s.site.url);
  await studio.configure({ key: "test-key", baseUrl: await closedPort() });
  await eventually(async () => /Can't reach the API/.test((await studio.notice.textContent().catch(() => "")) ?? ""), "network error shown");
  await studio.imagine("a red fox");
  await eventually(async () => /Can't reach the API/.test((await studio.notice.textContent().catch(() => "")) ?? ""), "create's network error shown");
  // Nothing to wait for when the probe (rightly) changes nothing: the notice stays as it is.
  await stays(async () => /Can't reach the API/.test(await studio.notice.textContent()), "the network error stays", 1500);
});

test("a dropped request to a server that allows this page is not called a CORS refusal", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page } = s;
  await page.route("**/v1/balance*", (route) => route.abort());
  await s.openConfigured();
  await eventually(async () => /Can't reach the API/.test((await studio.notice.textContent().catch(() => "")) ?? ""), "network error shown");
  await stays(async () => /Can't reach the API/.test(await studio.notice.textContent()), "the network error stays", 1500);
});

test("plain http to another computer is warned about before the key is sent", async (t) => {
  const s = await startSession();
  t.after(() => s.close(t));
  const { studio, page } = s;
  await studio.open(s.site.url);
  await studio.openSettings();
  const warning = page.getByTestId("base-url-insecure");
  for (const [url, warned] of [
    ["http://192.0.2.10:8787", true],
    ["http://relay.example/api", true],
    ["http://127.0.0.1:8787", false],
    ["http://localhost:8787", false],
    ["https://gptunnel.ru", false],
  ]) {
    await page.getByTestId("base-url").fill(url);
    if (warned) await warning.waitFor();
    else await warning.waitFor({ state: "detached" });
  }
  await page.getByTestId("base-url").fill("http://192.0.2.10:8787");
  await warning.waitFor();
  assert.match(await warning.textContent(), /plain http:\/\/.*unencrypted/);
  assert.equal(await page.getByTestId("base-url").getAttribute("aria-describedby"), "base-url-warning base-url-hint");
  await screenshot(page, "insecure-http-warning");
});
