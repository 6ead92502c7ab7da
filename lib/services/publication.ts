import { and, eq, gt } from "drizzle-orm";
import { assignments, replies } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { todayInChina } from "../clock";
import { Invalid, NotFound } from "../errors";
import { parse, PublishReplyInput } from "../validation";
import { authorize, getDb, now, record } from "./common";

/**
 * 提前公开: an office publishes a sent reply before its publication day (docs/rules.md
 * § "Publication"); the day becomes today. The deputy's disclosure choice still decides what the
 * portal shows.
 */
export function publishReply(actor: Actor, raw: unknown) {
  authorize(actor, "reply.publish");
  const input = parse(PublishReplyInput, raw);
  const today = todayInChina();
  const at = now();
  return getDb().transaction((tx) => {
    const reply = tx
      .select({ id: replies.id, state: replies.state, publishOn: replies.publishOn, proposalId: assignments.proposalId })
      .from(replies)
      .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
      .where(eq(replies.id, input.replyId))
      .get();
    if (!reply) throw new NotFound("未找到该答复。");
    if (reply.state !== "sent") throw new Invalid("答复签发后才能公开。");
    // Conditional on the day not having come: two offices publishing at once write once.
    const changed = tx.update(replies).set({ publishOn: today }).where(and(eq(replies.id, reply.id), gt(replies.publishOn, today))).run().changes;
    if (!changed) throw new Invalid("该答复已经公开。");
    record(tx, actor, at, { action: "reply.publish", subjectType: "reply", subjectId: reply.id, proposalId: reply.proposalId, before: { publishOn: reply.publishOn }, after: { publishOn: today } });
    return { replyId: reply.id };
  });
}
