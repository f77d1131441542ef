// The one static file server of the Node suites: plain files from one or more folders on
// 127.0.0.1, as a static host serves them (no rewrites), with the MIME types a browser insists
// on (application/wasm for streaming compilation).
//
// Options, all off by default:
// - `gzip`: `Content-Encoding: gzip` (level 9, compressed once per file and kept in memory, as a
//   static host with precompressed files would answer) for text and wasm when the browser asks;
// - `isolate`: COOP/COEP headers, so the page is cross-origin isolated and `performance.now()`
//   has 5 µs resolution instead of 100 µs (to time single brush events).
//
// From tests: `const { url, origin, close } = await serveStatic({ mounts: { "/sub/": dir } })`.
// From a shell: `node tests/support/serve.mjs <dir> [port] [prefix]` (gzip on).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync, constants } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".map": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};
/** Already-compressed formats are sent as they are. */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".svg", ".json", ".webmanifest", ".map", ".txt"]);

/**
 * Serves each `mounts[prefix]` folder under its URL prefix (longest prefix wins) on
 * `host`:`port` (0 = a free port). Resolves to { origin, url, close }: `origin` has no trailing
 * slash, `url` is the origin plus the first mount's prefix.
 */
export async function serveStatic({ mounts, port = 0, host = "127.0.0.1", gzip = false, isolate = false }) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith("/") ? prefix : `${prefix}/`, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const gzipped = new Map();

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const mount = table.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return send(res, 404, `not found: ${path}`);
    const [prefix, base] = mount;
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) return send(res, 403, "forbidden");
    try {
      const info = await stat(file);
      if (info.isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const ext = extname(file);
      const headers = { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (isolate) {
        headers["cross-origin-opener-policy"] = "same-origin";
        headers["cross-origin-embedder-policy"] = "require-corp";
      }
      if (gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        const key = `${file}:${info.mtimeMs}:${body.length}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: constants.Z_BEST_COMPRESSION }));
        body = gzipped.get(key);
        headers["content-encoding"] = "gzip";
        headers.vary = "accept-encoding";
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      send(res, 404, `not found: ${path}`);
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const origin = `http://${host}:${server.address().port}`;
  const first = Object.keys(mounts)[0] ?? "/";
  return {
    origin,
    url: origin + (first.endsWith("/") ? first : `${first}/`),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

function send(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [root = "dist", port = "8080", prefix = "/"] = process.argv.slice(2);
  const { url } = await serveStatic({ mounts: { [prefix]: root }, port: Number(port), gzip: true });
  console.log(`serving ${root} at ${url} (gzip on)`);
}
