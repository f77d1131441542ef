// A tiny static file server for dist/, optionally under a sub-path (e.g. /some/sub/path/),
// as a plain static host would serve it: no rewrites, no headers beyond the content type.
// Use from tests (`await serveStatic({ root, prefix })`) or from a shell:
//   node tests/e2e/serve.mjs <root> [port] [prefix]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Serves `root` under `prefix` on 127.0.0.1:`port` (0 = a free port). Resolves to { url, close }. */
export async function serveStatic({ root, prefix = "/", port = 0, host = "127.0.0.1" }) {
  const base = resolve(root);
  const pre = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(pre)) return send(res, 404, "not found");
    let file = normalize(join(base, path.slice(pre.length)));
    if (file !== base && !file.startsWith(base + sep)) return send(res, 403, "forbidden");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      send(res, 404, "not found");
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const url = `http://${host}:${server.address().port}${pre}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

function send(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [root = "dist", port = "8080", prefix = "/"] = process.argv.slice(2);
  const { url } = await serveStatic({ root, port: Number(port), prefix });
  console.log(`studio served at ${url}`);
}
