import { eq } from "drizzle-orm";
import type { Tx, Db } from "@/db";
import { assignments, calendarDays, calendarVersion, congressSessions, proposals } from "@/db/schema";
import { packagedCalendar, toCalendar } from "./calendar-data";
import { assignmentDeadlines, dayOf, type AssignmentClock, type Calendar, type DeadlineSettings } from "./deadlines";

/** Calendars read, by the token `calendar_version` held then (a few: tests open many databases). */
const calendars = new Map<string, Calendar>();

/**
 * The calendar as stored (filled from the package on first start, then kept by the administrator).
 * Kept in memory: every write to `calendar_days` gives `calendar_version` a new random token
 * (triggers), so one indexed read tells whether the copy in memory is still the calendar.
 */
export function loadCalendar(tx: Tx | Db): Calendar {
  const token = tx.select({ token: calendarVersion.token }).from(calendarVersion).where(eq(calendarVersion.id, 1)).get()?.token;
  const known = token && calendars.get(token);
  if (known) return known;
  const cal = toCalendar(tx.select().from(calendarDays).orderBy(calendarDays.date).all());
  if (token) {
    if (calendars.size >= 16) calendars.delete(calendars.keys().next().value!);
    calendars.set(token, cal);
  }
  return cal;
}

/** Fills an empty calendar from the packaged State Council schedules. */
export function ensureCalendar(db: Db, at = new Date()) {
  if (db.select({ d: calendarDays.date }).from(calendarDays).limit(1).get()) return 0;
  const rows = packagedCalendar().map((e) => ({ ...e, updatedAt: at }));
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 200) tx.insert(calendarDays).values(rows.slice(i, i + 200)).run();
  });
  return rows.length;
}

export function settingsOf(session: typeof congressSessions.$inferSelect): DeadlineSettings {
  return {
    returnWindowWorkdays: session.returnWindowWorkdays,
    opinionMonths: session.opinionMonths,
    replyMonths: session.replyMonths,
    extensionTotalMonths: session.extensionTotalMonths,
    rehandlingMonths: session.rehandlingMonths,
    publicationWorkdays: session.publicationWorkdays,
    warnWorkdays: session.warnWorkdays,
    fixedReplyDue: session.fixedReplyDue,
  };
}

export function clockOf(a: typeof assignments.$inferSelect): AssignmentClock {
  return {
    role: a.role,
    state: a.state,
    assignedOn: dayOf(a.assignedAt),
    rehandlingFrom: a.rehandlingFrom,
    extendedTo: a.extendedTo,
    extensionReason: a.extensionReason,
  };
}

/** The deadline settings of each proposal's session; pass one map to a loop over many assignments. */
export type SettingsCache = Map<number, DeadlineSettings>;

function settingsFor(tx: Tx | Db, proposalId: number, cache?: SettingsCache) {
  const known = cache?.get(proposalId);
  if (known) return known;
  const session = tx
    .select({ s: congressSessions })
    .from(proposals)
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(eq(proposals.id, proposalId))
    .get()!.s;
  const settings = settingsOf(session);
  cache?.set(proposalId, settings);
  return settings;
}

/** The deadlines of one assignment under its session's settings and the stored calendar. */
export function deadlinesOf(tx: Tx | Db, a: typeof assignments.$inferSelect, cal = loadCalendar(tx), cache?: SettingsCache) {
  const settings = settingsFor(tx, a.proposalId, cache);
  return { settings, cal, ...assignmentDeadlines(clockOf(a), settings, cal) };
}
