// When the studio's prompt bar (or the floor's button) is usable, as the start benchmarks see it.

/**
 * Runs in the page before its scripts (`page.addInitScript(watchForReady, selectors)`): when
 * every selector is present and enabled it records `window.__benchInDomMs` (and a user-timing
 * mark `bench-in-dom`, for traces), then `window.__benchReadyMs` at the next animation frame.
 * Self-contained: Playwright sends its source to the page.
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
      });
    }
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
  check();
}
