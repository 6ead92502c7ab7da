import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { ACTIONS, type Action } from "@/lib/authz";
import { touchedBy } from "@/lib/touches";

/** Reading, printing and downloading change nothing, so they make no page stale. */
const READS = /\.(view|list|export|print|download|verify|versions)$/

/** Whether a path names a folder of app/ with its own page ("page") or with pages in or below it ("layout"). */
function routeExists(path: string, type: "page" | "layout") {
  const dir = `app${path === "/" ? "" : path}`;
  if (type === "page") return fs.existsSync(`${dir}/page.tsx`);
  return fs.existsSync(dir) && fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith("page.tsx"));
}

describe("the pages a change touches", () => {
  it("every change revalidates something, so the page the user acted on shows what is stored now", () => {
    const silent = ACTIONS.filter((a) => !READS.test(a) && touchedBy(a).length === 0);
    expect(silent).toEqual([]);
  });

  it("reads revalidate nothing", () => {
    expect(ACTIONS.filter((a) => READS.test(a) && touchedBy(a).length > 0)).toEqual([]);
  });

  it("every path it names is a page or a layout of the app", () => {
    const missing = ACTIONS.flatMap((a) => touchedBy(a).filter(([path, type]) => !routeExists(path, type)).map(([path, type]) => `${a}: ${path} (${type})`));
    expect(missing).toEqual([]);
  });

  it("a change to one proposal's handling leaves the administration pages alone; only deadline-wide changes revalidate everything", () => {
    const handling: Action[] = ["proposal.assign", "opinion.save", "reply.signOff", "reply.rate", "attachment.upload", "request.decide"];
    for (const a of handling) {
      const touched = touchedBy(a);
      expect(touched, a).toContainEqual(["/(app)/proposals", "layout"]);
      expect(touched.map(([p]) => p), a).not.toContain("/(app)/admin");
      expect(touched, a).not.toContainEqual(["/", "layout"]);
    }
    expect(touchedBy("admin.calendar")).toEqual([["/", "layout"]]);
    expect(touchedBy("session.fixedReplyDue")).toEqual([["/", "layout"]]);
    expect(touchedBy("account.changePassword")).toEqual([["/account", "layout"]]);
  });
});
