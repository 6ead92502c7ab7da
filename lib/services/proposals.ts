import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { assignments, congressSessions, deputies, proposalCosigners, proposals, units } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Conflict, Invalid, NotFound } from "../errors";
import { assignmentRoleLabel, proposalStateLabel } from "../labels";
import { notifyUnit, proposalName } from "./notify";
import {
  AssignProposalInput,
  MarkProposalInput,
  RegisterProposalInput,
  WithdrawProposalInput,
  parse,
} from "../validation";
import { canProposal, markToken, withdrawalStillPossible, type AssignmentRole } from "../workflow";
import { getDb, now, record, refuse, authorize } from "./common";
import { refreshDeadlines } from "./stored-deadlines";

/** 登记: the congress office registers a proposal under its number in the session. */
export function registerProposal(actor: Actor, raw: unknown) {
  authorize(actor, "proposal.register");
  return getDb().transaction((tx) => insertProposal(tx, actor, raw));
}

/**
 * The registration itself, inside the caller's transaction, for a caller that has authorized it:
 * 登记 one proposal, or 导入 a sheet of them (lib/services/import.ts).
 */
export function insertProposal(tx: Tx, actor: Actor, raw: unknown) {
  const input = parse(RegisterProposalInput, raw);
  const at = now();
  if (input.isKey && !input.supervisor)
    throw new Invalid("请填写督办领导。", { supervisor: ["重点督办建议须明确督办领导"] });
  const session = tx.select().from(congressSessions).where(eq(congressSessions.id, input.sessionId)).get();
  if (!session || !session.active) throw new Invalid("请选择有效的届次。", { sessionId: ["请选择有效的届次"] });
  const deputyIds = [input.leadDeputyId, ...input.cosignerIds];
  if (input.cosignerIds.includes(input.leadDeputyId))
    throw new Invalid("领衔代表不必再列为附议代表。", { cosignerIds: ["领衔代表不必再列为附议代表"] });
  const found = tx
    .select({ id: deputies.id })
    .from(deputies)
    .where(and(inArray(deputies.id, deputyIds), eq(deputies.active, true)))
    .all();
  if (found.length !== deputyIds.length) {
    const missing = new Set(deputyIds.filter((id) => !found.some((f) => f.id === id)));
    throw new Invalid("所选代表不存在。", missing.has(input.leadDeputyId)
      ? { leadDeputyId: ["所选领衔代表不存在或已不在任"] }
      : { cosignerIds: ["所选附议代表中有不存在或已不在任的代表"] });
  }
  const taken = tx
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.sessionId, input.sessionId), eq(proposals.number, input.number)))
    .get();
  if (taken) throw new Invalid("编号重复。", { number: [`${session.name}已有第${input.number}号建议`] });
  const created = tx
    .insert(proposals)
    .values({
      sessionId: input.sessionId,
      number: input.number,
      title: input.title,
      body: input.body,
      field: input.field,
      leadDeputyId: input.leadDeputyId,
      disclosure: input.disclosure,
      isKey: input.isKey,
      supervisor: input.isKey ? input.supervisor || null : null,
      suggestedUnits: input.suggestedUnits,
      state: "registered",
      registeredAt: at,
      updatedAt: at,
    })
    .returning({ id: proposals.id })
    .get();
  input.cosignerIds.forEach((deputyId, position) =>
    tx.insert(proposalCosigners).values({ proposalId: created.id, deputyId, position }).run(),
  );
  record(tx, actor, at, {
    action: "proposal.register",
    subjectType: "proposal",
    subjectId: created.id,
    proposalId: created.id,
    after: { number: input.number, title: input.title },
  });
  return created;
}

function loadProposal(tx: Tx, id: number) {
  const proposal = tx.select().from(proposals).where(eq(proposals.id, id)).get();
  if (!proposal) throw new NotFound("未找到该建议。");
  return proposal;
}

/** 甄别与重点督办: reference, merged, key proposal and its supervising leader. */
export function markProposal(actor: Actor, raw: unknown) {
  authorize(actor, "proposal.mark");
  const input = parse(MarkProposalInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const proposal = loadProposal(tx, input.proposalId);
    const decision = canProposal("mark", proposal.state, actor.role);
    if (!decision.ok) refuse(decision.reason, proposalStateLabel[proposal.state]);
    if (input.isKey && !input.supervisor)
      throw new Invalid("请填写督办领导。", { supervisor: ["重点督办建议须明确督办领导"] });
    const after = { screening: input.screening, isKey: input.isKey, supervisor: input.isKey ? input.supervisor : null };
    const stale = () => new Conflict("甄别与督办标记刚被他人修改，请刷新页面查看后再保存。");
    if (input.basedOn !== undefined && input.basedOn !== markToken(proposal)) throw stale();
    // Written only over the marks just read: two offices saving at once cannot overwrite each other unseen.
    const changed = tx
      .update(proposals)
      .set({ ...after, updatedAt: at })
      .where(
        and(
          eq(proposals.id, proposal.id),
          eq(proposals.screening, proposal.screening),
          eq(proposals.isKey, proposal.isKey),
          proposal.supervisor == null ? isNull(proposals.supervisor) : eq(proposals.supervisor, proposal.supervisor),
        ),
      )
      .run();
    if (changed.changes !== 1) throw stale();
    record(tx, actor, at, {
      action: "proposal.mark",
      subjectType: "proposal",
      subjectId: proposal.id,
      proposalId: proposal.id,
      before: { screening: proposal.screening, isKey: proposal.isKey, supervisor: proposal.supervisor },
      after,
    });
  });
}

