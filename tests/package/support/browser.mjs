// Pages of the package tests, in the suites' one browser (tests/support/browser.mjs).
import { launchChromium } from "../../support/browser.mjs";

export const launchBrowser = launchChromium;

/**
 * Opens `url`, waits for the page's `window.flowResult` promise and returns its value,
 * with the console and page errors attached to any failure.
 */
export async function resultOfPage(browser, url) {
  const page = await browser.newPage();
  const log = [];
  page.on("console", (message) => log.push(`console.${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => log.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => "flowResult" in window, null, { timeout: 30_000 });
    return await page.evaluate(() => window.flowResult);
  } catch (error) {
    error.message += `\n--- browser log ---\n${log.join("\n")}`;
    throw error;
  } finally {
    await page.close();
  }
}
