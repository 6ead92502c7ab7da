import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { viewerRef } from "../page-viewer";

/*
 * No scan on a hot path. The pages people open all day (each role's workbench, the proposal list
 * with its filters and deep pages, a proposal, supervision, the deputy's home, notifications) are
 * rendered as each role against the demo data while every SQL statement they prepare is captured;
 * then each statement's EXPLAIN QUERY PLAN must neither read a table that grows with the proposals
 * from end to end, nor sort a page of a list (a statement with LIMIT) in a temporary B-tree instead
 * of walking an index in order. The plan does not depend on how many rows there are, so the demo's
 * data proves what 100,000 proposals would do.
 */

// Pages render with the viewer the test names; nothing here signs in.
vi.mock("@/lib/auth/current", async () => (await import("../page-viewer")).currentViewerModule());
const { default: AppLayout } = await import("@/app/(app)/layout");
const { default: Workbench } = await import("@/app/(app)/page");
const { default: ProposalsPage } = await import("@/app/(app)/proposals/page");
const { default: ProposalPage } = await import("@/app/(app)/proposals/[id]/page");
const { default: SupervisionPage } = await import("@/app/(app)/supervision/page");
const { default: SupervisionListPage } = await import("@/app/(app)/supervision/list/page");
const { default: NotificationsPage } = await import("@/app/(app)/notifications/page");

/** Tables small by nature (a few hundred rows at most, whatever the number of proposals). */
const SMALL = new Set(["units", "congress_sessions", "calendar_days", "calendar_version", "settings", "doc_sequences", "__drizzle_migrations"]);

let db: Db;
const captured = new Map<string, string>(); // SQL → the page that prepared it
let capturing: string | null = null;

beforeAll(async () => {
  setNow(new Date("2026-11-20T10:00:00+08:00"));
  db = openDb(":memory:");
  await seed(db);
  useDb(db);
  const prepare = db.$client.prepare.bind(db.$client);
  db.$client.prepare = ((source: string) => {
    if (capturing && !captured.has(source)) captured.set(source, capturing);
    return prepare(source);
  }) as typeof db.$client.prepare;
}, 120_000);
afterAll(() => setNow(null));

const actor = (username: string): Actor => {
  const u = db.select().from(t.users).where(eq(t.users.username, username)).get()!;
  return { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName };
};
const p155 = () => db.select().from(t.proposals).where(eq(t.proposals.number, 155)).get()!;

async function render(label: string, viewer: string, page: () => Promise<ReactElement> | ReactElement) {
  viewerRef.current = actor(viewer);
  capturing = label;
  try {
    renderToStaticMarkup(await AppLayout({ children: await page() }));
  } finally {
    capturing = null;
    viewerRef.current = null;
  }
}

const sp = (v: Record<string, string>) => ({ searchParams: Promise.resolve(v) });

/** Placeholders outside quoted literals: bound as NULL for EXPLAIN (plans do not depend on values). */
const placeholders = (sql: string) => sql.replace(/'(?:[^']|'')*'/g, "").split("?").length - 1;

