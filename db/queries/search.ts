import { and, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { proposals } from "@/db/schema";
import { isOffice, isUnitRole, type Actor } from "@/lib/auth/actor";
import { charsOf, gramsQuery, trigramQuery } from "@/lib/search/grams";
import { contains, passage, type Part } from "@/lib/search/passage";
import type { Day } from "@/lib/deadlines";
import { scopeOf } from "./scope";

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

/** A document the searcher may read, as SQL over `d` (the opinion or reply) and `a` (its assignment). */
function documentVisible(s: Searcher, kind: "opinion" | "reply"): SQL {
  if ("public" in s)
    return kind === "opinion"
      ? sql`0`
      : sql`d.state = 'sent' and d.publish_on <= ${s.public} and exists (select 1 from proposals p where p.id = a.proposal_id and ${publicProposal("p")} and p.disclosure = 'full')`;
  const { actor } = s;
  if (isOffice(actor.role)) return sql`d.state = 'sent'`;
  if (isUnitRole(actor.role) && actor.unitId != null) {
    const own = sql`a.unit_id = ${actor.unitId}`;
    if (kind === "reply") return sql`(${own} or d.state = 'sent')`;
    // A sent opinion goes to the lead unit (and the offices).
    return sql`(${own} or (d.state = 'sent' and exists (select 1 from assignments l where l.proposal_id = a.proposal_id and l.unit_id = ${actor.unitId} and l.role = 'lead')))`;
  }
  return kind === "reply" ? sql`d.state = 'sent'` : sql`0`;
}

/** A proposal the public may see at all: not withdrawn, not 不公开, no recorded reason against it. */
export function publicProposal(p: string): SQL {
  const t = sql.raw(p);
  return sql`${t}.state != 'withdrawn' and ${t}.disclosure != 'none' and ${t}.not_public_reason is null`;
}

/** A proposal's own row of the index counts for the searcher: for the public, a 仅公开标题 one only by its title. */
function proposalRowVisible(s: Searcher, q: string): SQL {
  if (!("public" in s)) return sql`1`;
  return sql`exists (select 1 from proposals p where p.id = h.k >> 2 and ${publicProposal("p")} and (p.disclosure = 'full' or instr(lower(p.title), lower(${q})) > 0))`;
}

/**
 * The proposals a query finds for the searcher, best first (BM25, the title weighing most), at most
 * SEARCH_MAX, within the searcher's scope and among those `where` admits (the list's filters, over
 * the proposals table).
 */
export function rankedMatches(db: Db, s: Searcher, query: string, where?: SQL): { id: number; score: number }[] {
  const q = searchText(query);
  const n = charsOf(q).length;
  if (!n) return [];
  // A signed-in searcher finds only proposals in his scope (docs/rules.md § "Visibility").
  const scoped = "actor" in s ? and(scopeOf(s.actor), where) : where;
  const [table, match] = n >= 3 ? [sql.raw("search_trigram"), trigramQuery(q)] : [sql.raw("search_grams"), gramsQuery(q)];
  return db.all<{ id: number; score: number }>(sql`
    with hits as materialized (select rowid as k, bm25(${table}, 10.0, 1.0, 3.0) as score from ${table} where ${table} match ${match})
    select m.proposal_id as id, min(m.score) as score from (
      select h.k >> 2 as proposal_id, h.score from hits h where (h.k & 3) = 0 and ${proposalRowVisible(s, q)}
      union all
      select a.proposal_id, h.score from hits h join opinions d on d.id = h.k >> 2 join assignments a on a.id = d.assignment_id
        where (h.k & 3) = 1 and ${documentVisible(s, "opinion")}
      union all
      select a.proposal_id, h.score from hits h join replies d on d.id = h.k >> 2 join assignments a on a.id = d.assignment_id
        where (h.k & 3) = 2 and ${documentVisible(s, "reply")}
    ) m join ${proposals} on ${proposals.id} = m.proposal_id
    ${scoped ? sql`where ${scoped}` : sql``}
    group by m.proposal_id order by score, m.proposal_id limit ${SEARCH_MAX}`);
}

/** Where a found proposal matched, when not in its title: the passage, and in which text. */
export type Passage = { source: "建议内容" | "代表和承办单位" | "协办意见" | "答复"; parts: Part[] };

/**
 * For each found proposal whose title does not hold the words: the first passage that does, from
 * its body, its deputies and units, or an opinion or a reply the searcher may read.
 */
export function passagesOf(db: Db, s: Searcher, query: string, ids: number[]): Map<number, Passage> {
  const q = searchText(query);
  const out = new Map<number, Passage>();
  if (!q || !ids.length) return out;
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const own = db.all<{ id: number; title: string; body: string; people: string; disclosure: string }>(
    sql`select s.proposal_id as id, p.title, s.body, s.people, p.disclosure from search_source s join proposals p on p.id = s.proposal_id where s.k = s.proposal_id * 4 and s.proposal_id in (${list})`,
  );
  const docs = (kind: "opinion" | "reply", table: SQL) =>
    db.all<{ id: number; body: string }>(
      sql`select a.proposal_id as id, d.body from ${table} d join assignments a on a.id = d.assignment_id
        where a.proposal_id in (${list}) and ${documentVisible(s, kind)} and instr(lower(d.body), lower(${q})) > 0 order by d.id`,
    );
  const found: [number, Passage["source"], string][] = [
    ...own.filter((r) => !contains(r.title, q) && ("public" in s ? r.disclosure === "full" : true)).flatMap((r): [number, Passage["source"], string][] => [
      [r.id, "建议内容", r.body],
      [r.id, "代表和承办单位", r.people],
    ]),
    ...docs("reply", sql.raw("replies")).map((r): [number, Passage["source"], string] => [r.id, "答复", r.body]),
    ...docs("opinion", sql.raw("opinions")).map((r): [number, Passage["source"], string] => [r.id, "协办意见", r.body]),
  ];
  const titled = new Set(own.filter((r) => contains(r.title, q)).map((r) => r.id));
  for (const [id, source, text] of found) {
    if (out.has(id) || titled.has(id)) continue;
    const parts = passage(text, q);
    if (parts) out.set(id, { source, parts });
  }
  return out;
}
