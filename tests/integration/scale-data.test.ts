import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, useDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import { verifyAudit } from "@/lib/audit";
import { setNow } from "@/lib/clock";
import { listProposals } from "@/db/queries/proposals";
import type { Actor } from "@/lib/auth/actor";
import { drive, prepareCast } from "../../scripts/bulk-data";
import { addScaleData } from "../../scripts/scale-data";

/*
 * `npm run seed:scale` drives a few hundred templates per session through the services and copies
 * the rest. A copy must be exactly what the services would have written for the same course with
 * the copy's own number, topic, deputies and units: here a sample of copies (every stage, parallel
 * units, co-units, co-signers, extensions, late replies, replies without a contact) is replayed through the services on a second database
 * with the same cast, and every row of every table the proposal has is compared, with ids replaced
 * by what they stand for (account names, unit names, deputy names, the n-th row of the proposal).
 */

const OPTIONS = { proposals: 300, units: 40, deputies: 90, earlierSessions: 1, templatesPerSession: 40, seed: 11 };

type Row = Record<string, unknown>;

/** Every row of one proposal, with ids replaced by what they stand for. */
function snapshot(db: Db, proposalId: number) {
  const c = db.$client;
  const lookup = (sql: string) => new Map((c.prepare(sql).all() as { id: number; v: string }[]).map((r) => [r.id, r.v]));
  const username = lookup("select id, username as v from users");
  const unitName = lookup("select id, name as v from units");
  const deputyName = lookup("select id, name as v from deputies");
  const all = (sql: string) => c.prepare(sql).all(proposalId) as Row[];
  const ofAssignments = "(select id from assignments where proposal_id = ?)";
  const tables: Record<string, Row[]> = {
    proposals: all("select * from proposals where id = ?"),
    proposal_cosigners: all("select * from proposal_cosigners where proposal_id = ? order by position"),
    assignments: all("select * from assignments where proposal_id = ? order by id"),
    opinions: all(`select * from opinions where assignment_id in ${ofAssignments} order by id`),
    replies: all(`select * from replies where assignment_id in ${ofAssignments} order by id`),
    contact_logs: all(`select * from contact_logs where assignment_id in ${ofAssignments} order by id`),
    requests: all(`select * from requests where assignment_id in ${ofAssignments} order by id`),
    ratings: all(`select * from ratings where reply_id in (select id from replies where assignment_id in ${ofAssignments}) order by id`),
  };
  const nth = (table: string, id: unknown) => {
    if (id == null) return null;
    const i = (tables[table] ?? []).findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`${table} ${id} is not this proposal's`);
    return `${table}#${i}`;
  };
  const subjectTable: Record<string, string> = { proposal: "proposals", assignment: "assignments", opinion: "opinions", reply: "replies", contact: "contact_logs", request: "requests", rating: "ratings" };
  const docNumber = (v: unknown) => (typeof v === "string" ? v.replace(/〕\d+号$/, "〕#号") : v);
  const json = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(json);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === "unitId" ? unitName.get(x as number) : k === "signerId" ? username.get(x as number) : k === "successorId" ? nth("assignments", x) : k === "docNumber" ? docNumber(x) : json(x),
        ]),
      );
    return v;
  };
  const column = (table: string, name: string, v: unknown, row: Row): unknown => {
    if (name === "id") return nth(table, v);
    if (name === "proposal_id") return v === proposalId ? "this" : v;
    if (name === "assignment_id" || name === "replaces_id") return nth("assignments", v);
    if (name === "reply_id") return nth("replies", v);
    if (name === "subject_id") return nth(subjectTable[row.subject_type as string], v);
    if (name === "object_id") return nth(subjectTable[row.object_type as string], Number(v));
    if (/(_by_id|signer_id|user_id|actor_id)$/.test(name)) return v == null ? v : username.get(v as number);
    if (/unit_id$/.test(name)) return v == null ? v : unitName.get(v as number);
    if (/deputy_id$/.test(name)) return deputyName.get(v as number);
    if (name === "doc_number") return docNumber(v);
    if (name === "before" || name === "after") return v == null ? v : json(JSON.parse(v as string));
    if (name === "detail") return v === JSON.stringify({ proposalId }) ? "this" : v;
    if (name === "prev_hash" || name === "hash") return undefined;
    return v;
  };
  const normal = (table: string, rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, column(table, k, v, r)])));
  const history = all("select * from history where proposal_id = ? order by id");
  const audit = c.prepare("select * from audit_log where detail = ? order by id").all(JSON.stringify({ proposalId })) as Row[];
  const notifications = (c.prepare("select * from notifications where proposal_id = ?").all(proposalId) as Row[]).map(({ id: _id, ...n }) => n);
  return {
    ...Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, normal(t, rows)])),
    history: normal("history", history.map(({ id: _id, ...h }) => h)),
    audit: normal("audit_log", audit.map(({ id: _id, ...a }) => a)),
    notifications: normal("notifications", notifications)
      .map((n) => JSON.stringify(n))
      .sort(),
    counts: { history: history.length, audit: audit.length },
  };
}

