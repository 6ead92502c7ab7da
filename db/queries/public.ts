import "server-only";
import { and, asc, count, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assignments, congressSessions, deputies, proposalCosigners, proposals, replies, units } from "@/db/schema";
import type { Day } from "@/lib/deadlines";
import type { ProposalState, ReplyCategory } from "@/lib/workflow";
import { kept } from "./kept";
import { unitsOf } from "./proposals";
import { passagesOf, publicProposalSql, rankedMatches, type Passage } from "./search";

/*
 * The public portal's reading (docs/rules.md § "Publication"): only what the deputy's disclosure
 * choice and the publication day allow, for a visitor who is not signed in. Nothing here reads a
 * draft, an opinion, a contact, a rating or a phone number.
 */

export const PUBLIC_PAGE_SIZE = 20;

/** The proposals the public may see at all (docs/rules.md § "Publication"; the rule is search's). */
const open = publicProposalSql("proposals");

/** A published reply: sent, its publication day come (the callers add the proposal's 全文公开). */
const published = (today: Day) => and(eq(replies.state, "sent"), lte(replies.publishOn, today));

export type PublicRow = {
  id: number;
  sessionId: number;
  sessionName: string;
  number: number;
  title: string;
  state: ProposalState;
  disclosure: "full" | "title_only" | "none";
  deputies: string[];
  units: string[];
  category: ReplyCategory | null;
  passage?: Passage;
};

/** The sessions, newest first, with how many proposals each shows (kept while the data is unchanged). */
export function publicSessions() {
  return kept("public-sessions", () => getDb()
    .select({ id: congressSessions.id, name: congressSessions.name, openedOn: congressSessions.openedOn, proposals: count(proposals.id) })
    .from(congressSessions)
    .leftJoin(proposals, and(eq(proposals.sessionId, congressSessions.id), open))
    .groupBy(congressSessions.id)
    .orderBy(desc(congressSessions.openedOn))
    .all());
}

/** Deputies, units and the latest published category of some proposals, for a list. */
function rowsOf(ids: number[], today: Day): PublicRow[] {
  if (!ids.length) return [];
  const db = getDb();
  const base = db
    .select({
      id: proposals.id,
      sessionId: proposals.sessionId,
      sessionName: congressSessions.name,
      number: proposals.number,
      title: proposals.title,
      state: proposals.state,
      disclosure: proposals.disclosure,
      lead: deputies.name,
    })
    .from(proposals)
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .innerJoin(deputies, eq(deputies.id, proposals.leadDeputyId))
    .where(inArray(proposals.id, ids))
    .all();
  const cosigners = db
    .select({ proposalId: proposalCosigners.proposalId, name: deputies.name })
    .from(proposalCosigners)
    .innerJoin(deputies, eq(deputies.id, proposalCosigners.deputyId))
    .where(inArray(proposalCosigners.proposalId, ids))
    .orderBy(asc(proposalCosigners.position))
    .all();
  const unitRows = unitsOf(ids);
  const categories = db
    .select({ proposalId: assignments.proposalId, category: replies.category })
    .from(replies)
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(and(inArray(assignments.proposalId, ids), published(today), eq(proposals.disclosure, "full")))
    .orderBy(asc(replies.id))
    .all();
  const byId = new Map(base.map((b) => [b.id, b]));
  return ids.flatMap((id) => {
    const b = byId.get(id);
    if (!b) return [];
    return [
      {
        id,
        sessionId: b.sessionId,
        sessionName: b.sessionName,
        number: b.number,
        title: b.title,
        state: b.state,
        disclosure: b.disclosure,
        deputies: [b.lead, ...cosigners.filter((c) => c.proposalId === id).map((c) => c.name)],
        units: [...new Set((unitRows.get(id) ?? []).map((u) => u.name))],
        category: categories.filter((c) => c.proposalId === id).at(-1)?.category ?? null,
      },
    ];
  });
}

/** One page of a session's public list, in number order. */
export function publicList(sessionId: number, page: number, today: Day) {
  const db = getDb();
  const where = and(eq(proposals.sessionId, sessionId), open);
  const total = kept(`public-count|${sessionId}`, () => db.select({ n: count() }).from(proposals).where(where).get()!.n);
  const ids = db
    .select({ id: proposals.id })
    .from(proposals)
    .where(where)
    .orderBy(asc(proposals.number))
    .limit(PUBLIC_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * PUBLIC_PAGE_SIZE)
    .all()
    .map((r) => r.id);
  return { rows: rowsOf(ids, today), total };
}

/** The public search: what the words find in what is published, best first, one page. */
export function publicSearch(q: string, page: number, today: Day) {
  const db = getDb();
  // Not kept in memory: anonymous visitors' endless different words would push the staff pages'
  // kept counts out; the same words again come from the HTTP cache (proxy.ts).
  const ranked = rankedMatches(db, { public: today }, q);
  const ids = ranked.slice((Math.max(1, page) - 1) * PUBLIC_PAGE_SIZE, Math.max(1, page) * PUBLIC_PAGE_SIZE).map((r) => r.id);
  const passages = passagesOf(db, { public: today }, q, ids);
  return { rows: rowsOf(ids, today).map((r) => ({ ...r, passage: passages.get(r.id) })), total: ranked.length };
}

/** One proposal as the public sees it, by session and number; null when it is not public. */
export function publicProposal(sessionId: number, number: number, today: Day) {
  const db = getDb();
  const p = db
    .select({ id: proposals.id, body: proposals.body, field: proposals.field, raisedBefore: proposals.raisedBefore, registeredAt: proposals.registeredAt })
    .from(proposals)
    .where(and(eq(proposals.sessionId, sessionId), eq(proposals.number, number), open))
    .get();
  if (!p) return null;
  const [row] = rowsOf([p.id], today);
  const full = row.disclosure === "full";
  const replyRows = full
    ? db
        .select({ id: replies.id, round: replies.round, category: replies.category, body: replies.body, docNumber: replies.docNumber, sentAt: replies.sentAt, publishOn: replies.publishOn, unit: units.name })
        .from(replies)
        .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(and(eq(assignments.proposalId, p.id), published(today)))
        .orderBy(asc(replies.round), asc(replies.id))
        .all()
    : [];
  return { ...row, body: full ? p.body : null, field: p.field, raisedBefore: p.raisedBefore, replies: replyRows };
}

/**
 * The newest published replies, for the portal's front page and its Atom feed: read backwards along
 * the publication day's index from today, stopping at `limit` (CROSS JOIN keeps that order: the
 * planner would otherwise start from the proposals and sort every published reply).
 */
export function recentlyPublished(today: Day, limit = 20) {
  return getDb().all<{
    replyId: number;
    publishOn: string;
    category: ReplyCategory;
    unit: string;
    sessionId: number;
    sessionName: string;
    number: number;
    title: string;
    body: string;
  }>(sql`
    select r.id as replyId, r.publish_on as publishOn, r.category, u.name as unit, p.session_id as sessionId, s.name as sessionName, p.number, p.title, r.body
    from replies r cross join assignments a cross join proposals p cross join units u cross join congress_sessions s
    where r.publish_on <= ${today} and r.state = 'sent' and a.id = r.assignment_id and p.id = a.proposal_id and u.id = a.unit_id and s.id = p.session_id
      and ${publicProposalSql("p")} and p.disclosure = 'full'
    order by r.publish_on desc, r.id desc limit ${limit}`);
}
