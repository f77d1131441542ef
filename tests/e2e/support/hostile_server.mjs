// A hostile stand-in for the API, on loopback only: it speaks the GPTunnel protocol (CORS
// included, so the studio can reach it from its own origin) but fills every answer with things
// a careless client would run, follow or choke on. It also serves tiny PNGs under /img/ and
// /task/image/, so it doubles as "an image host on another origin", and records every request
// it receives (method, URL, headers, body) for tests that check what reached it.
//
// What an answer holds is chosen by the prompt: a prompt containing `hostile:<scenario>` (see
// SCENARIOS) gets that scenario for its create and for every poll of the task it created.
// Every injected script sets `window.__pwned` to the scenario's name and calls alert(), so a
// test only has to look for either.
import { createServer } from "node:http";

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** Script that proves it ran: sets the marker and opens a dialog. */
const pwn = (name) => `window.__pwned='${name}';alert('${name}')`;
/** Markup that runs `pwn(name)` if it is ever parsed as HTML. */
export const markup = (name) =>
  `<img src=x onerror="${pwn(name)}"><script>${pwn(name)}</script><a href="javascript:${pwn(name)}">click</a>`;

const MEGABYTE = 1 << 20;

/**
 * Scenario name → how the create and the polls of its task are answered. `create` and
 * `result` get a context { id, base, polls } and return [status, body, contentType?]; a
 * missing `create` answers an ordinary idle task, a missing `result` a running one.
 */
export const SCENARIOS = {
  // A grid whose image is a javascript: URL, with action names that are markup.
  "js-url": {
    result: ({ id }) =>
      ok(task(id, { status: "done", result: `javascript:${pwn("js-url")}`, actions: ["upsamle_1", "upsample_2", "variation_1", "reroll", markup("action")] })),
  },
  // A single image (upsample) whose URL is javascript:.
  "js-url-single": {
    result: ({ id }) =>
      ok(task(id, { type: "upsample", status: "done", result: `javascript:${pwn("js-url-single")}`, actions: ["high_variation", "low_variation", `pan_${markup("pan")}`] })),
  },
  // A single image whose URL is an HTML document with a script.
  "data-url": {
    result: ({ id }) =>
      ok(task(id, { type: "upsample", status: "done", result: `data:text/html,<script>${pwn("data-url")}</script>`, actions: [] })),
  },
  // An http URL that tries to break out of the src attribute.
  "quote-url": {
    result: ({ id, base }) =>
      ok(task(id, { type: "upsample", status: "done", result: `${base}/img/x"><img/src=x/onerror=${pwn("quote-url")}>`, actions: [] })),
  },
  // A task that fails with markup as its reason.
  "failed-html": {
    result: ({ id }) => ok(task(id, { status: "failed", error: markup("failed-html") })),
  },
  // A create refused with markup in the error envelope.
  "error-html": {
    create: () => [400, JSON.stringify({ error: { message: markup("error-html"), type: "invalid_request_error", param: null, code: null } })],
  },
  // A create answered by a gateway's HTML page with a script in it.
  "error-html-page": {
    create: () => [502, `<!doctype html><html><body><h1>Bad gateway</h1>${markup("error-html-page")}</body></html>`, "text/html"],
  },
  // A create refused with a 2 MB message.
  "huge-error": {
    create: () => [400, JSON.stringify({ error: { message: `huge ${markup("huge-error")} `.repeat((2 * MEGABYTE) / 100), type: "invalid_request_error" } })],
  },
  // A task that fails with a 1 MB reason.
  "huge-failed": {
    result: ({ id }) => ok(task(id, { status: "failed", error: `${markup("huge-failed")} `.repeat(MEGABYTE / 100) })),
  },
  // A done single image whose URL is 3 MB long (over Chromium's URL limit).
  "huge-url": {
    result: ({ id, base }) => ok(task(id, { type: "upsample", status: "done", result: `${base}/img/${"a".repeat(3 * MEGABYTE)}`, actions: [] })),
  },
  // A create answered with JSON cut in the middle (and a script after it).
  "malformed-create": {
    create: ({ id }) => [200, `{"id":"${id}","object":"task","status":"idle",<script>${pwn("malformed-create")}</script>`],
  },
  // Polls answered with broken JSON twice, then a proper finished task.
  "malformed-poll": {
    result: ({ id, base, polls }) =>
      polls <= 2
        ? [200, `{"id":"${id}","status":"done","result":"<script>${pwn("malformed-poll")}</script>`]
        : ok(task(id, { type: "upsample", status: "done", result: `${base}/img/fine.png`, actions: [] })),
  },
  // Polls answered by a 404 HTML page with a script.
  "html-poll-404": {
    result: () => [404, `<html><body>${markup("html-poll-404")}</body></html>`, "text/html"],
  },
  // A media create that echoes markup as the prompt and model, then finishes with an image.
  "media-echo": {
    create: ({ id }) => ok(media(id, { prompt: `${markup("media-echo")} --ar 1:1`, model: markup("media-model"), status: "idle" })),
    result: ({ id, base }) => ok(media(id, { prompt: markup("media-echo"), status: "done", url: `${base}/img/media.png`, message: markup("media-message") })),
  },
  // A media task that finishes with a javascript: URL.
  "media-js-url": {
    result: ({ id }) => ok(media(id, { status: "done", url: `javascript:${pwn("media-js-url")}` })),
  },
  // A media create refused (code 3) with markup as the message.
  "media-error": {
    create: () => ok({ code: 3, message: markup("media-error") }),
  },
};

