import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { assignments, calendarDays, proposals } from "@/db/schema";
import { dayOf, isRunning } from "../deadlines";
import type { Actor } from "../auth/actor";
import { Invalid, NotFound } from "../errors";
import { CalendarDayInput, RemoveCalendarDayInput, parse } from "../validation";
import { deadlinesOf, loadCalendar, type SettingsCache } from "./clock-rules";
import { getDb, now, record, authorize } from "./common";

/** Years the calendar may hold: from the first packaged schedule to two years ahead. */
export function calendarRange(at: Date) {
  return { first: 2004, last: Number(dayOf(at).slice(0, 4)) + 2 };
}

/**
 * Applies a calendar edit and recomputes every running deadline with it: each deadline that moves
 * is recorded on its proposal's history, and the edit itself in the administration history.
 */
function changeCalendar(tx: Tx, actor: Actor, at: Date, action: string, before: unknown, after: unknown, apply: () => void) {
  const running = tx
    .select({ a: assignments, proposalState: proposals.state })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .all()
    .filter((r) => isRunning(r.a.state, r.proposalState))
    .map((r) => r.a);
  const oldCal = loadCalendar(tx);
  // Settings are read once per proposal, not once per assignment and calendar.
  const settings: SettingsCache = new Map();
  const dues = new Map(running.map((a) => [a.id, deadlinesOf(tx, a, oldCal, settings).due]));
  apply();
  const newCal = loadCalendar(tx);
  let moved = 0;
  for (const a of running) {
    const due = deadlinesOf(tx, a, newCal, settings).due;
    if (due === dues.get(a.id)) continue;
    moved++;
    record(tx, actor, at, {
      action: "deadline.moved",
      subjectType: "assignment",
      subjectId: a.id,
      proposalId: a.proposalId,
      before: { due: dues.get(a.id) },
      after: { due, reason: "工作日历调整" },
    });
  }
  record(tx, actor, at, { action, subjectType: "calendar", subjectId: 0, before, after: { ...(after as object), deadlinesMoved: moved } });
  return { moved };
}

export function saveCalendarDay(actor: Actor, raw: unknown) {
  authorize(actor, "admin.calendar");
  const input = parse(CalendarDayInput, raw);
  const at = now();
  const { first, last } = calendarRange(at);
  const year = Number(input.date.slice(0, 4));
  if (year < first || year > last)
    throw new Invalid("日期超出范围。", { date: [`日期须在${first}年至${last}年之间`] });
  return getDb().transaction((tx) => {
    const existing = tx.select().from(calendarDays).where(eq(calendarDays.date, input.date)).get();
    const original = input.original ? tx.select().from(calendarDays).where(eq(calendarDays.date, input.original)).get() : undefined;
    if (input.original && !original) throw new NotFound("要修改的日期已不在工作日历中，请刷新页面。");
    if (existing && input.original !== input.date)
      throw new Invalid("该日期已有记录。", { date: [`${input.date} 已在工作日历中（${existing.name}），请修改该条记录`] });
    const values = { date: input.date, working: input.working, name: input.name, updatedAt: at };
    return changeCalendar(tx, actor, at, original ? "calendar.update" : "calendar.create", original ?? null, values, () => {
      if (original) tx.delete(calendarDays).where(eq(calendarDays.date, original.date)).run();
      tx.insert(calendarDays).values(values).run();
    });
  });
}

export function removeCalendarDay(actor: Actor, raw: unknown) {
  authorize(actor, "admin.calendar");
  const input = parse(RemoveCalendarDayInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const existing = tx.select().from(calendarDays).where(eq(calendarDays.date, input.date)).get();
    if (!existing) throw new NotFound("该日期不在工作日历中，可能已被删除。");
    return changeCalendar(tx, actor, at, "calendar.remove", existing, { date: input.date }, () => {
      tx.delete(calendarDays).where(eq(calendarDays.date, input.date)).run();
    });
  });
}
