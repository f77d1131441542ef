// Page object of the studio: what a person sees and does, named as they would name it.
import { expect } from "./expect.mjs";

export class StudioPage {
  /** @param {import("playwright-core").Page} page */
  constructor(page) {
    this.page = page;
    this.prompt = page.getByTestId("prompt");
    this.submit = page.getByTestId("submit");
    this.notice = page.getByTestId("notice-text");
    this.balance = page.getByTestId("balance");
    this.cards = page.getByTestId("task-card");
  }

  async open(url) {
    await this.page.goto(url);
    await this.prompt.waitFor({ state: "visible", timeout: 30_000 });
  }

  /** Opens the settings unless the toggle says they are open (their code may still be on its
   * way: a chunk), then waits for the panel. */
  async openSettings() {
    const toggle = this.page.getByTestId("settings-toggle");
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await this.page.getByTestId("settings-panel").waitFor({ state: "visible" });
  }

  /** Types the key and the API address in Settings, then closes them. */
  async configure({ key, baseUrl }) {
    await this.openSettings();
    await this.page.getByTestId("api-key").fill(key);
    if (baseUrl) await this.page.getByTestId("base-url").fill(baseUrl);
    await this.page.getByTestId("settings-close").click();
  }

  /** Picks the model, and the aspect ratio: a dropdown for media models, the parameter panel's
   * (which writes `--ar` into the prompt typed so far) for Midjourney. */
  async chooseModel(model, aspect) {
    await this.page.getByTestId("model").selectOption(model);
    if (!aspect) return;
    if (model === "midjourney") {
      await this.openParams();
      await this.page.getByTestId("param-ar").selectOption(aspect);
    } else {
      await this.page.getByTestId("aspect").selectOption(aspect);
    }
  }

  /** Opens the Midjourney parameter panel (a <details>) if it is closed. */
  async openParams() {
    const panel = this.page.getByTestId("params");
    if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
  }

  /** Writes a prompt and presses Enter. */
  async imagine(text) {
    await this.prompt.fill(text);
    await this.prompt.press("Enter");
  }

  /** The card of the newest task, or of the task with `id`. */
  card(id) {
    return id ? this.page.locator(`[data-testid="task-card"][data-task-id="${id}"]`) : this.cards.first();
  }

  /** The live preview a running card shows (the server's intermediate image). */
  preview(card) {
    return card.getByTestId("task-preview");
  }

  /** The finished 2×2 grid in a done grid card's picker (never the live preview). */
  gridImage(card) {
    return card.getByTestId("grid-image");
  }

  /** The finished single image (upsample, variation, media…) of a done card. */
  image(card) {
    return card.getByTestId("task-image");
  }

  async percentOf(card) {
    const text = await card.getByTestId("task-percent").textContent({ timeout: 1000 }).catch(() => null);
    return text === null ? null : Number.parseInt(text, 10);
  }

  /** Samples the progress shown on `card` until it finishes; returns every distinct percent seen. */
  async watchProgress(card, timeout = 60_000) {
    const seen = [];
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      if ((await card.getAttribute("data-phase")) !== "running") break;
      const p = await this.percentOf(card);
      if (p !== null && seen.at(-1) !== p) seen.push(p);
      await this.page.waitForTimeout(200);
    }
    return seen;
  }

  async waitDone(card, timeout = 60_000) {
    await expect(card, "data-phase", "done", timeout);
  }

  async taskIds() {
    return this.cards.evaluateAll((cards) => cards.map((c) => c.dataset.taskId));
  }

  /** Ticks or unticks "remember the key on this device" in Settings, then closes them. */
  async rememberKey(on) {
    await this.openSettings();
    await this.page.getByTestId("remember-key").setChecked(on);
    await this.page.getByTestId("settings-close").click();
  }

  /** Clicks Export; resolves to the path of the downloaded JSON file. */
  async exportHistory() {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByTestId("history-export").click(),
    ]);
    return download.path();
  }

  /** Clicks Clear (the caller accepts the confirm dialog) and waits for an empty feed. */
  async clearHistory() {
    await this.page.getByTestId("history-clear").click();
    await this.cards.first().waitFor({ state: "detached" });
  }

  /** Closes the notice banner if one is shown. */
  async dismissNotice() {
    if (await this.notice.isVisible()) {
      await this.page.getByTestId("notice-close").click();
      await this.notice.waitFor({ state: "detached" });
    }
  }

  /**
   * Imports the export at `file` (merged by task id) and waits for the studio's answer: resolves
   * to the number of tasks it says it added. An earlier notice is closed first, so the one read
   * is this import's.
   */
  async importHistory(file) {
    await this.dismissNotice();
    await this.page.getByTestId("history-import").setInputFiles(file);
    await this.notice.waitFor({ timeout: 30_000 });
    const text = await this.notice.textContent();
    const added = /(\d+)\s*$/.exec(text);
    if (!added) throw new Error(`the import's notice names no count: ${JSON.stringify(text)}`);
    return Number(added[1]);
  }

  /**
   * Everything the page keeps in the browser, as plain data: every IndexedDB database, store
   * and record, plus localStorage and sessionStorage.
   */
  async storedData() {
    return this.page.evaluate(async () => {
      const request = (r) => new Promise((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
      const indexedDb = {};
      for (const { name, version } of await indexedDB.databases()) {
        const db = await request(indexedDB.open(name, version));
        indexedDb[name] = {};
        for (const store of db.objectStoreNames) {
          const os = db.transaction(store, "readonly").objectStore(store);
          const [keys, values] = await Promise.all([request(os.getAllKeys()), request(os.getAll())]);
          indexedDb[name][store] = { keys, values };
        }
        db.close();
      }
      const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
      return { indexedDb, localStorage: dump(localStorage), sessionStorage: dump(sessionStorage) };
    });
  }
}