let generated: Db;
let replayed: Db;
let result: Awaited<ReturnType<typeof addScaleData>>;

beforeAll(async () => {
  generated = openDb(":memory:");
  await seed(generated);
  result = await addScaleData(generated, { ...OPTIONS, keepScenarios: true });
  replayed = openDb(":memory:");
  await seed(replayed);
  setNow(null);
});
afterAll(() => {
  setNow(null);
  generated.$client.close();
  replayed.$client.close();
});

describe("seed:scale's copies", () => {
  it("makes the requested number of proposals, most of them copies", () => {
    const demo = 42;
    const total = (generated.$client.prepare("select count(*) as n from proposals").get() as { n: number }).n;
    expect(total).toBe(demo + OPTIONS.proposals);
    expect(result.templates).toBe(2 * OPTIONS.templatesPerSession);
    expect(result.copies).toHaveLength(OPTIONS.proposals - result.templates);
  });

  it("are row for row what the services write for the same course", async () => {
    // A sample with every stage and every shape of course: parallel, co-units, co-signers, extension.
    const seen = new Set<string>();
    const sample = result.copies.filter(({ scenario: s }) => {
      const key = [s.stage, s.parallel, s.co.length > 0, s.cosigners.length > 0, s.extension, s.late, s.contacted].join();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    expect(new Set(sample.map((c) => c.scenario.stage)).size).toBe(20);
    expect(sample.some((c) => c.scenario.parallel)).toBe(true);
    expect(sample.some((c) => c.scenario.extension)).toBe(true);
    expect(sample.some((c) => c.scenario.cosigners.length > 0)).toBe(true);
    expect(sample.some((c) => c.scenario.late)).toBe(true);
    expect(sample.some((c) => !c.scenario.contacted && c.scenario.stage >= 12)).toBe(true);

    const cast = await prepareCast(replayed, OPTIONS);
    expect(cast.unitIds.length).toBeGreaterThanOrEqual(OPTIONS.units - 1);
    for (const copy of sample) {
      useDb(replayed);
      const replayId = drive(cast, copy.scenario);
      setNow(null);
      const want = snapshot(replayed, replayId);
      const got = snapshot(generated, copy.proposalId);
      expect(got.counts.audit, `audit entries of copy ${copy.proposalId}`).toBe(got.counts.history);
      expect(got, `copy ${copy.proposalId} (stage ${copy.scenario.stage})`).toEqual(want);
    }
  });

  it("list in full (as an export does) with every proposal's units, asked for in chunks", () => {
    useDb(generated);
    const office = generated.$client.prepare("select id, role, unit_id as unitId, deputy_id as deputyId, display_name as displayName from users where username = 'rdgw'").get() as Actor;
    const { rows, total } = listProposals(office, {}, { all: true });
    const assigned = generated.$client.prepare("select proposal_id as id, count(*) as n from assignments group by proposal_id").all() as { id: number; n: number }[];
    expect(rows.length).toBe(total);
    expect(rows.length).toBeGreaterThan(300);
    expect(Object.fromEntries(rows.filter((r) => r.units.length).map((r) => [r.id, r.units.length]))).toEqual(Object.fromEntries(assigned.map((a) => [a.id, a.n])));
  });

  it("keep the audit chain whole and document numbers unique in each unit's series", () => {
    const verified = verifyAudit(generated);
    expect(verified.ok).toBe(true);
    for (const table of ["opinions", "replies"]) {
      const repeated = generated.$client.prepare(`select doc_number from ${table} where doc_number is not null group by doc_number having count(*) > 1`).all();
      expect(repeated, table).toEqual([]);
    }
    // Each series' counter is at its highest number, so the next sign-off continues it.
    const behind = generated.$client
      .prepare(
        `select s.unit_id, s.kind, s.last, max(cast(substr(d.doc_number, instr(d.doc_number, '〕') + 1) as integer)) as highest
           from doc_sequences s
           join (select a.unit_id, 'opinion' as kind, o.doc_number from opinions o join assignments a on a.id = o.assignment_id where o.doc_number is not null
                 union all
                 select a.unit_id, 'reply', r.doc_number from replies r join assignments a on a.id = r.assignment_id where r.doc_number is not null) d
             on d.unit_id = s.unit_id and d.kind = s.kind and d.doc_number like '%〔' || s.year || '〕%'
          group by s.unit_id, s.kind, s.year having highest <> s.last`,
      )
      .all();
    expect(behind).toEqual([]);
  });
});
