import "server-only";
import { authorize } from "@/lib/authz";
import { and, asc, count, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db";
import {
  assignments,
  congressSessions,
  contactLogs,
  deputies,
  history,
  opinions,
  proposalCosigners,
  proposals,
  ratings,
  replies,
  requests,
  units,
  users,
} from "@/db/schema";
import { clockOf, loadCalendar, settingsOf } from "@/lib/clock-rules";
import { assignmentDeadlines, isRunning, warningLight } from "@/lib/deadlines";
import { todayInChina } from "@/lib/clock";
import { historyDetail, type HistoryFacts } from "@/lib/history-text";
import { actionText } from "@/lib/labels";
import type { Actor } from "@/lib/auth/actor";
import { maySeeDocument, maySeeHistory, maySeeRating, maySeeRequest, mineOf } from "@/lib/access/proposal";
import { NotFound } from "@/lib/errors";
import type { ProposalFilters } from "@/lib/proposal-filters";
import { dataMark, kept } from "./kept";
import { sessionsInOrder } from "./options";
import { passagesOf, rankedMatches, SEARCH_MAX, type Passage } from "./search";
import { scopeOf } from "./scope";
import type { ProposalState, SCREENING_OUTCOMES } from "@/lib/workflow";

export type { ProposalFilters };

export const PAGE_SIZE = 20;

/** A row of the proposal list: the proposal and its lead deputy. */
const LIST_COLUMNS = {
  id: proposals.id,
  number: proposals.number,
  title: proposals.title,
  field: proposals.field,
  state: proposals.state,
  isKey: proposals.isKey,
  screening: proposals.screening,
  leadDeputy: deputies.name,
  deputation: deputies.deputation,
  registeredAt: proposals.registeredAt,
};

/**
 * One page of the viewer's proposals under the filters; `all` for an export. The list runs session
 * by session (newest first), each in number order: every statement reads one session's rows through
 * the (session, number) or (session, state, number) index, so a page never sorts the whole table;
 * a page deep in the list skips whole sessions by their counts and starts inside its session at a
 * known number (keyset), both kept while the data is unchanged.
 */
export function listProposals(actor: Actor, f: ProposalFilters, { all = false } = {}) {
  authorize(actor, "proposal.list");
  const db = getDb();
  const filters = and(
    scopeOf(actor),
    f.state ? eq(proposals.state, f.state) : undefined,
    f.field ? eq(proposals.field, f.field) : undefined,
    f.key ? eq(proposals.isKey, true) : undefined,
    f.unmerged ? isNull(proposals.mergedIntoId) : undefined,
    f.category
      ? sql`${proposals.id} in (select ${assignments.proposalId} from ${replies} join ${assignments} on ${assignments.id} = ${replies.assignmentId} where ${replies.state} = 'sent' and ${replies.category} = ${f.category})`
      : undefined,
    f.unitId ? sql`${proposals.id} in (select ${assignments.proposalId} from ${assignments} where ${assignments.unitId} = ${f.unitId})` : undefined,
  );
  if (f.q) return searchList(actor, f, filters, { all });
  const sessions = sessionsInOrder().filter((s) => !f.sessionId || s.id === f.sessionId);
  // Each session's count under the viewer's scope and the filters, kept while the data is unchanged
  // (db/queries/kept.ts): a national list would otherwise count every session's rows on every page.
  const viewer = `${actor.role}:${actor.unitId}:${actor.deputyId}`;
  const filterKey = JSON.stringify([f.state, f.field, f.key, f.category, f.unitId, f.q, f.unmerged]);
  const mark = dataMark();
  const counts = sessions.map((s) =>
    kept(`list-count|${viewer}|${s.id}|${filterKey}`, () => db.select({ n: count() }).from(proposals).where(and(eq(proposals.sessionId, s.id), filters)).get()!.n, mark),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  const page = Math.max(1, f.page ?? 1);
  let skip = all ? 0 : (page - 1) * PAGE_SIZE;
  let wanted = all ? Infinity : PAGE_SIZE;
  const rows: ListRow[] = [];
  sessions.forEach((s, i) => {
    if (wanted <= 0 || counts[i] === 0) return;
    if (skip >= counts[i]) {
      skip -= counts[i];
      return;
    }
    // Where the page starts in this session: the number of the `skip`-th row, from the session's
    // numbers under these filters (kept like the counts). The page is then a seek in the index, not
    // an OFFSET that walks every row before it (page 2,500 of a national list).
    const numbers = () =>
      db.select({ n: proposals.number }).from(proposals).where(and(eq(proposals.sessionId, s.id), filters)).orderBy(asc(proposals.number)).all().map((r) => r.n);
    const start = skip === 0 ? null : kept(`list-numbers|${viewer}|${s.id}|${filterKey}`, numbers, mark)[skip];
    const part = db
      .select(LIST_COLUMNS)
      .from(proposals)
      .innerJoin(deputies, eq(deputies.id, proposals.leadDeputyId))
      .where(and(eq(proposals.sessionId, s.id), start == null ? undefined : gte(proposals.number, start), filters))
      .orderBy(asc(proposals.number))
      .limit(wanted === Infinity ? -1 : wanted)
      .all();
    rows.push(...part.map((r) => ({ ...r, sessionName: s.name })));
    wanted -= part.length;
    skip = 0;
  });
  const units = unitsOf(rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, units: units.get(r.id) ?? [], passage: undefined as Passage | undefined })), total, page, capped: false };
}

