import { and, count, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { assignments, commitmentReports, commitments, proposals, replies, units } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { commitmentDueRange, dayOf } from "../deadlines";
import { QUOTE_SHOWN, assignmentStateLabel, categoryLabel, shortened } from "../labels";
import { AddCommitmentInput, RemoveCommitmentInput, ReportCommitmentInput, parse } from "../validation";
import {
  COMMITMENT_CATEGORY,
  COMMITMENT_HORIZON_YEARS,
  MAX_COMMITMENTS_PER_REPLY,
  MAX_REPORTS_PER_COMMITMENT,
  canAssignment,
  canCommitment,
  canReportCommitment,
  type AssignmentState,
} from "../workflow";
import { authorize, getDb, now, record, refuse } from "./common";
import { deputyAccounts, notifyUsers, proposalName } from "./notify";

/*
 * Commitments (承诺事项) of a B-category reply, followed until each is done (docs/rules.md
 * § "Commitments"): the replying unit's staff add them to their own reply, the unit reports progress
 * and completion with its evidence, the deputies hear when one is done. Each verb authorizes, loads
 * the record inside the actor's unit (or answers as if it did not exist), writes conditionally and
 * records the change in the same transaction.
 */

const PENDING = "该答复正在等待领导签发，暂不能变更承诺事项；签发后或退回修改时再办理。";

/**
 * A reply of the actor's own unit, with its assignment and proposal. Another unit's reply is not
 * found; a co-unit, which sees the sent reply, is told that the commitments are the replying unit's.
 */
function loadOwnReply(tx: Tx, actor: Actor, replyId: number) {
  const reply = tx.select().from(replies).where(eq(replies.id, replyId)).get();
  const assignment = reply && tx.select().from(assignments).where(eq(assignments.id, reply.assignmentId)).get();
  if (!reply || !assignment) throw new NotFound("未找到该答复。");
  if (actor.unitId == null || assignment.unitId !== actor.unitId) {
    const coUnit =
      actor.unitId != null &&
      reply.state === "sent" &&
      tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.proposalId, assignment.proposalId), eq(assignments.unitId, actor.unitId), eq(assignments.role, "co")))
        .get();
    if (coUnit) throw new Forbidden("承诺事项由答复代表的主办（分办）单位登记和报告，协办单位不能办理。");
    throw new NotFound("未找到该答复，或它不属于您的单位。");
  }
  const proposal = tx.select({ id: proposals.id, state: proposals.state }).from(proposals).where(eq(proposals.id, assignment.proposalId)).get()!;
  if (proposal.state === "withdrawn") throw new Conflict("该建议已撤案，不再登记或报告承诺事项。");
  return { reply, assignment, proposal };
}

/** A commitment of the actor's own unit, with its reply, assignment and proposal. */
function loadOwnCommitment(tx: Tx, actor: Actor, commitmentId: number) {
  const commitment = tx.select().from(commitments).where(eq(commitments.id, commitmentId)).get();
  if (!commitment) throw new NotFound("未找到该承诺事项。");
  return { commitment, ...loadOwnReply(tx, actor, commitment.replyId) };
}

const fieldError = (field: string, message: string) => new Invalid("请按提示修改后再提交。", { [field]: [message] });

/** 登记承诺事项: what the unit will do and by when, on its own B reply (draft, returned, or sent). */
export function addCommitment(actor: Actor, raw: unknown) {
  authorize(actor, "commitment.add");
  const input = parse(AddCommitmentInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const { reply, assignment, proposal } = loadOwnReply(tx, actor, input.replyId);
    if (reply.category !== COMMITMENT_CATEGORY)
      throw new Conflict(`该答复为${categoryLabel[reply.category]}，只有B类答复需要登记承诺事项。如答复类别有误，请先修改答复类别。`);
    const step = canCommitment("add", reply.state, actor.role);
    if (!step.ok) {
      if (step.reason === "role") refuse("role");
      throw new Conflict(PENDING);
    }
    if (reply.state !== "sent") stillDrafting(actor, reply, assignment);
    const assignedOn = dayOf(assignment.assignedAt);
    const range = commitmentDueRange(assignedOn);
    if (input.dueOn < range.min) throw fieldError("dueOn", `承诺完成时限应晚于交办日期（${assignedOn}）`);
    if (input.dueOn > range.max) throw fieldError("dueOn", `承诺完成时限应在交办后${COMMITMENT_HORIZON_YEARS}年内（不晚于${range.max}）`);
    const { n } = tx.select({ n: count() }).from(commitments).where(eq(commitments.replyId, reply.id)).get()!;
    if (n >= MAX_COMMITMENTS_PER_REPLY) throw fieldError("content", `一份答复最多登记${MAX_COMMITMENTS_PER_REPLY}项承诺事项，请合并相近事项`);

    const created = tx
      .insert(commitments)
      .values({
        replyId: reply.id,
        assignmentId: assignment.id,
        proposalId: proposal.id,
        unitId: assignment.unitId,
        content: input.content,
        dueOn: input.dueOn,
        createdById: actor.id,
        createdAt: at,
      })
      .returning({ id: commitments.id })
      .get();
    record(tx, actor, at, {
      action: "commitment.add",
      subjectType: "commitment",
      subjectId: created.id,
      proposalId: proposal.id,
      // Until the reply is sent, its commitments are the unit's own draft.
      unitId: reply.state === "sent" ? null : assignment.unitId,
      after: { replyId: reply.id, dueOn: input.dueOn },
    });
    return { commitmentId: created.id };
  });
}

