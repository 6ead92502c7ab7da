import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

/*
 * docs/rules.md § "Accessibility": text is at least 4.5:1 against its ground. The browser test
 * (e2e/16-accessibility.spec.ts) checks the pages the demo data shows; this one checks what it may not
 * meet: a grey lighter than stone-500 for text, or text faded by opacity, in a state no demo record is
 * in, or on a single character (a dash, a zero), which axe-core leaves for a person to judge.
 */
function* sources(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(full);
    else if (/\.(tsx|css)$/.test(e.name)) yield full;
  }
}

/** stone-300 and stone-400 as a text colour (2.5:1 and less on white), or any opacity but a disabled button's. */
const TOO_LIGHT = /\btext-stone-(?:300|400)\b|\bopacity-\d+\b/;

describe("text contrast", () => {
  it("no text lighter than stone-500, and no text faded by opacity", () => {
    const found = ["app", "components"].flatMap((dir) =>
      [...sources(dir)].flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
          .filter(({ line }) => TOO_LIGHT.test(line.replace(/\bdisabled:opacity-\d+/g, "")))
          .map(({ where, line }) => `${where}: ${line.trim().slice(0, 140)}`),
      ),
    );
    expect(found).toEqual([]);
  });
});