/**
 * The list under a search: the proposals the words find in what the viewer may read (title, body,
 * deputies, units, the opinions and replies they see), best first, each with the passage that
 * matched. Bounded by SEARCH_MAX however common the words.
 */
function searchList(actor: Actor, f: ProposalFilters, filters: SQL | undefined, { all }: { all: boolean }) {
  const db = getDb();
  const viewer = `${actor.role}:${actor.unitId}:${actor.deputyId}`;
  const where = and(filters, f.sessionId ? eq(proposals.sessionId, f.sessionId) : undefined);
  const key = JSON.stringify([f.sessionId, f.state, f.field, f.key, f.category, f.unitId, f.q, f.unmerged]);
  const ranked = kept(`list-search|${viewer}|${key}`, () => rankedMatches(db, { actor }, f.q!, where), dataMark());
  const page = Math.max(1, f.page ?? 1);
  const ids = (all ? ranked : ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)).map((r) => r.id);
  const found = ids.length
    ? db
        .select({ ...LIST_COLUMNS, sessionName: congressSessions.name })
        .from(proposals)
        .innerJoin(deputies, eq(deputies.id, proposals.leadDeputyId))
        .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
        .where(inArray(proposals.id, ids))
        .all()
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const units = unitsOf(ids);
  const passages = all ? new Map<number, Passage>() : passagesOf(db, { actor }, f.q!, ids);
  const rows = ids.map((id) => ({ ...byId.get(id)!, units: units.get(id) ?? [], passage: passages.get(id) }));
  return { rows, total: ranked.length, page, capped: ranked.length >= SEARCH_MAX };
}

type ListRow = {
  id: number;
  number: number;
  title: string;
  field: string;
  state: ProposalState;
  isKey: boolean;
  screening: (typeof SCREENING_OUTCOMES)[number];
  sessionName: string;
  leadDeputy: string;
  deputation: string;
  registeredAt: Date;
};

const UNITS_CHUNK = 200;

/** Each proposal's units (name, role, state), in assignment order. */
export function unitsOf(proposalIds: number[]) {
  const map = new Map<number, { name: string; role: string; state: string }[]>();
  if (!proposalIds.length) return map;
  // A page has 20 ids; an export may have a national list's 100,000, beyond SQLite's limit on
  // parameters: asked in chunks.
  const rows: { id: number; proposalId: number; name: string; role: string; state: string }[] = [];
  for (let i = 0; i < proposalIds.length; i += UNITS_CHUNK)
    rows.push(
      ...getDb()
        .select({ id: assignments.id, proposalId: assignments.proposalId, name: units.name, role: assignments.role, state: assignments.state })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(inArray(assignments.proposalId, proposalIds.slice(i, i + UNITS_CHUNK)))
        .all(),
    );
  rows.sort((a, b) => a.id - b.id); // in assignment order
  for (const r of rows) {
    const list = map.get(r.proposalId) ?? [];
    list.push(r);
    map.set(r.proposalId, list);
  }
  return map;
}

