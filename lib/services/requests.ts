import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { assignments, proposals, requests, units } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Conflict, Invalid, NotFound } from "../errors";
import { assignmentRoleLabel, assignmentStateLabel } from "../labels";
import { dayOf, withinReturnWindow } from "../deadlines";
import { DecideRequestInput, RequestAdjustmentInput, RequestExtensionInput, parse } from "../validation";
import { canRequest } from "../workflow";
import { deadlinesOf } from "../clock-rules";
import { refreshDeadlines } from "./stored-deadlines";
import { getDb, loadOwnAssignment, now, record, refuse, authorize, syncProposalState } from "./common";
import { activeUsers, notifyUnit, notifyUsers, proposalName } from "./notify";

/**
 * 申请调整: a unit that thinks the proposal is not its business asks the government office to
 * re-assign it, within 10 working days of assignment. Approval hands it over; the clock keeps running.
 */
export function requestAdjustment(actor: Actor, raw: unknown) {
  authorize(actor, "request.adjustment");
  const input = parse(RequestAdjustmentInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const { assignment } = loadOwnAssignment(tx, actor, input.assignmentId);
    const decision = canRequest("requestAdjustment", assignment.state, actor.role);
    if (!decision.ok) refuse(decision.reason, assignmentStateLabel[assignment.state]);
    const { settings, cal, returnWindowEnd } = deadlinesOf(tx, assignment);
    if (!withinReturnWindow({ assignedOn: dayOf(assignment.assignedAt) }, dayOf(at), settings, cal))
      throw new Invalid(`申请调整须在交办后${settings.returnWindowWorkdays}个工作日内提出（截至 ${returnWindowEnd}），现已超过期限。`, {
        reason: [`已超过申请调整期限（截至 ${returnWindowEnd}）`],
      });
    return file(tx, actor, at, assignment, { kind: "adjustment", reason: input.reason, suggestedUnitId: input.suggestedUnitId ?? null });
  });
}

/** 申请延期: a new due date with the reason, never past the total limit (6 months from assignment). */
export function requestExtension(actor: Actor, raw: unknown) {
  authorize(actor, "request.extension");
  const input = parse(RequestExtensionInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const { assignment } = loadOwnAssignment(tx, actor, input.assignmentId);
    const decision = canRequest("requestExtension", assignment.state, actor.role);
    if (!decision.ok) refuse(decision.reason, assignmentStateLabel[assignment.state]);
    const { due, extensionLimit, settings } = deadlinesOf(tx, assignment);
    if (input.requestedDue <= dayOf(at))
      throw new Invalid("申请延期至的日期应晚于今天。", { requestedDue: ["申请延期至的日期应晚于今天"] });
    if (due && input.requestedDue <= due)
      throw new Invalid("延期后的期限应晚于现在的期限。", { requestedDue: [`现在的期限为 ${due}，申请延期至的日期应晚于它`] });
    if (input.requestedDue > extensionLimit)
      throw new Invalid("超过延期总时限。", {
        requestedDue: [`延期后总时限不得超过交办后${settings.extensionTotalMonths}个月（${extensionLimit}）`],
      });
    return file(tx, actor, at, assignment, { kind: "extension", reason: input.reason, requestedDue: input.requestedDue });
  });
}

function file(
  tx: Tx,
  actor: Actor,
  at: Date,
  assignment: typeof assignments.$inferSelect,
  values: { kind: "adjustment" | "extension"; reason: string; requestedDue?: string; suggestedUnitId?: number | null },
) {
  const open = tx
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.assignmentId, assignment.id), eq(requests.state, "pending")))
    .get();
  if (open) throw new Conflict("本单位已有一项申请在审核中，请等待政府督查室审核后再提出。");
  if (values.suggestedUnitId && !tx.select({ id: units.id }).from(units).where(eq(units.id, values.suggestedUnitId)).get())
    throw new Invalid("建议的承办单位不存在。", { suggestedUnitId: ["建议的承办单位不存在"] });
  const created = tx
    .insert(requests)
    .values({ assignmentId: assignment.id, ...values, createdById: actor.id, createdAt: at })
    .returning({ id: requests.id })
    .get();
  record(tx, actor, at, {
    action: `request.${values.kind}`,
    subjectType: "request",
    subjectId: created.id,
    proposalId: assignment.proposalId,
    after: values,
  });
  const unit = tx.select({ name: units.name }).from(units).where(eq(units.id, assignment.unitId)).get()!;
  notifyUsers(tx, activeUsers(tx, { roles: ["gov_office"] }), {
    kind: "request_pending",
    proposalId: assignment.proposalId,
    assignmentId: assignment.id,
    at,
    message: `${unit.name}就${proposalName(tx, assignment.proposalId)}${values.kind === "adjustment" ? "申请调整承办单位" : `申请延期至 ${values.requestedDue}`}，请审核。`,
  });
  return created;
}