/** 撤案: only on the deputy's written request, recorded as the reason. */
export function withdrawProposal(actor: Actor, raw: unknown) {
  authorize(actor, "proposal.withdraw");
  const input = parse(WithdrawProposalInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const proposal = loadProposal(tx, input.proposalId);
    const decision = canProposal("withdraw", proposal.state, actor.role);
    if (!decision.ok) refuse(decision.reason, proposalStateLabel[proposal.state]);
    const units_ = tx.select().from(assignments).where(eq(assignments.proposalId, proposal.id)).all();
    if (!withdrawalStillPossible(units_)) throw new Conflict("已有承办单位答复代表，不能再撤案。");
    const changed = tx
      .update(proposals)
      .set({ state: decision.to, screening: "withdrawn", withdrawReason: input.reason, updatedAt: at })
      .where(and(eq(proposals.id, proposal.id), eq(proposals.state, proposal.state)))
      .run();
    if (changed.changes !== 1) refuse("state");
    record(tx, actor, at, {
      action: "proposal.withdraw",
      subjectType: "proposal",
      subjectId: proposal.id,
      proposalId: proposal.id,
      before: { state: proposal.state },
      after: { state: decision.to, reason: input.reason },
    });
  });
}

/** 交办: one lead unit and any co-units, or two or more parallel units. The clock starts now. */
export function assignProposal(actor: Actor, raw: unknown) {
  authorize(actor, "proposal.assign");
  const input = parse(AssignProposalInput, raw);
  const at = now();
  const plan: { unitId: number; role: AssignmentRole }[] =
    input.mode === "lead"
      ? [
          { unitId: input.leadUnitId!, role: "lead" },
          ...input.coUnitIds.map((unitId) => ({ unitId, role: "co" as const })),
        ]
      : input.parallelUnitIds.map((unitId) => ({ unitId, role: "parallel" as const }));
  return getDb().transaction((tx) => {
    const proposal = loadProposal(tx, input.proposalId);
    const decision = canProposal("assign", proposal.state, actor.role);
    if (!decision.ok) refuse(decision.reason, proposalStateLabel[proposal.state]);
    const ids = plan.map((p) => p.unitId);
    const known = tx.select().from(units).where(inArray(units.id, ids)).all();
    const unknown = ids.filter((id) => !known.some((u) => u.id === id && u.active));
    if (unknown.length) {
      const field = input.mode === "parallel" ? "parallelUnitIds" : unknown.includes(input.leadUnitId!) ? "leadUnitId" : "coUnitIds";
      throw new Invalid("所选单位不存在或已停用。", { [field]: ["所选单位不存在或已停用"] });
    }
    const changed = tx
      .update(proposals)
      .set({ state: decision.to, updatedAt: at })
      .where(and(eq(proposals.id, proposal.id), eq(proposals.state, "registered")))
      .run();
    if (changed.changes !== 1) throw new Conflict("该建议已被交办，请刷新页面查看。");
    const name = proposalName(tx, proposal.id);
    for (const p of plan) {
      const a = tx
        .insert(assignments)
        .values({ proposalId: proposal.id, unitId: p.unitId, role: p.role, state: "assigned", assignedAt: at })
        .returning({ id: assignments.id })
        .get();
      notifyUnit(tx, p.unitId, ["unit_staff", "unit_leader"], {
        kind: "assigned",
        proposalId: proposal.id,
        assignmentId: a.id,
        at,
        message: `${name}已交办贵单位${assignmentRoleLabel[p.role]}，请及时签收办理。`,
      });
    }
    refreshDeadlines(tx, { proposalId: proposal.id });
    record(tx, actor, at, {
      action: "proposal.assign",
      subjectType: "proposal",
      subjectId: proposal.id,
      proposalId: proposal.id,
      before: { state: proposal.state },
      after: {
        state: decision.to,
        units: plan.map((p) => ({ ...p, name: known.find((u) => u.id === p.unitId)?.name })),
      },
    });
  });
}