/** 删除承诺事项: only while the reply is still a draft of the unit (once sent, it stands and is reported on). */
/** A draft's commitments are only worked on while its unit is still drafting that round (not after a transfer). */
function stillDrafting(actor: Actor, reply: { round: number }, assignment: { state: AssignmentState; round: number }) {
  const drafting = canAssignment("draftReply", assignment.state, actor.role);
  if (!drafting.ok || reply.round !== assignment.round) refuse("state", assignmentStateLabel[assignment.state]);
}

export function removeCommitment(actor: Actor, raw: unknown) {
  authorize(actor, "commitment.remove");
  const input = parse(RemoveCommitmentInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const { commitment, reply, assignment } = loadOwnCommitment(tx, actor, input.commitmentId);
    const step = canCommitment("remove", reply.state, actor.role);
    if (!step.ok) {
      if (step.reason === "role") refuse("role");
      throw new Conflict(reply.state === "sent" ? "答复已签发送达代表，承诺事项不能删除；情况有变化的，请在进展情况中说明。" : PENDING);
    }
    stillDrafting(actor, reply, assignment);
    // Reports are only taken once the reply is sent, so a draft's commitment has none.
    const removed = tx.delete(commitments).where(and(eq(commitments.id, commitment.id), eq(commitments.state, "open"))).run();
    if (removed.changes !== 1) refuse("state");
    record(tx, actor, at, {
      action: "commitment.remove",
      subjectType: "commitment",
      subjectId: commitment.id,
      proposalId: commitment.proposalId,
      unitId: assignment.unitId,
      before: { replyId: reply.id, dueOn: commitment.dueOn },
    });
    return { commitmentId: commitment.id };
  });
}

/**
 * 报告进展 / 报告完成: the unit's staff or leader report on an open commitment of a sent reply; a
 * completion needs its evidence, closes the commitment (done today, in China) and tells the deputies.
 */
export function reportCommitment(actor: Actor, raw: unknown) {
  authorize(actor, "commitment.report");
  const input = parse(ReportCommitmentInput, raw);
  const at = now();
  const today = dayOf(at);
  return getDb().transaction((tx) => {
    const { commitment, reply, assignment } = loadOwnCommitment(tx, actor, input.commitmentId);
    if (reply.state !== "sent") throw new Conflict("答复签发送达代表后，方可报告承诺事项的进展和完成情况。");
    const step = canReportCommitment(input.kind, commitment.state, actor.role);
    if (!step.ok) {
      if (step.reason === "role") refuse("role");
      throw new Conflict(`该承诺事项已于${commitment.doneOn}报告完成，不再接受报告。`);
    }
    const { n } = tx.select({ n: count() }).from(commitmentReports).where(eq(commitmentReports.commitmentId, commitment.id)).get()!;
    if (n >= MAX_REPORTS_PER_COMMITMENT) throw fieldError("body", `该承诺事项已报告${n}次，已达上限，请报告完成情况或联系政府督查室`);

    if (input.kind === "done") {
      const closed = tx
        .update(commitments)
        .set({ state: "done", doneOn: today })
        .where(and(eq(commitments.id, commitment.id), eq(commitments.state, "open")))
        .run();
      if (closed.changes !== 1) refuse("state");
    }
    const report = tx
      .insert(commitmentReports)
      .values({ commitmentId: commitment.id, kind: input.kind, body: input.body, evidence: input.evidence, reportedById: actor.id, reportedOn: today, createdAt: at })
      .returning({ id: commitmentReports.id })
      .get();
    record(tx, actor, at, {
      action: `commitment.${input.kind}`,
      subjectType: "commitment",
      subjectId: commitment.id,
      proposalId: commitment.proposalId,
      before: { state: commitment.state },
      after: { state: step.to, reportId: report.id, replyId: reply.id },
    });
    if (input.kind === "done") {
      const unit = tx.select({ name: units.name }).from(units).where(eq(units.id, assignment.unitId)).get()!;
      const what = shortened(commitment.content, QUOTE_SHOWN);
      notifyUsers(tx, deputyAccounts(tx, commitment.proposalId), {
        kind: "commitment_done",
        proposalId: commitment.proposalId,
        assignmentId: assignment.id,
        at,
        threshold: `done:${commitment.id}`,
        message: `${unit.name}报告：${proposalName(tx, commitment.proposalId)}答复中承诺的“${what}”已完成，请查看完成情况。`,
      });
    }
    return { commitmentId: commitment.id, reportId: report.id };
  });
}
