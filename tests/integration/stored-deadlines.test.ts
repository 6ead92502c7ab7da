import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { openDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { toCalendar } from "@/lib/calendar-data";
import { setNow } from "@/lib/clock";
import { addDays, assignmentDeadlines, dayOf, dutyDeadline, isWorkingDay, yellowFrom, type Day } from "@/lib/deadlines";
import { saveSession } from "@/lib/services/admin";
import { logContact, receiveAssignment } from "@/lib/services/assignments";
import { saveReplyDraft, signOffReply, submitReply } from "@/lib/services/documents";
import { removeCalendarDay, saveCalendarDay } from "@/lib/services/calendar";
import { clockOf, settingsOf } from "@/lib/clock-rules";
import { assignProposal, registerProposal } from "@/lib/services/proposals";
import { rateReply } from "@/lib/services/ratings";
import { decideRequest, requestAdjustment, requestExtension } from "@/lib/services/requests";
import { setFixedReplyDue } from "@/lib/services/sessions";
import { DISCLOSURES, FIELDS } from "@/lib/workflow";
import { backfillDeadlines } from "@/lib/services/stored-deadlines";

/*
 * Each assignment stores its deadlines (due day, first yellow day, end of the request window,
 * extension limit) so that pages count and sort in SQL. The rules stay in lib/deadlines.ts: after
 * each kind of change that moves a deadline, every assignment's stored row must equal what the pure
 * functions give for it, under the calendar as stored (read here directly, not through the cache).
 * Each change is also checked to have moved something, so a change that forgot to store would fail.
 */

const TODAY = "2026-11-20";
let db: Db;

beforeEach(async () => {
  setNow(new Date(`${TODAY}T10:00:00+08:00`));
  db = openDb(":memory:");
  await seed(db);
  setNow(new Date(`${TODAY}T10:00:00+08:00`));
});
afterEach(() => setNow(null));

type Stored = Pick<
  typeof t.assignments.$inferSelect,
  "dueOn" | "yellowOn" | "returnWindowEnd" | "extensionLimit" | "firstReplyOn" | "firstReplyDue" | "firstContactOn" | "latestCategory"
>;

/**
 * The supervisors' facts of one assignment, from the documents themselves: the round-1 reply's
 * day, the due day that applied to it (the extension approved before it went, else none), the first
 * contact, the latest sent reply's category.
 */
function factsFromDocuments(a: typeof t.assignments.$inferSelect, settings: ReturnType<typeof settingsOf>, cal: ReturnType<typeof toCalendar>) {
  const replying = a.role !== "co";
  const sent = db
    .select()
    .from(t.replies)
    .where(and(eq(t.replies.assignmentId, a.id), eq(t.replies.state, "sent")))
    .orderBy(asc(t.replies.round))
    .all();
  const first = replying ? sent.find((r) => r.round === 1) : undefined;
  const firstReplyOn = first?.sentAt ? dayOf(first.sentAt) : null;
  const extension = first?.sentAt
    ? db
        .select()
        .from(t.requests)
        .where(and(eq(t.requests.assignmentId, a.id), eq(t.requests.kind, "extension"), eq(t.requests.state, "approved")))
        .all()
        .filter((q) => q.decidedAt && q.decidedAt <= first.sentAt!)
        .sort((x, y) => x.decidedAt!.getTime() - y.decidedAt!.getTime() || x.id - y.id)
        .at(-1)?.requestedDue ?? null
    : null;
  const contacts = db.select().from(t.contactLogs).where(eq(t.contactLogs.assignmentId, a.id)).all().map((c) => c.contactedOn).sort();
  return {
    firstReplyOn,
    firstReplyDue: firstReplyOn
      ? dutyDeadline({ ...clockOf(a), state: "received", rehandlingFrom: null, extendedTo: extension ?? (a.round === 1 ? a.extendedTo : null) }, settings, cal).due
      : null,
    firstContactOn: contacts[0] ?? null,
    latestCategory: replying ? (sent.at(-1)?.category ?? null) : null,
  };
}

/** Compares every assignment's stored deadlines with the rules; returns the stored rows by id. */
function expectStoredEqualsRules(label: string): Map<number, Stored> {
  const cal = toCalendar(db.select().from(t.calendarDays).all());
  const rows = db
    .select({ a: t.assignments, session: t.congressSessions })
    .from(t.assignments)
    .innerJoin(t.proposals, eq(t.proposals.id, t.assignments.proposalId))
    .innerJoin(t.congressSessions, eq(t.congressSessions.id, t.proposals.sessionId))
    .all();
  expect(rows.length, label).toBeGreaterThan(50);
  const stored = new Map<number, Stored>();
  for (const { a, session } of rows) {
    const settings = settingsOf(session);
    const d = assignmentDeadlines(clockOf(a), settings, cal);
    const expected: Stored = {
      dueOn: d.due,
      yellowOn: d.due ? yellowFrom(d.due, settings, cal) : null,
      returnWindowEnd: d.returnWindowEnd,
      extensionLimit: d.extensionLimit,
      ...factsFromDocuments(a, settings, cal),
    };
    const actual: Stored = {
      dueOn: a.dueOn,
      yellowOn: a.yellowOn,
      returnWindowEnd: a.returnWindowEnd,
      extensionLimit: a.extensionLimit,
      firstReplyOn: a.firstReplyOn,
      firstReplyDue: a.firstReplyDue,
      firstContactOn: a.firstContactOn,
      latestCategory: a.latestCategory,
    };
    expect(actual, `${label}: assignment ${a.id} (${a.role}, ${a.state})`).toEqual(expected);
    stored.set(a.id, actual);
  }
  return stored;
}

const user = (username: string): Actor => {
  const u = db.select().from(t.users).where(eq(t.users.username, username)).get()!;
  return { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName };
};
const unitId = (name: string) => db.select().from(t.units).where(eq(t.units.name, name)).get()!.id;
const session = () => db.select().from(t.congressSessions).where(eq(t.congressSessions.name, "市十八届人大二次会议")).get()!;
/** Staff of the unit an assignment belongs to. */
const staffOf = (assignmentId: number) => {
  const a = db.select().from(t.assignments).where(eq(t.assignments.id, assignmentId)).get()!;
  const u = db.select().from(t.users).where(and(eq(t.users.unitId, a.unitId), eq(t.users.role, "unit_staff"))).get()!;
  return user(u.username);
};
/** A running assignment of a live proposal, as a unit would have it. */
function runningAssignment(role: "lead" | "co", extra?: (a: typeof t.assignments.$inferSelect) => boolean) {
  return db
    .select({ a: t.assignments })
    .from(t.assignments)
    .innerJoin(t.proposals, eq(t.proposals.id, t.assignments.proposalId))
    .where(and(eq(t.assignments.role, role), eq(t.proposals.state, "handling"), isNotNull(t.assignments.dueOn)))
    .orderBy(asc(t.assignments.id))
    .all()
    .map((r) => r.a)
    .find((a) => ["assigned", "received"].includes(a.state) && (extra?.(a) ?? true))!;
}
/** Registers and assigns a new proposal today (lead 市经信局, co 市商务局); returns its assignments. */
function newAssignedProposal(number: number) {
  const { id } = registerProposal(user("rdgw"), {
    number,
    sessionId: session().id,
    title: "关于存储办理期限的测试建议",
    body: "测试正文。",
    field: FIELDS[0],
    leadDeputyId: db.select().from(t.deputies).get()!.id,
    cosignerIds: [],
    disclosure: DISCLOSURES[0],
  });
  assignProposal(user("dcs"), { proposalId: id, mode: "lead", leadUnitId: unitId("市经信局"), coUnitIds: [unitId("市商务局")], parallelUnitIds: [] });
  return db.select().from(t.assignments).where(eq(t.assignments.proposalId, id)).all();
}
const dueOf = (assignmentId: number) => db.select().from(t.assignments).where(eq(t.assignments.id, assignmentId)).get()!.dueOn;
const movedEntries = () => db.select().from(t.history).where(eq(t.history.action, "deadline.moved")).all();

describe("stored deadlines equal the rules after every kind of change", () => {
  it("the demo, replayed through the services, stores every assignment's deadlines", () => {
    const stored = expectStoredEqualsRules("demo");
    expect([...stored.values()].filter((s) => s.dueOn).length).toBeGreaterThan(10);
    // The supervisors' facts are there too, late replies and on-time ones.
    const replied = [...stored.values()].filter((s) => s.firstReplyOn);
    expect(replied.length).toBeGreaterThan(10);
    expect(replied.some((s) => s.firstReplyOn! > s.firstReplyDue!)).toBe(true);
    expect([...stored.values()].filter((s) => s.firstContactOn).length).toBeGreaterThan(10);
  });

  it("a contact logged and a reply sent (after an extension) fix the supervisors' facts", () => {
    // Assigned a week ago: a contact is logged for a day between the assignment and today.
    setNow(new Date(`${addDays(TODAY, -7)}T10:00:00+08:00`));
    const fresh = newAssignedProposal(902).find((x) => x.role === "lead")!;
    const staff = staffOf(fresh.id);
    receiveAssignment(staff, { assignmentId: fresh.id });
    setNow(new Date(`${TODAY}T10:00:00+08:00`));
    const a = db.select().from(t.assignments).where(eq(t.assignments.id, fresh.id)).get()!;
    expect(a).toMatchObject({ firstContactOn: null, firstReplyOn: null, latestCategory: null });
    const { id: requestId } = requestExtension(staff, { assignmentId: a.id, reason: "需协调预算。", requestedDue: addDays(a.dueOn!, 20) });
    decideRequest(user("dcs"), { requestId, decision: "approve", decisionReason: "同意。" });
    logContact(staff, { assignmentId: a.id, contactedOn: TODAY, channel: "phone", people: "代表", summary: "电话联系。" });
    logContact(staff, { assignmentId: a.id, contactedOn: addDays(TODAY, -3), channel: "meeting", people: "代表", summary: "当面座谈。" });
    expectStoredEqualsRules("after two contacts");
    expect(db.select().from(t.assignments).where(eq(t.assignments.id, a.id)).get()!.firstContactOn).toBe(addDays(TODAY, -3));
    const draft = saveReplyDraft(staff, {
      assignmentId: a.id,
      body: "经研究，答复如下。",
      category: "B",
      contactPerson: staff.displayName,
      contactPhone: "0574-63010000",
      cc: "",
      outstandingReason: "尚有协办意见未到，先行答复。",
    });
    submitReply(staff, draft);
    const leader = db.select().from(t.users).where(and(eq(t.users.unitId, a.unitId), eq(t.users.role, "unit_leader"))).get()!;
    signOffReply(user(leader.username), draft);
    const after = expectStoredEqualsRules("after the reply went").get(a.id)!;
    expect(after).toMatchObject({ firstReplyOn: TODAY, latestCategory: "B" });
    expect(after.firstReplyDue! >= addDays(a.dueOn!, 20)).toBe(true);
  });

  it("assignment and receipt", () => {
    const fresh = newAssignedProposal(901);
    expect(fresh.map((a) => a.dueOn)).not.toContain(null);
    expectStoredEqualsRules("after assignment");
    receiveAssignment(staffOf(fresh[0].id), { assignmentId: fresh[0].id });
    expectStoredEqualsRules("after receipt");
  });

  it("an approved extension", () => {
    const a = runningAssignment("lead");
    const before = dueOf(a.id)!;
    const requestedDue = addDays(before, 20);
    requestExtension(staffOf(a.id), { assignmentId: a.id, reason: "需协调省级部门，申请延期。", requestedDue });
    const request = db.select().from(t.requests).where(eq(t.requests.assignmentId, a.id)).get()!;
    decideRequest(user("dcs"), { requestId: request.id, decision: "approve", decisionReason: "同意延期。" });
    expect(dueOf(a.id)).not.toBe(before);
    expectStoredEqualsRules("after an extension");
  });

  it("an approved adjustment hands the assignment to another unit: the old one owes nothing, the new one keeps the clock", () => {
    // Adjustment is asked within 10 working days of assignment: a proposal assigned today.
    const a = newAssignedProposal(902).find((x) => x.role === "co")!;
    requestAdjustment(staffOf(a.id), { assignmentId: a.id, reason: "该事项不属于本单位职能。" });
    const request = db.select().from(t.requests).where(eq(t.requests.assignmentId, a.id)).get()!;
    const taken = db.select({ u: t.assignments.unitId }).from(t.assignments).where(eq(t.assignments.proposalId, a.proposalId)).all().map((r) => r.u);
    const newUnit = db.select().from(t.units).all().find((u) => u.active && !taken.includes(u.id))!;
    decideRequest(user("dcs"), { requestId: request.id, decision: "approve", decisionReason: "同意调整。", newUnitId: newUnit.id });
    expect(dueOf(a.id)).toBeNull();
    const successor = db.select().from(t.assignments).where(eq(t.assignments.replacesId, a.id)).get()!;
    expect(successor.dueOn).toBe(a.dueOn);
    expectStoredEqualsRules("after an adjustment");
  });

  it("a 不满意 rating opens re-handling, due from the rating day", () => {
    const row = db
      .select({ reply: t.replies, a: t.assignments, p: t.proposals })
      .from(t.replies)
      .innerJoin(t.assignments, eq(t.assignments.id, t.replies.assignmentId))
      .innerJoin(t.proposals, eq(t.proposals.id, t.assignments.proposalId))
      .where(and(eq(t.replies.state, "sent"), eq(t.assignments.state, "replied")))
      .get()!;
    expect(row.a.dueOn).toBeNull();
    const deputy = db.select().from(t.users).where(eq(t.users.deputyId, row.p.leadDeputyId)).get()!;
    rateReply(user(deputy.username), { replyId: row.reply.id, attitude: "satisfied", outcome: "unsatisfied", comment: "问题未解决。", wasContacted: "yes" });
    expect(dueOf(row.a.id)).not.toBeNull();
    expectStoredEqualsRules("after re-handling");
  });

  it("a calendar edit moves the deadlines it touches, and records each move", () => {
    const cal = toCalendar(db.select().from(t.calendarDays).all());
    const a = runningAssignment("lead", (x) => isWorkingDay(x.dueOn!, cal) && !cal.has(x.dueOn!));
    const due = a.dueOn as Day;
    const movesBefore = movedEntries().length;
    saveCalendarDay(user("sysadmin"), { date: due, working: "off", name: "测试停工" });
    expect(dueOf(a.id)! > due).toBe(true);
    expect(movedEntries().length).toBeGreaterThan(movesBefore);
    expectStoredEqualsRules("after adding a day off");
    removeCalendarDay(user("sysadmin"), { date: due });
    expect(dueOf(a.id)).toBe(due);
    expectStoredEqualsRules("after removing it again");
  });

  it("a session's settings edit (reply period, warning days) moves its deadlines", () => {
    const s = session();
    const a = runningAssignment("lead");
    const before = db.select().from(t.assignments).where(eq(t.assignments.id, a.id)).get()!;
    saveSession(user("sysadmin"), {
      id: s.id,
      term: s.term,
      meeting: s.meeting,
      name: s.name,
      interim: s.interim ? "on" : undefined,
      openedOn: s.openedOn ?? "",
      active: s.active ? "on" : undefined,
      returnWindowWorkdays: s.returnWindowWorkdays,
      opinionMonths: s.opinionMonths,
      replyMonths: s.replyMonths + 1,
      extensionTotalMonths: s.extensionTotalMonths,
      rehandlingMonths: s.rehandlingMonths,
      publicationWorkdays: s.publicationWorkdays,
      warnWorkdays: s.warnWorkdays + 2,
    });
    const after = db.select().from(t.assignments).where(eq(t.assignments.id, a.id)).get()!;
    expect(after.dueOn).not.toBe(before.dueOn);
    expect(after.yellowOn).not.toBe(before.yellowOn);
    expectStoredEqualsRules("after a settings edit");
  });

  it("a batch reply due date for the session, set and cleared", () => {
    const a = runningAssignment("lead");
    const batch = addDays(TODAY, 45);
    setFixedReplyDue(user("dcs"), { sessionId: session().id, fixedReplyDue: batch });
    expect(dueOf(a.id)).not.toBe(a.dueOn);
    expectStoredEqualsRules("after a batch due date");
    setFixedReplyDue(user("dcs"), { sessionId: session().id, fixedReplyDue: "" });
    expect(dueOf(a.id)).toBe(a.dueOn);
    expectStoredEqualsRules("after clearing it");
  });

  it("rows from before the stored deadlines (migration 0006) are filled at start", () => {
    db.update(t.assignments).set({ dueOn: null, yellowOn: null, returnWindowEnd: null, extensionLimit: null }).run();
    expect(backfillDeadlines(db)).toBeGreaterThan(50);
    expectStoredEqualsRules("after the backfill");
    expect(backfillDeadlines(db)).toBe(0);
  });

  it("rows from before the supervisors' facts (migration 0008) are filled by the migration and at start", () => {
    const before = expectStoredEqualsRules("before");
    db.update(t.assignments).set({ firstReplyOn: null, firstReplyExtendedTo: null, firstReplyDue: null, firstContactOn: null, latestCategory: null }).run();
    const migration = readFileSync(path.join(__dirname, "../../db/migrations/0008_supervision_figures.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint").filter((x) => /^\s*UPDATE/.test(x))) db.$client.exec(statement);
    expect(backfillDeadlines(db)).toBeGreaterThan(10);
    expect(expectStoredEqualsRules("after the migration and the backfill")).toEqual(before);
  });
});
