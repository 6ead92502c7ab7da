import { and, eq, inArray, isNull, sql } from "drizzle-orm";
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
    const target = input.screening === "merged" ? mergeTarget(tx, proposal, input.mergedInto) : null;
    const after = {
      screening: input.screening,
      isKey: input.isKey,
      supervisor: input.isKey ? input.supervisor : null,
      mergedIntoId: target?.id ?? null,
      raisedBefore: input.raisedBefore,
      notPublicReason: input.notPublicReason || null,
    };
    const stale = () => new Conflict("甄别与督办标记刚被他人修改，请刷新页面查看后再保存。");
    if (input.basedOn !== undefined && input.basedOn !== markToken(proposal)) throw stale();
    // Written only over the marks just read: two offices saving at once cannot overwrite each other unseen.
    const same = <T,>(column: Parameters<typeof eq>[0], value: T | null) => (value == null ? isNull(column) : eq(column, value));
    const changed = tx
      .update(proposals)
      .set({ ...after, updatedAt: at })
      .where(
        and(
          eq(proposals.id, proposal.id),
          eq(proposals.screening, proposal.screening),
          eq(proposals.isKey, proposal.isKey),
          same(proposals.supervisor, proposal.supervisor),
          same(proposals.mergedIntoId, proposal.mergedIntoId),
          eq(proposals.raisedBefore, proposal.raisedBefore),
          same(proposals.notPublicReason, proposal.notPublicReason),
        ),
      )
      .run();
    if (changed.changes !== 1) throw stale();
    if (proposal.mergedIntoId !== after.mergedIntoId) moveMergedDeputies(tx, proposal, after.mergedIntoId);
    record(tx, actor, at, {
      action: "proposal.mark",
      subjectType: "proposal",
      subjectId: proposal.id,
      proposalId: proposal.id,
      before: { screening: proposal.screening, isKey: proposal.isKey, supervisor: proposal.supervisor, mergedIntoId: proposal.mergedIntoId, raisedBefore: proposal.raisedBefore, notPublicReason: proposal.notPublicReason },
      after,
    });
  });
}

/** 并案: the proposal this one joins, by number in the same session; one level only, never itself. */
function mergeTarget(tx: Tx, proposal: typeof proposals.$inferSelect, number: number | undefined) {
  if (number == null) throw new Invalid("请填写并入的建议编号。", { mergedInto: ["并案办理须填写并入哪一件建议"] });
  const target = tx.select().from(proposals).where(and(eq(proposals.sessionId, proposal.sessionId), eq(proposals.number, number))).get();
  if (!target) throw new Invalid("本届次没有该编号的建议。", { mergedInto: [`本届次没有第${number}号建议`] });
  if (target.id === proposal.id) throw new Invalid("不能并入本件建议。", { mergedInto: ["不能并入本件建议"] });
  if (target.mergedIntoId != null || target.state === "withdrawn")
    throw new Invalid("该建议已并入其他建议或已撤案。", { mergedInto: [`第${number}号建议已并入其他建议或已撤案，请并入主办的那一件`] });
  const joined = tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.mergedIntoId, proposal.id)).get();
  if (joined) throw new Invalid("已有建议并入本件，本件不能再并入其他建议。", { mergedInto: ["已有建议并入本件"] });
  return target;
}

/**
 * The merged proposal's deputies join the proposal it is merged into as co-signers (marked with
 * where they came from), so they see its handling and rate its reply; un-merging takes them off.
 */
function moveMergedDeputies(tx: Tx, proposal: typeof proposals.$inferSelect, into: number | null) {
  tx.delete(proposalCosigners).where(eq(proposalCosigners.mergedFromId, proposal.id)).run();
  if (into == null) return;
  const own = tx.select({ d: proposalCosigners.deputyId }).from(proposalCosigners).where(and(eq(proposalCosigners.proposalId, proposal.id), isNull(proposalCosigners.mergedFromId))).all();
  const target = tx.select({ lead: proposals.leadDeputyId }).from(proposals).where(eq(proposals.id, into)).get()!;
  const there = new Set([target.lead, ...tx.select({ d: proposalCosigners.deputyId }).from(proposalCosigners).where(eq(proposalCosigners.proposalId, into)).all().map((r) => r.d)]);
  let position = tx.select({ n: sql<number>`coalesce(max(${proposalCosigners.position}), -1)` }).from(proposalCosigners).where(eq(proposalCosigners.proposalId, into)).get()!.n;
  for (const deputyId of [proposal.leadDeputyId, ...own.map((r) => r.d)])
    if (!there.has(deputyId)) {
      tx.insert(proposalCosigners).values({ proposalId: into, deputyId, position: ++position, mergedFromId: proposal.id }).run();
      there.add(deputyId);
    }
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
    // A merged proposal is handled as part of the one it joined: that one is assigned.
    if (proposal.mergedIntoId != null) {
      const into = tx.select({ number: proposals.number }).from(proposals).where(eq(proposals.id, proposal.mergedIntoId)).get()!;
      throw new Invalid(`本件已并入第${into.number}号建议办理，无需单独交办。`);
    }
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
