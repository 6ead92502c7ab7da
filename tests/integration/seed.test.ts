import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openDb } from "@/db";
import { seed } from "@/db/seed";
import { assignments, opinions, proposals, replies, users } from "@/db/schema";
import { PROPOSAL_STATES } from "@/lib/workflow";

describe("demo data", () => {
  it("replays every proposal to its state through the services, with No. 155 as the sample case", async () => {
    const db = openDb(":memory:");
    expect(await seed(db)).toBe(true);
    const byState = db.select({ state: proposals.state, n: count() }).from(proposals).groupBy(proposals.state).all();
    for (const s of PROPOSAL_STATES) expect(byState.find((r) => r.state === s)?.n ?? 0, s).toBeGreaterThan(0);

    const p155 = db.select().from(proposals).where(eq(proposals.number, 155)).get()!;
    expect(p155.title).toBe("关于古塘街道工业区块改造提升的建议");
    expect(p155.state).toBe("handling");
    const units155 = db.select().from(assignments).where(eq(assignments.proposalId, p155.id)).all();
    const co = units155.find((a) => a.role === "co")!;
    const lead = units155.find((a) => a.role === "lead")!;
    const opinion = db.select().from(opinions).where(eq(opinions.assignmentId, co.id)).get()!;
    expect(opinion.state).toBe("sent");
    expect(opinion.body).toContain("小家电也可称为软家电");
    expect(opinion.body).not.toContain("bookmark");
    expect(db.select().from(replies).where(eq(replies.assignmentId, lead.id)).get()!.state).toBe("draft");

    // A second call on a database that has data does nothing.
    expect(await seed(db)).toBe(false);
    expect(db.select({ n: count() }).from(users).get()!.n).toBeGreaterThan(20);
  }, 60_000);

  it("the journey variant leaves No. 155 registered", async () => {
    const db = openDb(":memory:");
    await seed(db, "journey");
    expect(db.select().from(proposals).where(eq(proposals.number, 155)).get()!.state).toBe("registered");
  }, 60_000);
});
