import { beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { openDb, useDb } from "@/db";
import * as t from "@/db/schema";
import { setNow } from "@/lib/clock";
import { ensureCalendar } from "@/lib/clock-rules";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { assignProposal, registerProposal } from "@/lib/services/proposals";
import { receiveAssignment } from "@/lib/services/assignments";
import { saveReplyDraft, signOffReply, submitReply } from "@/lib/services/documents";
import { draftVersions } from "@/db/queries/versions";
import { smallWorld } from "../fixtures";

/*
 * Nothing typed is lost (docs/rules.md § "Documents"): every saved text of a draft is kept whole;
 * a writer whose page is stale is refused with the newer text, and saves only by choosing —
 * mine as a new version on top of theirs, or (once the draft has gone for sign-off) mine kept aside.
 * Only the unit that wrote the draft reads its versions.
 */

let fx: ReturnType<typeof smallWorld>;
const at = (iso: string) => setNow(new Date(iso));

beforeEach(() => {
  const db = openDb(":memory:");
  useDb(db);
  fx = smallWorld(db);
  ensureCalendar(db, new Date("2026-01-01T00:00:00Z"));
});

function received() {
  at("2026-03-02T10:00:00+08:00");
  const proposalId = registerProposal(fx.congress, {
    sessionId: fx.session.id,
    number: 155,
    title: "关于古塘街道工业区块改造提升的建议",
    body: "古塘街道工业区块企业低散，建议加快改造提升。",
    field: "工业交通",
    leadDeputyId: fx.deputy.hu,
    cosignerIds: [],
    disclosure: "full",
  }).id;
  assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: fx.unit.jxj, coUnitIds: [] });
  const assignment = fx.db.select().from(t.assignments).where(eq(t.assignments.proposalId, proposalId)).get()!;
  receiveAssignment(fx.staff.jxj, { assignmentId: assignment.id });
  return assignment.id;
}

const fields = (assignmentId: number, body: string, over: Record<string, unknown> = {}) => ({
  assignmentId,
  body,
  category: "A",
  contactPerson: "张伟",
  contactPhone: "0574-63011111",
  cc: "",
  outstandingReason: "",
  ...over,
});

const stored = (documentId: number) => fx.db.select().from(t.replies).where(eq(t.replies.id, documentId)).get()!;
const versionRows = (documentId: number) =>
  fx.db
    .select()
    .from(t.documentVersions)
    .where(and(eq(t.documentVersions.kind, "reply"), eq(t.documentVersions.documentId, documentId)))
    .orderBy(asc(t.documentVersions.id))
    .all();

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
}

