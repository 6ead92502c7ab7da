import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { and, asc, desc, eq, gt, like } from "drizzle-orm";
import { openDb, useDb } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { ensureCalendar } from "@/lib/clock-rules";
import { Conflict, Forbidden, Invalid, NotFound, ServiceError } from "@/lib/errors";
import { runReminders } from "@/lib/reminders";
import { addCommitment, removeCommitment, reportCommitment } from "@/lib/services/commitments";
import { assignProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { receiveAssignment } from "@/lib/services/assignments";
import { returnReply, saveOpinionDraft, saveReplyDraft, signOffOpinion, signOffReply, submitOpinion, submitReply } from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { proposalName } from "@/lib/services/notify";
import { proposalCommitments } from "@/db/queries/commitments";
import { supervisionReport } from "@/db/queries/supervision";
import { MAX_COMMITMENTS_PER_REPLY, ROLES, type Role } from "@/lib/workflow";
import { smallWorld, snapshotDb, type UnitKey } from "../fixtures";

// The section renders the unit's forms, whose actions read the session: none is needed to render.
vi.mock("@/lib/auth/current", async () => (await import("../page-viewer")).currentViewerModule());
const { CommitmentsSection } = await import("@/components/proposal/commitments");

/*
 * Commitments of a B-category reply (docs/rules.md § "Commitments"), through the services on a fresh
 * migrated database per test: who may add, remove and report (and every refusal changes nothing),
 * the dates a commitment may carry, progress and completion with evidence, overdue, the figures on
 * the supervision dashboard, the reminders, and what each viewer sees on the proposal page.
 *
 * The scene: 市经信局 leads proposal No. 101 (assigned Monday 2 March 2026), 市商务局 co-handles
 * and sends its opinion; 市经信局 drafts a B reply, which its leader signs off on 20 March.
 */

let fx: ReturnType<typeof makeFixture>;
const at = (iso: string) => setNow(new Date(iso));

function makeFixture() {
  const db = openDb(":memory:");
  useDb(db);
  const world = smallWorld(db);
  ensureCalendar(db, new Date("2026-01-01T00:00:00Z"));
  return world;
}

let number = 100;
function register(sessionId = fx.session.id) {
  return registerProposal(fx.congress, {
    sessionId,
    number: ++number,
    title: "关于推动杨梅产业提质增效的建议",
    body: "建议加快老果园改造，支持建设避雨设施和冷链保鲜设施。",
    field: "农业农村",
    leadDeputyId: fx.deputy.hu,
    cosignerIds: [fx.deputy.chen],
    disclosure: "full",
  }).id;
}

const assignmentOf = (proposalId: number, unit: UnitKey) =>
  fx.db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, fx.unit[unit]))).get()!;

const replyFields = (proposalId: number, over: Record<string, unknown> = {}) => ({
  assignmentId: assignmentOf(proposalId, "jxj").id,
  body: "一、关于避雨设施。我局已将杨梅避雨设施纳入年度农业项目计划。\n二、关于冷链保鲜。正在会同市商务局研究建设方案。",
  category: "B",
  contactPerson: "邹佳敏",
  contactPhone: "0574-63023456",
  cc: "市人大常委会代表工委",
  outstandingReason: "",
  ...over,
});

/** Assigned on 2 March (lead 市经信局, co 市商务局), received, the co-unit's opinion sent, a reply drafted in `category`. */
function drafted(category = "B") {
  at("2026-03-02T10:00:00+08:00");
  const proposalId = register();
  assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: fx.unit.jxj, coUnitIds: [fx.unit.swj] });
  at("2026-03-03T10:00:00+08:00");
  for (const u of ["jxj", "swj"] as const) receiveAssignment(fx.staff[u], { assignmentId: assignmentOf(proposalId, u).id });
  const opinion = saveOpinionDraft(fx.staff.swj, { assignmentId: assignmentOf(proposalId, "swj").id, body: "我局将配合做好杨梅电商销售工作。", contactPerson: "周倩", contactPhone: "0574-63012345" });
  submitOpinion(fx.staff.swj, opinion);
  signOffOpinion(fx.leader.swj, opinion);
  at("2026-03-10T10:00:00+08:00");
  const reply = saveReplyDraft(fx.staff.jxj, replyFields(proposalId, { category }));
  return { proposalId, replyId: reply.documentId, version: reply.version };
}

