import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { setNow } from "@/lib/clock";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { demoDb } from "../demo-db";

/**
 * The database itself refuses text outside each enum column's list (CHECK constraints built from
 * lib/workflow.ts), and the self-references have foreign keys: a bug or a hand-made SQL statement
 * cannot store a state the code does not know.
 */
const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v);
const enumColumns = tables.flatMap((table) => {
  const config = getTableConfig(table);
  return config.columns.filter((c) => (c.enumValues?.length ?? 0) > 0).map((c) => ({ table: config.name, column: c.name, values: c.enumValues! }));
});

let db: Db;
beforeAll(async () => {
  db = await demoDb();
  // Rows for the tables the demo leaves empty, so that every enum column has one to change.
  const c = db.$client;
  const assignment = c.prepare("select id from assignments order by id limit 1").get() as { id: number };
  const user = c.prepare("select id from users order by id limit 1").get() as { id: number };
  if (!(c.prepare("select count(*) n from requests").get() as { n: number }).n)
    c.prepare("insert into requests (assignment_id, kind, reason, created_by_id, created_at) values (?, 'extension', '测试', ?, 0)").run(assignment.id, user.id);
  const reply = c.prepare("select r.id, r.assignment_id, a.proposal_id, a.unit_id from replies r join assignments a on a.id = r.assignment_id order by r.id limit 1").get() as {
    id: number;
    assignment_id: number;
    proposal_id: number;
    unit_id: number;
  };
  if (!(c.prepare("select count(*) n from document_versions").get() as { n: number }).n)
    c.prepare("insert into document_versions (kind, document_id, version, body, category, saved_by_id, saved_at) values ('reply', ?, 1, '测试', 'B', ?, 0)").run(reply.id, user.id);
  if (!(c.prepare("select count(*) n from commitments").get() as { n: number }).n) {
    const commitment = c
      .prepare("insert into commitments (reply_id, assignment_id, proposal_id, unit_id, content, due_on, created_by_id) values (?, ?, ?, ?, '测试', '2026-12-31', ?) returning id")
      .get(reply.id, reply.assignment_id, reply.proposal_id, reply.unit_id, user.id) as { id: number };
    c.prepare("insert into commitment_reports (commitment_id, kind, body, reported_by_id, reported_on) values (?, 'progress', '测试', ?, '2026-12-01')").run(commitment.id, user.id);
  }
  if (!(c.prepare("select count(*) n from attachments").get() as { n: number }).n) {
    const proposal = c.prepare("select id from proposals order by id limit 1").get() as { id: number };
    c.prepare(
      "insert into attachments (subject_type, subject_id, proposal_id, file_name, mime_type, size, sha256, uploaded_by_id, created_at) values ('proposal', ?, ?, 'a.pdf', 'application/pdf', 1, 'x', ?, 0)",
    ).run(proposal.id, proposal.id, user.id);
  }
});
afterAll(() => setNow(null));

describe("CHECK constraints on every enum column", () => {
  it("the schema has the enum columns the code names", () => {
    expect(enumColumns.map((e) => `${e.table}.${e.column}`).sort()).toEqual(
      [
        "assignments.latest_category",
        "assignments.role",
        "assignments.state",
        "attachments.subject_type",
        "audit_log.result",
        "commitment_reports.kind",
        "commitments.state",
        "contact_logs.channel",
        "document_versions.category",
        "document_versions.kind",
        "doc_sequences.kind",
        "opinions.state",
        "proposals.disclosure",
        "proposals.screening",
        "proposals.state",
        "ratings.attitude",
        "ratings.outcome",
        "replies.category",
        "replies.state",
        "requests.kind",
        "requests.state",
        "units.kind",
        "users.role",
      ].sort(),
    );
  });

  it.each(enumColumns.map((e) => [`${e.table}.${e.column}`, e] as const))("%s refuses an unknown value and keeps its own", (_, { table, column, values }) => {
    const c = db.$client;
    const row = c.prepare(`select rowid as r, "${column}" as v from "${table}" limit 1`).get() as { r: number; v: string | null } | undefined;
    expect(row, `a row in ${table}`).toBeDefined();
    // audit_log refuses every update (append-only); a new entry with an unknown result is refused too.
    if (table === "audit_log") {
      expect(() => c.prepare(`insert into audit_log (at, actor_name, ip, action, object_type, result, prev_hash, hash) values (0, 'x', '-', 'x', 'x', 'bogus', 'x', 'x')`).run()).toThrow(
        /CHECK constraint failed: audit_log_result_valid/,
      );
      return;
    }
    expect(() => c.prepare(`update "${table}" set "${column}" = 'bogus' where rowid = ?`).run(row!.r)).toThrow(new RegExp(`CHECK constraint failed: ${table}_${column}_valid`));
    // Every known value passes the constraint (each tried and rolled back; another constraint, such
    // as a unique key, may still refuse it, but never the CHECK).
    for (const v of values) {
      c.exec("savepoint known");
      try {
        c.prepare(`update "${table}" set "${column}" = ? where rowid = ?`).run(v, row!.r);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/CHECK/);
      } finally {
        c.exec("rollback to known");
        c.exec("release known");
      }
    }
    expect(c.prepare(`update "${table}" set "${column}" = ? where rowid = ?`).run(row!.v, row!.r).changes).toBe(1);
  });

  it("a proposal's field is one of the known fields", () => {
    expect(() => db.$client.prepare("update proposals set field = '外星事务' where rowid = (select min(rowid) from proposals)").run()).toThrow(/proposals_field_valid/);
  });

  it("merged_into_id and replaces_id point at rows that exist", () => {
    expect(() => db.$client.prepare("update proposals set merged_into_id = 999999 where rowid = (select min(rowid) from proposals)").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.$client.prepare("update assignments set replaces_id = 999999 where rowid = (select min(rowid) from assignments)").run()).toThrow(/FOREIGN KEY constraint failed/);
  });
});