function ok(value) {
  return [200, JSON.stringify(value)];
}

function task(id, fields) {
  return {
    id,
    parentId: null,
    object: "task",
    type: "imagine",
    actions: [],
    percent: fields.status === "done" ? 100 : 0,
    status: "idle",
    result: null,
    error: null,
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, prompt_cost: 0, completion_cost: 0, total_cost: 0 },
    ...fields,
  };
}

function media(id, fields) {
  return { code: 0, id, model: "google-imagen-3", prompt: "", created_at: 1753280579, status: "idle", url: null, ...fields };
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, accept",
  "access-control-max-age": "600",
};

/**
 * Starts the server on 127.0.0.1 (a free port). Resolves to
 * { url, requests, close() } where `requests` is the live list of received requests.
 */
export async function startHostileServer() {
  const requests = [];
  const tasks = new Map(); // id → { scenario, polls }
  let next = 0;
  const newId = () => (0x650000000000 + ++next).toString(16).padStart(24, "0");
  let base = "";

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    const url = new URL(req.url, base);
    const send = (status, text, type = "application/json") => {
      res.writeHead(status, { ...CORS, "content-type": type });
      res.end(text);
    };
    if (req.method === "OPTIONS") return send(204, "");
    if (url.pathname.startsWith("/img/") || url.pathname.startsWith("/task/image/")) {
      res.writeHead(200, { ...CORS, "content-type": "image/png" });
      return res.end(PNG);
    }
    const json = parseJson(body);
    const ctx = (id) => ({ id, base, polls: tasks.get(id)?.polls ?? 0 });

    if (req.method === "POST" && (url.pathname === "/v1/midjourney/imagine" || url.pathname === "/v1/media/create")) {
      const name = /hostile:([a-z0-9-]+)/.exec(String(json?.prompt ?? ""))?.[1];
      const scenario = SCENARIOS[name] ?? {};
      const id = newId();
      tasks.set(id, { scenario, polls: 0 });
      const answer = scenario.create?.(ctx(id)) ??
        (url.pathname.startsWith("/v1/media") ? ok(media(id, { status: "idle" })) : ok(task(id, {})));
      return send(...answer);
    }
    if (url.pathname === "/v1/midjourney/result" || url.pathname === "/v1/media/result") {
      const id = url.searchParams.get("taskId") ?? url.searchParams.get("task_id") ?? json?.taskId ?? json?.task_id ?? json?.id;
      const known = tasks.get(id);
      if (!known) return send(404, `<html><body>no such task ${markup("unknown-task")}</body></html>`, "text/html");
      known.polls += 1;
      const answer = known.scenario.result?.(ctx(id)) ??
        (url.pathname.startsWith("/v1/media") ? ok(media(id, { status: "processing" })) : ok(task(id, { status: "processing", percent: 10 })));
      return send(...answer);
    }
    if (url.pathname === "/v1/balance") {
      return send(200, JSON.stringify({ orgId: markup("balance"), object: "balance", balance: 12.5, creditLimit: 100 }));
    }
    send(404, `<html><body><h1>Not found</h1>${markup("not-found")}</body></html>`, "text/html");
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(ok);
      }),
  };
}

function readBody(req) {
  return new Promise((ok) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => ok(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => ok(""));
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