/** The government office approves or refuses a request, with its reason. */
export function decideRequest(actor: Actor, raw: unknown) {
  authorize(actor, "request.decide");
  const input = parse(DecideRequestInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const request = tx.select().from(requests).where(eq(requests.id, input.requestId)).get();
    if (!request) throw new NotFound("未找到该申请。");
    if (request.state !== "pending") throw new Conflict("该申请已审核，请刷新页面查看。");
    const assignment = tx.select().from(assignments).where(eq(assignments.id, request.assignmentId)).get()!;
    const proposal = tx.select({ state: proposals.state }).from(proposals).where(eq(proposals.id, assignment.proposalId)).get()!;
    if (proposal.state === "withdrawn" || proposal.state === "closed")
      throw new Conflict(`该建议已${proposal.state === "withdrawn" ? "撤案" : "办结"}，申请无需再审核。`);
    const decision = canRequest("decideRequest", assignment.state, actor.role);
    if (!decision.ok) refuse(decision.reason, assignmentStateLabel[assignment.state]);
    const approve = input.decision === "approve";

    if (approve && request.kind === "adjustment") {
      if (!input.newUnitId) throw new Invalid("请选择调整后的承办单位。", { newUnitId: ["请选择调整后的承办单位"] });
      const unit = tx.select().from(units).where(eq(units.id, input.newUnitId)).get();
      if (!unit || !unit.active) throw new Invalid("所选单位不存在或已停用。", { newUnitId: ["所选单位不存在或已停用"] });
      const taken = tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.proposalId, assignment.proposalId), eq(assignments.unitId, unit.id)))
        .get();
      if (taken) throw new Invalid("该单位已承办此建议。", { newUnitId: ["该单位已承办此建议，请选择其他单位"] });
      const moved = tx
        .update(assignments)
        .set({ state: "transferred" })
        .where(and(eq(assignments.id, assignment.id), eq(assignments.state, assignment.state)))
        .run();
      if (moved.changes !== 1) refuse("state");
      // The clock does not restart: the new unit inherits the original assignment time.
      const successor = tx
        .insert(assignments)
        .values({
          proposalId: assignment.proposalId,
          unitId: unit.id,
          role: assignment.role,
          state: "assigned",
          assignedAt: assignment.assignedAt,
          replacesId: assignment.id,
        })
        .returning({ id: assignments.id })
        .get();
      refreshDeadlines(tx, { assignmentIds: [assignment.id, successor.id] });
      record(tx, actor, at, {
        action: "assignment.transfer",
        subjectType: "assignment",
        subjectId: assignment.id,
        proposalId: assignment.proposalId,
        before: { unitId: assignment.unitId, state: assignment.state },
        after: { unitId: unit.id, unitName: unit.name, successorId: successor.id },
      });
      notifyUnit(tx, unit.id, ["unit_staff", "unit_leader"], {
        kind: "assigned",
        proposalId: assignment.proposalId,
        assignmentId: successor.id,
        at,
        message: `${proposalName(tx, assignment.proposalId)}经调整交由贵单位${assignmentRoleLabel[assignment.role]}，办理时限仍自原交办之日起计算。`,
      });
      syncProposalState(tx, actor, assignment.proposalId, at);
    }
    if (approve && request.kind === "extension") {
      tx.update(assignments)
        .set({ extendedTo: request.requestedDue, extensionReason: request.reason })
        .where(eq(assignments.id, assignment.id))
        .run();
      refreshDeadlines(tx, { assignmentIds: [assignment.id] });
    }
    tx.update(requests)
      .set({
        state: approve ? "approved" : "rejected",
        decidedById: actor.id,
        decisionReason: input.decisionReason,
        decidedAt: at,
        newUnitId: approve && request.kind === "adjustment" ? input.newUnitId : null,
      })
      .where(and(eq(requests.id, request.id), eq(requests.state, "pending")))
      .run();
    record(tx, actor, at, {
      action: approve ? "request.approved" : "request.rejected",
      subjectType: "request",
      subjectId: request.id,
      proposalId: assignment.proposalId,
      before: { state: "pending" },
      after: { state: approve ? "approved" : "rejected", reason: input.decisionReason },
    });
    notifyUsers(tx, [request.createdById], {
      kind: "request_decided",
      proposalId: assignment.proposalId,
      assignmentId: assignment.id,
      at,
      message: `您就${proposalName(tx, assignment.proposalId)}提出的${request.kind === "adjustment" ? "调整申请" : "延期申请"}${approve ? "已获批准" : "未获同意"}：${input.decisionReason}`,
    });
  });
}
