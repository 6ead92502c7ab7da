import { eq } from "drizzle-orm";
import { congressSessions } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Invalid, NotFound } from "../errors";
import { dayOf, sameDayMonthsLater } from "../deadlines";
import { FixedDueInput, parse } from "../validation";
import { getDb, now, record, recordDeadlineMoves, authorize } from "./common";
import { refreshDeadlines } from "./stored-deadlines";

/** The government office may set one reply due date for a whole session's batch instead of the month rule. */
export function setFixedReplyDue(actor: Actor, raw: unknown) {
  authorize(actor, "session.fixedReplyDue");
  const input = parse(FixedDueInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const session = tx.select().from(congressSessions).where(eq(congressSessions.id, input.sessionId)).get();
    if (!session) throw new NotFound("未找到该届次。");
    const fixedReplyDue = input.fixedReplyDue ?? null;
    // A batch date replaces the month rule, never the law's outer limit (at most the session's
    // total extension, 6 months by default, from today), and is not in the past.
    const today = dayOf(at);
    const latest = sameDayMonthsLater(today, session.extensionTotalMonths);
    if (fixedReplyDue && (fixedReplyDue < today || fixedReplyDue > latest))
      throw new Invalid(`统一答复期限须在今天（${today}）至 ${latest} 之间。`, { fixedReplyDue: [`统一答复期限须在 ${today} 至 ${latest} 之间`] });
    tx.update(congressSessions).set({ fixedReplyDue }).where(eq(congressSessions.id, session.id)).run();
    const moved = recordDeadlineMoves(tx, actor, at, refreshDeadlines(tx, { sessionId: session.id }), fixedReplyDue ? "政府督查室统一确定答复期限" : "政府督查室取消统一答复期限");
    record(tx, actor, at, {
      action: "session.fixedReplyDue",
      subjectType: "session",
      subjectId: session.id,
      before: { fixedReplyDue: session.fixedReplyDue },
      after: { fixedReplyDue, deadlinesMoved: moved },
    });
  });
}
