// When the studio's prompt bar (or the floor's button) is usable, as the start benchmarks see it.

/**
 * What `watchForReady` logs (`console.debug`) once the page is ready. The benchmarks learn of it
 * from the console event instead of polling the page: Playwright's `waitForFunction` first
 * injects its utility script (about 0.3 MB of JS), a 20-30 ms task on the page's main thread that
 * landed in the middle of the start being measured, the studio's and the floor's alike.
 */
export const READY_MESSAGE = "bench-ready";

/** Resolves when the page logs `READY_MESSAGE`; call it before `page.goto`. */
export function readyLogged(page, timeout) {
  return page.waitForEvent("console", { predicate: (message) => message.text() === READY_MESSAGE, timeout });
}

/**
 * Runs in the page before its scripts (`page.addInitScript(watchForReady, selectors)`): when
 * every selector is present and enabled it records `window.__benchInDomMs` (and a user-timing
 * mark `bench-in-dom`, for traces), then `window.__benchReadyMs` at the next animation frame,
 * and logs `READY_MESSAGE`. Self-contained: Playwright sends its source to the page.
 */
export function watchForReady(selectors) {
  const usable = (selector) => {
    const el = document.querySelector(selector);
    return el !== null && !el.disabled && !el.matches(":disabled");
  };
  const observer = new MutationObserver(check);
  function check() {
    if (window.__benchInDomMs === undefined && selectors.every(usable)) {
      window.__benchInDomMs = performance.now();
      performance.mark("bench-in-dom");
      observer.disconnect();
      requestAnimationFrame(() => {
        window.__benchReadyMs = performance.now();
        console.debug("bench-ready"); // READY_MESSAGE
      });
    }
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
  check();
}
