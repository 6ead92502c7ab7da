import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { assignments, congressSessions, proposals, replies, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";
import { NotFound } from "@/lib/errors";
import { anyOf, bigramsOf, overlap, sharedWords } from "@/lib/search/similar";

/** How much of a body is compared: its opening, where the matter is stated. */
const BODY_START = 300;
/** How many candidates the index proposes. */
const CANDIDATES = 50;

const opening = (title: string, body: string) => `${title}\n${Array.from(body).slice(0, BODY_START).join("")}`;

/**
 * The proposals most like a text (a title and a body), best first, each with the words they share
 * and the replies it had (docs/rules.md § "Search"). For a caller that has authorized the viewer.
 */
export function similarToText(db: Db, text: { title: string; body: string }, { exclude, limit = 5 }: { exclude?: number; limit?: number } = {}) {
  const mine = opening(text.title, text.body);
  const words = bigramsOf(text.title);
  if (!words.length) return [];
  // Candidates from the index by title (a title is a proposal's summary; bodies would make every
  // common word a candidate), then ranked by their title and opening text.
  const candidates = db.all<{ id: number }>(sql`
    select rowid >> 32 as id from search_grams
    where search_grams match ${`{title} : (${anyOf(words)})`} and (rowid & 4294967295) = 0 and (rowid >> 32) != ${exclude ?? 0}
    order by bm25(search_grams, 1.0, 0.0, 0.0) limit ${CANDIDATES}`);
  if (!candidates.length) return [];
  const ids = candidates.map((r) => r.id);
  const rows = db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, body: proposals.body, state: proposals.state, sessionName: congressSessions.name })
    .from(proposals)
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(and(inArray(proposals.id, ids), ne(proposals.state, "withdrawn")))
    .all();
  const sent = db
    .select({ proposalId: assignments.proposalId, unit: units.name, category: replies.category, round: replies.round })
    .from(replies)
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(inArray(assignments.proposalId, ids), eq(replies.state, "sent")))
    .orderBy(asc(replies.id))
    .all();
  return rows
    .map((r) => {
      const other = opening(r.title, r.body);
      return { id: r.id, number: r.number, title: r.title, state: r.state, sessionName: r.sessionName, score: overlap(mine, other), shared: sharedWords(mine, other), replies: sent.filter((s) => s.proposalId === r.id) };
    })
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}

/**
 * The proposals most like this one, in this and earlier sessions: what the congress office looks
 * at to decide 并案 or 重复提出.
 */
export function similarProposals(actor: Actor, proposalId: number, limit = 5) {
  authorize(actor, "proposal.mark");
  const db = getDb();
  const p = db.select({ title: proposals.title, body: proposals.body }).from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!p) throw new NotFound("未找到该建议。");
  return similarToText(db, p, { exclude: proposalId, limit });
}
