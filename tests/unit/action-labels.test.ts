import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/authz";
import { EVENT_ACTIONS, HISTORY_ACTIONS } from "@/lib/audit-actions";
import { actionLabel, actionText } from "@/lib/labels";

/*
 * Every action the code can write to the audit log or a proposal's history has Chinese words: the
 * matrix's actions (a refused form is audited under them), the history actions the services record,
 * and the events audited outside the services (sign-in, downloads, exports, refused pages). The
 * lists are typed where the entries are written (record, audit, auditAccess, the route door), so a
 * new name cannot be written without being listed; the scan below also reads the literal names in
 * the writing modules, in case a cast slipped one past the types.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const ALL = [...new Set<string>([...ACTIONS, ...HISTORY_ACTIONS, ...EVENT_ACTIONS])];

describe("action labels", () => {
  it("every action has a label in Chinese, with no Latin letters", () => {
    const problems = ALL.filter((a) => {
      const label = Object.hasOwn(actionLabel, a) ? (actionLabel as Record<string, string>)[a] : undefined;
      return !label || /[A-Za-z]/.test(label) || !/[\u4e00-\u9fff]/.test(label);
    });
    expect(problems, "actions without a Chinese label in lib/labels.ts actionLabel").toEqual([]);
  });

  it("the table holds no label for an action the code cannot write", () => {
    expect(Object.keys(actionLabel).filter((k) => !ALL.includes(k))).toEqual([]);
  });

  it("the lists cover the sign-in events, the history of a proposal and every matrix action", () => {
    for (const a of ["login.ok", "login.failed", "logout", "page.refused", "export", "document.download"]) expect(EVENT_ACTIONS).toContain(a);
    for (const a of ["assignment.state", "reply.signOff", "reply.returnForRevision", "deadline.moved", "user.approve", "calendar.remove"]) expect(HISTORY_ACTIONS).toContain(a);
    expect(ACTIONS.length).toBeGreaterThan(40);
    expect(actionText("login.ok")).toBe("登录成功");
    expect(actionText("assignment.logContact")).toBe("记录联系代表");
    // An entry older than the list keeps its code; nothing inherited from Object is taken for a label.
    expect(actionText("old.action")).toBe("old.action");
    expect(actionText("constructor")).toBe("constructor");
  });

  it("every action name written as a literal by the auditing modules is listed", () => {
    const files = [
      "auth.ts",
      "lib/action.ts",
      "lib/audit.ts",
      "lib/audit-events.ts",
      "lib/exports.ts",
      "lib/route.ts",
      ...fs.readdirSync(path.join(ROOT, "lib/services")).map((f) => `lib/services/${f}`),
      ...fs.readdirSync(path.join(ROOT, "lib/auth")).map((f) => `lib/auth/${f}`),
      ...(fs.readdirSync(path.join(ROOT, "app/api"), { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts")).map((f) => `app/api/${f}`),
    ].filter((f) => f.endsWith(".ts"));
    const found = new Map<string, string>();
    for (const file of files) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const m of source.matchAll(/\baction: "([^"]+)"|\blog\("(?:ok|refused)", "([^"]+)"|\blogFolded\("([^"]+)"/g)) found.set(m[1] ?? m[2] ?? m[3], file);
    }
    expect(found.size).toBeGreaterThan(30);
    expect([...found].filter(([a]) => !ALL.includes(a)).map(([a, file]) => `${a} (${file})`)).toEqual([]);
  });
});
