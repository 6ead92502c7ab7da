import { and, eq } from "drizzle-orm";
import { assignments, proposalCosigners, proposals, ratings, replies } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Conflict, NotFound } from "../errors";
import { assignmentStateLabel, ratingLabel } from "../labels";
import { notifyUnit, proposalName } from "./notify";
import { RateReplyInput, parse } from "../validation";
import { assignmentStateAfterRating, canRate, sendsBack } from "../workflow";
import { getDb, moveAssignment, now, record, refuse, authorize } from "./common";

/**
 * 征询意见: a deputy named on the proposal rates a sent reply, for themself only.
 * Any 不满意 sends the unit back to work (a new round); all satisfied closes its part.
 */
export function rateReply(actor: Actor, raw: unknown) {
  authorize(actor, "reply.rate");
  const input = parse(RateReplyInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const deputyId = actor.deputyId;
    const reply = tx.select().from(replies).where(eq(replies.id, input.replyId)).get();
    if (!reply || reply.state !== "sent" || deputyId == null) throw new NotFound("未找到该答复。");
    const assignment = tx.select().from(assignments).where(eq(assignments.id, reply.assignmentId)).get()!;
    const proposal = tx.select().from(proposals).where(eq(proposals.id, assignment.proposalId)).get()!;
    const cosigners = tx
      .select({ deputyId: proposalCosigners.deputyId })
      .from(proposalCosigners)
      .where(eq(proposalCosigners.proposalId, proposal.id))
      .all();
    const deputyIds = [proposal.leadDeputyId, ...cosigners.map((c) => c.deputyId)];
    if (!deputyIds.includes(deputyId)) throw new NotFound("未找到该答复。");
    if (proposal.state === "withdrawn") throw new Conflict("该建议已撤案，无需评价。");

    const decision = canRate(assignment.state, actor.role);
    if (!decision.ok) refuse(decision.reason, assignmentStateLabel[assignment.state]);
    if (reply.round !== assignment.round) throw new Conflict("该答复已有新一轮答复，请对最新答复进行评价。");
    const already = tx
      .select({ id: ratings.id })
      .from(ratings)
      .where(and(eq(ratings.replyId, reply.id), eq(ratings.deputyId, deputyId)))
      .get();
    if (already) throw new Conflict("您已对该答复作出评价，不能重复评价。");

    const created = tx
      .insert(ratings)
      .values({
        replyId: reply.id,
        deputyId,
        attitude: input.attitude,
        outcome: input.outcome,
        comment: input.comment,
        wasContacted: input.wasContacted,
        ratedById: actor.id,
        createdAt: at,
      })
      .returning({ id: ratings.id })
      .get();
    record(tx, actor, at, {
      action: "rating.create",
      subjectType: "rating",
      subjectId: created.id,
      proposalId: proposal.id,
      after: { attitude: input.attitude, outcome: input.outcome, round: reply.round },
    });

    const unsatisfied = sendsBack(input);
    notifyUnit(tx, assignment.unitId, ["unit_staff", "unit_leader"], {
      kind: "rated",
      proposalId: proposal.id,
      assignmentId: assignment.id,
      at,
      message: `${actor.displayName}代表对${proposalName(tx, proposal.id)}的答复作出评价：办理态度${ratingLabel[input.attitude]}，办理结果${ratingLabel[input.outcome]}${unsatisfied ? "，请重新办理" : ""}。`,
    });

    const all = tx.select().from(ratings).where(eq(ratings.replyId, reply.id)).all();
    const next = assignmentStateAfterRating(all, deputyIds.length);
    if (next !== assignment.state)
      moveAssignment(tx, actor, at, assignment, next, next === "rehandling" ? assignment.round + 1 : assignment.round);
    return created;
  });
}
