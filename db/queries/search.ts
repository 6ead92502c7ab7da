import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { proposals } from "@/db/schema";
import { isOffice, isUnitRole, type Actor } from "@/lib/auth/actor";
import { charsOf, gramsQuery, trigramQuery } from "@/lib/search/grams";
import { contains, passage, type Part } from "@/lib/search/passage";
import type { Day } from "@/lib/deadlines";

/**
 * Full-text search over the index of migration 0014 (docs/rules.md § "Search"): which proposals a
 * query finds, best first, counting only the text the viewer may read. A proposal is found by its
 * own title, body, deputies and units, or by the text of an opinion or a reply the viewer may see
 * (docs/rules.md § "Visibility"); the public sees only what is published (§ "Publication").
 */

/** The most proposals one search ranks: enough for any reading of the results, bounded at national scale. */
export const SEARCH_MAX = 500;

/** The query as searched: trimmed, at most 100 characters; "" finds nothing. */
export const searchText = (q: string) => charsOf(q.trim()).slice(0, 100).join("");

/** Who searches: a signed-in account, or the public portal on a given day. */
export type Searcher = { actor: Actor } | { public: Day };

/** A proposal the public may see at all: not withdrawn, not 不公开, no recorded reason against it. */
export function publicProposalSql(p: string): SQL {
  const t = sql.raw(p);
  return sql`${t}.state != 'withdrawn' and ${t}.disclosure != 'none' and ${t}.not_public_reason is null`;
}

/*
 * A row's rowid (migration 0014): proposal id << 32 | document id << 3 | sent << 2 | kind (0 the
 * proposal, 1 an opinion, 2 a reply). Who may read a match is decided from it, with the searcher's
 * proposals and lead assignments as lists, so a common word's thousands of matches cost no table
 * reads; only a unit's own documents (drafts, a co-unit's opinion) and the public's replies (their
 * publication day) are looked up.
 */
const P = sql.raw("(h.k >> 32)");
const KIND = sql.raw("(h.k & 3)");
const SENT = sql.raw("((h.k >> 2) & 1)");
const DOC = sql.raw("((h.k & 4294967295) >> 3)");

/** Whether the searcher may read the matched row h.k (docs/rules.md § "Visibility", § "Publication"). */
function rowVisible(s: Searcher, q: string): SQL {
  if ("public" in s) {
    const proposal = sql`exists (select 1 from proposals p where p.id = ${P} and ${publicProposalSql("p")} and (p.disclosure = 'full' or (${KIND} = 0 and instr(lower(p.title), lower(${q})) > 0)))`;
    return sql`(${KIND} = 0 or (${KIND} = 2 and ${SENT} = 1 and exists (select 1 from replies r where r.id = ${DOC} and r.publish_on <= ${s.public}))) and ${proposal}`;
  }
  const { actor } = s;
  if (isOffice(actor.role)) return sql`(${KIND} = 0 or ${SENT} = 1)`;
  if (isUnitRole(actor.role) && actor.unitId != null) {
    const u = actor.unitId;
    // Its own documents in every state (looked up: drafts, and a co-unit's own sent opinions).
    const own = (table: SQL) => sql`exists (select 1 from ${table} d join assignments a on a.id = d.assignment_id where d.id = ${DOC} and a.unit_id = ${u})`;
    return sql`${P} in (select proposal_id from assignments where unit_id = ${u}) and (
      ${KIND} = 0
      or (${KIND} = 2 and ${SENT} = 1)
      or (${KIND} = 1 and ${SENT} = 1 and ${P} in (select proposal_id from assignments where unit_id = ${u} and role = 'lead'))
      or (${KIND} = 1 and ${own(sql.raw("opinions"))})
      or (${KIND} = 2 and ${SENT} = 0 and ${own(sql.raw("replies"))}))`;
  }
  if (actor.role === "deputy" && actor.deputyId != null)
    return sql`${P} in (select id from proposals where lead_deputy_id = ${actor.deputyId} union select proposal_id from proposal_cosigners where deputy_id = ${actor.deputyId})
      and (${KIND} = 0 or (${KIND} = 2 and ${SENT} = 1))`;
  return sql`0`;
}

/** The index that answers the query, and the query in its terms: trigrams from three characters, grams below. */
const indexFor = (q: string): [SQL, string] =>
  charsOf(q).length >= 3 ? [sql.raw("search_trigram"), trigramQuery(q)] : [sql.raw("search_grams"), gramsQuery(q)];

