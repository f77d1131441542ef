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

  async openSettings() {
    if (!(await this.page.getByTestId("settings-panel").isVisible())) {
      await this.page.getByTestId("settings-toggle").click();
    }
  }

  /** Types the key and the API address in Settings, then closes them. */
  async configure({ key, baseUrl }) {
    await this.openSettings();
    await this.page.getByTestId("api-key").fill(key);
    if (baseUrl) await this.page.getByTestId("base-url").fill(baseUrl);
    await this.page.getByTestId("settings-close").click();
  }

  async chooseModel(model, aspect) {
    await this.page.getByTestId("model").selectOption(model);
    if (aspect) await this.page.getByTestId("aspect").selectOption(aspect);
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
}
