// axe-core in the studio's page: injected through the devtools protocol (page.evaluate), which
// the page's strict CSP does not govern, so the studio is checked exactly as shipped.
// (@axe-core/playwright wants the full `playwright` package; the suite has playwright-core.)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The impacts a screen must not have. */
export const BLOCKING = ["serious", "critical"];

/**
 * Runs axe on the whole page (WCAG 2.0–2.2 A/AA rules and best practices); resolves to
 * { violations: [{ id, impact, help, targets }], counts: { critical, serious, moderate, minor } }.
 */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ["violations"] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`.slice(0, 300)),
      })),
    ),
  );
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of result) counts[v.impact] = (counts[v.impact] ?? 0) + 1;
  return { violations: result, counts };
}

/** The serious and critical violations of an axe result, readable in an assertion message. */
export function blocking(result) {
  return result.violations.filter((v) => BLOCKING.includes(v.impact));
}