function send(s: { replyId: number; version: number }) {
  at("2026-03-20T10:00:00+08:00");
  submitReply(fx.staff.jxj, { documentId: s.replyId, version: s.version });
  signOffReply(fx.leader.jxj, { documentId: s.replyId, version: s.version });
}

const NEAR = { content: "2026年6月底前完成横河镇杨梅避雨设施建设", dueOn: "2026-06-30" };
const FAR = { content: "年底前建成杨梅冷链保鲜仓储设施", dueOn: "2026-12-31" };

/** A B reply sent with two commitments (due 30 June and 31 December). */
function sentWithTwo() {
  const s = drafted();
  const near = addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR }).commitmentId;
  const far = addCommitment(fx.staff.jxj, { replyId: s.replyId, ...FAR }).commitmentId;
  send(s);
  return { ...s, near, far };
}

/** How messages name a proposal (lib/services/notify.ts). */
const nameOf = (proposalId: number) => proposalName(fx.db as unknown as Parameters<typeof proposalName>[0], proposalId);
const commitmentRow = (id: number) => fx.db.select().from(t.commitments).where(eq(t.commitments.id, id)).get();
const reportsOf = (id: number) => fx.db.select().from(t.commitmentReports).where(eq(t.commitmentReports.commitmentId, id)).orderBy(asc(t.commitmentReports.id)).all();

