// Benchmark group 5 (issue 14): the studio with a 5,000-task history, beside the same studio
// with an empty history (load, memory) and with 10 tasks (one poll update), in one run, headless
// Chromium against a real emulator. The history is a seeded fixture (lib/history_fixture.mjs)
// written into the studio's own IndexedDB store; three of its tasks are real running tasks on
// the emulator, which the studio resumes and polls.
//
// Measured:
//   1. navigation start → prompt bar usable AND the history shown (the newest card, or the
//      "no tasks" hint), taken when the main thread is next free (so a page still busy
//      rendering the feed is not "usable"); fresh page loads, the arms alternating; median.
//   2. task cards in the DOM after load; frame intervals while the feed is scrolled
//      programmatically (one scroll step per animation frame): p95, max, frames over 25 ms;
//      and that the first 1,000 cards are the fixture's, newest first (else the bench fails).
//   3. one poll update: which cards the DOM changes of that update touch (MutationObserver) and
//      the time from the poll's response to the feed's DOM changed; also cards touched per
//      clock tick (a DOM change without a poll).
//   4. page memory after load and a forced GC: JS heap (CDP Performance.getMetrics) plus the
//      wasm memory (its buffer's byteLength), and DOM nodes.
//
// Usage: node tests/bench/history.mjs --studio <dist> --out <json> [--loads 10] [--tasks 5000]
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, skipWelcome } from "../support/browser.mjs";
import { startEmulator } from "../support/emulator.mjs";
import { serveStatic } from "../support/serve.mjs";
import { historyFixture, runningRecord } from "./lib/history_fixture.mjs";
import { parseArgs, writeJson } from "./lib/files.mjs";
import { median, percentile, ratio, round } from "./lib/stats.mjs";

const args = parseArgs();
if (!args.studio || !args.out) throw new Error("usage: history.mjs --studio <dist> --out <json> [--loads 10]");
const loads = Math.max(10, Number(args.loads ?? 10));
const bigCount = Number(args.tasks ?? 5000);
const KEY = "bench-key";
const TIMEOUT_MS = 180_000;
const POLL_WINDOW_MS = 12_000;
const SCROLL_FRAMES = 240;
/** How many cards, from the newest, are checked to be the fixture's in order. */
const CHECKED = 1000;

/** Runs in the page before its scripts: wasm memory capture and the readiness watcher. */
function instrument(expectId) {
  const keep = (result) => {
    const exports = (result.instance ?? result).exports;
    if (exports?.memory) window.__benchWasmMemory = exports.memory;
    return result;
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...a) => original.apply(WebAssembly, a).then(keep);
  }
  const usable = (selector) => {
    const el = document.querySelector(selector);
    return el !== null && !el.disabled;
  };
  const shown = () =>
    expectId === null
      ? document.querySelector('[data-testid="feed-empty"]') !== null
      : document.querySelector(`[data-testid="task-card"][data-task-id="${expectId}"]`) !== null;
  const observer = new MutationObserver(check);
  function check() {
    if (window.__benchShown === undefined && usable('[data-testid="prompt"]') && usable('[data-testid="submit"]') && shown()) {
      window.__benchShown = performance.now();
      observer.disconnect();
      // The first moment the main thread is free again: input would be handled from here.
      setTimeout(() => (window.__benchReadyMs = performance.now()), 0);
    }
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
  // Poll responses, for the poll-update measurement (3).
  window.__benchPolls = [];
  const fetch = window.fetch;
  window.fetch = (...a) =>
    fetch.apply(window, a).then((response) => {
      if (/\/result(\?|$)/.test(response.url)) window.__benchPolls.push(performance.now());
      return response;
    });
}

/** Opens a page of `arm`, waits until usable; resolves to { page, readyMs }. */
async function openStudio(arm) {
  const page = await arm.context.newPage();
  page.on("pageerror", (err) => arm.errors.push(String(err)));
  await page.addInitScript(instrument, arm.newest);
  await page.goto(arm.url, { waitUntil: "commit" });
  try {
    await page.waitForFunction(() => window.__benchReadyMs !== undefined, null, { timeout: TIMEOUT_MS, polling: 50 });
  } catch (error) {
    const cards = await page.locator('[data-testid="task-card"]').count();
    throw new Error(`${arm.name}: not usable within ${TIMEOUT_MS} ms (${cards} cards; page errors: ${arm.errors.join("; ")})`, { cause: error });
  }
  return { page, readyMs: await page.evaluate(() => window.__benchReadyMs) };
}

