import "server-only";
import { kept } from "./kept";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assignments, congressSessions, opinions, proposals, ratings, replies, requests, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { todayInChina } from "@/lib/clock";
import { LIVE_PROPOSAL_STATES, isRunning, lightFrom, type Day, type Light } from "@/lib/deadlines";
import { Forbidden } from "@/lib/errors";
import type { AssignmentRole, AssignmentState, DocumentState, ProposalState } from "@/lib/workflow";

/** The desk's sections: what the leader must sign, what is still owed, what has been delivered. */
export const DESK_SECTIONS = ["sign", "open", "done"] as const;
export type DeskSection = (typeof DESK_SECTIONS)[number];
export const DESK_PAGE_SIZE = 20;

const SHOWN: ProposalState[] = [...LIVE_PROPOSAL_STATES, "closed"];

/** Whether the document the assignment owes now awaits the leader's signature. */
const pendingDoc = sql`(exists (select 1 from ${opinions} o where o.assignment_id = ${assignments.id} and o.state = 'pending')
  or exists (select 1 from ${replies} r where r.assignment_id = ${assignments.id} and r.round = ${assignments.round} and r.state = 'pending'))`;

/**
 * One page of a section of a unit's desk. "open" is what the unit still owes on a live proposal
 * (a stored due day), most urgent first; for a leader, what awaits their signature is the "sign"
 * section instead. "done" is the rest (delivered, transferred, closed), newest first.
 * Each section reads its own rows through an index on (unit, due day) or (unit, assignment time),
 * so a page costs the same whatever the unit's history holds.
 */
