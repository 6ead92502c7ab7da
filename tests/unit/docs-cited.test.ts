import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";

/*
 * The repository stands alone: comments cite the rules written in docs/rules.md, by section, never a
 * document outside the repository or an issue of a tracker. Every section cited exists.
 */
const tracked = execFileSync("git", ["ls-files"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.startsWith("docs/") && !f.startsWith("bench/results/") && /\.(ts|tsx|mjs|js|sql|css|md|json)$/.test(f) && f !== "package-lock.json")
  .filter((f) => fs.existsSync(f));

describe("rules are cited in the repository's own docs", () => {
  it("no file outside docs/ cites the domain file outside the repository, an issue number or a must", () => {
    const found = tracked.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ f, i: i + 1, line }))
        .filter(({ line }) => /DOMAIN\.md|[Ii]ssue [0-9]|Must [0-9]/.test(line))
        .map(({ f, i, line }) => `${f}:${i}: ${line.trim().slice(0, 120)}`),
    );
    expect(found).toEqual([]);
  });

  it("every section of docs/rules.md that the code cites is there", () => {
    const headings = new Set([...fs.readFileSync("docs/rules.md", "utf8").matchAll(/^## (.+)$/gm)].map((m) => m[1].trim()));
    const cited = new Set(tracked.flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/docs\/rules\.md § "([^"$]+)"/g)].map((m) => m[1])));
    expect(cited.size).toBeGreaterThan(3);
    for (const section of cited) expect(headings, `docs/rules.md § "${section}"`).toContain(section);
  });
});
