import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db";
import { assignments, commitmentReports, commitments, proposals, replies, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";
import { commitmentOffersFor, maySeeDocument, mineOf } from "@/lib/access/proposal";
import { todayInChina } from "@/lib/clock";
import { dayOf, type Day } from "@/lib/deadlines";
import { NotFound } from "@/lib/errors";
import { COMMITMENT_CATEGORY, commitmentStatus } from "@/lib/workflow";
import { scopeOf } from "./scope";

/**
 * The commitments (承诺事项) of one proposal as the viewer may see them (docs/rules.md
 * § "Commitments"): grouped by the reply that made them, each with its status today and its reports,
 * and what the viewer may do with them now. A reply's commitments are seen by whoever sees the reply
 * (a draft's only inside its unit). Bounded: one proposal's replies, at most 20 commitments each.
 */
export function proposalCommitments(actor: Actor, proposalId: number, today: Day = todayInChina()) {
  authorize(actor, "proposal.view");
  const db = getDb();
  const proposal = db
    .select({ id: proposals.id, state: proposals.state })
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), scopeOf(actor)))
    .get();
  if (!proposal) throw new NotFound("未找到该建议，或您无权查看。");

  const onIt = db
    .select({ id: assignments.id, unitId: assignments.unitId, role: assignments.role, state: assignments.state, round: assignments.round, assignedAt: assignments.assignedAt, unitName: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(eq(assignments.proposalId, proposalId))
    .orderBy(asc(assignments.id))
    .all();
  const mine = mineOf(actor, onIt);
  const replyRows = onIt.length
    ? db
        .select({ id: replies.id, assignmentId: replies.assignmentId, round: replies.round, state: replies.state, category: replies.category })
        .from(replies)
        .where(
          inArray(
            replies.assignmentId,
            onIt.map((a) => a.id),
          ),
        )
        .orderBy(asc(replies.assignmentId), asc(replies.round))
        .all()
        .filter((r) => maySeeDocument(actor, mine, { kind: "reply", assignmentId: r.assignmentId, state: r.state }))
    : [];

  const creator = alias(users, "creator");
  const rows = db
    .select({
      id: commitments.id,
      replyId: commitments.replyId,
      content: commitments.content,
      dueOn: commitments.dueOn,
      state: commitments.state,
      doneOn: commitments.doneOn,
      createdBy: creator.displayName,
      createdAt: commitments.createdAt,
    })
    .from(commitments)
    .innerJoin(creator, eq(creator.id, commitments.createdById))
    .where(eq(commitments.proposalId, proposalId))
    .orderBy(asc(commitments.dueOn), asc(commitments.id))
    .all();
  const reporter = alias(users, "reporter");
  const reportRows = db
    .select({
      id: commitmentReports.id,
      commitmentId: commitmentReports.commitmentId,
      kind: commitmentReports.kind,
      body: commitmentReports.body,
      evidence: commitmentReports.evidence,
      reportedOn: commitmentReports.reportedOn,
      reportedBy: reporter.displayName,
    })
    .from(commitmentReports)
    .innerJoin(commitments, eq(commitments.id, commitmentReports.commitmentId))
    .innerJoin(reporter, eq(reporter.id, commitmentReports.reportedById))
    .where(eq(commitments.proposalId, proposalId))
    .orderBy(asc(commitmentReports.id))
    .all();

  const groups = replyRows
    .map((r) => {
      const a = onIt.find((x) => x.id === r.assignmentId)!;
      const own = rows.filter((c) => c.replyId === r.id);
      const offers = commitmentOffersFor(actor, proposal, mine, { ...r, commitments: own.length });
      return {
        replyId: r.id,
        round: r.round,
        replyState: r.state,
        category: r.category,
        unitName: a.unitName,
        assignedOn: dayOf(a.assignedAt),
        canAdd: offers.add,
        // The unit's staff are asked for the commitments their B reply has not listed yet.
        prompt: offers.add && own.length === 0,
        commitments: own.map((c) => ({
          ...c,
          status: commitmentStatus(c, today),
          reports: reportRows.filter((x) => x.commitmentId === c.id),
          canReport: offers.report && c.state === "open",
          canRemove: offers.remove,
        })),
      };
    })
    .filter((g) => g.category === COMMITMENT_CATEGORY || g.commitments.length > 0);
  return { proposalId, today, groups };
}

export type ProposalCommitments = ReturnType<typeof proposalCommitments>;
export type CommitmentView = ProposalCommitments["groups"][number]["commitments"][number];