function problemsOf(sql: string): string[] {
  const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(placeholders(sql)).fill(null)) as { detail: string }[];
  const limited = /\blimit\b/i.test(sql);
  const problems: string[] = [];
  // A deputy's own proposals (lead ∪ co-signer, looked up by index) may be sorted: one person's
  // proposals are a few hundred at most, however many the table holds.
  const ownProposals = /lead_deputy_id = \?\s+union select .*proposal_cosigners.*deputy_id"? = \?/s.test(sql);
  // A statement over small tables only (sessions, units, the calendar) may sort as it likes.
  const growing = plan.some(({ detail }) => {
    const m = /^(?:SCAN|SEARCH) (\w+)/.exec(detail);
    return m && !SMALL.has(m[1]);
  });
  // A full-text search reads what the index matched (the FTS5 lookup, then its matches, named h and
  // m) and ranks them: its work grows with the matches, never with the table (bounded in
  // db/queries/search.ts, measured at 100,000 proposals by the benchmark).
  const search = /\bsearch_(?:trigram|grams) match \?/.test(sql);
  // A view or subquery run as a co-routine is read back as "SCAN name": its own rows, found by the
  // searches listed under it, not a table's.
  const coroutines = new Set(plan.map(({ detail }) => /^CO-ROUTINE (\w+)/.exec(detail)?.[1]).filter(Boolean));
  for (const { detail } of plan) {
    if (coroutines.has(/^SCAN (\w+)$/.exec(detail)?.[1])) continue;
    if (search && (/^SCAN search_(?:trigram|grams) VIRTUAL TABLE INDEX \d+:M/.test(detail) || /^SCAN (?:hits|[hm])$/.test(detail) || /^USE TEMP B-TREE/.test(detail))) continue;
    const scan = /^SCAN (\w+)(?: AS (\w+))?( USING (?:COVERING )?INDEX \w+)?/.exec(detail);
    if (scan) {
      const table = scan[1];
      if (SMALL.has(table)) continue;
      // An ordered walk of an index stops at the page's LIMIT; anything else reads the whole table.
      if (scan[3] && limited) continue;
      problems.push(detail);
    }
    // A page of a list (LIMIT) must take its order from an index; a statement that fetches every
    // row it matches through an index (one proposal's history, a page's units) may sort them.
    if (growing && limited && !ownProposals && /USE TEMP B-TREE FOR (?:RIGHT PART OF )?ORDER BY/.test(detail)) problems.push(detail);
  }
  return problems;
}

describe("query plans of the hot pages", () => {
  it("capture every statement the pages prepare, as every role", async () => {
    const id = p155().id;
    for (const [label, viewer] of [
      ["workbench (unit staff)", "jxj_staff"],
      ["workbench (unit leader)", "jxj_leader"],
      ["workbench (congress office)", "rdgw"],
      ["workbench (government office)", "dcs"],
      ["deputy's home", "hugf"],
    ] as const)
      await render(label, viewer, () => Workbench(sp({})));
    await render("workbench, later pages", "jxj_staff", () => Workbench(sp({ open: "2", done: "2" })));
    await render("deputy's home, page 2", "hugf", () => Workbench(sp({ page: "2" })));
    for (const viewer of ["rdgw", "jxj_staff"]) {
      await render(`proposal list (${viewer})`, viewer, () => ProposalsPage(sp({})));
      await render(`proposal list, deep page (${viewer})`, viewer, () => ProposalsPage(sp({ page: "40" })));
    }
    const unit = db.select().from(t.units).where(eq(t.units.name, "市经信局")).get()!.id;
    await render("proposal list by state", "rdgw", () => ProposalsPage(sp({ state: "handling" })));
    await render("proposal list by unit", "rdgw", () => ProposalsPage(sp({ unit: String(unit) })));
    await render("proposal list by text", "rdgw", () => ProposalsPage(sp({ q: "工业" })));
    for (const viewer of ["rdgw", "jxj_staff", "hugf"]) await render(`No. 155 (${viewer})`, viewer, () => ProposalPage({ params: Promise.resolve({ id: String(id) }) }));
    await render("supervision", "dcs", () => SupervisionPage(sp({})));
    const session = String(p155().sessionId);
    await render("supervision drill-down", "dcs", () => SupervisionListPage(sp({ measure: "overdue", session })));
    await render("notifications", "jxj_staff", () => NotificationsPage(sp({})));
    expect(captured.size).toBeGreaterThan(30);
  });

  it("no statement scans a growing table or sorts a page in a temporary B-tree", () => {
    const found: string[] = [];
    for (const [sql, page] of captured) {
      const problems = problemsOf(sql);
      if (problems.length) found.push(`${page}: ${problems.join("; ")}\n    ${sql.slice(0, 300)}`);
    }
    expect(found, `statements with scans:\n${found.join("\n")}`).toEqual([]);
  });

  it("the check itself finds a scan and a sort when there is one", () => {
    expect(problemsOf("select * from proposals where title like '%a%'")).toEqual(["SCAN proposals"]);
    expect(problemsOf("select id from assignments where unit_id = ? order by extension_limit limit 20").join()).toMatch(/TEMP B-TREE/);
    expect(problemsOf("select id from assignments where unit_id = ? and due_on is not null order by due_on limit 20")).toEqual([]); // the partial index
    expect(problemsOf("select count(*) from proposals").join()).toMatch(/^SCAN proposals USING COVERING INDEX/);
  });
});