/** Runs a call that must be refused: checks the error class and that no table changed. */
function refused<E extends ServiceError>(cls: abstract new (...args: never[]) => E, call: () => unknown): E {
  const before = snapshotDb(fx.db);
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${cls.name}, got ${String(caught)}`).toBeInstanceOf(cls);
  expect(snapshotDb(fx.db)).toEqual(before);
  return caught as E;
}

function invalid(field: string, text: string, call: () => unknown) {
  const error = refused(Invalid, call);
  expect(error.fieldErrors[field]?.join(" "), JSON.stringify(error.fieldErrors)).toContain(text);
}

function historyOf<R>(call: () => R) {
  const last = fx.db.select({ id: t.history.id }).from(t.history).orderBy(desc(t.history.id)).limit(1).get()?.id ?? 0;
  const result = call();
  return { result, rows: fx.db.select().from(t.history).where(gt(t.history.id, last)).orderBy(asc(t.history.id)).all() };
}

const notificationsOf = (kindPrefix: string) =>
  fx.db.select().from(t.notifications).where(like(t.notifications.kind, `${kindPrefix}%`)).orderBy(asc(t.notifications.id)).all();

beforeEach(() => {
  fx = makeFixture();
  number = 100;
});
afterEach(() => setNow(null));

// =============================================================================================

describe("addCommitment", () => {
  it("the lead unit's staff add commitments to their B reply while drafting: kept inside the unit until it is sent", () => {
    const s = drafted();
    const { result, rows } = historyOf(() => addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR }));
    expect(commitmentRow(result.commitmentId)).toMatchObject({
      replyId: s.replyId,
      assignmentId: assignmentOf(s.proposalId, "jxj").id,
      proposalId: s.proposalId,
      unitId: fx.unit.jxj,
      content: NEAR.content,
      dueOn: NEAR.dueOn,
      state: "open",
      doneOn: null,
      createdById: fx.staff.jxj.id,
    });
    // On the timeline of the unit only, like the draft itself.
    expect(rows.map((r) => [r.action, r.subjectType, r.subjectId, r.unitId])).toEqual([["commitment.add", "commitment", result.commitmentId, fx.unit.jxj]]);
    expect(proposalCommitments(fx.staff.jxj, s.proposalId).groups[0].commitments.map((c) => c.content)).toEqual([NEAR.content]);
    for (const viewer of [fx.gov, fx.congress, fx.dep.hu, fx.staff.swj]) expect(proposalCommitments(viewer, s.proposalId).groups, viewer.displayName).toEqual([]);
  });

  it("after the reply is sent, too: then the commitment is public to whoever sees the reply", () => {
    const s = drafted();
    send(s);
    at("2026-04-01T10:00:00+08:00");
    const { result, rows } = historyOf(() => addCommitment(fx.staff.jxj, { replyId: s.replyId, ...FAR }));
    expect(rows.map((r) => [r.action, r.unitId])).toEqual([["commitment.add", null]]);
    for (const viewer of [fx.gov, fx.congress, fx.dep.hu, fx.dep.chen, fx.staff.swj, fx.leader.jxj])
      expect(proposalCommitments(viewer, s.proposalId).groups.flatMap((g) => g.commitments.map((c) => c.id)), viewer.displayName).toEqual([result.commitmentId]);
  });

  it("a returned reply takes commitments; one waiting for the leader's signature does not", () => {
    const s = drafted();
    submitReply(fx.staff.jxj, { documentId: s.replyId, version: s.version });
    const pending = refused(Conflict, () => addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR }));
    expect(pending.message).toContain("等待领导签发");
    returnReply(fx.leader.jxj, { documentId: s.replyId, version: s.version, comment: "请补充承诺事项。" });
    expect(addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR }).commitmentId).toBeGreaterThan(0);
  });

  it("refuses a reply of another category", () => {
    const s = drafted("A");
    const error = refused(Conflict, () => addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR }));
    expect(error.message).toBe("该答复为A类（已解决或基本解决），只有B类答复需要登记承诺事项。如答复类别有误，请先修改答复类别。");
  });

  it("refuses another unit, as if the reply did not exist", () => {
    const s = drafted();
    send(s);
    expect(refused(NotFound, () => addCommitment(fx.staff.fgj, { replyId: s.replyId, ...NEAR })).message).toBe("未找到该答复，或它不属于您的单位。");
    refused(NotFound, () => addCommitment(fx.staff.jxj, { replyId: 999_999, ...NEAR }));
  });

  it("refuses the co-unit, which sees the sent reply but does not answer for it", () => {
    const s = drafted();
    // The draft is not even there for the co-unit…
    refused(NotFound, () => addCommitment(fx.staff.swj, { replyId: s.replyId, ...NEAR }));
    send(s);
    // …and the sent reply is the lead unit's to follow up.
    expect(refused(Forbidden, () => addCommitment(fx.staff.swj, { replyId: s.replyId, ...NEAR })).message).toBe(
      "承诺事项由答复代表的主办（分办）单位登记和报告，协办单位不能办理。",
    );
  });

  it.each(ROLES.filter((r) => r !== "unit_staff"))("refuses %s (deputies, offices and leaders read; administrators do not handle proposals)", (role: Role) => {
    const s = drafted();
    send(s);
    const actor: Actor = fx.actorFor(role);
    expect(refused(Forbidden, () => addCommitment(actor, { replyId: s.replyId, ...NEAR })).message).toBe("您无权进行此项操作。");
  });

  it("a due day after the assignment day and within three years of it, a real date", () => {
    const s = drafted();
    invalid("dueOn", "承诺完成时限应晚于交办日期（2026-03-02）", () => addCommitment(fx.staff.jxj, { replyId: s.replyId, content: NEAR.content, dueOn: "2026-03-02" }));
    invalid("dueOn", "承诺完成时限应在交办后3年内（不晚于2029-03-02）", () => addCommitment(fx.staff.jxj, { replyId: s.replyId, content: NEAR.content, dueOn: "2029-03-03" }));
    invalid("dueOn", "不是有效日期", () => addCommitment(fx.staff.jxj, { replyId: s.replyId, content: NEAR.content, dueOn: "2026-02-30" }));
    invalid("dueOn", "请填写承诺完成时限", () => addCommitment(fx.staff.jxj, { replyId: s.replyId, content: NEAR.content, dueOn: "" }));
    invalid("content", "请填写承诺事项", () => addCommitment(fx.staff.jxj, { replyId: s.replyId, content: "  ", dueOn: NEAR.dueOn }));
    // The bounds themselves are accepted: the day after the assignment, and three years on.
    addCommitment(fx.staff.jxj, { replyId: s.replyId, content: "次日", dueOn: "2026-03-03" });
    addCommitment(fx.staff.jxj, { replyId: s.replyId, content: "三年", dueOn: "2029-03-02" });
  });

  it("at most 20 commitments on one reply", () => {
    const s = drafted();
    for (let i = 0; i < MAX_COMMITMENTS_PER_REPLY; i++) addCommitment(fx.staff.jxj, { replyId: s.replyId, content: `事项${i + 1}`, dueOn: NEAR.dueOn });
    invalid("content", "一份答复最多登记20项承诺事项", () => addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR }));
  });

  it("refuses once the proposal is withdrawn", () => {
    const s = drafted();
    withdrawProposal(fx.congress, { proposalId: s.proposalId, reason: "领衔代表书面申请撤回。" });
    expect(refused(Conflict, () => addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR })).message).toBe("该建议已撤案，不再登记或报告承诺事项。");
  });

  it("a reply with commitments keeps its category B until they are removed", () => {
    const s = drafted();
    const { commitmentId } = addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR });
    invalid("category", "该答复已登记1项承诺事项，改为其他类别前", () =>
      saveReplyDraft(fx.staff.jxj, { ...replyFields(s.proposalId, { category: "A" }), documentId: s.replyId, version: s.version }),
    );
    removeCommitment(fx.staff.jxj, { commitmentId });
    expect(saveReplyDraft(fx.staff.jxj, { ...replyFields(s.proposalId, { category: "A" }), documentId: s.replyId, version: s.version }).version).toBe(s.version + 1);
  });
});

describe("removeCommitment", () => {
  it("the unit's staff remove one from a draft; the removal is on the unit's timeline", () => {
    const s = drafted();
    const { commitmentId } = addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR });
    const { rows } = historyOf(() => removeCommitment(fx.staff.jxj, { commitmentId }));
    expect(commitmentRow(commitmentId)).toBeUndefined();
    expect(rows.map((r) => [r.action, r.subjectId, r.unitId])).toEqual([["commitment.remove", commitmentId, fx.unit.jxj]]);
  });

  it("refuses once the unit no longer drafts the reply (its assignment was transferred to another unit)", () => {
    const s = drafted();
    const { commitmentId } = addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR });
    fx.db.update(t.assignments).set({ state: "transferred" }).where(eq(t.assignments.id, assignmentOf(s.proposalId, "jxj").id)).run();
    refused(Conflict, () => removeCommitment(fx.staff.jxj, { commitmentId }));
    expect(commitmentRow(commitmentId)).toBeDefined();
  });

  it("refuses once the reply is sent, another unit, the co-unit and every other role", () => {
    const s = sentWithTwo();
    expect(refused(Conflict, () => removeCommitment(fx.staff.jxj, { commitmentId: s.near })).message).toContain("答复已签发送达代表，承诺事项不能删除");
    refused(NotFound, () => removeCommitment(fx.staff.fgj, { commitmentId: s.near }));
    refused(Forbidden, () => removeCommitment(fx.staff.swj, { commitmentId: s.near }));
    for (const role of ROLES.filter((r) => r !== "unit_staff")) refused(Forbidden, () => removeCommitment(fx.actorFor(role), { commitmentId: s.near }));
  });
});

describe("reportCommitment", () => {
  it("only once the reply is sent", () => {
    const s = drafted();
    const { commitmentId } = addCommitment(fx.staff.jxj, { replyId: s.replyId, ...NEAR });
    expect(refused(Conflict, () => reportCommitment(fx.staff.jxj, { commitmentId, kind: "progress", body: "已完成选址。" })).message).toBe(
      "答复签发送达代表后，方可报告承诺事项的进展和完成情况。",
    );
  });

  it("progress by the staff and by the leader: kept with the commitment, on everyone's timeline, the commitment stays open", () => {
    const s = sentWithTwo();
    at("2026-04-15T10:00:00+08:00");
    const { rows } = historyOf(() => reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "progress", body: "已完成横河、匡堰两镇选址。", evidence: "" }));
    expect(rows.map((r) => [r.action, r.subjectId, r.unitId])).toEqual([["commitment.progress", s.near, null]]);
    at("2026-05-15T10:00:00+08:00");
    reportCommitment(fx.leader.jxj, { commitmentId: s.near, kind: "progress", body: "设施主体已完工50%。", evidence: "施工进度照片3张" });
    expect(reportsOf(s.near).map((r) => [r.kind, r.body, r.evidence, r.reportedById, r.reportedOn])).toEqual([
      ["progress", "已完成横河、匡堰两镇选址。", "", fx.staff.jxj.id, "2026-04-15"],
      ["progress", "设施主体已完工50%。", "施工进度照片3张", fx.leader.jxj.id, "2026-05-15"],
    ]);
    expect(commitmentRow(s.near)).toMatchObject({ state: "open", doneOn: null });
    expect(notificationsOf("commitment_")).toEqual([]);
  });

  it("completion needs evidence; it closes the commitment on today's date in China and tells the deputies", () => {
    const s = sentWithTwo();
    invalid("evidence", "报告完成时请写明佐证材料", () => reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "已建成。", evidence: " " }));
    // 00:30 in China on 10 June is still 9 June in UTC.
    at("2026-06-10T00:30:00+08:00");
    const { rows } = historyOf(() => reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "避雨设施已建成并投入使用。", evidence: "横河镇验收单（慈农验〔2026〕8号）" }));
    expect(commitmentRow(s.near)).toMatchObject({ state: "done", doneOn: "2026-06-10" });
    expect(reportsOf(s.near).map((r) => [r.kind, r.evidence, r.reportedOn])).toEqual([["done", "横河镇验收单（慈农验〔2026〕8号）", "2026-06-10"]]);
    expect(rows.map((r) => r.action)).toEqual(["commitment.done"]);
    // Both deputies on the proposal hear of it, once; nobody else.
    const told = notificationsOf("commitment_done");
    expect(told.map((n) => n.userId).sort()).toEqual([fx.dep.hu.id, fx.dep.chen.id].sort());
    expect(told[0].message).toBe(`市经信局报告：${nameOf(s.proposalId)}答复中承诺的“${NEAR.content}”已完成，请查看完成情况。`);
    // The other commitment is untouched.
    expect(commitmentRow(s.far)).toMatchObject({ state: "open" });
  });

  it("a done commitment takes no more reports, of either kind", () => {
    const s = sentWithTwo();
    reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "已建成。", evidence: "验收单" });
    for (const kind of ["progress", "done"])
      expect(refused(Conflict, () => reportCommitment(fx.leader.jxj, { commitmentId: s.near, kind, body: "补充说明。", evidence: "照片" })).message).toBe(
        "该承诺事项已于2026-03-20报告完成，不再接受报告。",
      );
  });

  it("refuses another unit, the co-unit, deputies, offices and administrators", () => {
    const s = sentWithTwo();
    const report = { commitmentId: s.far, kind: "progress", body: "进展顺利。" };
    refused(NotFound, () => reportCommitment(fx.staff.fgj, report));
    refused(NotFound, () => reportCommitment(fx.leader.fgj, report));
    refused(Forbidden, () => reportCommitment(fx.leader.swj, report));
    for (const role of ROLES.filter((r) => r !== "unit_staff" && r !== "unit_leader"))
      expect(refused(Forbidden, () => reportCommitment(fx.actorFor(role), report)).message, role).toBe("您无权进行此项操作。");
  });

  it("goes on after the proposal is closed: the deputies' satisfaction does not end a promise", () => {
    const s = sentWithTwo();
    at("2026-03-25T10:00:00+08:00");
    for (const d of ["hu", "chen"] as const) rateReply(fx.dep[d], { replyId: s.replyId, attitude: "satisfied", outcome: "basically_satisfied", comment: "", wasContacted: "yes" });
    expect(fx.db.select().from(t.proposals).where(eq(t.proposals.id, s.proposalId)).get()!.state).toBe("closed");
    reportCommitment(fx.staff.jxj, { commitmentId: s.far, kind: "progress", body: "冷链仓储设施已开工。" });
    expect(reportsOf(s.far)).toHaveLength(1);
  });
});

describe("overdue: open past its day, from the day after", () => {
  it("shows 进行中 on the due day, 已逾期 the day after, 已完成 once reported done", () => {
    const s = sentWithTwo();
    const statusOn = (day: string) => Object.fromEntries(proposalCommitments(fx.dep.hu, s.proposalId, day).groups[0].commitments.map((c) => [c.id, c.status]));
    expect(statusOn("2026-06-30")).toEqual({ [s.near]: "open", [s.far]: "open" });
    expect(statusOn("2026-07-01")).toEqual({ [s.near]: "overdue", [s.far]: "open" });
    at("2026-07-05T10:00:00+08:00");
    reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "已建成。", evidence: "验收单" });
    expect(statusOn("2026-07-05")).toEqual({ [s.near]: "done", [s.far]: "open" });
  });
});

describe("the supervision dashboard", () => {
  it("counts per unit the open commitments of sent replies and those overdue; drafts, done ones and other sessions do not count", () => {
    const s = sentWithTwo();
    // A second proposal whose B reply is still a draft with a commitment long overdue: not yet promised.
    const draft = drafted();
    addCommitment(fx.staff.jxj, { replyId: draft.replyId, content: "草稿中的承诺", dueOn: "2026-04-01" });
    const figures = (today: string) => {
      const report = supervisionReport(fx.gov, { sessionId: fx.session.id, today });
      return { jxj: report.units.find((u) => u.unitId === fx.unit.jxj)!.commitments, swj: report.units.find((u) => u.unitId === fx.unit.swj)!.commitments, total: report.total.commitments };
    };
    expect(figures("2026-06-30")).toEqual({ jxj: { open: 2, overdue: 0 }, swj: { open: 0, overdue: 0 }, total: { open: 2, overdue: 0 } });
    expect(figures("2026-07-01")).toEqual({ jxj: { open: 2, overdue: 1 }, swj: { open: 0, overdue: 0 }, total: { open: 2, overdue: 1 } });
    at("2026-07-02T10:00:00+08:00");
    reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "已建成。", evidence: "验收单" });
    expect(figures("2026-07-02").jxj).toEqual({ open: 1, overdue: 0 });
    expect(figures("2027-01-01").jxj).toEqual({ open: 1, overdue: 1 });
    // Last year's session has nothing of it.
    expect(supervisionReport(fx.gov, { sessionId: fx.oldSession.id, today: "2027-01-01" }).total.commitments).toEqual({ open: 0, overdue: 0 });
  });
});

describe("reminders", () => {
  const commitmentNotes = () =>
    notificationsOf("commitment_").filter((n) => n.kind !== "commitment_done").map((n) => `${n.kind} ${n.userId} ${n.threshold}`);
  const jxjUsers = () => [fx.staff.jxj.id, fx.leader.jxj.id];

  it("remind the unit once within the warning days and once when overdue; never a draft's or a done one", async () => {
    const s = sentWithTwo();
    const draft = drafted();
    addCommitment(fx.staff.jxj, { replyId: draft.replyId, content: "草稿中的承诺", dueOn: "2026-06-30" });

    // Due Tuesday 30 June: on Monday 22 June six working days remain (端午 19–21 June is off), on the 23rd five.
    await runReminders(new Date("2026-06-22T08:00:00+08:00"));
    expect(commitmentNotes()).toEqual([]);
    await runReminders(new Date("2026-06-23T08:00:00+08:00"));
    await runReminders(new Date("2026-06-24T08:00:00+08:00"));
    expect(commitmentNotes()).toEqual(jxjUsers().map((u) => `commitment_due_soon ${u} soon:commitment-${s.near}:2026-06-30`));
    const soon = notificationsOf("commitment_due_soon")[0];
    expect(soon).toMatchObject({ proposalId: s.proposalId, assignmentId: assignmentOf(s.proposalId, "jxj").id });
    expect(soon.message).toBe(`${nameOf(s.proposalId)}答复中承诺的“${NEAR.content}”将于 2026-06-30 到期（还有 5 个工作日），请按时落实并报告完成情况。`);

    await runReminders(new Date("2026-06-30T20:00:00+08:00"));
    expect(notificationsOf("commitment_overdue")).toEqual([]);
    await runReminders(new Date("2026-07-01T08:00:00+08:00"));
    await runReminders(new Date("2026-07-08T08:00:00+08:00"));
    const overdue = notificationsOf("commitment_overdue");
    expect(overdue.map((n) => `${n.userId} ${n.threshold}`)).toEqual(jxjUsers().map((u) => `${u} overdue:commitment-${s.near}:2026-06-30`));
    expect(overdue[0].message).toBe(`${nameOf(s.proposalId)}答复中承诺的“${NEAR.content}”已逾期（承诺时限 2026-06-30），请抓紧落实并报告进展。`);
    // Nobody outside 市经信局 is reminded of it.
    expect(notificationsOf("commitment_").every((n) => jxjUsers().includes(n.userId))).toBe(true);

    // Done: no reminder for it again, not even when the far one comes due.
    at("2026-07-09T10:00:00+08:00");
    reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "已建成。", evidence: "验收单" });
    const before = commitmentNotes().length;
    await runReminders(new Date("2027-01-04T08:00:00+08:00"));
    const after = commitmentNotes().slice(before);
    expect(after.sort()).toEqual(jxjUsers().map((u) => `commitment_overdue ${u} overdue:commitment-${s.far}:2026-12-31`).sort());
  });
});

describe("the proposal page's section", () => {
  const render = (viewer: Actor, proposalId: number) => renderToStaticMarkup(createElement(CommitmentsSection, { proposalId, actor: viewer }));

  it("asks the unit's staff for the commitments of a B reply, and nobody else", () => {
    const s = drafted();
    at("2026-03-10T11:00:00+08:00");
    const staff = render(fx.staff.jxj, s.proposalId);
    expect(staff).toContain("答复类别为B类，请登记承诺事项");
    expect(staff).toContain('aria-label="登记承诺事项"');
    const leader = render(fx.leader.jxj, s.proposalId);
    expect(leader).not.toContain("请登记承诺事项");
    expect(leader).not.toContain('aria-label="登记承诺事项"');
    for (const viewer of [fx.gov, fx.dep.hu, fx.staff.swj]) expect(render(viewer, s.proposalId), viewer.displayName).toBe("");
  });

  it("shows the deputy both commitments, one 已完成 with its evidence and one 已逾期, without any form", () => {
    const s = sentWithTwo();
    at("2026-06-10T10:00:00+08:00");
    reportCommitment(fx.staff.jxj, { commitmentId: s.far, kind: "progress", body: "冷链仓储设施已完成立项。" });
    reportCommitment(fx.staff.jxj, { commitmentId: s.near, kind: "done", body: "避雨设施已建成并投入使用。", evidence: "横河镇验收单（慈农验〔2026〕8号）" });
    at("2027-01-05T10:00:00+08:00");
    const html = render(fx.dep.hu, s.proposalId);
    expect(html).toMatch(new RegExp(`data-testid="commitment-${s.near}" data-status="done".*已完成.*${NEAR.content}.*横河镇验收单（慈农验〔2026〕8号）`));
    expect(html).toMatch(new RegExp(`data-testid="commitment-${s.far}" data-status="overdue".*已逾期.*${FAR.content}.*已逾期5天.*冷链仓储设施已完成立项`));
    expect(html).not.toContain("<form");
    // The unit's staff and leader get the report form for the open one only; the co-unit reads.
    expect(render(fx.leader.jxj, s.proposalId).match(/aria-label="报告办理情况"/g)).toHaveLength(1);
    expect(render(fx.staff.swj, s.proposalId)).not.toContain("<form");
  });
});