/** Everything the proposal page shows to this viewer, and nothing more. */
export function getProposalDetail(actor: Actor, id: number) {
  authorize(actor, "proposal.view");
  const db = getDb();
  const scope = scopeOf(actor);
  const lead = alias(deputies, "lead");
  const p = db
    .select({ proposal: proposals, sessionName: congressSessions.name, lead })
    .from(proposals)
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .innerJoin(lead, eq(lead.id, proposals.leadDeputyId))
    .where(and(eq(proposals.id, id), scope))
    .get();
  if (!p) throw new NotFound("未找到该建议，或您无权查看。");

  const cal = loadCalendar(db);
  const session = db.select().from(congressSessions).where(eq(congressSessions.id, p.proposal.sessionId)).get()!;
  const settings = settingsOf(session);
  const today = todayInChina();

  const cosigners = db
    .select({ id: deputies.id, name: deputies.name, deputation: deputies.deputation, mergedFromId: proposalCosigners.mergedFromId })
    .from(proposalCosigners)
    .innerJoin(deputies, eq(deputies.id, proposalCosigners.deputyId))
    .where(eq(proposalCosigners.proposalId, id))
    .orderBy(asc(proposalCosigners.position))
    .all();

  const units_ = db
    .select({
      id: assignments.id,
      unitId: assignments.unitId,
      unitName: units.name,
      role: assignments.role,
      state: assignments.state,
      round: assignments.round,
      assignedAt: assignments.assignedAt,
      receivedAt: assignments.receivedAt,
      row: assignments,
    })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(eq(assignments.proposalId, id))
    .orderBy(asc(assignments.id))
    .all()
    .map(({ row, ...a }) => {
      // Each unit's own clock: what it owes, by when, why, and its warning light today.
      const d = assignmentDeadlines(clockOf(row), settings, cal);
      const light = isRunning(row.state, p.proposal.state) ? warningLight(d.due, today, settings, cal) : "none";
      return { ...a, deadline: { ...d, light } };
    });

  const mine = mineOf(actor, units_);
  const unitName = new Map(units_.map((a) => [a.id, a.unitName]));
  const assignmentIds = units_.map((a) => a.id);
  const signer = alias(users, "signer");

  // Drafts stay inside their unit; a sent opinion goes to the lead unit (and the offices).
  const opinionRows = assignmentIds.length
    ? db
        .select({ o: opinions, signerName: signer.displayName })
        .from(opinions)
        .leftJoin(signer, eq(signer.id, opinions.signerId))
        .where(inArray(opinions.assignmentId, assignmentIds))
        .all()
    : [];
  const visibleOpinions = opinionRows
    .filter(({ o }) => maySeeDocument(actor, mine, { kind: "opinion", assignmentId: o.assignmentId, state: o.state }))
    .map(({ o, signerName }) => ({ ...o, signerName, unitName: unitName.get(o.assignmentId)! }));

  const replyRows = assignmentIds.length
    ? db
        .select({ r: replies, signerName: signer.displayName })
        .from(replies)
        .leftJoin(signer, eq(signer.id, replies.signerId))
        .where(inArray(replies.assignmentId, assignmentIds))
        .orderBy(asc(replies.round))
        .all()
    : [];
  const visibleReplies = replyRows
    .filter(({ r }) => maySeeDocument(actor, mine, { kind: "reply", assignmentId: r.assignmentId, state: r.state }))
    .map(({ r, signerName }) => ({ ...r, signerName, unitName: unitName.get(r.assignmentId)! }));

  const contacts = assignmentIds.length
    ? db
        .select({ c: contactLogs, by: users.displayName })
        .from(contactLogs)
        .innerJoin(users, eq(users.id, contactLogs.createdById))
        .where(inArray(contactLogs.assignmentId, assignmentIds))
        .orderBy(asc(contactLogs.contactedOn), asc(contactLogs.id))
        .all()
        .map(({ c, by }) => ({ ...c, by, unitName: unitName.get(c.assignmentId)! }))
    : [];

  const sentReplyIds = replyRows.filter(({ r }) => r.state === "sent").map(({ r }) => r.id);
  const ratingRows = sentReplyIds.length
    ? db
        .select({ rating: ratings, deputyName: deputies.name })
        .from(ratings)
        .innerJoin(deputies, eq(deputies.id, ratings.deputyId))
        .where(inArray(ratings.replyId, sentReplyIds))
        .orderBy(asc(ratings.id))
        .all()
    : [];
  const visibleRatings = ratingRows
    .filter(({ rating }) => maySeeRating(actor, rating))
    .map(({ rating, deputyName }) => ({ ...rating, deputyName }));

  // Requests that move the clock: a unit sees its own, the offices all of them.
  const allRequests = assignmentIds.length
    ? db
        .select({ r: requests, unitId: assignments.unitId, by: users.displayName })
        .from(requests)
        .innerJoin(assignments, eq(assignments.id, requests.assignmentId))
        .innerJoin(users, eq(users.id, requests.createdById))
        .where(inArray(requests.assignmentId, assignmentIds))
        .orderBy(asc(requests.id))
        .all()
    : [];
  const requestRows = allRequests.filter((x) => maySeeRequest(actor, mine, x)).map(({ r, by }) => ({ ...r, by, unitName: unitName.get(r.assignmentId)! }));

  const facts: HistoryFacts = {
    unitOf: unitName,
    opinions: new Map(opinionRows.map(({ o }) => [o.id, o.assignmentId])),
    replies: new Map(replyRows.map(({ r }) => [r.id, { assignmentId: r.assignmentId, round: r.round }])),
    contacts: new Map(contacts.map((c) => [c.id, c.assignmentId])),
    requests: new Map(allRequests.map(({ r }) => [r.id, { assignmentId: r.assignmentId, kind: r.kind }])),
    ratings: new Map(ratingRows.map(({ rating }) => [rating.id, rating.replyId])),
  };
  const actorUnit = alias(units, "actor_unit");
  const timeline = db
    .select({
      id: history.id,
      at: history.at,
      actorId: history.actorId,
      action: history.action,
      subjectType: history.subjectType,
      subjectId: history.subjectId,
      before: history.before,
      after: history.after,
      unitId: history.unitId,
      actorName: users.displayName,
      actorRole: users.role,
      actorUnit: actorUnit.name,
    })
    .from(history)
    .leftJoin(users, eq(users.id, history.actorId))
    .leftJoin(actorUnit, eq(actorUnit.id, users.unitId))
    .where(eq(history.proposalId, id))
    .orderBy(asc(history.at), asc(history.id))
    .all()
    .filter((h) => maySeeHistory(actor, mine, h))
    .map(({ unitId: _unit, subjectType: _type, subjectId: _id, before: _before, after: _after, ...h }) => ({
      ...h,
      label: actionText(h.action),
      // Which unit, from which state to which, which round: named from the proposal's own records.
      detail: historyDetail({ action: h.action, subjectType: _type, subjectId: _id, before: _before, after: _after }, facts),
    }));

  // 并案: the proposal this one joins, and those that joined it (numbers in the same session).
  const mergedInto = p.proposal.mergedIntoId == null ? null : db.select({ id: proposals.id, number: proposals.number, title: proposals.title }).from(proposals).where(eq(proposals.id, p.proposal.mergedIntoId)).get() ?? null;
  const mergedFrom = db.select({ id: proposals.id, number: proposals.number, title: proposals.title }).from(proposals).where(eq(proposals.mergedIntoId, id)).orderBy(asc(proposals.number)).all();
  return {
    ...p.proposal,
    sessionName: p.sessionName,
    leadDeputy: p.lead,
    cosigners,
    mergedInto,
    mergedFrom,
    deputyIds: [p.lead.id, ...cosigners.map((c) => c.id)],
    assignments: units_,
    mine,
    opinions: visibleOpinions,
    replies: visibleReplies,
    contacts,
    requests: requestRows,
    settings,
    calendar: cal,
    today,
    ratings: visibleRatings,
    allRatingsOfDeputy: actor.role === "deputy" ? ratingRows.filter(({ rating }) => rating.deputyId === actor.deputyId).map(({ rating }) => rating.replyId) : [],
    timeline,
  };
}

export type ProposalDetail = ReturnType<typeof getProposalDetail>;