/**
 * How many of the best-ranked matches are read first; more only when too few of them are the
 * searcher's. The offices and the public read most matches, so the first 2,000 nearly always
 * suffice; a unit or a deputy reads a small part of them, so all are read at once.
 */
const depthsFor = (s: Searcher) => ("public" in s || isOffice(s.actor.role) ? [2_000, 20_000, -1] : [-1]);

/**
 * The proposals a query finds for the searcher, best first (BM25, the title weighing most), at most
 * SEARCH_MAX, among those `where` admits (the list's filters, over the proposals table). The index
 * hands over its best matches first; a proposal's rank is its best row's, so when SEARCH_MAX
 * proposals come from the first matches they are the best ones, and deeper matches are read only
 * when fewer do.
 */
export function rankedMatches(db: Db, s: Searcher, query: string, where?: SQL): { id: number; score: number }[] {
  const q = searchText(query);
  if (!q) return [];
  const [table, match] = indexFor(q);
  const filtered = where ? sql`and ${P} in (select ${proposals.id} from ${proposals} where ${where})` : sql``;
  for (const depth of depthsFor(s)) {
    const found = db.all<{ id: number; score: number; matches: number }>(sql`
      with hits as materialized (select rowid as k, bm25(${table}, 10.0, 1.0, 3.0) as score from ${table} where ${table} match ${match} order by score limit ${depth})
      select ${P} as id, min(h.score) as score, (select count(*) from hits) as matches from hits h
      where ${rowVisible(s, q)} ${filtered}
      group by ${P} order by score, id limit ${SEARCH_MAX}`);
    const read = found.length
      ? found[0].matches
      : db.get<{ n: number }>(sql`select count(*) as n from (select rowid from ${table} where ${table} match ${match} limit ${depth})`)!.n;
    if (found.length >= SEARCH_MAX || depth < 0 || read < depth) return found.map(({ id, score }) => ({ id, score }));
  }
  return [];
}

/** Where a found proposal matched, when not in its title: the passage, and in which text. */
export type Passage = { source: "建议内容" | "代表和承办单位" | "协办意见" | "答复"; parts: Part[] };

/**
 * For each found proposal whose title does not hold the words: the first passage that does, from
 * its body, its deputies and units, or a reply or an opinion the searcher may read. The rows are
 * the index's matches on those proposals that `rowVisible` lets the searcher read, so the rule of
 * who reads what is the search's own. (The public finds a 仅公开标题 proposal only by its title,
 * so no passage of its text is ever shown.)
 */
export function passagesOf(db: Db, s: Searcher, query: string, ids: number[]): Map<number, Passage> {
  const q = searchText(query);
  const out = new Map<number, Passage>();
  if (!q || !ids.length) return out;
  const [table, match] = indexFor(q);
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  // The index's matches on those proposals that the searcher may read, then their texts.
  const keys = new Set(
    db
      .all<{ k: number }>(sql`select h.k from (select rowid as k from ${table} where ${table} match ${match}) h where ${P} in (${list}) and ${rowVisible(s, q)}`)
      .map((r) => r.k),
  );
  const readable = db
    .all<{ k: number; id: number; kind: 0 | 1 | 2; title: string; body: string; people: string }>(
      sql`select k, proposal_id as id, k & 3 as kind, title, body, people from search_source where proposal_id in (${list})`,
    )
    .filter((r) => keys.has(r.k));
  const titled = new Set(readable.filter((r) => r.kind === 0 && contains(r.title, q)).map((r) => r.id));
  // In each proposal: its own text first, then replies, then opinions.
  const texts = (r: (typeof readable)[number]): [Passage["source"], string][] =>
    r.kind === 0 ? [["建议内容", r.body], ["代表和承办单位", r.people]] : r.kind === 2 ? [["答复", r.body]] : [["协办意见", r.body]];
  const rank = { 0: 0, 2: 1, 1: 2 } as const;
  for (const r of readable.sort((x, y) => rank[x.kind] - rank[y.kind] || x.k - y.k)) {
    if (titled.has(r.id) || out.has(r.id)) continue;
    for (const [source, text] of texts(r)) {
      const parts = passage(text, q);
      if (parts) {
        out.set(r.id, { source, parts });
        break;
      }
    }
  }
  return out;
}
