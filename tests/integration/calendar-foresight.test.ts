import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import { setNow } from "@/lib/clock";
import { ensureCalendar } from "@/lib/clock-rules";
import { assignProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { removeCalendarDay, saveCalendarDay } from "@/lib/services/calendar";
import { uncoveredDeadlineYears } from "@/db/queries/calendar";
import { CalendarForesight } from "@/components/calendar-foresight";
import { smallWorld } from "../fixtures";

/*
 * Calendar foresight (docs/rules.md § "Deadlines"): running deadlines that fall in a year whose
 * holidays are not entered yet are counted by year, from one aggregate over the due-day index, and
 * the offices and the system administrator are told; nothing is said once every year is covered.
 */

let db: Db;
let w: ReturnType<typeof smallWorld>;
const TODAY = "2026-11-02";
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "");

beforeAll(() => {
  setNow(new Date(`${TODAY}T10:00:00+08:00`));
  db = openDb(":memory:");
  useDb(db);
  ensureCalendar(db); // the packaged schedules: up to 2026
  w = smallWorld(db);
  let number = 100;
  const register = () =>
    registerProposal(w.congress, {
      sessionId: w.session.id,
      number: number++,
      title: "关于日历预警的测试建议",
      body: "测试正文。",
      field: "工业交通",
      leadDeputyId: w.deputy.hu,
      cosignerIds: [],
      disclosure: "full",
    }).id;
  // Assigned 2 November 2026: replies due 2 February 2027, co-opinions 2 December 2026.
  assignProposal(w.gov, { proposalId: register(), mode: "lead", leadUnitId: w.unit.jxj, coUnitIds: [w.unit.swj] });
  assignProposal(w.gov, { proposalId: register(), mode: "parallel", parallelUnitIds: [w.unit.fgj, w.unit.zjj] });
  // Withdrawn: its clock no longer runs.
  const withdrawn = register();
  assignProposal(w.gov, { proposalId: withdrawn, mode: "lead", leadUnitId: w.unit.zjj, coUnitIds: [] });
  withdrawProposal(w.congress, { proposalId: withdrawn, reason: "代表书面申请撤回。" });
  // Assigned in August: due in November 2026, a year the calendar holds.
  setNow(new Date("2026-08-03T10:00:00+08:00"));
  assignProposal(w.gov, { proposalId: register(), mode: "lead", leadUnitId: w.unit.jxj, coUnitIds: [] });
  setNow(new Date(`${TODAY}T10:00:00+08:00`));
});
afterAll(() => setNow(null));

describe("calendar foresight", () => {
  it("counts the running deadlines by each year the calendar lacks", () => {
    expect(uncoveredDeadlineYears(TODAY)).toEqual([{ year: 2027, running: 3 }]);
    // A deadline two years on (as stored) is counted in its own year.
    const row = db.select().from(t.assignments).where(eq(t.assignments.unitId, w.unit.fgj)).get()!;
    db.update(t.assignments).set({ dueOn: "2028-03-01" }).where(eq(t.assignments.id, row.id)).run();
    expect(uncoveredDeadlineYears(TODAY)).toEqual([
      { year: 2027, running: 2 },
      { year: 2028, running: 1 },
    ]);
    db.update(t.assignments).set({ dueOn: row.dueOn }).where(eq(t.assignments.id, row.id)).run();
  });

  it("reads the due-day index, not every assignment", () => {
    const statements: string[] = [];
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((source: string) => {
      statements.push(source);
      return prepare(source);
    }) as typeof db.$client.prepare;
    try {
      uncoveredDeadlineYears(TODAY);
    } finally {
      db.$client.prepare = prepare;
    }
    const aggregate = statements.find((s) => /from "assignments"/.test(s))!;
    const plan = (db.$client.prepare(`EXPLAIN QUERY PLAN ${aggregate}`).all(...Array(aggregate.split("?").length - 1).fill("2027-01-01")) as { detail: string }[]).map((p) => p.detail);
    expect(plan.some((d) => /SEARCH a USING (?:COVERING )?INDEX assignments_due \(due_on>\?\)/.test(d)), plan.join("; ")).toBe(true);
    expect(plan.filter((d) => /^SCAN (a|p)\b/.test(d))).toEqual([]);
  });

  it("warns the offices and the system administrator, naming the year and the count", () => {
    const warning = "有 3 件承办事项的办理期限在 2027 年，2027 年的节假日安排尚未录入，期限按周末推算，";
    for (const role of ["congress_office", "gov_office"] as const) {
      const shown = text(renderToStaticMarkup(CalendarForesight({ role })!));
      expect(shown).toBe(`${warning}请提醒系统管理员及时录入。`);
    }
    const admin = renderToStaticMarkup(CalendarForesight({ role: "system_admin" })!);
    expect(text(admin)).toBe(`${warning}请及时录入。`);
    expect(admin).toContain('href="/admin/calendar?year=2027"');
    for (const role of ["unit_staff", "unit_leader", "deputy", "security_admin", "audit_admin"] as const) expect(CalendarForesight({ role })).toBeNull();
  });

  it("names nothing once every year is covered, and again when a year's schedule is taken out", () => {
    saveCalendarDay(w.admin, { date: "2027-01-01", working: "off", name: "元旦" });
    expect(uncoveredDeadlineYears(TODAY)).toEqual([]);
    expect(CalendarForesight({ role: "gov_office" })).toBeNull();
    removeCalendarDay(w.admin, { date: "2027-01-01" });
    expect(uncoveredDeadlineYears(TODAY)).toEqual([{ year: 2027, running: 3 }]);
  });
});
