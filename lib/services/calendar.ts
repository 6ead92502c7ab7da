import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { calendarDays } from "@/db/schema";
import { dayOf } from "../deadlines";
import type { Actor } from "../auth/actor";
import { Invalid, NotFound } from "../errors";
import { CalendarDayInput, RemoveCalendarDayInput, parse } from "../validation";
import { getDb, now, record, recordDeadlineMoves, authorize } from "./common";
import { refreshDeadlines } from "./stored-deadlines";

/** Years the calendar may hold: from the first packaged schedule to two years ahead. */
export function calendarRange(at: Date) {
  return { first: 2004, last: Number(dayOf(at).slice(0, 4)) + 2 };
}

/**
 * Applies a calendar edit and recomputes every running deadline with it: each deadline that moves
 * is recorded on its proposal's history, and the edit itself in the administration history.
 */
function changeCalendar(tx: Tx, actor: Actor, at: Date, action: "calendar.create" | "calendar.update" | "calendar.remove", before: unknown, after: unknown, apply: () => void) {
  apply();
  const moved = recordDeadlineMoves(tx, actor, at, refreshDeadlines(tx, "all"), "工作日历调整");
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
