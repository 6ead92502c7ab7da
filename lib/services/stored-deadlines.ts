import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { assignments, congressSessions, proposals, replies } from "@/db/schema";
import { assignmentDeadlines, dayOf, dutyDeadline, isRunning, publicationDue, yellowFrom, type Calendar, type Day, type DeadlineSettings } from "../deadlines";
import { isReplyingRole, type ReplyCategory } from "../workflow";
import { clockOf, loadCalendar, settingsOf } from "../clock-rules";

/*
 * Each assignment's deadlines, stored in its row (due day, the first yellow day, the end of the
 * request window, the extension limit), so that lights, lists and counts are plain SQL over indexed
 * columns. lib/deadlines.ts stays the only definition of the rules: this module computes with it
 * and writes the result, in the transaction of every change that moves a deadline (assignment,
 * receipt, state changes, transfer, extension, re-handling), and for every affected assignment when
 * the calendar or a session's settings change. tests/integration/stored-deadlines.test.ts compares
 * every row with the pure functions after each kind of change.
 *
 * The supervisors' facts live here too: the day the round-1 reply went and the due day that applied
 * to it (with the extension then in force), the first contact, the latest reply's category. They
 * are written when the reply goes out or the contact is logged (noteReplySent, noteContact), and
 * the due day of the first reply is recomputed with the other deadlines.
 */

type AssignmentRow = typeof assignments.$inferSelect;

export type StoredDeadlines = Pick<AssignmentRow, "dueOn" | "yellowOn" | "returnWindowEnd" | "extensionLimit" | "firstReplyDue">;

/** What the row should hold, by the rules. */
export function storedDeadlinesOf(a: AssignmentRow, settings: DeadlineSettings, cal: Calendar): StoredDeadlines {
  const d = assignmentDeadlines(clockOf(a), settings, cal);
  return {
    dueOn: d.due,
    yellowOn: d.due ? yellowFrom(d.due, settings, cal) : null,
    returnWindowEnd: d.returnWindowEnd,
    extensionLimit: d.extensionLimit,
    // The reply duty as it stood when the round-1 reply went: month rule or batch date, or the
    // extension then in force (never a re-handling round's).
    firstReplyDue: a.firstReplyOn
      ? dutyDeadline({ ...clockOf(a), state: "received", rehandlingFrom: null, extendedTo: a.firstReplyExtendedTo }, settings, cal).due
      : null,
  };
}

/** An assignment whose due day changed on a refresh. */
export type MovedDeadline = { assignmentId: number; proposalId: number; running: boolean; before: Day | null; after: Day | null };

export type DeadlineScope = { assignmentIds: number[] } | { proposalId: number } | { sessionId: number } | "all";

function scopeWhere(scope: DeadlineScope): SQL | undefined {
  if (scope === "all") return undefined;
  if ("assignmentIds" in scope) return inArray(assignments.id, scope.assignmentIds);
  if ("proposalId" in scope) return eq(assignments.proposalId, scope.proposalId);
  return eq(proposals.sessionId, scope.sessionId);
}

/**
 * Recomputes the stored deadlines of the assignments in `scope` and writes those that differ.
 * Returns the assignments whose due day moved. `cal` may be passed when the caller has it.
 */
