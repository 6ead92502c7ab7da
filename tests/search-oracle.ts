import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { maySeeDocument, maySeeProposal, mineOf, type AssignmentFact } from "@/lib/access/proposal";
import type { AssignmentRole, DocumentState } from "@/lib/workflow";

/*
 * What a plain substring scan finds, for checking the search index against: every proposal whose
 * text the viewer may read holds the words (A–Z matched regardless of case). The text is a
 * proposal's title, body, deputies and units, and the opinions and replies the viewer may see by
 * lib/access (the rule's one definition); for the public, what docs/rules.md § "Publication" allows.
 */

type P = { id: number; title: string; body: string; disclosure: string; state: string; not_public_reason: string | null; people: string[]; deputyIds: number[]; assignments: AssignmentFact[] };
type D = { id: number; kind: "opinion" | "reply"; assignment_id: number; proposal_id: number; state: DocumentState; round: number; body: string; publish_on: string | null };

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
export const holds = (text: string, q: string) => fold(text).includes(fold(q.trim()));

export function corpusOf(db: Db) {
  const c = db.$client;
  const ps = new Map<number, P>();
  for (const p of c.prepare("select p.id, p.title, p.body, p.disclosure, p.state, p.not_public_reason, d.name lead, d.id lead_id from proposals p join deputies d on d.id = p.lead_deputy_id").all() as (P & { lead: string; lead_id: number })[])
    ps.set(p.id, { ...p, people: [p.lead], deputyIds: [p.lead_id], assignments: [] });
  for (const r of c.prepare("select c.proposal_id, d.name, d.id from proposal_cosigners c join deputies d on d.id = c.deputy_id").all() as { proposal_id: number; name: string; id: number }[]) {
    ps.get(r.proposal_id)!.people.push(r.name);
    ps.get(r.proposal_id)!.deputyIds.push(r.id);
  }
  for (const a of c.prepare("select a.id, a.proposal_id, a.unit_id, a.role, a.state, a.round, u.name from assignments a join units u on u.id = a.unit_id").all() as { id: number; proposal_id: number; unit_id: number; role: AssignmentRole; state: AssignmentFact["state"]; round: number; name: string }[]) {
    ps.get(a.proposal_id)!.people.push(a.name);
    ps.get(a.proposal_id)!.assignments.push({ id: a.id, unitId: a.unit_id, role: a.role, state: a.state, round: a.round });
  }
  const docs = c
    .prepare(
      `select 'opinion' kind, o.id, o.assignment_id, a.proposal_id, o.state, 1 round, o.body, null publish_on from opinions o join assignments a on a.id = o.assignment_id
       union all select 'reply', r.id, r.assignment_id, a.proposal_id, r.state, r.round, r.body, r.publish_on from replies r join assignments a on a.id = r.assignment_id`,
    )
    .all() as D[];
  const unitOf = new Map(docs.map((d) => [d.assignment_id, 0]));
  for (const p of ps.values()) for (const a of p.assignments) unitOf.set(a.id, a.unitId);
  return { proposals: [...ps.values()], docs, unitOf };
}

/** The proposals a signed-in viewer's search must find: ids in ascending order. */
export function substringScan(db: Db, viewer: Actor, q: string): number[] {
  const { proposals, docs } = corpusOf(db);
  if (!q.trim()) return [];
  const found = new Set<number>();
  const byId = new Map(proposals.map((p) => [p.id, p]));
  for (const p of proposals) {
    if (!maySeeProposal(viewer, p)) continue;
    if ([p.title, p.body, p.people.join(" ")].some((t) => holds(t, q))) found.add(p.id);
  }
  for (const d of docs) {
    const p = byId.get(d.proposal_id)!;
    if (!maySeeProposal(viewer, p) || !holds(d.body, q)) continue;
    if (maySeeDocument(viewer, mineOf(viewer, p.assignments), { kind: d.kind, assignmentId: d.assignment_id, state: d.state })) found.add(p.id);
  }
  return [...found].sort((a, b) => a - b);
}

/** The proposals a public search on `today` must find: only what is published. */
export function publicScan(db: Db, today: string, q: string): number[] {
  const { proposals, docs } = corpusOf(db);
  if (!q.trim()) return [];
  const open = (p: P) => p.state !== "withdrawn" && p.disclosure !== "none" && p.not_public_reason == null;
  const found = new Set<number>();
  const byId = new Map(proposals.map((p) => [p.id, p]));
  for (const p of proposals) {
    if (!open(p)) continue;
    const texts = p.disclosure === "full" ? [p.title, p.body, p.people.join(" ")] : [p.title];
    if (texts.some((t) => holds(t, q))) found.add(p.id);
  }
  for (const d of docs) {
    const p = byId.get(d.proposal_id)!;
    if (d.kind === "reply" && d.state === "sent" && d.publish_on != null && d.publish_on <= today && open(p) && p.disclosure === "full" && holds(d.body, q)) found.add(p.id);
  }
  return [...found].sort((a, b) => a - b);
}
