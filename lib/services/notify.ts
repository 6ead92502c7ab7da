import { and, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { congressSessions, notifications, proposalCosigners, proposals, users } from "@/db/schema";
import type { Role } from "../workflow";
import { proposalRef } from "../labels";

export type NotificationKind =
  | "assigned"
  | "signoff_pending"
  | "returned"
  | "opinion_received"
  | "replied"
  | "rated"
  | "request_pending"
  | "request_decided"
  | "due_soon"
  | "overdue"
  | "commitment_due_soon"
  | "commitment_overdue"
  | "commitment_done";

type Note = {
  kind: NotificationKind;
  proposalId: number;
  assignmentId?: number | null;
  message: string;
  at: Date;
  /** Reminders pass the threshold they stand for; events are keyed by their time. */
  threshold?: string;
};

/** Writes one notification per person, at most once per person, kind, assignment and threshold. */
export function notifyUsers(tx: Tx, userIds: readonly number[], n: Note): number {
  let created = 0;
  for (const userId of new Set(userIds)) {
    const r = tx
      .insert(notifications)
      .values({
        userId,
        kind: n.kind,
        proposalId: n.proposalId,
        assignmentId: n.assignmentId ?? null,
        threshold: n.threshold ?? `at:${n.at.getTime()}`,
        message: n.message,
        createdAt: n.at,
      })
      .onConflictDoNothing()
      .run();
    created += r.changes;
  }
  return created;
}

export function activeUsers(tx: Tx, where: { unitId?: number; roles: readonly Role[] }) {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.role, [...where.roles]),
        where.unitId != null ? eq(users.unitId, where.unitId) : undefined,
      ),
    )
    .all()
    .map((u) => u.id);
}

export function notifyUnit(tx: Tx, unitId: number, roles: readonly Role[], n: Note) {
  return notifyUsers(tx, activeUsers(tx, { unitId, roles }), n);
}

/** The accounts of every deputy on a proposal (lead and co-signers). */
export function deputyAccounts(tx: Tx, proposalId: number) {
  const p = tx.select({ lead: proposals.leadDeputyId }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  const co = tx.select({ d: proposalCosigners.deputyId }).from(proposalCosigners).where(eq(proposalCosigners.proposalId, proposalId)).all();
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, "deputy"), or(...[p.lead, ...co.map((c) => c.d)].map((d) => eq(users.deputyId, d)))))
    .all()
    .map((u) => u.id);
}

/** "市十八届人大二次会议第155号建议《关于古塘街道工业区块改造提升的建议》" for messages (a long title cut short). */
export function proposalName(tx: Tx, proposalId: number) {
  const row = tx
    .select({ number: proposals.number, title: proposals.title, session: congressSessions.name })
    .from(proposals)
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(eq(proposals.id, proposalId))
    .get()!;
  return `${row.session}${proposalRef(row.number, row.title)}`;
}
