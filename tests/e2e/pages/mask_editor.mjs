// Page object of the "Vary region" mask editor: open it on a card, paint in IMAGE pixels (the
// object maps them to the screen through the overlay canvas's box, whatever the zoom), read
// what the overlay shows, submit.
import { expect } from "./expect.mjs";

export class MaskEditorPage {
  /** @param {import("playwright-core").Page} page */
  constructor(page) {
    this.page = page;
    this.dialog = page.getByTestId("mask-editor");
    this.body = page.getByTestId("mask-editor-body");
    this.stage = page.getByTestId("mask-stage");
    this.canvas = page.getByTestId("mask-canvas");
    this.image = page.getByTestId("mask-image");
    this.undoButton = page.getByTestId("mask-undo");
    this.redoButton = page.getByTestId("mask-redo");
    this.submitButton = page.getByTestId("mask-editor-submit");
    this.cancelButton = page.getByTestId("mask-editor-cancel");
    this.prompt = page.getByTestId("mask-prompt");
    this.brushSize = page.getByTestId("mask-brush-size");
    this.zoom = page.getByTestId("mask-zoom");
  }

  /** Clicks "Vary region" on `card` (an upsample) and waits until the image is loaded. */
  async openOn(card, timeout = 30_000) {
    await card.getByTestId("action-inpaint").click();
    await this.waitReady(timeout);
  }

  async waitReady(timeout = 30_000) {
    await this.dialog.waitFor({ state: "visible", timeout });
    await expect(this.body, "data-ready", "true", timeout);
  }

  async isOpen() {
    return this.dialog.isVisible();
  }

  async chooseTool(name) {
    await this.page.getByTestId(`mask-tool-${name}`).click();
  }

  /** The mask canvas size (= the image's natural size) and the image's natural size. */
  async sizes() {
    return this.page.evaluate(() => {
      const c = document.querySelector("[data-testid=mask-canvas]");
      const i = document.querySelector("[data-testid=mask-image]");
      return { mask: [c.width, c.height], image: [i.naturalWidth, i.naturalHeight] };
    });
  }

  /** Screen (CSS pixel) position of image pixel (x, y). */
  async toScreen(x, y) {
    const box = await this.canvas.boundingBox();
    const [w, h] = (await this.sizes()).mask;
    return { x: box.x + (x * box.width) / w, y: box.y + (y * box.height) / h };
  }

  /** A mouse drag with the current tool through image points `path` ([[x, y], …]). */
  async drag(path, steps = 6) {
    const mouse = this.page.mouse;
    const [first, ...rest] = await Promise.all(path.map(([x, y]) => this.toScreen(x, y)));
    await mouse.move(first.x, first.y);
    await mouse.down();
    for (const p of rest) await mouse.move(p.x, p.y, { steps });
    await mouse.up();
  }

  async stroke(path) {
    await this.chooseTool("brush");
    await this.drag(path);
  }

  async rectangle(from, to) {
    await this.chooseTool("rectangle");
    await this.drag([from, to]);
  }

  /** A one-finger touch drag through image points `path`, as a phone sends it (CDP touch). */
  async touchDrag(path, steps = 6) {
    const cdp = await this.page.context().newCDPSession(this.page);
    const points = await Promise.all(path.map(([x, y]) => this.toScreen(x, y)));
    const touch = (type, p) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: p ? [{ x: p.x, y: p.y, id: 1, radiusX: 4, radiusY: 4, force: 1 }] : [],
      });
    await touch("touchStart", points[0]);
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      for (let s = 1; s <= steps; s++) {
        await touch("touchMove", { x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps });
      }
    }
    await touch("touchEnd");
    await cdp.detach();
  }

  /**
   * A two-finger pinch around screen point `centre`: the fingers start `from` CSS pixels apart
   * and end `to` apart, horizontally.
   */
  async pinch(centre, from, to, steps = 8) {
    const cdp = await this.page.context().newCDPSession(this.page);
    const fingers = (d) => [
      { x: centre.x - d / 2, y: centre.y, id: 1 },
      { x: centre.x + d / 2, y: centre.y, id: 2 },
    ];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(from).slice(0, 1) });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(from) });
    for (let s = 1; s <= steps; s++) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(from + ((to - from) * s) / steps) });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
  }

  /** Whether the overlay shows the mask at each image point of `points`. */
  async overlayAt(points) {
    return this.page.evaluate((pts) => {
      const c = document.querySelector("[data-testid=mask-canvas]");
      const ctx = c.getContext("2d");
      return pts.map(([x, y]) => ctx.getImageData(x, y, 1, 1).data[3] > 0);
    }, points);
  }

  async undo() {
    await this.undoButton.click();
  }

  async zoomPercent() {
    return Number.parseInt(await this.zoom.textContent(), 10);
  }

  /** Types the optional prompt and submits. */
  async submit(prompt) {
    if (prompt !== undefined) await this.prompt.fill(prompt);
    await this.submitButton.click();
  }
}

/**
 * Decodes a base64 PNG in the page (createImageBitmap, no Node dependency) and reads it:
 * { width, height, values } with `values[i]` the red channel at `points[i]` (0 black … 255 white).
 */
export async function readPng(page, b64, points) {
  return page.evaluate(
    async ({ b64, points }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext("2d");
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const values = points.map(([x, y]) => data[(y * bitmap.width + x) * 4]);
      return { width: bitmap.width, height: bitmap.height, values };
    },
    { b64, points },
  );
}

/**
 * Fetches two images from the emulator in the page and compares them: for each image point
 * of `points`, the mean absolute RGB difference between `a` at (x, y) and `b` at
 * (x * scale, y * scale) (an inpaint result is a 2x2 grid: candidate 1 is `a` at half size).
 */
export async function pixelDifferences(page, a, b, scale, points) {
  return page.evaluate(
    async ({ a, b, scale, points }) => {
      const load = async (url) => {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext("2d");
        ctx.drawImage(bitmap, 0, 0);
        return { w: bitmap.width, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
      };
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      const at = (img, x, y) => {
        const i = (Math.floor(y) * img.w + Math.floor(x)) * 4;
        return [img.data[i], img.data[i + 1], img.data[i + 2]];
      };
      return points.map(([x, y]) => {
        const pa = at(ia, x, y);
        const pb = at(ib, x * scale, y * scale);
        return (Math.abs(pa[0] - pb[0]) + Math.abs(pa[1] - pb[1]) + Math.abs(pa[2] - pb[2])) / 3;
      });
    },
    { a, b, scale, points },
  );
}
