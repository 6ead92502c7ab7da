import { eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { assignments, congressSessions, proposals } from "@/db/schema";
import { assignmentDeadlines, isRunning, yellowFrom, type Calendar, type Day, type DeadlineSettings } from "../deadlines";
import { clockOf, loadCalendar, settingsOf } from "./clock-rules";

/*
 * Each assignment's deadlines, stored in its row (due day, the first yellow day, the end of the
 * request window, the extension limit), so that lights, lists and counts are plain SQL over indexed
 * columns. lib/deadlines.ts stays the only definition of the rules: this module computes with it
 * and writes the result, in the transaction of every change that moves a deadline (assignment,
 * receipt, state changes, transfer, extension, re-handling), and for every affected assignment when
 * the calendar or a session's settings change. tests/integration/stored-deadlines.test.ts compares
 * every row with the pure functions after each kind of change.
 */

type AssignmentRow = typeof assignments.$inferSelect;

export type StoredDeadlines = Pick<AssignmentRow, "dueOn" | "yellowOn" | "returnWindowEnd" | "extensionLimit">;

/** What the row should hold, by the rules. */
export function storedDeadlinesOf(a: AssignmentRow, settings: DeadlineSettings, cal: Calendar): StoredDeadlines {
  const d = assignmentDeadlines(clockOf(a), settings, cal);
  return {
    dueOn: d.due,
    yellowOn: d.due ? yellowFrom(d.due, settings, cal) : null,
    returnWindowEnd: d.returnWindowEnd,
    extensionLimit: d.extensionLimit,
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
      next.extensionLimit === a.extensionLimit
    )
      continue;
    tx.update(assignments).set(next).where(eq(assignments.id, a.id)).run();
    if (next.dueOn !== a.dueOn)
      moved.push({ assignmentId: a.id, proposalId: a.proposalId, running: isRunning(a.state, proposalState), before: a.dueOn, after: next.dueOn });
  }
  return moved;
}

/** Rows whose deadlines were never stored (written before migration 0006): filled once, at start. */
export function backfillDeadlines(db: Db): number {
  const missing = db.select({ id: assignments.id }).from(assignments).where(isNull(assignments.returnWindowEnd)).all();
  if (!missing.length) return 0;
  db.transaction((tx) => refreshDeadlines(tx, { assignmentIds: missing.map((m) => m.id) }));
  return missing.length;
}
