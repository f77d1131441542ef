// Small waiting assertions (node:assert has none that poll).
import assert from "node:assert/strict";

/** Waits until `locator`'s attribute `name` equals `value`. */
export async function expect(locator, name, value, timeout = 30_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await locator.getAttribute(name, { timeout: 1000 }).catch(() => undefined);
    if (last === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`expected ${name}="${value}", last saw ${JSON.stringify(last)}`);
}

/** Waits until `probe()` returns a truthy value and returns it. */
export async function eventually(probe, message, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(message);
}

/**
 * Checks that `probe()` stays truthy for `duration` ms, failing as soon as it is not: for
 * "nothing more happens" (no second create, no dialog), which has no event to wait for. Use it
 * only after waiting for what should have happened.
 */
export async function stays(probe, message, duration) {
  const end = Date.now() + duration;
  do {
    if (!(await probe())) assert.fail(message);
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < end);
  if (!(await probe())) assert.fail(message);
}
