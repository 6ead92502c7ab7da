import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** WCAG 2.1 levels A and AA: every rule axe-core files under them, none switched off. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/**
 * axe-core on the page as it is now. Only the violations come back whole (the passes' nodes would
 * be serialised for nothing); options() replaces the whole option object, so it comes before
 * withTags(). Legacy mode runs axe once in the page itself, instead of once per frame and again in
 * a blank page: these pages have no frames, and it halves the time.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(WCAG_TAGS).setLegacyMode().analyze();
  return violations;
}

/** The violations as the assertion message shows them: rule, impact, and each node's target and what to fix. */
export function describeViolations(violations: Violation[], nodesEach = 6) {
  return violations
    .map(
      (v) =>
        `  [${v.id}] ${v.help} (${v.impact})\n` +
        v.nodes
          .slice(0, nodesEach)
          .map((n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
          .join("\n") +
        (v.nodes.length > nodesEach ? `\n    … ${v.nodes.length - nodesEach} more` : ""),
    )
    .join("\n");
}
