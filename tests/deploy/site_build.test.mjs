// Issue 15: the output of scripts/build-site.sh served from a sub-path by Debian's nginx with
// deploy/nginx/gptunnel-site.conf: the CSP arrives as a real header (index.html's <meta> plus
// frame-ancestors 'none'), and the studio works there under it (imagine → grid).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startEmulator } from "../support/emulator.mjs";
import { nginxAvailable, startNginx, NGINX } from "../support/nginx.mjs";
import { openBrowser } from "../e2e/support/browser.mjs";
import { StudioPage } from "../e2e/pages/studio.mjs";

const SITE = process.env.GPTUNNEL_SITE_DIR ?? join(ROOT, "site");
const SUB_PATH = "/tools/gptunnel/";
const skip = nginxAvailable() ? false : `SITE BUILD NOT TESTED: ${NGINX} is missing (scripts/setup.sh installs Debian's nginx)`;
if (skip) console.error(`\n!!!!! ${skip} !!!!!\n`);

/** index.html's <meta> CSP, read from the source page. */
function metaCsp() {
  const html = readFileSync(join(ROOT, "index.html"), "utf8");
  const found = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  assert.ok(found, "index.html has a CSP <meta>");
  return found[1];
}

/** deploy/nginx/gptunnel-site.conf with its two marked lines edited, inside a server block. */
function siteServer(port) {
  const snippet = readFileSync(join(ROOT, "deploy", "nginx", "gptunnel-site.conf"), "utf8")
    .replace("location /studio/ {", `location ${SUB_PATH} {`)
    .replace("alias /var/www/gptunnel-studio/;", `alias ${SITE}/;`);
  assert.ok(snippet.includes(SUB_PATH) && snippet.includes(`${SITE}/`), "the snippet's marked lines were edited");
  return `server {\n  listen 127.0.0.1:${port};\n${snippet}\n}`;
}

test("the site build, served by nginx from a sub-path, sends the CSP header and runs the studio", { skip }, async (t) => {
  assert.ok(existsSync(join(SITE, "index.html")), `no site build in ${SITE}: run scripts/build-site.sh`);
  const expectedCsp = `${metaCsp()}; frame-ancestors 'none'`;
  const headersFile = readFileSync(join(SITE, "_headers"), "utf8");
  assert.ok(headersFile.includes(`Content-Security-Policy: ${expectedCsp}\n`), "_headers carries the same CSP");

  const emulator = await startEmulator([], { taskSeconds: 2 });
  t.after(() => emulator.stop());
  const nginx = await startNginx(siteServer);
  t.after(() => nginx.stop());
  const url = nginx.origin + SUB_PATH;

  const page_ = await fetch(url);
  assert.equal(page_.status, 200);
  assert.equal(page_.headers.get("content-security-policy"), expectedCsp);
  assert.match(page_.headers.get("content-security-policy"), /frame-ancestors 'none'/);
  const wasmName = (await page_.text()).match(/data-wasm="([^"]+)"/)?.[1];
  assert.ok(wasmName, "the page names its wasm");
  const wasm = await fetch(new URL(wasmName, url));
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  await wasm.arrayBuffer();
  // Issue 13: the page, the Service Worker and the manifest are revalidated on every visit (a
  // new version is picked up on the next load); hashed files keep nginx's defaults.
  assert.equal(page_.headers.get("cache-control"), "no-cache");
  assert.equal(wasm.headers.get("cache-control"), null);
  const worker = await fetch(new URL("sw.js", url));
  assert.equal(worker.headers.get("cache-control"), "no-cache");
  assert.equal(worker.headers.get("content-type"), "text/javascript");
  const manifest = await fetch(new URL("manifest.webmanifest", url));
  assert.equal(manifest.headers.get("cache-control"), "no-cache");
  assert.equal(manifest.headers.get("content-type"), "application/manifest+json");
  const icon = await fetch(new URL("icons/icon-192.png", url));
  assert.equal(icon.headers.get("content-type"), "image/png");
  assert.equal(worker.headers.get("content-security-policy"), expectedCsp, "the other headers stay");

  const { browser, page, problems } = await openBrowser();
  t.after(() => browser.close());
  const studio = new StudioPage(page);
  await studio.open(url);
  await studio.configure({ key: "test-key", baseUrl: emulator.url });
  await studio.imagine("a lighthouse at dawn, watercolor");
  const card = studio.card();
  await card.waitFor();
  await studio.waitDone(card);
  await studio.gridImage(card).waitFor({ state: "visible" });

  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  assert.deepEqual([...problems.cspViolations, ...violations], [], "no CSP violation");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.equal((await emulator.creates()).length, 1, "one imagine");
});
