import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { assignments, deputies, history, proposals, units } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { isCurrent, isReplyingRole, proposalStateFromReplyingUnits, type AssignmentState } from "../workflow";
import { now } from "../clock";
import { auditIn } from "../audit";
import type { HistoryAction } from "../audit-actions";
import { dayOf } from "../deadlines";
import { refreshDeadlines, type MovedDeadline } from "./stored-deadlines";

export { getDb, now };

export { authorize } from "../authz";

/** Turns a workflow decision into the error the user should see. */
export function refuse(reason: "role" | "state", stateLabel?: string): never {
  if (reason === "role") throw new Forbidden();
  throw new Conflict(
    stateLabel
      ? `该事项当前状态为“${stateLabel}”，不能进行此项操作。可能已有他人处理，请刷新页面查看最新情况。`
      : "该事项已有他人处理，请刷新页面查看最新情况。",
  );
}

export type HistoryEntry = {
  action: HistoryAction;
  subjectType: string;
  subjectId: number;
  proposalId?: number | null;
  /** Set for events internal to one unit (drafts); only that unit sees them. */
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
};

/** An account's unit or deputy must exist (the forms offer only those; a tampered form gets these words). */
export function checkAccountLink(tx: Tx, link: { unitId: number | null; deputyId: number | null }) {
  if (link.unitId != null && !tx.select({ id: units.id }).from(units).where(eq(units.id, link.unitId)).get())
    throw new Invalid("所属单位不存在。", { unitId: ["所属单位不存在"] });
  if (link.deputyId != null && !tx.select({ id: deputies.id }).from(deputies).where(eq(deputies.id, link.deputyId)).get())
    throw new Invalid("所选代表不存在。", { deputyId: ["所选代表不存在"] });
}

export function record(tx: Tx, actor: Actor | null, at: Date, entry: HistoryEntry) {
  tx.insert(history)
    .values({
      at,
      actorId: actor?.id ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      proposalId: entry.proposalId ?? null,
      unitId: entry.unitId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
  // Every business change is also an audit entry, in the same transaction: no change without one.
  auditIn(
    tx,
    {
      actor,
      actorName: actor ? undefined : "系统",
      action: entry.action,
      objectType: entry.subjectType,
      objectId: entry.subjectId,
      result: "ok",
      detail: entry.proposalId ? { proposalId: entry.proposalId } : undefined,
    },
    at,
  );
}

/** Loads an assignment of the actor's own unit, or answers as if it did not exist. */
export function loadOwnAssignment(tx: Tx, actor: Actor, assignmentId: number) {
  const row = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
  if (!row || actor.unitId == null || row.unitId !== actor.unitId) throw new NotFound("未找到该承办事项，或它不属于您的单位。");
  const proposal = tx.select().from(proposals).where(eq(proposals.id, row.proposalId)).get();
  if (!proposal) throw new NotFound();
  if (proposal.state === "withdrawn") throw new Conflict("该建议已撤案，无需继续办理。");
  if (proposal.state === "closed") throw new Conflict("该建议已办结。");
  return { assignment: row, proposal };
}

/**
 * Moves one unit's assignment on after its document went out or a deputy rated its reply:
 * written only if nobody moved it first, recorded, and the proposal's state follows.
 */
export function moveAssignment(
  tx: Tx,
  actor: Actor,
  at: Date,
  assignment: { id: number; proposalId: number; state: AssignmentState; round: number },
  next: AssignmentState,
  round = assignment.round,
) {
  // A re-handling round runs from the day of the rating, and an earlier extension no longer applies.
  const rehandling = next === "rehandling" ? { rehandlingFrom: dayOf(at), extendedTo: null, extensionReason: null } : {};
  const moved = tx
    .update(assignments)
    .set({ state: next, round, ...rehandling })
    .where(and(eq(assignments.id, assignment.id), eq(assignments.state, assignment.state), eq(assignments.round, assignment.round)))
    .run();
  if (moved.changes !== 1) refuse("state");
  refreshDeadlines(tx, { assignmentIds: [assignment.id] });
  record(tx, actor, at, {
    action: "assignment.state",
    subjectType: "assignment",
    subjectId: assignment.id,
    proposalId: assignment.proposalId,
    before: { state: assignment.state, round: assignment.round },
    after: { state: next, round },
  });
  syncProposalState(tx, actor, assignment.proposalId, at);
}

/**
 * After a calendar or settings edit: records on each proposal's history every running deadline that
 * moved, with the reason (the stored due day before is what the unit and the deputy were shown).
 */
export function recordDeadlineMoves(tx: Tx, actor: Actor, at: Date, moved: MovedDeadline[], reason: string): number {
  const running = moved.filter((m) => m.running);
  for (const m of running)
    record(tx, actor, at, {
      action: "deadline.moved",
      subjectType: "assignment",
      subjectId: m.assignmentId,
      proposalId: m.proposalId,
      before: { due: m.before },
      after: { due: m.after, reason },
    });
  return running.length;
}

/**
 * Moves a proposal to the state its replying units imply (docs/rules.md § "States and events",
 * derived state: replied once every replying unit has replied, re-handling while any is, closed when all are).
 */
export function syncProposalState(tx: Tx, actor: Actor | null, proposalId: number, at: Date) {
  const proposal = tx.select().from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!proposal || proposal.state === "withdrawn" || proposal.state === "registered") return;
  const units = tx.select().from(assignments).where(eq(assignments.proposalId, proposalId)).all();
  const next = proposalStateFromReplyingUnits(
    units.filter((a) => isReplyingRole(a.role) && isCurrent(a.state)).map((a) => a.state),
  );
  if (next === proposal.state) return;
  const changed = tx
    .update(proposals)
    .set({ state: next, updatedAt: at })
    .where(and(eq(proposals.id, proposalId), eq(proposals.state, proposal.state)))
    .run();
  if (changed.changes !== 1) throw new Conflict("该建议刚被他人更新，请刷新后重试。");
  record(tx, actor, at, {
    action: "proposal.state",
    subjectType: "proposal",
    subjectId: proposalId,
    proposalId,
    before: { state: proposal.state },
    after: { state: next },
  });
}