describe("two writers on one draft", () => {
  it("the stale save is refused with the newer text; saving mine over it takes an explicit choice, and both texts stay", () => {
    const assignmentId = received();
    const colleague = fx.user("jxj_staff2", "李敏", "unit_staff", fx.unit.jxj);
    at("2026-03-05T09:00:00+08:00");
    const first = saveReplyDraft(fx.staff.jxj, fields(assignmentId, "第一稿：初步答复。"));
    // Both open version 1; the colleague saves first.
    const theirs = saveReplyDraft(colleague, fields(assignmentId, "同事稿：补充了古塘街道的改造计划。", { documentId: first.documentId, version: 1 }));
    expect(theirs.version).toBe(2);

    const e = refusal(() => saveReplyDraft(fx.staff.jxj, fields(assignmentId, "我的稿：逐条答复。", { documentId: first.documentId, version: 1 })));
    expect(e).toBeInstanceOf(Conflict);
    expect((e as Conflict).current).toMatchObject({ version: 2, body: "同事稿：补充了古塘街道的改造计划。", updatedBy: "李敏", state: "draft" });
    expect(stored(first.documentId)).toMatchObject({ version: 2, body: "同事稿：补充了古塘街道的改造计划。" });

    // A choice naming a version other than the stored one is still refused.
    expect(() => saveReplyDraft(fx.staff.jxj, fields(assignmentId, "我的稿：逐条答复。", { documentId: first.documentId, version: 1, overwrite: 1 }))).toThrow(Conflict);
    const mine = saveReplyDraft(fx.staff.jxj, fields(assignmentId, "我的稿：逐条答复。", { documentId: first.documentId, version: 1, overwrite: 2 }));
    expect(mine.version).toBe(3);
    expect(versionRows(first.documentId).map((v) => [v.version, v.body, v.setAside])).toEqual([
      [1, "第一稿：初步答复。", false],
      [2, "同事稿：补充了古塘街道的改造计划。", false],
      [3, "我的稿：逐条答复。", false],
    ]);
  });

  it("a writer who began before the first save (no document id) is refused too, and may keep theirs over it", () => {
    const assignmentId = received();
    const colleague = fx.user("jxj_staff2", "李敏", "unit_staff", fx.unit.jxj);
    const first = saveReplyDraft(colleague, fields(assignmentId, "甲稿。"));
    expect(() => saveReplyDraft(fx.staff.jxj, fields(assignmentId, "乙稿。"))).toThrow(Conflict);
    const kept = saveReplyDraft(fx.staff.jxj, fields(assignmentId, "乙稿。", { overwrite: 1 }));
    expect(kept).toEqual({ documentId: first.documentId, version: 2 });
  });

  it("after the draft went for sign-off in another tab, the text is kept aside: the document is unchanged, the history has both", () => {
    const assignmentId = received();
    const d = saveReplyDraft(fx.staff.jxj, fields(assignmentId, "送签稿。"));
    submitReply(fx.staff.jxj, d);
    const e = refusal(() => saveReplyDraft(fx.staff.jxj, fields(assignmentId, "另一个标签页里改的稿。", { documentId: d.documentId, version: 1 })));
    expect(e).toBeInstanceOf(Conflict);
    expect((e as Conflict).message).toContain("不能再修改");
    expect((e as Conflict).current).toMatchObject({ state: "pending", version: 1 });
    // Saving over a pending draft is refused even with a choice; keeping aside is not.
    expect(() => saveReplyDraft(fx.staff.jxj, fields(assignmentId, "另一个标签页里改的稿。", { documentId: d.documentId, version: 1, overwrite: 1 }))).toThrow(Conflict);
    const aside = saveReplyDraft(fx.staff.jxj, fields(assignmentId, "另一个标签页里改的稿。", { documentId: d.documentId, version: 1, setAside: 1 }));
    expect(aside).toEqual({ documentId: d.documentId, version: 1, setAside: true });
    expect(stored(d.documentId)).toMatchObject({ state: "pending", version: 1, body: "送签稿。" });
    expect(versionRows(d.documentId).map((v) => [v.version, v.body, v.setAside])).toEqual([
      [1, "送签稿。", false],
      [1, "另一个标签页里改的稿。", true],
    ]);
    // Recorded as what it is: a text kept aside, not a save of the draft.
    const entries = fx.db.select().from(t.history).where(eq(t.history.subjectId, d.documentId)).all().filter((h) => h.subjectType === "reply");
    expect(entries.map((h) => h.action)).toEqual(["reply.save", "reply.submit", "reply.setAside"]);

    // Once it is sent (the assignment has moved on), a text typed meanwhile can still be kept aside.
    signOffReply(fx.leader.jxj, d);
    const late = refusal(() => saveReplyDraft(fx.staff.jxj, fields(assignmentId, "签发后才写完的稿。", { documentId: d.documentId, version: 1 })));
    expect((late as Conflict).current).toMatchObject({ state: "sent", contactPhone: "0574-63011111", category: "A" });
    saveReplyDraft(fx.staff.jxj, fields(assignmentId, "签发后才写完的稿。", { documentId: d.documentId, version: 1, setAside: 1 }));
    expect(versionRows(d.documentId).filter((v) => v.setAside).map((v) => v.body)).toEqual(["另一个标签页里改的稿。", "签发后才写完的稿。"]);
    expect(stored(d.documentId)).toMatchObject({ state: "sent", body: "送签稿。" });
  });
});

describe("reading the versions", () => {
  it("the writing unit reads every text and a comparison; other units and other roles cannot", () => {
    const assignmentId = received();
    const a = saveReplyDraft(fx.staff.jxj, fields(assignmentId, "我局将于年内启动古塘街道工业区块改造。"));
    saveReplyDraft(fx.staff.jxj, fields(assignmentId, "我局将于今年六月启动古塘街道工业区块改造提升。", { documentId: a.documentId, version: 1 }));
    const v = draftVersions(fx.leader.jxj, "reply", a.documentId);
    expect(v.versions.map((x) => x.body)).toEqual(["我局将于年内启动古塘街道工业区块改造。", "我局将于今年六月启动古塘街道工业区块改造提升。"]);
    expect(v.comparison?.result?.parts.filter((p) => p.kind !== "same")).toEqual([
      { kind: "removed", text: "年内" },
      { kind: "added", text: "今年六月" },
      { kind: "added", text: "提升" },
    ]);
    expect(() => draftVersions(fx.staff.swj, "reply", a.documentId)).toThrow(NotFound);
    for (const actor of [fx.dep.hu, fx.congress, fx.gov, fx.admin]) expect(() => draftVersions(actor, "reply", a.documentId)).toThrow(Forbidden);
    expect(() => draftVersions(fx.staff.jxj, "letter", a.documentId)).toThrow(NotFound);
  });
});
