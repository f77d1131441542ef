// gptunnel relay as a Cloudflare Worker: lets the studio (or any page on ALLOWED_ORIGINS) call
// the GPTunnel API from a browser. Forwards /v1/* unchanged to UPSTREAM, adds CORS only for the
// listed origins (never `*`), refuses other paths and bodies over BODY_LIMIT bytes, streams
// answers back, and logs one line per request without the key. Settings: wrangler.toml [vars].

const DEFAULT_UPSTREAM = "https://gptunnel.ru";
const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024; // masks are a few MB
const DRAIN_LIMIT = 64 * 1024 * 1024;
const FORWARDED_REQUEST_HEADERS = ["authorization", "content-type", "accept"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "content-length", "retry-after", "cache-control", "location"];

export default {
  async fetch(request, env) {
    const started = Date.now();
    const path = new URL(request.url).pathname;
    const response = await relay(request, env ?? {});
    // Method, path and status only: never headers (the key), queries or bodies.
    console.log(`${request.method} ${path} ${response.status} ${Date.now() - started}ms`);
    return response;
  },
};

async function relay(request, env) {
  const url = new URL(request.url);
  const cors = corsHeaders(request.headers.get("origin"), env.ALLOWED_ORIGINS);
  if (!url.pathname.startsWith("/v1/")) return refusal(404, "The relay only forwards /v1/*", cors);
  // Preflights are answered here and never forwarded.
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });

  const limit = Number(env.BODY_LIMIT) || DEFAULT_BODY_LIMIT;
  let body = null;
  if (request.method !== "GET" && request.method !== "HEAD") {
    body = await readCapped(request.body, limit);
    if (body === null) return refusal(413, "Request body is too large", cors);
  }

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const upstream = (env.UPSTREAM || DEFAULT_UPSTREAM).replace(/\/+$/, "");
  let answer;
  try {
    answer = await fetch(upstream + url.pathname + url.search, { method: request.method, headers, body, redirect: "manual" });
  } catch {
    return refusal(502, "Upstream request failed", cors);
  }
  const back = new Headers(cors);
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) back.set(name, value);
  }
  // The body is a stream: passed on as it arrives.
  return new Response(answer.body, { status: answer.status, headers: back });
}

/** CORS headers for a listed origin; none at all for any other. */
function corsHeaders(origin, allowed) {
  const origins = String(allowed ?? "")
    .split(",")
    .map((entry) => entry.trim().replace(/\/+$/, ""))
    .filter((entry) => entry && entry !== "*");
  if (!origin || !origins.includes(origin)) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "Authorization, Content-Type, Accept",
    "access-control-expose-headers": "Retry-After",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}

/**
 * The whole body, or null when it is longer than `limit`. A too long body is still read to its
 * end (up to DRAIN_LIMIT): a client whose upload is cut off sees a reset instead of the 413.
 */
async function readCapped(stream, limit) {
  if (stream === null) return new Uint8Array(0);
  const chunks = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT) {
      await reader.cancel();
      return null;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) return null;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A refusal of the relay itself, in the provider's error envelope. */
function refusal(status, message, cors) {
  const error = { error: { message, type: "invalid_request_error", param: null, code: null } };
  if (status === 502) error.error.type = "upstream_error";
  return new Response(JSON.stringify(error), { status, headers: { ...cors, "content-type": "application/json" } });
}
