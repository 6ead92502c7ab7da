import "server-only";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assignments, congressSessions, opinions, proposals, replies, requests, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { assignmentDeadlines, dayOf, isRunning, warningLight } from "@/lib/deadlines";
import { clockOf, loadCalendar, settingsOf } from "@/lib/services/clock-rules";
import { Forbidden } from "@/lib/errors";
import type { AssignmentRole, AssignmentState, DocumentState } from "@/lib/workflow";

/** What a unit has on its desk: every assignment, with the state of the document it owes. */
export function unitDesk(actor: Actor) {
  if (actor.unitId == null) throw new Forbidden();
  const db = getDb();
  const rows = db
    .select({
      assignmentId: assignments.id,
      role: assignments.role,
      state: assignments.state,
      round: assignments.round,
      assignedAt: assignments.assignedAt,
      proposalId: proposals.id,
      number: proposals.number,
      title: proposals.title,
      isKey: proposals.isKey,
      sessionName: congressSessions.name,
      proposalState: proposals.state,
      session: congressSessions,
      row: assignments,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(and(eq(assignments.unitId, actor.unitId), inArray(proposals.state, ["handling", "replied", "rehandling", "closed"])))
    .orderBy(asc(assignments.assignedAt), asc(proposals.number))
    .all();
  const ids = rows.map((r) => r.assignmentId);
  const docState = new Map<number, DocumentState>();
  if (ids.length) {
    for (const o of db.select({ a: opinions.assignmentId, s: opinions.state }).from(opinions).where(inArray(opinions.assignmentId, ids)).all())
      docState.set(o.a, o.s);
    for (const r of db
      .select({ a: replies.assignmentId, s: replies.state, round: replies.round })
      .from(replies)
      .where(inArray(replies.assignmentId, ids))
      .orderBy(asc(replies.round))
      .all()) {
      const row = rows.find((x) => x.assignmentId === r.a);
      if (row && row.round === r.round) docState.set(r.a, r.s);
    }
  }
  const cal = loadCalendar(db);
  const today = dayOf(now());
  // Most urgent first: the earliest due day, then the rest in assignment order.
  return rows.map(({ session, row, ...r }) => {
    const settings = settingsOf(session);
    const d = assignmentDeadlines(clockOf(row), settings, cal);
    return {
      ...r,
      due: d.due,
      light: isRunning(row.state, r.proposalState) ? warningLight(d.due, today, settings, cal) : ("none" as const),
      docState: docState.get(r.assignmentId) ?? null,
      next: nextStep(r.role, r.state, docState.get(r.assignmentId) ?? null, actor.role, r.round),
    };
  }).sort((a, b) => (a.light === "none" ? "9" : (a.due ?? "9")).localeCompare(b.light === "none" ? "9" : (b.due ?? "9")));
}

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

/** Counts by proposal state, for the offices' overview. */
export function stateCounts() {
  return getDb().select({ state: proposals.state, n: count() }).from(proposals).groupBy(proposals.state).all();
}

/** Proposals whose current reply still awaits this deputy's rating. */
export function awaitingMyRating(actor: Actor): Set<number> {
  if (actor.deputyId == null) return new Set();
  const rows = getDb().all<{ proposal_id: number }>(sql`
    select a.proposal_id from ${replies} r
      join ${assignments} a on a.id = r.assignment_id and a.state = 'replied' and r.round = a.round
      join ${proposals} p on p.id = a.proposal_id
     where r.state = 'sent'
       and (p.lead_deputy_id = ${actor.deputyId}
            or exists (select 1 from proposal_cosigners c where c.proposal_id = p.id and c.deputy_id = ${actor.deputyId}))
       and not exists (select 1 from ratings x where x.reply_id = r.id and x.deputy_id = ${actor.deputyId})`);
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
