// The studio flows' browser (tests/support/browser.mjs) plus the things every flow checks:
// console errors, CSP violations, unexpected dialogs.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, skipWelcome } from "../../support/browser.mjs";
import { ROOT } from "../../support/emulator.mjs";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const ARTIFACTS = join(ROOT, "tests", "artifacts");

/**
 * Launches Chromium; resolves to { browser, context, page, problems }. `welcomed: false` keeps
 * the first visit's welcome (welcome.test.mjs); every other flow starts past it.
 */
export async function openBrowser({ viewport = DESKTOP, locale = "en-US", colorScheme = "light", welcomed = true } = {}) {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport, locale, colorScheme });
  if (welcomed) await skipWelcome(context);
  const page = await context.newPage();
  // E2E_CPU_SLOWDOWN=4 runs the page four times slower (a slow CI machine, a cheap phone).
  const slowdown = Number(process.env.E2E_CPU_SLOWDOWN ?? 1);
  if (slowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  }
  const problems = { consoleErrors: [], cspViolations: [], dialogs: [], pageErrors: [], failedRequests: [], wasmPending: new Set(), acceptDialogs: false };
  // What did not load explains many a stuck flow (a wasm chunk, an image): kept for diagnosis().
  page.on("requestfailed", (r) => problems.failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
  });
  // The studio's wasm files asked for and not yet answered: a click whose code is in a chunk
  // does nothing until the chunk arrives.
  page.on("request", (r) => r.url().endsWith(".wasm") && problems.wasmPending.add(r.url()));
  for (const done of ["requestfinished", "requestfailed"]) page.on(done, (r) => problems.wasmPending.delete(r.url()));
  // Violations are also collected in the page itself (devtools init scripts are exempt from CSP).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on("pageerror", (err) => problems.pageErrors.push(String(err)));
  page.on("dialog", async (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    // A flow that expects a confirm() sets `problems.acceptDialogs`; anything else is dismissed.
    await (problems.acceptDialogs ? dialog.accept() : dialog.dismiss());
  });
  return { browser, context, page, problems };
}

/** Saves what the screen shows to tests/artifacts/<name>.png, after scrolling `focus` into view. */
export async function screenshot(page, name, focus) {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (focus) await focus.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
