import { eq } from "drizzle-orm";
import { congressSessions } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { NotFound } from "../errors";
import { FixedDueInput, parse } from "../validation";
import { getDb, now, record, authorize } from "./common";

/** The government office may set one reply due date for a whole session's batch instead of the month rule. */
export function setFixedReplyDue(actor: Actor, raw: unknown) {
  authorize(actor, "session.fixedReplyDue");
  const input = parse(FixedDueInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const session = tx.select().from(congressSessions).where(eq(congressSessions.id, input.sessionId)).get();
    if (!session) throw new NotFound("未找到该届次。");
    const fixedReplyDue = input.fixedReplyDue ?? null;
    tx.update(congressSessions).set({ fixedReplyDue }).where(eq(congressSessions.id, session.id)).run();
    record(tx, actor, at, {
      action: "session.fixedReplyDue",
      subjectType: "session",
      subjectId: session.id,
      before: { fixedReplyDue: session.fixedReplyDue },
      after: { fixedReplyDue },
    });
  });
}
