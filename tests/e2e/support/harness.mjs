// One studio session per test: its own emulator, static server over dist/, and browser.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, ROOT } from "../../support/emulator.mjs";
import { openBrowser, DESKTOP } from "./browser.mjs";
import { serveStatic } from "../../support/serve.mjs";
import { StudioPage } from "../pages/studio.mjs";

export const DIST = process.env.STUDIO_DIST ?? join(ROOT, "dist");

/**
 * Starts everything a flow needs. `emulatorArgs` go to the emulator's CLI, `prefix` is the
 * sub-path the studio is served under. Call `close()` in an `after` hook.
 */
export async function startSession({ emulatorArgs = [], prefix = "/", viewport = DESKTOP, locale, colorScheme, welcomed } = {}) {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error(`no studio build in ${DIST}: run scripts/e2e.sh (or trunk build index.html --release)`);
  }
  const emulator = await startEmulator(emulatorArgs, { taskSeconds: 3 });
  const site = await serveStatic({ mounts: { [prefix]: DIST } });
  const { browser, page, problems, context } = await openBrowser({ viewport, locale, colorScheme, welcomed });
  const studio = new StudioPage(page);
  return {
    emulator,
    site,
    browser,
    context,
    page,
    problems,
    studio,
    /** Opens the studio and sets the key and the emulator's address, as a new user would. */
    async openConfigured(key = "test-key") {
      await studio.open(site.url);
      await studio.configure({ key, baseUrl: emulator.url });
    },
    async cspViolations() {
      const inPage = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      return [...problems.cspViolations, ...inPage];
    },
    /** What the page showed and logged: printed by `close()` so a failure explains itself. */
    async diagnosis() {
      const notice = await page.getByTestId("notice-text").textContent({ timeout: 500 }).catch(() => null);
      const cards = await studio.cards
        .evaluateAll((all) => all.map((c) => `${c.dataset.kind}:${c.dataset.phase}`))
        .catch(() => []);
      const { pageErrors, consoleErrors, failedRequests } = problems;
      const wasmPending = [...problems.wasmPending];
      return { notice, cards, pageErrors, consoleErrors, failedRequests, wasmPending };
    },
    /** Closes everything; `t`, the test, when given: its failure prints the page's state. */
    async close(t) {
      // Printed after a failed test or an uncaught page error (a panic): node --test shows it
      // as a comment, so a failure seen once on CI explains itself.
      const d = await this.diagnosis().catch(() => null);
      if (d && (t?.passed === false || d.pageErrors.length)) {
        console.log(`# page state at close: ${JSON.stringify(d)}`);
      }
      await browser.close().catch(() => {});
      await site.close().catch(() => {});
      await emulator.stop();
    },
  };
}
