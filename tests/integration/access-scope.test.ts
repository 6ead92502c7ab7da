import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { listProposals } from "@/db/queries/proposals";
import type { Actor } from "@/lib/auth/actor";
import { maySeeProposal } from "@/lib/access/proposal";
import { setNow } from "@/lib/clock";
import type { Role } from "@/lib/workflow";
import { demoDb } from "../demo-db";

/*
 * The proposal list narrows in SQL (db/queries/proposals.ts, scopeOf) by the same rule the access
 * module states (lib/access/proposal.ts, maySeeProposal): on the whole demo, for every business
 * account, the list holds exactly the proposals the rule lets it see.
 */
let db: Db;
beforeAll(async () => {
  db = await demoDb();
});
afterAll(() => setNow(null));

describe("the list's SQL scope is the access rule", () => {
  it("for every business account of the demo, the same proposals", () => {
    const c = db.$client;
    const proposals = c.prepare("select id, lead_deputy_id as lead from proposals").all() as { id: number; lead: number }[];
    const units = c.prepare("select proposal_id as p, unit_id as unitId from assignments").all() as { p: number; unitId: number }[];
    const cosigners = c.prepare("select proposal_id as p, deputy_id as d from proposal_cosigners").all() as { p: number; d: number }[];
    const users = c
      .prepare("select id, role, unit_id as unitId, deputy_id as deputyId, display_name as displayName from users where role in ('congress_office', 'gov_office', 'unit_staff', 'unit_leader', 'deputy') and active = 1")
      .all() as (Actor & { role: Role })[];
    expect(users.length).toBeGreaterThan(20);
    let compared = 0;
    for (const actor of users) {
      const listed = new Set(listProposals(actor, {}, { all: true }).rows.map((r) => r.id));
      const expected = proposals
        .filter((p) => maySeeProposal(actor, { assignments: units.filter((u) => u.p === p.id), deputyIds: [p.lead, ...cosigners.filter((x) => x.p === p.id).map((x) => x.d)] }))
        .map((p) => p.id);
      expect([...listed].sort((a, b) => a - b), actor.displayName).toEqual(expected.sort((a, b) => a - b));
      compared += proposals.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
