// The one way every Node suite (e2e, package, bench) starts a browser: Debian's Chromium through
// playwright-core (never a downloaded browser), with the quiet-network flags of TOOLCHAIN.md so
// that nothing but the page under test touches the network.
import { chromium } from "playwright-core";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Launches Chromium (`$CHROMIUM` or /usr/bin/chromium); close it with `browser.close()`. */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/**
 * Marks the studio's first-visit welcome (web/src/components/welcome.rs) as already seen in
 * every page of `context`, for flows that are not about the first visit.
 */
export function skipWelcome(context) {
  return context.addInitScript(() => {
    try {
      localStorage.setItem("gptunnel-studio.welcomed", "1");
    } catch {}
  });
}