/** Creates `n` Midjourney tasks on the emulator; resolves to their ids, oldest first. */
async function createRunning(emulator, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${emulator.url}/v1/midjourney/imagine`, {
      method: "POST",
      headers: { authorization: KEY, "content-type": "application/json" },
      body: JSON.stringify({ prompt: `a running task ${i}` }),
    });
    ids.push((await response.json()).id);
  }
  return ids;
}

/** Writes `records` into the studio's store of `arm` (the page is any page of the origin). */
async function writeRecords(page, records, emulator) {
  await page.evaluate(
    async ({ records, baseUrl, key }) => {
      localStorage.setItem("gptunnel-studio.settings", JSON.stringify({ base_url: baseUrl, wallet: false, lang: "en", remember_key: true }));
      localStorage.setItem("gptunnel-studio.api-key", key);
      const request = (r) => new Promise((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
      const db = await request(indexedDB.open("gptunnel-studio"));
      const tx = db.transaction("tasks", "readwrite");
      for (const rec of records) tx.objectStore("tasks").put(rec);
      await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onerror = () => fail(tx.error))));
      db.close();
    },
    { records, baseUrl: emulator.url, key: KEY },
  );
}

/** A context whose IndexedDB holds `records` (written into the store the studio created). */
async function prepareArm(browser, name, records, site, emulator) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await skipWelcome(context);
  const arm = { name, context, url: site.url, newest: records[0]?.id ?? null, records, errors: [], samples: [] };
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByTestId("prompt").waitFor({ timeout: TIMEOUT_MS });
  await writeRecords(page, records, emulator);
  await page.close();
  return arm;
}

/** Adds 3 tasks running right now on the emulator to `arm`'s history (the newest). */
async function addFreshRunning(arm, site, emulator) {
  const ids = await createRunning(emulator, 3);
  const now = Date.now();
  const page = await arm.context.newPage();
  await page.goto(`${site.origin}/fixture/image.png`);
  await writeRecords(page, ids.map((id, i) => runningRecord(id, now + i)), emulator);
  await page.close();
  arm.newest = ids[ids.length - 1];
  arm.records = [...[...ids].reverse().map((id) => ({ id })), ...arm.records];
}

/** JS heap, wasm memory and DOM nodes of `page` after a forced GC. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (n) => metrics.find((m) => m.name === n)?.value ?? null;
  const wasm = await page.evaluate(() => window.__benchWasmMemory?.buffer.byteLength ?? null);
  await cdp.detach();
  if (wasm === null) throw new Error("the wasm memory was not captured: the measurement is void");
  const jsHeap = metric("JSHeapUsedSize");
  return { js_heap_bytes: jsHeap, wasm_bytes: wasm, total_bytes: jsHeap + wasm, dom_nodes: metric("Nodes") };
}

/** Watches the feed for `POLL_WINDOW_MS`: cards touched per poll update and per other change. */
async function pollUpdates(page) {
  return page.evaluate(async (windowMs) => {
    const feed = document.querySelector('[data-testid="feed"]');
    const batches = [];
    const observer = new MutationObserver((records) => {
      const at = performance.now();
      const cards = new Set();
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const card = node?.closest('[data-testid="task-card"]');
        if (card) cards.add(card.dataset.taskId);
        else for (const n of r.addedNodes) if (n.dataset?.testid === "task-card") cards.add(n.dataset.taskId);
      }
      batches.push({ at, cards: cards.size });
    });
    window.__benchPolls.length = 0;
    observer.observe(feed, { subtree: true, childList: true, characterData: true, attributes: true });
    await new Promise((ok) => setTimeout(ok, windowMs));
    observer.disconnect();
    // The first change after a poll's response (before the next response) is that poll's
    // update; the other changes are clock ticks.
    const polls = window.__benchPolls.slice();
    const updates = [];
    const ticks = [];
    const claimed = new Set();
    for (const b of batches) {
      const poll = polls.filter((p) => p <= b.at).pop();
      if (poll !== undefined && !claimed.has(poll)) {
        claimed.add(poll);
        updates.push({ cards: b.cards, ms: b.at - poll });
      } else ticks.push(b.cards);
    }
    return { polls: polls.length, updates, ticks };
  }, POLL_WINDOW_MS);
}

/** Scrolls the window one step per frame; returns the frame intervals in ms. */
async function scrollFrames(page) {
  return page.evaluate(async (frames) => {
    window.scrollTo(0, 0);
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const intervals = [];
    let last = performance.now();
    for (let i = 0; i < frames; i++) {
      window.scrollBy(0, 60);
      await new Promise((ok) => requestAnimationFrame(ok));
      const now = performance.now();
      intervals.push(now - last);
      last = now;
    }
    return intervals;
  }, SCROLL_FRAMES);
}

/**
 * Scrolls down until `limit` cards are in the feed (or no new card comes for 20 rounds);
 * returns the first `limit` card ids in feed order and the time taken.
 */
async function cardsInOrder(page, limit) {
  return page.evaluate(async (limit) => {
    const ids = () => [...document.querySelectorAll('[data-testid="task-card"]')].map((c) => c.dataset.taskId);
    const started = performance.now();
    let still = 0;
    let last = 0;
    while (ids().length < limit && still < 20 && performance.now() < started + 300_000) {
      window.scrollTo(0, document.documentElement.scrollHeight);
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 20)));
      const now = ids().length;
      still = now === last ? still + 1 : 0;
      last = now;
    }
    return { ids: ids().slice(0, limit), ms: performance.now() - started };
  }, limit);
}

// --- the run ---------------------------------------------------------------------------------
// 90 s tasks with smooth progress: every poll of a running task sees a new percent.
const emulator = await startEmulator(["--progress", "smooth", "--key", KEY], { taskSeconds: 90 });
const imageDir = mkdtempSync(join(tmpdir(), "history-bench-"));
// A 1×1 PNG; every record points at it with its own query string (a request per image).
writeFileSync(join(imageDir, "image.png"), Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
const site = await serveStatic({ mounts: { "/": args.studio, "/fixture/": imageDir }, gzip: true });
const browser = await launchChromium();
const result = { bench: "history", tasks: bigCount, loads, browser: `chromium ${browser.version()}` };
try {
  const running = await createRunning(emulator, 3);
  const fixture = historyFixture({ count: bigCount, running, nowMs: Date.now(), imageBase: `${site.origin}/fixture/image.png` });
  const empty = await prepareArm(browser, "empty", [], site, emulator);
  const ten = await prepareArm(browser, "ten", fixture.slice(0, 10), site, emulator);
  const big = await prepareArm(browser, "big", fixture, site, emulator);
  console.error(`[history] fixture written: ${fixture.length} tasks (${running.length} running on the emulator)`);

  // 1. Load: alternate the arms, which goes first alternating too.
  for (const arm of [empty, big]) await (await openStudio(arm)).page.close(); // warm-up
  for (let i = 0; i < loads; i++) {
    for (const arm of i % 2 === 0 ? [empty, big] : [big, empty]) {
      const { page, readyMs } = await openStudio(arm);
      arm.samples.push(readyMs);
      console.error(`[history] load ${i + 1}/${loads} ${arm.name}: ${readyMs.toFixed(0)} ms`);
      await page.close();
    }
  }
  result.load = {
    what: "ms from navigation start to the prompt bar usable with the history shown (main thread free)",
    empty_median_ms: round(median(empty.samples), 1),
    big_median_ms: round(median(big.samples), 1),
    empty_samples_ms: empty.samples.map((x) => round(x, 1)),
    big_samples_ms: big.samples.map((x) => round(x, 1)),
  };
  result.load.big_over_empty = round(ratio(result.load.big_median_ms, result.load.empty_median_ms), 2);

  // 2–4 on one more page of each arm.
  for (const arm of [empty, ten, big]) {
    // Tasks that move while measured (the fixture's first running ones may be done by now).
    if (arm !== empty) await addFreshRunning(arm, site, emulator);
    const { page } = await openStudio(arm);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
    arm.cards = await page.locator('[data-testid="task-card"]').count();
    arm.memory = await memory(page);
    if (arm !== empty) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Performance.enable");
      const busy = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
      const before = await busy();
      arm.poll = await pollUpdates(page);
      // Main-thread busy time while the running tasks are polled and the clock ticks.
      arm.poll.busy_ms_per_s = ((await busy()) - before) * 1000 / (POLL_WINDOW_MS / 1000);
      await cdp.detach();
      if (arm.poll.polls < 2) throw new Error(`${arm.name}: only ${arm.poll.polls} polls answered: the measurement is void`);
      arm.scroll = await scrollFrames(page);
      // The feed shows the fixture, newest first: the first CHECKED cards, in order.
      const expected = arm.records.slice(0, CHECKED).map((r) => r.id);
      const { ids, ms } = await cardsInOrder(page, expected.length);
      if (ids.join() !== expected.join()) {
        const at = ids.findIndex((id, i) => id !== expected[i]);
        throw new Error(`${arm.name}: the feed is not the fixture newest first (${ids.length} cards; first difference at ${at}): the measurement is void`);
      }
      arm.checked = ids.length;
      arm.toCheckedMs = ms;
    }
    await page.close();
  }
  for (const arm of [empty, ten, big]) if (arm.errors.length) throw new Error(`${arm.name}: page errors: ${arm.errors.slice(0, 3).join("; ")}`);

  const pollSummary = (p) => ({
    polls: p.polls,
    updates: p.updates.length,
    cards_per_update_max: Math.max(...p.updates.map((u) => u.cards)),
    cards_per_update_median: median(p.updates.map((u) => u.cards)),
    update_median_ms: round(median(p.updates.map((u) => u.ms)), 2),
    update_max_ms: round(Math.max(...p.updates.map((u) => u.ms)), 2),
    cards_per_tick_max: p.ticks.length ? Math.max(...p.ticks) : 0,
    main_thread_busy_ms_per_s: round(p.busy_ms_per_s, 1),
  });
  const frames = (s) => ({ p95_ms: round(percentile(s, 95), 1), max_ms: round(Math.max(...s), 1), over_25ms: s.filter((x) => x > 25).length, frames: s.length });
  result.dom = { cards_after_load: { ten: ten.cards, big: big.cards }, checked_in_order: big.checked, scroll_to_checked_ms: round(big.toCheckedMs, 0) };
  result.scroll = { ten: frames(ten.scroll), big: frames(big.scroll) };
  result.poll_update = { ten: pollSummary(ten.poll), big: pollSummary(big.poll) };
  result.poll_update.big_over_ten_ms = round(ratio(result.poll_update.big.update_median_ms, result.poll_update.ten.update_median_ms), 2);
  result.poll_update.big_over_ten_busy = round(ratio(result.poll_update.big.main_thread_busy_ms_per_s, result.poll_update.ten.main_thread_busy_ms_per_s), 2);
  result.memory = { empty: empty.memory, big: big.memory, big_over_empty: round(ratio(big.memory.total_bytes, empty.memory.total_bytes), 2) };
} finally {
  await browser.close();
  await site.close();
  await emulator.stop();
}
writeJson(args.out, result);

const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const { load, dom, scroll, poll_update: pu, memory: mem } = result;
console.log(`studio with ${bigCount} tasks vs empty (10 for polls); ${loads} fresh loads per arm, alternating`);
console.log(`  1. load → usable prompt bar: empty ${load.empty_median_ms} ms, ${bigCount} ${load.big_median_ms} ms: ${load.big_over_empty}x (target ≤ 1.5x)`);
console.log(`  2. cards in the DOM after load: ${dom.cards_after_load.big} (10 tasks: ${dom.cards_after_load.ten}); the first ${dom.checked_in_order} are the fixture's, newest first (scrolled to in ${(dom.scroll_to_checked_ms / 1000).toFixed(1)} s)`);
console.log(`     scrolling ${SCROLL_FRAMES} frames: p95 ${scroll.big.p95_ms} ms, max ${scroll.big.max_ms} ms, ${scroll.big.over_25ms} frames over 25 ms (10 tasks: p95 ${scroll.ten.p95_ms}, max ${scroll.ten.max_ms}, ${scroll.ten.over_25ms})`);
console.log(`  3. one poll update: ${pu.big.cards_per_update_max} card(s) touched at most, ${pu.big.update_median_ms} ms median (10 tasks: ${pu.ten.cards_per_update_max}, ${pu.ten.update_median_ms} ms): ${pu.big_over_ten_ms}x; cards touched per clock tick ${pu.big.cards_per_tick_max} (10 tasks: ${pu.ten.cards_per_tick_max})`);
console.log(`     main thread busy while its tasks run: ${pu.big.main_thread_busy_ms_per_s} ms/s (10 tasks: ${pu.ten.main_thread_busy_ms_per_s} ms/s): ${pu.big_over_ten_busy}x`);
console.log(`  4. memory (JS heap + wasm): empty ${mib(mem.empty.total_bytes)}, ${bigCount} ${mib(mem.big.total_bytes)}: ${mem.big_over_empty}x (target ≤ 2x); DOM nodes ${mem.empty.dom_nodes} vs ${mem.big.dom_nodes}`);