export function unitDesk(actor: Actor, section: DeskSection, page = 1) {
  if (actor.unitId == null) throw new Forbidden();
  const db = getDb();
  const leader = actor.role === "unit_leader";
  // Only a leader signs.
  if (section === "sign" && !leader) return { rows: [] as DeskRow[], total: 0, page: 1 };
  const where =
    section === "done"
      ? and(
          eq(assignments.unitId, actor.unitId),
          inArray(proposals.state, SHOWN),
          or(isNull(assignments.dueOn), eq(proposals.state, "closed")),
        )
      : and(
          eq(assignments.unitId, actor.unitId),
          isNotNull(assignments.dueOn),
          inArray(proposals.state, LIVE_PROPOSAL_STATES),
          section === "sign" ? pendingDoc : leader ? sql`not ${pendingDoc}` : undefined,
        );
  // Kept while the data is unchanged (db/queries/kept.ts): a unit's history holds thousands of rows.
  const total = kept(`desk-total|${actor.unitId}|${section}|${leader}`, () =>
    db.select({ n: count() }).from(assignments).innerJoin(proposals, eq(proposals.id, assignments.proposalId)).where(where).get()!.n,
  );
  const pages = Math.max(1, Math.ceil(total / DESK_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = db
    .select({
      assignmentId: assignments.id,
      role: assignments.role,
      state: assignments.state,
      round: assignments.round,
      assignedAt: assignments.assignedAt,
      dueOn: assignments.dueOn,
      yellowOn: assignments.yellowOn,
      proposalId: proposals.id,
      number: proposals.number,
      title: proposals.title,
      isKey: proposals.isKey,
      proposalState: proposals.state,
      sessionName: congressSessions.name,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(where)
    .orderBy(...(section === "done" ? [desc(assignments.assignedAt), desc(assignments.id)] : [asc(assignments.dueOn), asc(assignments.id)]))
    .limit(DESK_PAGE_SIZE)
    .offset((current - 1) * DESK_PAGE_SIZE)
    .all();
  const ids = rows.map((r) => r.assignmentId);
  const docState = new Map<number, DocumentState>();
  if (ids.length) {
    for (const o of db.select({ a: opinions.assignmentId, s: opinions.state }).from(opinions).where(inArray(opinions.assignmentId, ids)).all())
      docState.set(o.a, o.s);
    const round = new Map(rows.map((r) => [r.assignmentId, r.round]));
    for (const r of db.select({ a: replies.assignmentId, s: replies.state, round: replies.round }).from(replies).where(inArray(replies.assignmentId, ids)).all())
      if (round.get(r.a) === r.round) docState.set(r.a, r.s);
  }
  const today = todayInChina();
  return {
    total,
    page: current,
    rows: rows.map(({ dueOn, yellowOn, ...r }): DeskRow => {
      const live = isRunning(r.state, r.proposalState);
      return {
        ...r,
        due: live ? dueOn : null,
        light: live ? lightFrom(dueOn, yellowOn, today) : "none",
        docState: docState.get(r.assignmentId) ?? null,
        next: nextStep(r.role, r.state, docState.get(r.assignmentId) ?? null, actor.role, r.round),
      };
    }),
  };
}

export type DeskRow = {
  assignmentId: number;
  role: AssignmentRole;
  state: AssignmentState;
  round: number;
  assignedAt: Date;
  proposalId: number;
  number: number;
  title: string;
  isKey: boolean;
  proposalState: ProposalState;
  sessionName: string;
  due: Day | null;
  light: Light;
  docState: DocumentState | null;
  next: string;
};

/** The plain-language next step shown on the desk. */
export function nextStep(role: AssignmentRole, state: AssignmentState, doc: DocumentState | null, viewer: Actor["role"], round: number): string {
  if (state === "assigned") return "待签收";
  if (state === "opinion_sent") return "协办意见已送主办单位";
  if (state === "replied") return "已答复，待代表评价";
  if (state === "closed") return "已办结";
  const what = role === "co" ? "协办意见" : round > 1 ? `第${round}轮答复` : "答复";
  if (!doc) return viewer === "unit_leader" ? `承办人起草${what}中` : `起草${what}`;
  if (doc === "draft") return viewer === "unit_leader" ? `${what}草稿中` : `完善${what}并送签`;
  if (doc === "returned") return viewer === "unit_leader" ? `${what}已退回修改` : `按退回意见修改${what}`;
  if (doc === "pending") return viewer === "unit_leader" ? `待您签发${what}` : `${what}待领导签发`;
  return "已签发";
}

/** Counts by proposal state in one session, for the offices' overview (read from the (session, state) index). */
export function stateCounts(sessionId: number) {
  return kept(`state-counts|${sessionId}`, () =>
    getDb().select({ state: proposals.state, n: count() }).from(proposals).where(eq(proposals.sessionId, sessionId)).groupBy(proposals.state).all(),
  );
}

/** Proposals whose current reply still awaits this deputy's rating. */
export function awaitingMyRating(actor: Actor): Set<number> {
  if (actor.deputyId == null) return new Set();
  // From the deputy's own proposals (lead ∪ co-signer, both indexed) to their current replies.
  const rows = getDb().all<{ proposal_id: number }>(sql`
    select a.proposal_id from ${assignments} a
      join ${replies} r on r.assignment_id = a.id and r.round = a.round and r.state = 'sent'
     where a.state = 'replied'
       and a.proposal_id in (select p.id from ${proposals} p where p.lead_deputy_id = ${actor.deputyId}
                             union select c.proposal_id from proposal_cosigners c where c.deputy_id = ${actor.deputyId})
       and not exists (select 1 from ${ratings} x where x.reply_id = r.id and x.deputy_id = ${actor.deputyId})`);
  return new Set(rows.map((r) => r.proposal_id));
}

/** Requests awaiting the government office's decision. */
export function pendingRequests(actor: Actor) {
  if (actor.role !== "gov_office") throw new Forbidden();
  return getDb()
    .select({
      id: requests.id,
      kind: requests.kind,
      requestedDue: requests.requestedDue,
      createdAt: requests.createdAt,
      unitName: units.name,
      proposalId: proposals.id,
      number: proposals.number,
      title: proposals.title,
    })
    .from(requests)
    .innerJoin(assignments, eq(assignments.id, requests.assignmentId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(eq(requests.state, "pending"))
    .orderBy(asc(requests.createdAt))
    .all();
}
