import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { isWorkingDay } from "@/lib/deadlines";
import { Conflict, Forbidden, Invalid, NotFound, ServiceError } from "@/lib/errors";
import { runReminders } from "@/lib/reminders";
import { calendarRange, removeCalendarDay, saveCalendarDay } from "@/lib/services/calendar";
import { deadlinesOf, ensureCalendar, loadCalendar } from "@/lib/clock-rules";
import { assignProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { receiveAssignment } from "@/lib/services/assignments";
import { decideRequest, requestAdjustment, requestExtension } from "@/lib/services/requests";
import { setFixedReplyDue } from "@/lib/services/sessions";
import { ROLES, type Role } from "@/lib/workflow";
import { SESSION_NAME, smallWorld, snapshotDb, type UnitKey } from "../fixtures";

/*
 * The services that move the clock (docs/rules.md § "Deadlines"): adjustment and extension requests and
 * their decisions, calendar edits, the batch reply due date, and the daily reminder job.
 * Each test has a fresh migrated database (in memory, or a temp file where a restart is tested)
 * with a small fixture of direct inserts and the packaged State Council calendar.
 * Every refusal is checked three ways: the error class, the message on the right field, and that
 * no table changed.
 */

// ---------------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------------

function makeFixture(file = ":memory:") {
  const db = openDb(file);
  useDb(db);
  ensureCalendar(db, new Date("2026-01-01T00:00:00Z"));
  const world = smallWorld(db, { account: (username) => ({ email: `${username}@example.gov.cn` }) });
  const otherSession = db
    .insert(t.congressSessions)
    .values({ term: 18, meeting: 3, name: "市十八届人大三次会议", openedOn: "2026-02-25" })
    .returning()
    .get();
  // A second account in the lead unit, and a disabled one that must never be reminded.
  const staff2 = world.user("jxj_staff2", "邹佳敏", "unit_staff", world.unit.jxj);
  const disabled = world.user("jxj_old", "离岗人员", "unit_staff", world.unit.jxj);
  db.update(t.users).set({ active: false }).where(eq(t.users.id, disabled.id)).run();
  return { ...world, otherSession, hu: world.deputy.hu, deputy: world.dep.hu, staff2, disabled };
}

type Fixture = ReturnType<typeof makeFixture>;
let fx: Fixture;
let nextNumber: number;

const at = (iso: string) => setNow(new Date(iso));

beforeEach(() => {
  at("2026-03-02T10:00:00+08:00");
  fx = makeFixture();
  nextNumber = 101;
});

afterEach(() => {
  setNow(null);
});

const actorFor = (role: Role, unit: UnitKey = "jxj") => fx.actorFor(role, unit);

const otherRoles = (allowed: Role[]) => ROLES.filter((r) => !allowed.includes(r));

// ---------------------------------------------------------------------------------------------
// Snapshots, refusals, history
// ---------------------------------------------------------------------------------------------

/** Runs a call that must be refused: checks the error class and that no table changed. */
async function refused<E extends ServiceError>(cls: abstract new (...args: never[]) => E, call: () => unknown): Promise<E> {
  const before = snapshotDb(fx.db);
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${cls.name}, got ${String(caught)}`).toBeInstanceOf(cls);
  expect(snapshotDb(fx.db)).toEqual(before);
  return caught as E;
}

/** An Invalid refusal whose message for `field` contains `text`. */
async function invalid(field: string, text: string, call: () => unknown) {
  const error = await refused(Invalid, call);
  expect(error.fieldErrors[field], JSON.stringify(error.fieldErrors)).toBeDefined();
  expect(error.fieldErrors[field].join(" ")).toContain(text);
  return error;
}

function historyOf<R>(call: () => R) {
  const last = fx.db.select({ id: t.history.id }).from(t.history).orderBy(desc(t.history.id)).limit(1).get()?.id ?? 0;
  const result = call();
  const rows = fx.db.select().from(t.history).where(gt(t.history.id, last)).orderBy(asc(t.history.id)).all();
  return { result, rows, actions: rows.map((r) => r.action) };
}

function newNotifications<R>(call: () => R) {
  const last = fx.db.select({ id: t.notifications.id }).from(t.notifications).orderBy(desc(t.notifications.id)).limit(1).get()?.id ?? 0;
  const result = call();
  const rows = fx.db.select().from(t.notifications).where(gt(t.notifications.id, last)).orderBy(asc(t.notifications.id)).all();
  return { result, rows };
}

// ---------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------

function register(sessionId = fx.session.id) {
  return registerProposal(fx.congress, {
    sessionId,
    number: nextNumber++,
    title: "关于古塘街道工业区块改造提升的建议",
    body: "古塘街道工业区块企业老旧厂房较多，建议统筹推进改造提升。",
    field: "工业交通",
    leadDeputyId: fx.hu,
    cosignerIds: [],
    disclosure: "full",
  }).id;
}

/** Registered and assigned now: 市经信局 leads, 市商务局 co-handles. */
function assigned(sessionId = fx.session.id) {
  const proposalId = register(sessionId);
  assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: fx.unit.jxj, coUnitIds: [fx.unit.swj] });
  return proposalId;
}

function assignmentOf(proposalId: number, unit: UnitKey) {
  return fx.db
    .select()
    .from(t.assignments)
    .where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, fx.unit[unit])))
    .get()!;
}

const assignmentRow = (id: number) => fx.db.select().from(t.assignments).where(eq(t.assignments.id, id)).get()!;
const proposalRow = (id: number) => fx.db.select().from(t.proposals).where(eq(t.proposals.id, id)).get()!;
const requestRow = (id: number) => fx.db.select().from(t.requests).where(eq(t.requests.id, id)).get()!;
const dueOf = (proposalId: number, unit: UnitKey) => deadlinesOf(fx.db, assignmentOf(proposalId, unit)).due;

const adjustment = (proposalId: number, unit: UnitKey = "jxj", over: Record<string, unknown> = {}) => ({
  assignmentId: assignmentOf(proposalId, unit).id,
  reason: "该建议涉及的厂房改造审批属住建部门职责。",
  suggestedUnitId: fx.unit.zjj,
  ...over,
});

const extension = (proposalId: number, requestedDue: string, unit: UnitKey = "jxj", over: Record<string, unknown> = {}) => ({
  assignmentId: assignmentOf(proposalId, unit).id,
  reason: "需待省级专项资金下达后方能答复",
  requestedDue,
  ...over,
});

// =============================================================================================
// 1. Requests
// =============================================================================================

describe("申请调整: the 10-working-day window", () => {
  // Assigned Wednesday 25 March 2026. Ten working days: 26, 27, 30, 31 Mar, 1, 2, 3 Apr,
  // (4–6 Apr 清明 off), 7, 8, 9 Apr. Without the holiday the window would end on 8 April.
  let proposalId: number;
  beforeEach(() => {
    at("2026-03-25T09:00:00+08:00");
    proposalId = assigned();
  });

  it("the window ends on 2026-04-09, counted over 清明", () => {
    expect(deadlinesOf(fx.db, assignmentOf(proposalId, "jxj")).returnWindowEnd).toBe("2026-04-09");
  });

  it("is accepted on the window's last day (late evening, China time)", () => {
    at("2026-04-09T23:30:00+08:00");
    const { result, actions } = historyOf(() => requestAdjustment(fx.staff.jxj, adjustment(proposalId)));
    expect(actions).toEqual(["request.adjustment"]);
    const request = requestRow(result.id);
    expect(request).toMatchObject({
      kind: "adjustment",
      state: "pending",
      suggestedUnitId: fx.unit.zjj,
      createdById: fx.staff.jxj.id,
      assignmentId: assignmentOf(proposalId, "jxj").id,
    });
    // The government office is told.
    const note = fx.db.select().from(t.notifications).where(eq(t.notifications.kind, "request_pending")).all();
    expect(note.map((n) => n.userId)).toEqual([fx.gov.id]);
    expect(note[0].message).toContain("申请调整承办单位");
  });

  it("is accepted on a holiday inside the window (5 April)", () => {
    at("2026-04-05T10:00:00+08:00");
    expect(() => requestAdjustment(fx.leader.jxj, adjustment(proposalId))).not.toThrow();
  });

  it("is refused the next day, naming the window's end", async () => {
    at("2026-04-10T09:00:00+08:00");
    const e = await invalid("reason", "2026-04-09", () => requestAdjustment(fx.staff.jxj, adjustment(proposalId)));
    expect(e.fieldErrors.reason[0]).toBe("已超过申请调整期限（截至 2026-04-09）");
    expect(e.message).toContain("10个工作日");
  });

  it("is refused at 07:00 on 10 April China time (still 9 April in UTC)", async () => {
    at("2026-04-10T07:00:00+08:00");
    await invalid("reason", "截至 2026-04-09", () => requestAdjustment(fx.staff.jxj, adjustment(proposalId)));
  });

  it("is refused for a unit's co-handling assignment after the window as well", async () => {
    at("2026-04-13T09:00:00+08:00");
    await invalid("reason", "2026-04-09", () => requestAdjustment(fx.staff.swj, adjustment(proposalId, "swj")));
  });

  it("needs a reason and an existing suggested unit", async () => {
    at("2026-03-26T09:00:00+08:00");
    await invalid("reason", "请填写申请理由", () => requestAdjustment(fx.staff.jxj, adjustment(proposalId, "jxj", { reason: "  " })));
    await invalid("suggestedUnitId", "建议的承办单位不存在", () =>
      requestAdjustment(fx.staff.jxj, adjustment(proposalId, "jxj", { suggestedUnitId: 9999 })),
    );
  });
});

describe("申请调整: decisions", () => {
  let proposalId: number;
  let requestId: number;
  beforeEach(() => {
    proposalId = assigned();
    at("2026-03-04T09:00:00+08:00");
    receiveAssignment(fx.staff.jxj, { assignmentId: assignmentOf(proposalId, "jxj").id });
    requestId = requestAdjustment(fx.staff.jxj, adjustment(proposalId)).id;
    at("2026-03-06T15:00:00+08:00");
  });

  it("approval hands the assignment to the new unit; the clock keeps running from the original assignment", () => {
    const old = assignmentOf(proposalId, "jxj");
    const dueBefore = deadlinesOf(fx.db, old);
    const { rows: notes, result: h } = newNotifications(() =>
      historyOf(() =>
        decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "经研究，改由市住建局主办。", newUnitId: fx.unit.zjj }),
      ),
    );

    // The old assignment stays, marked transferred.
    const oldNow = assignmentRow(old.id);
    expect(oldNow.state).toBe("transferred");
    expect(oldNow.unitId).toBe(fx.unit.jxj);

    // The new unit's assignment: same role, fresh state, SAME assignedAt, linked to the old one.
    const successor = assignmentOf(proposalId, "zjj");
    expect(successor).toMatchObject({ role: "lead", state: "assigned", replacesId: old.id, round: 1, extendedTo: null });
    expect(successor.assignedAt.getTime()).toBe(old.assignedAt.getTime());
    const dueAfter = deadlinesOf(fx.db, successor);
    expect(dueAfter.due).toBe("2026-06-02");
    expect(dueAfter.due).toBe(dueBefore.due);
    expect(dueAfter.returnWindowEnd).toBe(dueBefore.returnWindowEnd);
    expect(dueAfter.extensionLimit).toBe("2026-09-02");

    // The proposal is still being handled; the co-unit is untouched.
    expect(proposalRow(proposalId).state).toBe("handling");
    expect(assignmentOf(proposalId, "swj").state).toBe("assigned");
    expect(fx.db.select().from(t.assignments).where(eq(t.assignments.proposalId, proposalId)).all()).toHaveLength(3);

    // The request is approved with the decision recorded.
    expect(requestRow(requestId)).toMatchObject({
      state: "approved",
      decidedById: fx.gov.id,
      decisionReason: "经研究，改由市住建局主办。",
      newUnitId: fx.unit.zjj,
    });
    expect(requestRow(requestId).decidedAt?.toISOString()).toBe(new Date("2026-03-06T15:00:00+08:00").toISOString());

    // History: the transfer and the decision, on the proposal; no proposal state change.
    expect(h.actions).toEqual(["assignment.transfer", "request.approved"]);
    expect(h.rows.every((r) => r.proposalId === proposalId)).toBe(true);
    expect(h.rows[0]).toMatchObject({
      subjectId: old.id,
      before: { unitId: fx.unit.jxj, state: "received" },
      after: { unitId: fx.unit.zjj, unitName: "市住建局", successorId: successor.id },
    });

    // Notifications: the new unit's staff and leader learn of it, the requester gets the decision.
    const assignedNotes = notes.filter((n) => n.kind === "assigned");
    expect(assignedNotes.map((n) => n.userId).sort()).toEqual([fx.staff.zjj.id, fx.leader.zjj.id].sort());
    expect(assignedNotes.every((n) => n.assignmentId === successor.id)).toBe(true);
    expect(assignedNotes[0].message).toContain("办理时限仍自原交办之日起计算");
    const decided = notes.filter((n) => n.kind === "request_decided");
    expect(decided.map((n) => n.userId)).toEqual([fx.staff.jxj.id]);
    expect(decided[0].message).toContain("已获批准");
    expect(notes.filter((n) => ![fx.staff.zjj.id, fx.leader.zjj.id, fx.staff.jxj.id].includes(n.userId))).toEqual([]);
  });

  it("after the transfer the old unit can no longer act on it, and the new unit can", async () => {
    decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意调整。", newUnitId: fx.unit.zjj });
    await refused(Conflict, () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-01")));
    expect(() => receiveAssignment(fx.staff.zjj, { assignmentId: assignmentOf(proposalId, "zjj").id })).not.toThrow();
    // The new unit inherits the old window, which still runs (assigned 2 March → 16 March).
    expect(() => requestAdjustment(fx.staff.zjj, adjustment(proposalId, "zjj", { suggestedUnitId: "" }))).not.toThrow();
  });

  it("approval without a new unit is refused on newUnitId", async () => {
    const e = await invalid("newUnitId", "请选择调整后的承办单位", () =>
      decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意调整。" }),
    );
    expect(e.message).toBe("请选择调整后的承办单位。");
    await invalid("newUnitId", "请选择调整后的承办单位", () =>
      decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意调整。", newUnitId: "" }),
    );
  });

  it("approval to a disabled unit, or a unit already on the proposal, is refused on newUnitId", async () => {
    await invalid("newUnitId", "所选单位不存在或已停用", () =>
      decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意调整。", newUnitId: fx.retiredUnit }),
    );
    await invalid("newUnitId", "该单位已承办此建议", () =>
      decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意调整。", newUnitId: fx.unit.swj }),
    );
  });

  it("a decision needs its reason", async () => {
    await invalid("decisionReason", "请填写审核理由", () =>
      decideRequest(fx.gov, { requestId, decision: "reject", decisionReason: "" }),
    );
  });

  it("rejection leaves the assignment where it is and tells the requester", () => {
    const before = assignmentOf(proposalId, "jxj");
    const { rows: notes, result: h } = newNotifications(() =>
      historyOf(() => decideRequest(fx.gov, { requestId, decision: "reject", decisionReason: "该建议属经信部门职责，请继续办理。" })),
    );
    expect(assignmentOf(proposalId, "jxj")).toEqual(before);
    expect(assignmentOf(proposalId, "zjj")).toBeUndefined();
    expect(requestRow(requestId)).toMatchObject({ state: "rejected", decidedById: fx.gov.id, newUnitId: null });
    expect(h.actions).toEqual(["request.rejected"]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ userId: fx.staff.jxj.id, kind: "request_decided" });
    expect(notes[0].message).toContain("未获同意：该建议属经信部门职责，请继续办理。");
    expect(proposalRow(proposalId).state).toBe("handling");
  });

  it("a decided request cannot be decided again; an unknown one is not found", async () => {
    decideRequest(fx.gov, { requestId, decision: "reject", decisionReason: "请继续办理。" });
    const e = await refused(Conflict, () =>
      decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意。", newUnitId: fx.unit.zjj }),
    );
    expect(e.message).toContain("该申请已审核");
    await refused(NotFound, () => decideRequest(fx.gov, { requestId: 9999, decision: "reject", decisionReason: "无" }));
  });

  it("a second request while one is pending is a Conflict (of either kind); after a decision a new one may be filed", async () => {
    const e = await refused(Conflict, () => requestAdjustment(fx.leader.jxj, adjustment(proposalId, "jxj", { reason: "再次申请" })));
    expect(e.message).toContain("已有一项申请在审核中");
    await refused(Conflict, () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-01")));
    decideRequest(fx.gov, { requestId, decision: "reject", decisionReason: "请继续办理。" });
    expect(() => requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-01"))).not.toThrow();
  });

  it("only the government office decides", async () => {
    for (const role of otherRoles(["gov_office"])) {
      await refused(Forbidden, () =>
        decideRequest(actorFor(role), { requestId, decision: "approve", decisionReason: "同意。", newUnitId: fx.unit.zjj }),
      );
      await refused(Forbidden, () => decideRequest(actorFor(role), { requestId, decision: "reject", decisionReason: "不同意。" }));
    }
  });

  it("(regression) approving an adjustment after the proposal was withdrawn is refused (no new unit is handed a withdrawn proposal)", async () => {
    at("2026-03-09T09:00:00+08:00");
    withdrawProposal(fx.congress, { proposalId, reason: "领衔代表书面申请撤回。" });
    expect(proposalRow(proposalId).state).toBe("withdrawn");
    // The unit itself can no longer request anything on a withdrawn proposal …
    await refused(Conflict, () => requestExtension(fx.staff.swj, extension(proposalId, "2026-05-01", "swj")));
    // … but a request filed before the withdrawal can still be approved: a new "assigned" row is
    // created on the withdrawn proposal and 市住建局 is told to handle it.
    await refused(Conflict, () =>
      decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "同意调整。", newUnitId: fx.unit.zjj }),
    );
  });
});

describe("申请调整 and 申请延期: who may file", () => {
  let proposalId: number;
  beforeEach(() => {
    proposalId = assigned();
  });

  it("another unit cannot request on an assignment that is not theirs", async () => {
    for (const unit of ["swj", "zjj"] as const) {
      for (const actor of [fx.staff[unit], fx.leader[unit]]) {
        const e = await refused(NotFound, () => requestAdjustment(actor, adjustment(proposalId, "jxj")));
        expect(e.message).toBe("未找到该承办事项，或它不属于您的单位。");
        await refused(NotFound, () => requestExtension(actor, extension(proposalId, "2026-07-01", "jxj")));
      }
    }
    await refused(NotFound, () => requestExtension(fx.staff.jxj, { ...extension(proposalId, "2026-07-01"), assignmentId: 9999 }));
  });

  it("only unit staff and leaders file requests", async () => {
    for (const role of otherRoles(["unit_staff", "unit_leader"])) {
      await refused(Forbidden, () => requestAdjustment(actorFor(role), adjustment(proposalId)));
      await refused(Forbidden, () => requestExtension(actorFor(role), extension(proposalId, "2026-07-01")));
    }
  });
});

describe("申请延期", () => {
  // Assigned Monday 2 March 2026: reply due 2 June (3 months), opinion due 2 April (1 month),
  // extension limit 2 September (6 months, Civil Code).
  let proposalId: number;
  beforeEach(() => {
    proposalId = assigned();
    at("2026-05-20T09:00:00+08:00");
  });

  it("the current dues and the limit", () => {
    const lead = deadlinesOf(fx.db, assignmentOf(proposalId, "jxj"));
    expect(lead).toMatchObject({ duty: "reply", due: "2026-06-02", extensionLimit: "2026-09-02" });
    expect(lead.explanation).toEqual(["交办 2026-03-02 起 3 个月 → 2026-06-02"]);
    expect(deadlinesOf(fx.db, assignmentOf(proposalId, "swj"))).toMatchObject({ duty: "opinion", due: "2026-04-02" });
  });

  it("a requested due date not after the current one is refused on requestedDue", async () => {
    for (const day of ["2026-06-02", "2026-05-29"]) {
      const e = await invalid("requestedDue", "现在的期限为 2026-06-02", () => requestExtension(fx.staff.jxj, extension(proposalId, day)));
      expect(e.message).toBe("延期后的期限应晚于现在的期限。");
    }
  });

  it("beyond the 6-month limit is refused on requestedDue, naming the limit", async () => {
    const e = await invalid("requestedDue", "2026-09-02", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-09-03")));
    expect(e.fieldErrors.requestedDue[0]).toBe("延期后总时限不得超过交办后6个月（2026-09-02）");
    expect(e.message).toBe("超过延期总时限。");
  });

  it("the limit day itself is accepted", () => {
    expect(() => requestExtension(fx.staff.jxj, extension(proposalId, "2026-09-02"))).not.toThrow();
  });

  it("an impossible date and a missing reason are refused on their fields", async () => {
    await invalid("requestedDue", "申请延期至不是有效日期", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-02-30")));
    await invalid("reason", "请填写延期理由", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-01", "jxj", { reason: "" })));
  });

  it("(regression) an empty or malformed date is refused as Invalid on its field, not with a RangeError (validation.ts day())", async () => {
    // day() in lib/validation.ts runs its refine even when the regex/min checks failed and calls
    // new Date(...).toISOString() on an invalid date, which throws RangeError("Invalid time value").
    await invalid("requestedDue", "请填写申请延期至", () => requestExtension(fx.staff.jxj, extension(proposalId, "")));
    await invalid("requestedDue", "申请延期至格式应为“年-月-日”", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026/07/01")));
    await invalid("requestedDue", "申请延期至", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-13-01")));
    await invalid("date", "日期格式应为“年-月-日”", () => saveCalendarDay(fx.admin, { date: "2026-7-1", working: "off", name: "测试" }));
    await invalid("date", "请填写日期", () => removeCalendarDay(fx.admin, { date: "" }));
    await invalid("fixedReplyDue", "统一答复期限", () => setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "2026-13-01" }));
    // Not in the past, and not beyond the law's outer limit (6 months from today).
    at("2026-03-02T10:00:00+08:00");
    await invalid("fixedReplyDue", "统一答复期限须在 2026-03-02 至 2026-09-02 之间", () => setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "2026-03-01" }));
    await invalid("fixedReplyDue", "统一答复期限须在 2026-03-02 至 2026-09-02 之间", () => setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "2026-09-03" }));
  });

  it("approval sets the new due date and the explanation names the reason", async () => {
    const { id: requestId } = requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-15"));
    expect(requestRow(requestId)).toMatchObject({ kind: "extension", requestedDue: "2026-07-15", state: "pending" });
    // Pending: nothing moves yet.
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-02");
    at("2026-05-21T09:00:00+08:00");
    const { actions } = historyOf(() => decideRequest(fx.gov, { requestId, decision: "approve", decisionReason: "理由充分，同意延期。" }));
    expect(actions).toEqual(["request.approved"]);
    const a = assignmentOf(proposalId, "jxj");
    expect(a).toMatchObject({ extendedTo: "2026-07-15", extensionReason: "需待省级专项资金下达后方能答复", state: "assigned" });
    const d = deadlinesOf(fx.db, a);
    expect(d.due).toBe("2026-07-15");
    expect(d.explanation).toEqual(["交办 2026-03-02 起 3 个月 → 2026-06-02", "经批准延期至 2026-07-15（需待省级专项资金下达后方能答复）"]);
    expect(d.explanation.join("")).toContain("需待省级专项资金下达后方能答复");
    // The co-unit's opinion is not moved by the lead's extension.
    expect(dueOf(proposalId, "swj")).toBe("2026-04-02");
    // A second extension must go beyond the extended day, and still within the limit.
    await invalid("requestedDue", "现在的期限为 2026-07-15", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-10")));
    await invalid("requestedDue", "2026-09-02", () => requestExtension(fx.staff.jxj, extension(proposalId, "2026-09-03")));
    expect(() => requestExtension(fx.staff.jxj, extension(proposalId, "2026-08-14"))).not.toThrow();
  });

  it("rejection keeps the due date", () => {
    const { id: requestId } = requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-15"));
    decideRequest(fx.gov, { requestId, decision: "reject", decisionReason: "不符合延期条件。" });
    expect(assignmentOf(proposalId, "jxj")).toMatchObject({ extendedTo: null, extensionReason: null });
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-02");
  });

  it("a co-unit's extension of its opinion is measured from the opinion's due day", async () => {
    at("2026-03-20T09:00:00+08:00");
    await invalid("requestedDue", "现在的期限为 2026-04-02", () => requestExtension(fx.staff.swj, extension(proposalId, "2026-04-02", "swj")));
    const { id } = requestExtension(fx.staff.swj, extension(proposalId, "2026-04-30", "swj"));
    decideRequest(fx.gov, { requestId: id, decision: "approve", decisionReason: "同意。" });
    expect(dueOf(proposalId, "swj")).toBe("2026-04-30");
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-02");
  });

  it("(regression) an extension to a day that has already passed is refused on requestedDue", async () => {
    // 20 May: the co-unit's opinion (due 2 April) is overdue. Asking to extend it to 30 April,
    // already past, is accepted today, and its approval leaves the assignment overdue at once.
    const e = await refused(Invalid, () => requestExtension(fx.staff.swj, extension(proposalId, "2026-04-30", "swj")));
    expect(e.fieldErrors.requestedDue).toBeDefined();
  });
});

// =============================================================================================
// 2. Calendar
// =============================================================================================

describe("calendar edits recompute running deadlines", () => {
  let proposalId: number;
  beforeEach(() => {
    proposalId = assigned(); // reply due 2026-06-02 (Tuesday), opinion due 2026-04-02
    at("2026-03-10T09:00:00+08:00");
  });

  it("a holiday added on the due day moves it to the next working day, with one deadline.moved and one calendar.create row", () => {
    const lead = assignmentOf(proposalId, "jxj");
    const { result, rows, actions } = historyOf(() => saveCalendarDay(fx.admin, { date: "2026-06-02", working: "off", name: "测试假日" }));
    expect(result).toEqual({ moved: 1 });
    expect(actions).toEqual(["deadline.moved", "calendar.create"]);
    expect(rows[0]).toMatchObject({
      actorId: fx.admin.id,
      subjectType: "assignment",
      subjectId: lead.id,
      proposalId,
      before: { due: "2026-06-02" },
      after: { due: "2026-06-03", reason: "工作日历调整" },
    });
    expect(rows[1]).toMatchObject({ subjectType: "calendar", proposalId: null, before: null });
    expect(rows[1].after).toMatchObject({ date: "2026-06-02", working: false, name: "测试假日", deadlinesMoved: 1 });

    const d = deadlinesOf(fx.db, lead);
    expect(d.due).toBe("2026-06-03");
    expect(d.explanation[0]).toBe("交办 2026-03-02 起 3 个月 → 2026-06-02（测试假日），顺延至下一工作日 2026-06-03");
    expect(dueOf(proposalId, "swj")).toBe("2026-04-02");
    expect(fx.db.select().from(t.calendarDays).where(eq(t.calendarDays.date, "2026-06-02")).get()).toMatchObject({ working: false, name: "测试假日" });
  });

  it("removing it moves the deadline back, again with one deadline.moved row and a calendar.remove row", () => {
    saveCalendarDay(fx.admin, { date: "2026-06-02", working: "off", name: "测试假日" });
    const { result, rows, actions } = historyOf(() => removeCalendarDay(fx.admin, { date: "2026-06-02" }));
    expect(result).toEqual({ moved: 1 });
    expect(actions).toEqual(["deadline.moved", "calendar.remove"]);
    expect(rows[0]).toMatchObject({ proposalId, before: { due: "2026-06-03" }, after: { due: "2026-06-02" } });
    expect(rows[1].after).toMatchObject({ date: "2026-06-02", deadlinesMoved: 1 });
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-02");
    expect(fx.db.select().from(t.calendarDays).where(eq(t.calendarDays.date, "2026-06-02")).get()).toBeUndefined();
  });

  it("an edit that moves no deadline writes only the calendar row", () => {
    const { result, actions } = historyOf(() => saveCalendarDay(fx.admin, { date: "2026-11-11", working: "off", name: "测试" }));
    expect(result).toEqual({ moved: 0 });
    expect(actions).toEqual(["calendar.create"]);
  });

  it("an approved extension's day that becomes a day off moves to the next working day, like any due day", () => {
    at("2026-05-20T09:00:00+08:00");
    const { id } = requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-15"));
    decideRequest(fx.gov, { requestId: id, decision: "approve", decisionReason: "同意。" });
    const { result, actions } = historyOf(() => saveCalendarDay(fx.admin, { date: "2026-07-15", working: "off", name: "测试" }));
    expect(result).toEqual({ moved: 1 });
    expect(actions).toEqual(["deadline.moved", "calendar.create"]);
    expect(dueOf(proposalId, "jxj")).toBe("2026-07-16");
  });

  it("changing an entry (original) is recorded as calendar.update and recomputes too", () => {
    saveCalendarDay(fx.admin, { date: "2026-06-02", working: "off", name: "测试假日" });
    const { result, rows, actions } = historyOf(() =>
      saveCalendarDay(fx.admin, { date: "2026-06-03", working: "off", name: "测试假日", original: "2026-06-02" }),
    );
    // 2 June is a working day again, so the due day is back on it.
    expect(result).toEqual({ moved: 1 });
    expect(actions).toEqual(["deadline.moved", "calendar.update"]);
    expect(rows[1].before).toMatchObject({ date: "2026-06-02" });
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-02");
    expect(fx.db.select().from(t.calendarDays).where(eq(t.calendarDays.date, "2026-06-02")).get()).toBeUndefined();
  });

  it("dates outside 2004 … now+2 are refused on date", async () => {
    expect(calendarRange(new Date("2026-03-10T01:00:00Z"))).toEqual({ first: 2004, last: 2028 });
    const e = await invalid("date", "日期须在2004年至2028年之间", () =>
      saveCalendarDay(fx.admin, { date: "2003-10-01", working: "off", name: "国庆节" }),
    );
    expect(e.message).toBe("日期超出范围。");
    await invalid("date", "日期须在2004年至2028年之间", () => saveCalendarDay(fx.admin, { date: "2029-01-01", working: "off", name: "元旦" }));
    // The edges are accepted.
    expect(() => saveCalendarDay(fx.admin, { date: "2028-12-31", working: "off", name: "测试" })).not.toThrow();
    expect(() => saveCalendarDay(fx.admin, { date: "2004-01-03", working: "on", name: "测试" })).not.toThrow();
  });

  it("(regression) the range follows the year in China, not UTC (07:00 on 1 Jan 2027 in China allows 2029)", () => {
    at("2027-01-01T07:00:00+08:00"); // still 2026-12-31 in UTC
    expect(() => saveCalendarDay(fx.admin, { date: "2029-01-01", working: "off", name: "元旦" })).not.toThrow();
  });

  it("an impossible date, an unknown type and a missing name are refused on their fields", async () => {
    await invalid("date", "不是有效日期", () => saveCalendarDay(fx.admin, { date: "2026-02-30", working: "off", name: "测试" }));
    await invalid("working", "请选择类型", () => saveCalendarDay(fx.admin, { date: "2026-11-11", working: "maybe", name: "测试" }));
    await invalid("name", "请填写名称", () => saveCalendarDay(fx.admin, { date: "2026-11-11", working: "off", name: "" }));
  });

  it("a date already in the calendar is refused on date", async () => {
    const e = await invalid("date", "已在工作日历中", () => saveCalendarDay(fx.admin, { date: "2026-04-04", working: "off", name: "清明" }));
    expect(e.fieldErrors.date[0]).toBe("2026-04-04 已在工作日历中（清明），请修改该条记录");
    // Also when changing another entry onto it.
    await invalid("date", "已在工作日历中", () =>
      saveCalendarDay(fx.admin, { date: "2026-04-04", working: "off", name: "清明", original: "2026-04-05" }),
    );
  });

  it("removing or changing a date that is not there is not found", async () => {
    await refused(NotFound, () => removeCalendarDay(fx.admin, { date: "2026-06-02" }));
    await refused(NotFound, () => saveCalendarDay(fx.admin, { date: "2026-06-09", working: "off", name: "测试", original: "2026-06-08" }));
  });

  it("only the administrator edits the calendar", async () => {
    for (const role of otherRoles(["system_admin"])) {
      await refused(Forbidden, () => saveCalendarDay(actorFor(role), { date: "2026-06-02", working: "off", name: "测试假日" }));
      await refused(Forbidden, () => removeCalendarDay(actorFor(role), { date: "2026-04-04" }));
    }
  });

  it("(regression) a withdrawn proposal's assignments have no running deadline: a calendar edit writes no deadline.moved row on it", () => {
    at("2026-03-02T15:00:00+08:00"); // the same day as the live proposal: reply due 2026-06-02
    const withdrawn = assigned();
    expect(dueOf(withdrawn, "jxj")).toBe("2026-06-02");
    withdrawProposal(fx.congress, { proposalId: withdrawn, reason: "领衔代表书面申请撤回。" });
    expect(assignmentOf(withdrawn, "jxj").state).toBe("assigned"); // withdrawal leaves the rows as they were
    at("2026-03-10T09:00:00+08:00");
    const { rows } = historyOf(() => saveCalendarDay(fx.admin, { date: "2026-06-02", working: "off", name: "测试假日" }));
    // Only the live proposal's lead deadline moved.
    expect(rows.filter((r) => r.action === "deadline.moved").map((r) => r.proposalId)).toEqual([proposalId]);
  });
});

describe("ensureCalendar", () => {
  it("fills an empty table once from the packaged schedules, with 2025-01-26 a working day", () => {
    const db = openDb(":memory:");
    expect(db.select().from(t.calendarDays).all()).toEqual([]);
    const first = ensureCalendar(db, new Date("2026-01-01T00:00:00Z"));
    expect(first).toBeGreaterThan(700);
    expect(db.select().from(t.calendarDays).all()).toHaveLength(first);
    expect(ensureCalendar(db)).toBe(0);
    expect(db.select().from(t.calendarDays).all()).toHaveLength(first);

    const cal = loadCalendar(db);
    expect(cal.get("2025-01-26")).toEqual({ working: true, name: "春节" });
    expect(isWorkingDay("2025-01-26", cal)).toBe(true); // a Sunday, 调休
    expect(isWorkingDay("2025-01-28", cal)).toBe(false);
    expect(isWorkingDay("2025-02-08", cal)).toBe(true); // a Saturday, 调休
    expect(cal.get("2026-04-06")).toEqual({ working: false, name: "清明" });
    db.$client.close();
  });

  it("leaves an administrator's calendar alone once anything is in it", () => {
    const db = openDb(":memory:");
    db.insert(t.calendarDays).values({ date: "2027-01-01", working: false, name: "元旦", updatedAt: new Date() }).run();
    expect(ensureCalendar(db)).toBe(0);
    expect(db.select().from(t.calendarDays).all()).toHaveLength(1);
    db.$client.close();
  });
});

// =============================================================================================
// 3. The batch reply due date
// =============================================================================================

describe("setFixedReplyDue", () => {
  let proposalId: number;
  let parallelId: number;
  let otherId: number;
  beforeEach(() => {
    proposalId = assigned();
    parallelId = register();
    assignProposal(fx.gov, { proposalId: parallelId, mode: "parallel", parallelUnitIds: [fx.unit.fgj, fx.unit.zjj] });
    otherId = assigned(fx.otherSession.id);
    at("2026-03-10T09:00:00+08:00");
  });

  it("replaces the 3-month rule for replies (lead and parallel), not for co-units' opinions, in that session only", () => {
    const { actions, rows } = historyOf(() => setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "2026-05-29" }));
    // Each running reply deadline that moved is on its proposal's history (lead, two parallel units).
    expect(actions).toEqual(["deadline.moved", "deadline.moved", "deadline.moved", "session.fixedReplyDue"]);
    expect(rows.slice(0, 3).map((r) => (r.after as { due: string; reason: string }).due)).toEqual(["2026-05-29", "2026-05-29", "2026-05-29"]);
    expect(rows[3]).toMatchObject({ subjectId: fx.session.id, before: { fixedReplyDue: null }, after: { fixedReplyDue: "2026-05-29", deadlinesMoved: 3 } });
    const lead = deadlinesOf(fx.db, assignmentOf(proposalId, "jxj"));
    expect(lead.due).toBe("2026-05-29");
    expect(lead.explanation).toEqual(["政府督查室统一确定答复期限 2026-05-29"]);
    expect(dueOf(parallelId, "fgj")).toBe("2026-05-29");
    expect(dueOf(parallelId, "zjj")).toBe("2026-05-29");
    const co = deadlinesOf(fx.db, assignmentOf(proposalId, "swj"));
    expect(co.due).toBe("2026-04-02");
    expect(co.explanation[0]).toContain("1 个月");
    // The other session keeps the month rule; the limits are still from assignment.
    expect(dueOf(otherId, "jxj")).toBe("2026-06-02");
    expect(lead.extensionLimit).toBe("2026-09-02");
  });

  it("an approved extension still applies over the batch date; clearing the batch date restores the month rule", () => {
    setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "2026-05-29" });
    expect(() => requestExtension(fx.staff.jxj, extension(proposalId, "2026-05-29"))).toThrow(Invalid);
    const { id } = requestExtension(fx.staff.jxj, extension(proposalId, "2026-06-30"));
    decideRequest(fx.gov, { requestId: id, decision: "approve", decisionReason: "同意。" });
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-30");
    setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "" });
    expect(fx.db.select().from(t.congressSessions).where(eq(t.congressSessions.id, fx.session.id)).get()!.fixedReplyDue).toBeNull();
    expect(dueOf(parallelId, "fgj")).toBe("2026-06-02");
  });

  it("is the government office's alone", async () => {
    for (const role of otherRoles(["gov_office"]))
      await refused(Forbidden, () => setFixedReplyDue(actorFor(role), { sessionId: fx.session.id, fixedReplyDue: "2026-05-29" }));
  });

  it("refuses an unknown session and a malformed date", async () => {
    await refused(NotFound, () => setFixedReplyDue(fx.gov, { sessionId: 9999, fixedReplyDue: "2026-05-29" }));
    await invalid("fixedReplyDue", "统一答复期限不是有效日期", () => setFixedReplyDue(fx.gov, { sessionId: fx.session.id, fixedReplyDue: "2026-02-30" }));
    await invalid("sessionId", "请选择届次", () => setFixedReplyDue(fx.gov, { fixedReplyDue: "2026-05-29" }));
  });
});

// =============================================================================================
// 4. Reminders
// =============================================================================================

describe("runReminders", () => {
  // Assigned 2 March 2026. On Wednesday 27 May the co-unit's opinion (due 2 April) is overdue
  // and the lead's reply (due Tuesday 2 June, 4 working days away) is due soon.
  const MAY_27 = new Date("2026-05-27T08:00:00+08:00");
  let proposalId: number;
  let savedSmtp: string | undefined;

  beforeEach(() => {
    savedSmtp = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
  });
  afterEach(() => {
    if (savedSmtp === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtp;
  });

  const jxjUsers = () => [fx.staff.jxj.id, fx.leader.jxj.id, fx.staff2.id].sort((a, b) => a - b);
  const swjUsers = () => [fx.staff.swj.id, fx.leader.swj.id].sort((a, b) => a - b);

  function reminders(db: Db = fx.db) {
    return db
      .select()
      .from(t.notifications)
      .where(and(eq(t.notifications.proposalId, proposalId)))
      .all()
      .filter((n) => n.kind === "overdue" || n.kind === "due_soon");
  }

  /** Reminder counts per "kind user assignment threshold". */
  function tally(db: Db = fx.db) {
    const counts: Record<string, number> = {};
    for (const n of reminders(db)) {
      const key = `${n.kind} ${n.userId} ${n.assignmentId} ${n.threshold}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  function expectOnePerUser(db: Db = fx.db) {
    const lead = assignmentOf(proposalId, "jxj").id;
    const co = assignmentOf(proposalId, "swj").id;
    const expected: Record<string, number> = {};
    for (const u of swjUsers()) expected[`overdue ${u} ${co} overdue:2026-04-02`] = 1;
    for (const u of jxjUsers()) expected[`due_soon ${u} ${lead} soon:2026-06-02`] = 1;
    expect(tally(db)).toEqual(expected);
  }

  function setup() {
    proposalId = assigned();
    at("2026-03-04T09:00:00+08:00");
    receiveAssignment(fx.staff.swj, { assignmentId: assignmentOf(proposalId, "swj").id });
  }

  it("twice on the same day: one overdue and one due-soon reminder per unit user per assignment", async () => {
    setup();
    const first = await runReminders(MAY_27);
    expect(first).toEqual({ created: swjUsers().length + jxjUsers().length, emailed: 0 });
    expectOnePerUser();
    const rows = reminders();
    const overdue = rows.find((n) => n.kind === "overdue")!;
    expect(overdue.message).toBe(`${SESSION_NAME}第101号建议《关于古塘街道工业区块改造提升的建议》的协办意见已逾期（期限 2026-04-02），请抓紧办理。`);
    const soon = rows.find((n) => n.kind === "due_soon")!;
    expect(soon.message).toBe(`${SESSION_NAME}第101号建议《关于古塘街道工业区块改造提升的建议》的答复将于 2026-06-02 到期（还有 4 个工作日）。`);
    expect(rows.every((n) => n.createdAt.getTime() === MAY_27.getTime() && n.emailedAt === null)).toBe(true);
    // Nobody outside the two units (office, deputy, the disabled account) is reminded.
    expect(rows.some((n) => n.userId === fx.disabled.id || n.userId === fx.gov.id || n.userId === fx.deputy.id)).toBe(false);

    expect(await runReminders(MAY_27)).toEqual({ created: 0, emailed: 0 });
    // …and on the following days, too: the same thresholds.
    expect(await runReminders(new Date("2026-05-28T08:00:00+08:00"))).toEqual({ created: 0, emailed: 0 });
    expect(await runReminders(new Date("2026-06-01T08:00:00+08:00"))).toEqual({ created: 0, emailed: 0 });
    expectOnePerUser();
  });

  it("green assignments are not reminded; the light follows the day in China", async () => {
    setup();
    // 2026-05-25: 6 working days before 2 June → green; the opinion is already red.
    await runReminders(new Date("2026-05-25T08:00:00+08:00"));
    expect(reminders().map((n) => n.kind).every((k) => k === "overdue")).toBe(true);
    // 00:30 on 3 June in China (2 June in UTC): the reply is overdue.
    await runReminders(new Date("2026-06-03T00:30:00+08:00"));
    const overdueReply = reminders().filter((n) => n.kind === "overdue" && n.assignmentId === assignmentOf(proposalId, "jxj").id);
    expect(overdueReply.map((n) => n.userId).sort((a, b) => a - b)).toEqual(jxjUsers());
    expect(overdueReply.every((n) => n.threshold === "overdue:2026-06-02")).toBe(true);
  });

  it("after a restart (closing and reopening the file-backed database) nothing is created twice", async () => {
    setNow(null);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-reminders-"));
    const file = path.join(dir, "banli.sqlite");
    try {
      at("2026-03-02T10:00:00+08:00");
      fx = makeFixture(file);
      setup();
      expect((await runReminders(MAY_27)).created).toBe(5);
      expect((await runReminders(MAY_27)).created).toBe(0);
      fx.db.$client.close();

      const reopened = openDb(file);
      useDb(reopened);
      fx = { ...fx, db: reopened };
      expect(reminders(reopened)).toHaveLength(5);
      expect(await runReminders(MAY_27)).toEqual({ created: 0, emailed: 0 });
      expect(await runReminders(new Date("2026-05-29T08:00:00+08:00"))).toEqual({ created: 0, emailed: 0 });
      expectOnePerUser(reopened);
      reopened.$client.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an approved extension gives a new due day, which may remind once more (and only once)", async () => {
    setup();
    await runReminders(MAY_27);
    at("2026-05-28T09:00:00+08:00");
    const { id } = requestExtension(fx.staff.jxj, extension(proposalId, "2026-07-15"));
    decideRequest(fx.gov, { requestId: id, decision: "approve", decisionReason: "同意延期。" });
    // Now green: nothing new.
    expect((await runReminders(new Date("2026-05-28T10:00:00+08:00"))).created).toBe(0);
    expect((await runReminders(new Date("2026-07-07T08:00:00+08:00"))).created).toBe(0); // 6 working days before
    // Thursday 9 July: 4 working days before 15 July → a new "soon" threshold, once per user.
    const later = await runReminders(new Date("2026-07-09T08:00:00+08:00"));
    expect(later.created).toBe(jxjUsers().length);
    expect(await runReminders(new Date("2026-07-10T08:00:00+08:00"))).toEqual({ created: 0, emailed: 0 });
    const lead = assignmentOf(proposalId, "jxj").id;
    const soon = reminders().filter((n) => n.kind === "due_soon" && n.assignmentId === lead);
    expect(soon.map((n) => n.threshold).sort()).toEqual([
      ...jxjUsers().map(() => "soon:2026-06-02"),
      ...jxjUsers().map(() => "soon:2026-07-15"),
    ]);
    expect(soon.find((n) => n.threshold === "soon:2026-07-15")!.message).toContain("将于 2026-07-15 到期");
    // Past the extended day: one overdue reminder per user, keyed to the new day; never for the old one.
    expect((await runReminders(new Date("2026-07-16T08:00:00+08:00"))).created).toBe(jxjUsers().length);
    expect((await runReminders(new Date("2026-07-20T08:00:00+08:00"))).created).toBe(0);
    const overdue = reminders().filter((n) => n.kind === "overdue" && n.assignmentId === lead);
    expect(overdue.map((n) => n.threshold)).toEqual(jxjUsers().map(() => "overdue:2026-07-15"));
  });

  it("a calendar edit that moves a reminded due day reminds once more for the new day (a new threshold), once", async () => {
    setup();
    await runReminders(MAY_27);
    at("2026-05-27T09:00:00+08:00");
    saveCalendarDay(fx.admin, { date: "2026-06-02", working: "off", name: "测试假日" });
    expect(dueOf(proposalId, "jxj")).toBe("2026-06-03");
    // The co-unit's overdue opinion is unaffected; the lead gets one "soon:2026-06-03" reminder each.
    expect((await runReminders(new Date("2026-05-27T10:00:00+08:00"))).created).toBe(jxjUsers().length);
    expect((await runReminders(new Date("2026-05-28T10:00:00+08:00"))).created).toBe(0);
    const lead = assignmentOf(proposalId, "jxj").id;
    const latest = reminders().filter((n) => n.assignmentId === lead && n.threshold === "soon:2026-06-03");
    expect(latest).toHaveLength(jxjUsers().length);
    expect(latest[0].message).toContain("将于 2026-06-03 到期");
  });

  it("a withdrawn proposal's assignments are not reminded", async () => {
    setup();
    const withdrawn = assigned();
    withdrawProposal(fx.congress, { proposalId: withdrawn, reason: "领衔代表书面申请撤回。" });
    const { created } = await runReminders(MAY_27);
    expect(created).toBe(5);
    expect(fx.db.select().from(t.notifications).where(eq(t.notifications.proposalId, withdrawn)).all().filter((n) => n.kind === "overdue" || n.kind === "due_soon")).toEqual([]);
  });

  it("with SMTP_URL unset, nothing is emailed and nothing throws", async () => {
    setup();
    expect(process.env.SMTP_URL).toBeUndefined();
    await expect(runReminders(MAY_27)).resolves.toEqual({ created: 5, emailed: 0 });
    expect(fx.db.select().from(t.notifications).all().every((n) => n.emailedAt === null)).toBe(true);
  });
});