export function refreshDeadlines(tx: Tx | Db, scope: DeadlineScope, cal: Calendar = loadCalendar(tx)): MovedDeadline[] {
  if (typeof scope === "object" && "assignmentIds" in scope && scope.assignmentIds.length === 0) return [];
  const rows = tx
    .select({ a: assignments, proposalState: proposals.state, session: congressSessions })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(scopeWhere(scope))
    .all();
  const settingsBySession = new Map<number, DeadlineSettings>();
  const moved: MovedDeadline[] = [];
  for (const { a, proposalState, session } of rows) {
    let settings = settingsBySession.get(session.id);
    if (!settings) settingsBySession.set(session.id, (settings = settingsOf(session)));
    const next = storedDeadlinesOf(a, settings, cal);
    if (
      next.dueOn === a.dueOn &&
      next.yellowOn === a.yellowOn &&
      next.returnWindowEnd === a.returnWindowEnd &&
      next.extensionLimit === a.extensionLimit &&
      next.firstReplyDue === a.firstReplyDue
    )
      continue;
    tx.update(assignments).set(next).where(eq(assignments.id, a.id)).run();
    if (next.dueOn !== a.dueOn)
      moved.push({ assignmentId: a.id, proposalId: a.proposalId, running: isRunning(a.state, proposalState), before: a.dueOn, after: next.dueOn });
  }
  return moved;
}

/**
 * A reply was signed off: its publication day (docs/rules.md § "Publication") is the day it went
 * plus the session's publication period, in working days.
 */
export function schedulePublication(tx: Tx, replyId: number, sessionId: number, sentAt: Date, cal: Calendar = loadCalendar(tx)) {
  const session = tx.select().from(congressSessions).where(eq(congressSessions.id, sessionId)).get()!;
  const publishOn = publicationDue(dayOf(sentAt), settingsOf(session), cal).due;
  tx.update(replies).set({ publishOn }).where(eq(replies.id, replyId)).run();
}

/** Sent replies without a publication day (sent before migration 0013): given theirs, once, at start. */
function backfillPublication(db: Db): number {
  const missing = db
    .select({ id: replies.id, sentAt: replies.sentAt, sessionId: proposals.sessionId })
    .from(replies)
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(and(eq(replies.state, "sent"), isNull(replies.publishOn)))
    .all();
  if (!missing.length) return 0;
  const cal = loadCalendar(db);
  db.transaction((tx) => {
    for (const r of missing) if (r.sentAt) schedulePublication(tx, r.id, r.sessionId, r.sentAt, cal);
  });
  return missing.length;
}

/** Rows whose deadlines were never stored (written before migrations 0006, 0008 and 0013): filled once, at start. */
export function backfillDeadlines(db: Db): number {
  const published = backfillPublication(db);
  const missing = db
    .select({ id: assignments.id })
    .from(assignments)
    .where(or(isNull(assignments.returnWindowEnd), and(isNotNull(assignments.firstReplyOn), isNull(assignments.firstReplyDue))))
    .all();
  if (!missing.length) return published;
  const cal = loadCalendar(db);
  // In chunks: a national database has hundreds of thousands, beyond SQLite's limit on parameters.
  db.transaction((tx) => {
    for (let i = 0; i < missing.length; i += 500) refreshDeadlines(tx, { assignmentIds: missing.slice(i, i + 500).map((m) => m.id) }, cal);
  });
  return missing.length + published;
}

/**
 * A reply went out: its category is now the latest; a round-1 reply of a replying unit also fixes
 * the day it went and the extension in force. The caller refreshes the deadlines afterwards
 * (moveAssignment does), which computes the due day that applied to it.
 */
export function noteReplySent(
  tx: Tx,
  assignment: Pick<AssignmentRow, "id" | "role" | "extendedTo">,
  reply: { round: number; category: ReplyCategory },
  at: Date,
) {
  if (!isReplyingRole(assignment.role)) return;
  tx.update(assignments)
    .set({
      latestCategory: reply.category,
      ...(reply.round === 1 ? { firstReplyOn: dayOf(at), firstReplyExtendedTo: assignment.extendedTo } : {}),
    })
    .where(eq(assignments.id, assignment.id))
    .run();
}

/** A contact was logged: the earliest contact day stays the earliest. */
export function noteContact(tx: Tx, assignmentId: number, contactedOn: Day) {
  tx.update(assignments)
    .set({ firstContactOn: sql`min(coalesce(${assignments.firstContactOn}, ${contactedOn}), ${contactedOn})` })
    .where(eq(assignments.id, assignmentId))
    .run();
}
