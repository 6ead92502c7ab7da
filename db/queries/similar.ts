import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assignments, congressSessions, proposals, replies, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";
import { NotFound } from "@/lib/errors";
import { anyOf, bigramsOf, overlap, sharedWords } from "@/lib/search/similar";

/** How much of a body is compared: its opening, where the matter is stated. */
const BODY_START = 300;
/** How many candidates the index proposes. */
const CANDIDATES = 50;

/**
 * The proposals most like this one, in this and earlier sessions, best first, each with the words
 * they share and the replies it had: what the congress office looks at to decide 并案 or 重复提出
 * (docs/rules.md § "Search").
 */
export function similarProposals(actor: Actor, proposalId: number, limit = 5) {
  authorize(actor, "proposal.mark");
  const db = getDb();
  const p = db.select({ title: proposals.title, body: proposals.body }).from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!p) throw new NotFound("未找到该建议。");
  const text = `${p.title}\n${Array.from(p.body).slice(0, BODY_START).join("")}`;
  const words = bigramsOf(p.title);
  if (!words.length) return [];
  // Candidates from the index by title (a title is a proposal's summary; bodies would make every
  // common trigram a candidate), then ranked by their title and opening text.
  const candidates = db.all<{ id: number }>(sql`
    select rowid >> 32 as id from search_grams
    where search_grams match ${`{title} : (${anyOf(words)})`} and (rowid & 4294967295) = 0 and (rowid >> 32) != ${proposalId}
    order by bm25(search_grams, 1.0, 0.0, 0.0) limit ${CANDIDATES}`);
  if (!candidates.length) return [];
  const ids = candidates.map((r) => r.id);
  const rows = db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, body: proposals.body, state: proposals.state, sessionName: congressSessions.name })
    .from(proposals)
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(inArray(proposals.id, ids))
    .all();
  const sent = db
    .select({ proposalId: assignments.proposalId, unit: units.name, category: replies.category, round: replies.round })
    .from(replies)
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(inArray(assignments.proposalId, ids), eq(replies.state, "sent")))
    .orderBy(asc(replies.id))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows
    .map((r) => {
      const other = `${r.title}\n${Array.from(r.body).slice(0, BODY_START).join("")}`;
      return { id: r.id, number: r.number, title: r.title, state: r.state, sessionName: r.sessionName, score: overlap(text, other), shared: sharedWords(text, other), replies: sent.filter((s) => s.proposalId === r.id) };
    })
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}
