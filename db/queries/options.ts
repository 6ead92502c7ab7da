import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { congressSessions, deputies, units } from "@/db/schema";

/** Choices for forms and filters: active records only. */
export function unitOptions() {
  return getDb()
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(eq(units.active, true))
    .orderBy(asc(units.id))
    .all()
    .map((u) => ({ value: String(u.id), label: u.name }));
}

export function deputyOptions() {
  return getDb()
    .select({ id: deputies.id, name: deputies.name, deputation: deputies.deputation })
    .from(deputies)
    .where(eq(deputies.active, true))
    .orderBy(asc(deputies.deputation), asc(deputies.id))
    .all()
    .map((d) => ({ value: String(d.id), label: `${d.name}（${d.deputation}）` }));
}

export function sessionOptions() {
  return getDb()
    .select({ id: congressSessions.id, name: congressSessions.name })
    .from(congressSessions)
    .where(eq(congressSessions.active, true))
    .orderBy(desc(congressSessions.term), desc(congressSessions.meeting))
    .all()
    .map((s) => ({ value: String(s.id), label: s.name }));
}

export function sessionDueOptions() {
  return getDb()
    .select({ id: congressSessions.id, name: congressSessions.name, fixedReplyDue: congressSessions.fixedReplyDue })
    .from(congressSessions)
    .where(eq(congressSessions.active, true))
    .orderBy(desc(congressSessions.term), desc(congressSessions.meeting))
    .all()
    .map((s) => ({ value: String(s.id), label: s.name, fixedReplyDue: s.fixedReplyDue }));
}

/** Every session, newest first (by term, then meeting): the order of lists, pickers and figures. */
export function sessionsInOrder() {
  return getDb()
    .select({ id: congressSessions.id, name: congressSessions.name })
    .from(congressSessions)
    .orderBy(desc(congressSessions.term), desc(congressSessions.meeting), desc(congressSessions.id))
    .all();
}
