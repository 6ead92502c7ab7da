import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { pageParam } from "@/lib/page-param";
import { demoDb } from "../demo-db";
import { viewerRef } from "../page-viewer";

/*
 * Pages read their search parameters from whoever typed the address: odd values get page 1 or no
 * notice, never a 500 (`/login?ended=constructor`, `/notifications?page=1e20` once answered 500),
 * and nothing the address says is shown as a finding (`/audit?verified=ok-99999` once showed a green banner).
 */

vi.mock("@/lib/auth/current", async () => (await import("../page-viewer")).currentViewerModule());
const { default: LoginPage } = await import("@/app/login/page");
const { default: Workbench } = await import("@/app/(app)/page");
const { default: NotificationsPage } = await import("@/app/(app)/notifications/page");
const { default: SupervisionPage } = await import("@/app/(app)/supervision/page");
const { default: AuditPage } = await import("@/app/(app)/audit/page");

let db: Db;
beforeAll(async () => {
  db = await demoDb();
}, 120_000);
afterAll(() => setNow(null));

const actor = (username: string): Actor => {
  const u = db.select().from(t.users).where(eq(t.users.username, username)).get()!;
  return { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName };
};
async function html(viewer: string | null, page: () => Promise<ReactElement> | ReactElement) {
  viewerRef.current = viewer ? actor(viewer) : null;
  try {
    return renderToStaticMarkup(await page());
  } finally {
    viewerRef.current = null;
  }
}
const sp = (v: Record<string, string | string[]>) => ({ searchParams: Promise.resolve(v) }) as never;

const HOSTILE_PAGES = ["99999999999999999999", "1e20", "-5", "0", "abc", "constructor", "9".repeat(400), ""];

describe("page numbers from the address", () => {
  it("pageParam gives page 1 for anything but one to six digits", () => {
    for (const v of [...HOSTILE_PAGES, ["2", "3"], undefined, null, 7]) expect(pageParam(v), JSON.stringify(v)).toBe(1);
    expect(pageParam("3")).toBe(3);
    expect(pageParam("999999")).toBe(999999);
  });

  it("every paged page renders for every odd page number, 1e20 included", async () => {
    for (const v of [...HOSTILE_PAGES, ["2", "3"]]) {
      expect(await html("jxj_staff", () => NotificationsPage(sp({ page: v })))).toContain("消息提醒");
      expect(await html("jxj_staff", () => Workbench(sp({ open: v, done: v })))).toContain("工作台");
      expect(await html("dcs", () => SupervisionPage(sp({ upage: v })))).toContain("办理督查");
      expect(await html("auditor", () => AuditPage(sp({ page: v as string })))).toContain("安全审计");
    }
  });
});

describe("notices from the address", () => {
  it("the sign-in page names only real reasons a session ended", async () => {
    for (const v of ["constructor", "toString", "__proto__", "hasOwnProperty", ["idle", "idle"]])
      expect(await html(null, () => LoginPage(sp({ ended: v })))).toContain("人大代表建议办理系统");
    expect(await html(null, () => LoginPage(sp({ ended: "idle" })))).toMatch(/无操作|超时|退出/);
  });

  it("the audit page shows no check result that the address makes up", async () => {
    const page = await html("auditor", () => AuditPage(sp({ verified: "ok-99999" } as never)));
    expect(page).toContain("安全审计");
    expect(page).not.toContain("校验通过");
    expect(page).not.toContain("99999");
  });
});
