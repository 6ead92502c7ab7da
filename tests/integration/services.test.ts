import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { Conflict, Forbidden, Invalid, NotFound, ServiceError } from "@/lib/errors";
import { assignProposal, markProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { markToken } from "@/lib/workflow";
import { startSession } from "@/lib/auth/sessions";
import { logContact, receiveAssignment } from "@/lib/services/assignments";
import {
  returnOpinion,
  returnReply,
  saveOpinionDraft,
  saveReplyDraft,
  signOffOpinion,
  signOffReply,
  submitOpinion,
  submitReply,
} from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { saveDeputy, saveSession, saveUnit, saveUser } from "@/lib/services/admin";
import { decideAccountChange, setRole } from "@/lib/services/security";
import { ROLES, type RatingLevel, type Role } from "@/lib/workflow";
import { SESSION_NAME, smallWorld, snapshotDb, type DeputyKey, type UnitKey } from "../fixtures";

/*
 * Every service verb on a fresh migrated in-memory database per test, with a small fixture of
 * its own (direct inserts: one session, five units, four deputies, one account per role and unit).
 * Every refusal is checked twice: the error class, and that no table changed.
 */

// ---------------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------------

const TITLE = "关于古塘街道工业区块改造提升的建议";

function makeFixture() {
  const db = openDb(":memory:");
  useDb(db);
  const world = smallWorld(db);
  // A second staff member and leader in the lead unit.
  const staff2 = world.user("jxj_staff2", "邹佳敏", "unit_staff", world.unit.jxj);
  const leader2 = world.user("jxj_leader2", "杨建明", "unit_leader", world.unit.jxj);
  return { ...world, staff2, leader2 };
}

type Fixture = ReturnType<typeof makeFixture>;
let fx: Fixture;
let nextNumber: number;

const MARCH_2 = new Date("2026-03-02T10:00:00+08:00");

beforeEach(() => {
  setNow(MARCH_2);
  fx = makeFixture();
  nextNumber = 101;
});

afterEach(() => {
  setNow(null);
});

const at = (iso: string) => setNow(new Date(iso));

const actorFor = (role: Role, unit: UnitKey = "jxj", deputy: DeputyKey = "hu") => fx.actorFor(role, unit, deputy);

// ---------------------------------------------------------------------------------------------
// Database snapshots and history
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

/** The history rows a call writes. */
function historyOf<R>(call: () => R) {
  const last = fx.db.select({ id: t.history.id }).from(t.history).orderBy(desc(t.history.id)).limit(1).get()?.id ?? 0;
  const result = call();
  const rows = fx.db.select().from(t.history).where(gt(t.history.id, last)).orderBy(asc(t.history.id)).all();
  return { result, rows, actions: rows.map((r) => r.action) };
}

const historyCount = () => fx.db.select({ id: t.history.id }).from(t.history).all().length;

// ---------------------------------------------------------------------------------------------
// Driving a proposal through its life
// ---------------------------------------------------------------------------------------------

function registerInput(over: Record<string, unknown> = {}) {
  return {
    sessionId: fx.session.id,
    number: nextNumber++,
    title: TITLE,
    body: "古塘街道工业区块企业老旧厂房较多，建议统筹推进改造提升。",
    field: "工业交通",
    leadDeputyId: fx.deputy.hu,
    cosignerIds: [fx.deputy.chen, fx.deputy.sun],
    disclosure: "full",
    ...over,
  };
}

const register = (over: Record<string, unknown> = {}) => registerProposal(fx.congress, registerInput(over)).id;

function assignLead(proposalId: number, lead: UnitKey = "jxj", co: UnitKey[] = ["swj"]) {
  assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: fx.unit[lead], coUnitIds: co.map((k) => fx.unit[k]) });
}

function assignParallel(proposalId: number, parallel: UnitKey[]) {
  assignProposal(fx.gov, { proposalId, mode: "parallel", parallelUnitIds: parallel.map((k) => fx.unit[k]) });
}

function assignmentOf(proposalId: number, unit: UnitKey) {
  return fx.db
    .select()
    .from(t.assignments)
    .where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, fx.unit[unit])))
    .get()!;
}

const proposalRow = (id: number) => fx.db.select().from(t.proposals).where(eq(t.proposals.id, id)).get()!;
const opinionRow = (id: number) => fx.db.select().from(t.opinions).where(eq(t.opinions.id, id)).get()!;
const replyRow = (id: number) => fx.db.select().from(t.replies).where(eq(t.replies.id, id)).get()!;

function receive(proposalId: number, unit: UnitKey) {
  receiveAssignment(fx.staff[unit], { assignmentId: assignmentOf(proposalId, unit).id });
}

const OPINION_TEXT = "我局结合职能研究后提出如下意见：一是支持小微企业园改造；二是做好政策衔接。";
const REPLY_TEXT = "您提出的《关于古塘街道工业区块改造提升的建议》收悉，现答复如下：……";

function opinionInput(proposalId: number, unit: UnitKey = "swj", over: Record<string, unknown> = {}) {
  return {
    assignmentId: assignmentOf(proposalId, unit).id,
    body: OPINION_TEXT,
    contactPerson: "周倩",
    contactPhone: "0574-63012345",
    ...over,
  };
}

function replyInput(proposalId: number, unit: UnitKey = "jxj", over: Record<string, unknown> = {}) {
  return {
    assignmentId: assignmentOf(proposalId, unit).id,
    body: REPLY_TEXT,
    category: "B",
    contactPerson: "邹佳敏",
    contactPhone: "0574-63023456",
    cc: "市人大常委会代表工委，市政府督查室",
    outstandingReason: "",
    ...over,
  };
}

function sendOpinion(proposalId: number, unit: UnitKey = "swj") {
  const draft = saveOpinionDraft(fx.staff[unit], opinionInput(proposalId, unit));
  submitOpinion(fx.staff[unit], draft);
  signOffOpinion(fx.leader[unit], draft);
  return draft.documentId;
}

function pendingReply(proposalId: number, unit: UnitKey = "jxj", over: Record<string, unknown> = {}) {
  const draft = saveReplyDraft(fx.staff[unit], replyInput(proposalId, unit, over));
  submitReply(fx.staff[unit], draft);
  return draft;
}

function sendReply(proposalId: number, unit: UnitKey = "jxj", over: Record<string, unknown> = {}) {
  const draft = pendingReply(proposalId, unit, over);
  signOffReply(fx.leader[unit], draft);
  return draft.documentId;
}

function rateInput(replyId: number, attitude: RatingLevel = "satisfied", outcome: RatingLevel = "satisfied", comment = "") {
  return { replyId, attitude, outcome, comment, wasContacted: "yes" };
}

/** Registered, assigned to 市经信局 (lead) and 市商务局 (co), both signed for. */
function handlingProposal() {
  const proposalId = register();
  assignLead(proposalId);
  receive(proposalId, "jxj");
  receive(proposalId, "swj");
  return proposalId;
}

/** …and the co-opinion and the reply have gone: the deputies may rate. */
function repliedProposal() {
  const proposalId = handlingProposal();
  sendOpinion(proposalId);
  const replyId = sendReply(proposalId);
  return { proposalId, replyId };
}

// ---------------------------------------------------------------------------------------------
// Every verb: allowed roles succeed, every other role is refused, another unit's record is not found
// ---------------------------------------------------------------------------------------------

type Prepared = { input: Record<string, unknown>; unit?: UnitKey; deputy?: DeputyKey };
type Verb = {
  name: string;
  allowed: Role[];
  /** Brings the database to a point where the verb succeeds for an allowed actor in scope. */
  prepare: () => Prepared;
  call: (actor: Actor, input: unknown) => unknown;
  /** Scoped verbs: actors of the right role but the wrong unit (or deputy) must not find the record. */
  outsiders?: (p: Prepared) => { label: string; actor: Actor }[];
};

const otherUnits = (p: Prepared) => [
  { label: "a unit with no part in the proposal", unit: "zjj" as UnitKey },
  { label: "another unit on the same proposal", unit: (p.unit === "swj" ? "jxj" : "swj") as UnitKey },
];

const unitOutsiders = (role: "unit_staff" | "unit_leader") => (p: Prepared) =>
  otherUnits(p).map(({ label, unit }) => ({ label: `${label} (${unit})`, actor: actorFor(role, unit) }));

const verbs: Verb[] = [
  {
    name: "registerProposal",
    allowed: ["congress_office"],
    prepare: () => ({ input: registerInput() }),
    call: registerProposal,
  },
  {
    name: "markProposal",
    allowed: ["congress_office"],
    prepare: () => ({ input: { proposalId: register(), screening: "reference", isKey: true, supervisor: "副市长 王建华" } }),
    call: markProposal,
  },
  {
    name: "withdrawProposal",
    allowed: ["congress_office"],
    prepare: () => ({ input: { proposalId: register(), reason: "领衔代表书面申请撤回。" } }),
    call: withdrawProposal,
  },
  {
    name: "assignProposal",
    allowed: ["gov_office"],
    prepare: () => ({
      input: { proposalId: register(), mode: "lead", leadUnitId: fx.unit.jxj, coUnitIds: [fx.unit.swj] },
    }),
    call: assignProposal,
  },
  {
    name: "receiveAssignment",
    allowed: ["unit_staff", "unit_leader"],
    prepare: () => {
      const proposalId = register();
      assignLead(proposalId);
      return { input: { assignmentId: assignmentOf(proposalId, "jxj").id }, unit: "jxj" };
    },
    call: receiveAssignment,
    outsiders: (p) => [...unitOutsiders("unit_staff")(p), ...unitOutsiders("unit_leader")(p)],
  },
  {
    name: "logContact",
    allowed: ["unit_staff"],
    prepare: () => ({
      input: {
        assignmentId: assignmentOf(handlingProposal(), "jxj").id,
        contactedOn: "2026-03-02",
        channel: "in_person",
        people: "胡国锋代表、邹佳敏",
        summary: "上门走访领衔代表，听取改造提升的具体意见。",
      },
      unit: "jxj",
    }),
    call: logContact,
    outsiders: unitOutsiders("unit_staff"),
  },
  {
    name: "saveOpinionDraft",
    allowed: ["unit_staff"],
    prepare: () => ({ input: opinionInput(handlingProposal(), "swj"), unit: "swj" }),
    call: saveOpinionDraft,
    outsiders: unitOutsiders("unit_staff"),
  },
  {
    name: "submitOpinion",
    allowed: ["unit_staff"],
    prepare: () => ({ input: saveOpinionDraft(fx.staff.swj, opinionInput(handlingProposal(), "swj")), unit: "swj" }),
    call: submitOpinion,
    outsiders: unitOutsiders("unit_staff"),
  },
  {
    name: "signOffOpinion",
    allowed: ["unit_leader"],
    prepare: () => {
      const draft = saveOpinionDraft(fx.staff.swj, opinionInput(handlingProposal(), "swj"));
      submitOpinion(fx.staff.swj, draft);
      return { input: draft, unit: "swj" };
    },
    call: signOffOpinion,
    outsiders: unitOutsiders("unit_leader"),
  },
  {
    name: "returnOpinion",
    allowed: ["unit_leader"],
    prepare: () => {
      const draft = saveOpinionDraft(fx.staff.swj, opinionInput(handlingProposal(), "swj"));
      submitOpinion(fx.staff.swj, draft);
      return { input: { ...draft, comment: "请补充具体政策依据。" }, unit: "swj" };
    },
    call: returnOpinion,
    outsiders: unitOutsiders("unit_leader"),
  },
  {
    name: "saveReplyDraft",
    allowed: ["unit_staff"],
    prepare: () => ({ input: replyInput(handlingProposal(), "jxj"), unit: "jxj" }),
    call: saveReplyDraft,
    outsiders: unitOutsiders("unit_staff"),
  },
  {
    name: "submitReply",
    allowed: ["unit_staff"],
    prepare: () => {
      const proposalId = handlingProposal();
      sendOpinion(proposalId);
      return { input: saveReplyDraft(fx.staff.jxj, replyInput(proposalId)), unit: "jxj" };
    },
    call: submitReply,
    outsiders: unitOutsiders("unit_staff"),
  },
  {
    name: "signOffReply",
    allowed: ["unit_leader"],
    prepare: () => {
      const proposalId = handlingProposal();
      sendOpinion(proposalId);
      return { input: pendingReply(proposalId), unit: "jxj" };
    },
    call: signOffReply,
    outsiders: unitOutsiders("unit_leader"),
  },
  {
    name: "returnReply",
    allowed: ["unit_leader"],
    prepare: () => {
      const proposalId = handlingProposal();
      sendOpinion(proposalId);
      return { input: { ...pendingReply(proposalId), comment: "请补充时间节点。" }, unit: "jxj" };
    },
    call: returnReply,
    outsiders: unitOutsiders("unit_leader"),
  },
  {
    name: "rateReply",
    allowed: ["deputy"],
    prepare: () => ({ input: rateInput(repliedProposal().replyId), deputy: "hu" }),
    call: rateReply,
    outsiders: () => [{ label: "a deputy not on the proposal (叶晓燕)", actor: fx.dep.ye }],
  },
  {
    name: "saveSession",
    allowed: ["system_admin"],
    prepare: () => ({ input: { term: 18, meeting: 0, name: "市十八届人大闭会期间", interim: true, active: true } }),
    call: saveSession,
  },
  {
    name: "saveUnit",
    allowed: ["system_admin"],
    prepare: () => ({ input: { name: "市文广旅体局", shortName: "慈文旅", kind: "department", active: true } }),
    call: saveUnit,
  },
  {
    name: "saveDeputy",
    allowed: ["system_admin"],
    prepare: () => ({ input: { name: "应丽萍", deputation: "龙山镇代表团", phone: "13957460318", active: true } }),
    call: saveDeputy,
  },
  {
    name: "saveUser",
    allowed: ["system_admin"],
    prepare: () => ({
      input: { username: "new_officer", displayName: "新督查员", role: "gov_office", password: "Banli@2026", active: true },
    }),
    call: saveUser,
  },
];

const roleCases = verbs.flatMap((v) => ROLES.map((role) => ({ verb: v.name, role, allowed: v.allowed.includes(role) })));

describe(`every verb × every role (${roleCases.length} cases: ${roleCases.filter((c) => c.allowed).length} allowed, ${roleCases.filter((c) => !c.allowed).length} refused)`, () => {
  it("covers all 19 service verbs", () => expect(verbs.map((v) => v.name)).toHaveLength(19));

  describe.each(verbs)("$name", (verb) => {
    const wrong = ROLES.filter((r) => !verb.allowed.includes(r));
    it.each(verb.allowed)("happy path: %s in scope succeeds", async (role) => {
      const p = verb.prepare();
      const before = historyCount();
      await verb.call(actorFor(role, p.unit, p.deputy), p.input);
      expect(historyCount()).toBeGreaterThan(before);
    });
    it.each(wrong)("rejects the wrong role: %s → Forbidden, nothing changed", async (role) => {
      const p = verb.prepare();
      await refused(Forbidden, () => verb.call(actorFor(role, p.unit, p.deputy), p.input));
    });
  });
});

const scopedVerbs = verbs.filter((v) => v.outsiders);
describe(`scoped verbs reject another unit's record / another deputy's proposal (${scopedVerbs.length} verbs)`, () => {
  it.each(scopedVerbs)("$name", async (verb) => {
    const p = verb.prepare();
    const outsiders = verb.outsiders!(p);
    expect(outsiders.length).toBeGreaterThan(0);
    for (const { label, actor } of outsiders) {
      const error = await refused(NotFound, () => verb.call(actor, p.input));
      expect(error.message, label).toMatch(/[\u4e00-\u9fff]/);
    }
    // …and the rightful actor still can.
    await verb.call(actorFor(verb.allowed[0], p.unit, p.deputy), p.input);
  });

  it("the offices' verbs are not unit-scoped, but an unknown proposal is not found", async () => {
    await refused(NotFound, () => markProposal(fx.congress, { proposalId: 9999, screening: "normal" }));
    await refused(NotFound, () => withdrawProposal(fx.congress, { proposalId: 9999, reason: "书面申请" }));
    await refused(NotFound, () =>
      assignProposal(fx.gov, { proposalId: 9999, mode: "lead", leadUnitId: fx.unit.jxj }),
    );
  });

  it("an unknown assignment, document or reply is not found, even for the right role", async () => {
    const proposalId = handlingProposal();
    await refused(NotFound, () => receiveAssignment(fx.staff.jxj, { assignmentId: 9999 }));
    await refused(NotFound, () =>
      logContact(fx.staff.jxj, { assignmentId: 9999, contactedOn: "2026-03-01", channel: "phone", people: "甲", summary: "乙" }),
    );
    await refused(NotFound, () => saveOpinionDraft(fx.staff.swj, opinionInput(proposalId, "swj", { assignmentId: 9999 })));
    await refused(NotFound, () => saveOpinionDraft(fx.staff.swj, opinionInput(proposalId, "swj", { documentId: 9999, version: 1 })));
    await refused(NotFound, () => submitOpinion(fx.staff.swj, { documentId: 9999, version: 1 }));
    await refused(NotFound, () => signOffOpinion(fx.leader.swj, { documentId: 9999, version: 1 }));
    await refused(NotFound, () => returnOpinion(fx.leader.swj, { documentId: 9999, version: 1, comment: "退回" }));
    await refused(NotFound, () => submitReply(fx.staff.jxj, { documentId: 9999, version: 1 }));
    await refused(NotFound, () => signOffReply(fx.leader.jxj, { documentId: 9999, version: 1 }));
    await refused(NotFound, () => returnReply(fx.leader.jxj, { documentId: 9999, version: 1, comment: "退回" }));
    await refused(NotFound, () => rateReply(fx.dep.hu, rateInput(9999)));
  });

  it("an account with a unit role but no unit, or a deputy account with no deputy, finds nothing", async () => {
    const { proposalId, replyId } = repliedProposal();
    const unitless: Actor = { ...fx.staff.jxj, unitId: null };
    const deputyless: Actor = { ...fx.dep.hu, deputyId: null };
    await refused(NotFound, () =>
      logContact(unitless, { assignmentId: assignmentOf(proposalId, "jxj").id, contactedOn: "2026-03-01", channel: "phone", people: "甲", summary: "乙" }),
    );
    await refused(NotFound, () => rateReply(deputyless, rateInput(replyId)));
  });
});

// ---------------------------------------------------------------------------------------------
// Each verb's happy path in detail: what it writes, and its history rows in the same transaction
// ---------------------------------------------------------------------------------------------

describe("proposal verbs", () => {
  it("registerProposal stores the proposal, its co-signers in order, and one history row", () => {
    const { result, actions, rows } = historyOf(() =>
      registerProposal(fx.congress, registerInput({ number: 155, isKey: "on", supervisor: "副市长 王建华", cosignerIds: [String(fx.deputy.sun), String(fx.deputy.chen)] })),
    );
    const p = proposalRow(result.id);
    expect(p).toMatchObject({ number: 155, title: TITLE, state: "registered", screening: "normal", isKey: true, supervisor: "副市长 王建华" });
    expect(p.registeredAt).toEqual(MARCH_2);
    const cosigners = fx.db.select().from(t.proposalCosigners).where(eq(t.proposalCosigners.proposalId, result.id)).orderBy(asc(t.proposalCosigners.position)).all();
    expect(cosigners.map((c) => c.deputyId)).toEqual([fx.deputy.sun, fx.deputy.chen]);
    expect(actions).toEqual(["proposal.register"]);
    expect(rows[0]).toMatchObject({ actorId: fx.congress.id, subjectId: result.id, proposalId: result.id, unitId: null, at: MARCH_2 });
  });

  it("registerProposal drops the supervisor of a proposal that is not key", () => {
    const id = register({ isKey: false, supervisor: "副市长 王建华" });
    expect(proposalRow(id)).toMatchObject({ isKey: false, supervisor: null });
  });

  it("markProposal records the screening and key flag, with before and after in history", () => {
    const main = register();
    const id = register();
    const { actions, rows } = historyOf(() =>
      markProposal(fx.congress, { proposalId: id, screening: "merged", mergedInto: String(proposalRow(main).number), isKey: true, supervisor: "副市长 王建华" }),
    );
    expect(proposalRow(id)).toMatchObject({ screening: "merged", mergedIntoId: main, isKey: true, supervisor: "副市长 王建华", state: "registered" });
    expect(actions).toEqual(["proposal.mark"]);
    expect(rows[0].before).toEqual({ screening: "normal", isKey: false, supervisor: null, mergedIntoId: null, raisedBefore: 0, notPublicReason: null });
  });

  it("markProposal saved from a page showing older marks is refused; the colleague's marks stay", async () => {
    const id = register();
    const shown = markToken({ screening: "normal", isKey: false, supervisor: null, mergedIntoId: null, raisedBefore: 0, notPublicReason: null });
    // Two office users open the page; the first saves 参阅件, the second (still showing 正常办理) saves 重点督办.
    markProposal(fx.congress, { proposalId: id, screening: "reference", isKey: false, basedOn: shown });
    const e = await refused(Conflict, () => markProposal(fx.congress, { proposalId: id, screening: "normal", isKey: true, supervisor: "副市长 王建华", basedOn: shown }));
    expect(e.message).toBe("甄别与督办标记刚被他人修改，请刷新页面查看后再保存。");
    expect(proposalRow(id)).toMatchObject({ screening: "reference", isKey: false, supervisor: null });
    // From the page as it is now, the save goes through.
    markProposal(fx.congress, { proposalId: id, screening: "reference", isKey: true, supervisor: "副市长 王建华", basedOn: markToken(proposalRow(id)) });
    expect(proposalRow(id)).toMatchObject({ screening: "reference", isKey: true });
  });

  it("markProposal is refused on a closed or withdrawn proposal (Conflict)", async () => {
    const id = register();
    withdrawProposal(fx.congress, { proposalId: id, reason: "书面申请撤回" });
    await refused(Conflict, () => markProposal(fx.congress, { proposalId: id, screening: "reference" }));
  });

  it("withdrawProposal withdraws a registered or handling proposal with the reason; units can no longer act on it", async () => {
    const id = handlingProposal();
    const { actions } = historyOf(() => withdrawProposal(fx.congress, { proposalId: id, reason: "领衔代表书面申请撤回该建议。" }));
    expect(proposalRow(id)).toMatchObject({ state: "withdrawn", screening: "withdrawn", withdrawReason: "领衔代表书面申请撤回该建议。" });
    expect(actions).toEqual(["proposal.withdraw"]);
    const e = await refused(Conflict, () => saveReplyDraft(fx.staff.jxj, replyInput(id)));
    expect(e.message).toContain("撤案");
    await refused(Conflict, () => withdrawProposal(fx.congress, { proposalId: id, reason: "再次撤回" }));
  });

  it("withdrawProposal is refused once the reply has gone (Conflict)", async () => {
    const { proposalId } = repliedProposal();
    await refused(Conflict, () => withdrawProposal(fx.congress, { proposalId, reason: "书面申请撤回" }));
  });

  it("assignProposal to a lead and co-units starts the clock for every unit at once", () => {
    const id = register();
    at("2026-03-03T09:30:00+08:00");
    const { actions, rows } = historyOf(() =>
      assignProposal(fx.gov, { proposalId: String(id), mode: "lead", leadUnitId: String(fx.unit.jxj), coUnitIds: [String(fx.unit.swj), String(fx.unit.fgj)] }),
    );
    expect(proposalRow(id).state).toBe("handling");
    const rowsA = fx.db.select().from(t.assignments).where(eq(t.assignments.proposalId, id)).orderBy(asc(t.assignments.id)).all();
    expect(rowsA.map((a) => [a.unitId, a.role, a.state, a.round])).toEqual([
      [fx.unit.jxj, "lead", "assigned", 1],
      [fx.unit.swj, "co", "assigned", 1],
      [fx.unit.fgj, "co", "assigned", 1],
    ]);
    for (const a of rowsA) expect(a.assignedAt).toEqual(new Date("2026-03-03T09:30:00+08:00"));
    expect(actions).toEqual(["proposal.assign"]);
    expect(rows[0].after).toMatchObject({ state: "handling", units: [{ role: "lead", name: "市经信局" }, { role: "co", name: "市商务局" }, { role: "co", name: "市发改局" }] });
  });

  it("assignProposal to parallel units gives each a 'parallel' assignment; a second assignment is refused", async () => {
    const id = register();
    assignParallel(id, ["jxj", "zjj"]);
    expect(fx.db.select().from(t.assignments).where(eq(t.assignments.proposalId, id)).all().map((a) => a.role)).toEqual(["parallel", "parallel"]);
    await refused(Conflict, () => assignProposal(fx.gov, { proposalId: id, mode: "lead", leadUnitId: fx.unit.fgj }));
  });
});

describe("assignment verbs", () => {
  it("receiveAssignment records the receipt time; the assigned time does not move", async () => {
    const id = register();
    assignLead(id);
    at("2026-03-06T15:00:00+08:00");
    const a = assignmentOf(id, "jxj");
    const { actions, rows } = historyOf(() => receiveAssignment(fx.leader.jxj, { assignmentId: a.id }));
    expect(assignmentOf(id, "jxj")).toMatchObject({ state: "received", assignedAt: MARCH_2, receivedAt: new Date("2026-03-06T15:00:00+08:00") });
    expect(actions).toEqual(["assignment.receive"]);
    expect(rows[0]).toMatchObject({ subjectType: "assignment", subjectId: a.id, unitId: null });
    await refused(Conflict, () => receiveAssignment(fx.staff.jxj, { assignmentId: a.id }));
  });

  it("logContact stores the contact and is refused before receipt (Conflict)", async () => {
    const id = register();
    assignLead(id);
    const input = { assignmentId: assignmentOf(id, "jxj").id, contactedOn: "2026-03-02", channel: "meeting", people: "胡国锋代表", summary: "座谈听取意见" };
    await refused(Conflict, () => logContact(fx.staff.jxj, input));
    receive(id, "jxj");
    const { result, actions } = historyOf(() => logContact(fx.staff.jxj, input));
    expect(fx.db.select().from(t.contactLogs).where(eq(t.contactLogs.id, result.id)).get()).toMatchObject({
      contactedOn: "2026-03-02",
      channel: "meeting",
      people: "胡国锋代表",
      summary: "座谈听取意见",
      createdById: fx.staff.jxj.id,
    });
    expect(actions).toEqual(["contact.log"]);
  });
});

describe("document verbs", () => {
  it("saveOpinionDraft creates version 1, then version 2; each save is one history row carrying the unit", () => {
    const id = handlingProposal();
    const first = historyOf(() => saveOpinionDraft(fx.staff.swj, opinionInput(id)));
    expect(first.result.version).toBe(1);
    const second = historyOf(() => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { ...first.result, body: "修改后的协办意见。" })));
    expect(second.result).toEqual({ documentId: first.result.documentId, version: 2 });
    expect(opinionRow(first.result.documentId)).toMatchObject({ body: "修改后的协办意见。", state: "draft", version: 2, draftedById: fx.staff.swj.id });
    for (const h of [first, second]) {
      expect(h.actions).toEqual(["opinion.save"]);
      expect(h.rows[0].unitId).toBe(fx.unit.swj);
    }
  });

  it("a co-unit cannot write a reply, nor the lead an opinion (Forbidden)", async () => {
    const id = handlingProposal();
    await refused(Forbidden, () => saveReplyDraft(fx.staff.swj, replyInput(id, "swj")));
    await refused(Forbidden, () => saveOpinionDraft(fx.staff.jxj, opinionInput(id, "jxj")));
  });

  it("drafting before the unit has signed for the assignment is refused (Conflict)", async () => {
    const id = register();
    assignLead(id);
    await refused(Conflict, () => saveReplyDraft(fx.staff.jxj, replyInput(id)));
  });

  it("submit, return and signOff of an opinion: states, comments, signer, number, history", async () => {
    const id = handlingProposal();
    const draft = saveOpinionDraft(fx.staff.swj, opinionInput(id));
    const submitted = historyOf(() => submitOpinion(fx.staff.swj, draft));
    expect(opinionRow(draft.documentId)).toMatchObject({ state: "pending", submittedAt: MARCH_2 });
    expect(submitted.actions).toEqual(["opinion.submit"]);
    // Once submitted, staff can no longer change it.
    await refused(Conflict, () => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", draft)));

    const returned = historyOf(() => returnOpinion(fx.leader.swj, { ...draft, comment: "请补充政策依据。" }));
    expect(opinionRow(draft.documentId)).toMatchObject({ state: "returned", returnComment: "请补充政策依据。" });
    expect(returned.actions).toEqual(["opinion.returnForRevision"]);

    const v2 = saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { ...draft, body: "补充后的协办意见。" }));
    expect(opinionRow(draft.documentId)).toMatchObject({ state: "returned", version: 2 });
    submitOpinion(fx.staff.swj, v2);
    expect(opinionRow(draft.documentId)).toMatchObject({ state: "pending", returnComment: null });

    at("2026-03-20T16:00:00+08:00");
    const signed = historyOf(() => signOffOpinion(fx.leader.swj, v2));
    expect(opinionRow(draft.documentId)).toMatchObject({
      state: "sent",
      signerId: fx.leader.swj.id,
      sentAt: new Date("2026-03-20T16:00:00+08:00"),
      docNumber: "慈商函〔2026〕1号",
    });
    expect(assignmentOf(id, "swj").state).toBe("opinion_sent");
    // The co-unit's opinion does not move the proposal: only replying units do.
    expect(proposalRow(id).state).toBe("handling");
    expect(signed.actions).toEqual(["opinion.signOff", "assignment.state"]);
    expect(signed.rows.map((r) => r.unitId)).toEqual([null, null]);
  });

  it("submit and signOff of a reply: the assignment is replied and so is the proposal", () => {
    const id = handlingProposal();
    sendOpinion(id);
    const draft = saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { category: "A" }));
    expect(historyOf(() => submitReply(fx.staff.jxj, draft)).actions).toEqual(["reply.submit"]);
    const signed = historyOf(() => signOffReply(fx.leader2, draft));
    expect(replyRow(draft.documentId)).toMatchObject({
      state: "sent",
      round: 1,
      category: "A",
      signerId: fx.leader2.id,
      docNumber: "慈经信复〔2026〕1号",
      cc: "市人大常委会代表工委，市政府督查室",
    });
    expect(assignmentOf(id, "jxj").state).toBe("replied");
    expect(proposalRow(id).state).toBe("replied");
    expect(signed.actions).toEqual(["reply.signOff", "assignment.state", "proposal.state"]);
  });

  it("returnReply sends it back with the comment; it is resubmitted at the next version", () => {
    const id = handlingProposal();
    sendOpinion(id);
    const draft = pendingReply(id);
    const returned = historyOf(() => returnReply(fx.leader.jxj, { ...draft, comment: "请补充具体工作举措和时间节点。" }));
    expect(replyRow(draft.documentId)).toMatchObject({ state: "returned", returnComment: "请补充具体工作举措和时间节点。" });
    expect(returned.actions).toEqual(["reply.returnForRevision"]);
    expect(returned.rows[0].unitId).toBe(fx.unit.jxj);
    const v2 = saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { ...draft, body: "补充后的答复。" }));
    expect(v2.version).toBe(2);
    submitReply(fx.staff.jxj, v2);
    signOffReply(fx.leader.jxj, v2);
    expect(replyRow(draft.documentId)).toMatchObject({ state: "sent", version: 2, body: "补充后的答复。", returnComment: null });
  });

  it("document steps are refused in the wrong state (Conflict): sign a draft, return a draft, submit twice", async () => {
    const id = handlingProposal();
    const draft = saveOpinionDraft(fx.staff.swj, opinionInput(id));
    await refused(Conflict, () => signOffOpinion(fx.leader.swj, draft));
    await refused(Conflict, () => returnOpinion(fx.leader.swj, { ...draft, comment: "退回" }));
    submitOpinion(fx.staff.swj, draft);
    await refused(Conflict, () => submitOpinion(fx.staff.swj, draft));
    signOffOpinion(fx.leader.swj, draft);
    await refused(Conflict, () => returnOpinion(fx.leader.swj, { ...draft, comment: "退回" }));
    // The unit's part is done: no second opinion.
    await refused(Conflict, () => saveOpinionDraft(fx.staff.swj, opinionInput(id)));
  });
});

describe("rateReply", () => {
  it("stores the deputy's own rating; the assignment closes only when every deputy has rated", () => {
    const { proposalId, replyId } = repliedProposal();
    const first = historyOf(() => rateReply(fx.dep.chen, { ...rateInput(replyId, "satisfied", "basically_satisfied"), comment: "答复及时。", wasContacted: "no" }));
    expect(first.actions).toEqual(["rating.create"]);
    expect(fx.db.select().from(t.ratings).where(eq(t.ratings.id, first.result.id)).get()).toMatchObject({
      replyId,
      deputyId: fx.deputy.chen,
      ratedById: fx.dep.chen.id,
      attitude: "satisfied",
      outcome: "basically_satisfied",
      comment: "答复及时。",
      wasContacted: false,
    });
    expect(assignmentOf(proposalId, "jxj").state).toBe("replied");
    rateReply(fx.dep.hu, rateInput(replyId));
    const last = historyOf(() => rateReply(fx.dep.sun, rateInput(replyId)));
    expect(last.actions).toEqual(["rating.create", "assignment.state", "proposal.state"]);
    expect(assignmentOf(proposalId, "jxj").state).toBe("closed");
    expect(proposalRow(proposalId).state).toBe("closed");
  });

  it("a deputy cannot rate a reply that has not been sent (NotFound)", async () => {
    const id = handlingProposal();
    sendOpinion(id);
    const draft = pendingReply(id);
    await refused(NotFound, () => rateReply(fx.dep.hu, rateInput(draft.documentId)));
  });
});

describe("administration verbs", () => {
  it("saveSession creates and updates a session", async () => {
    const created = historyOf(() => saveSession(fx.admin, { term: 18, meeting: 3, name: "市十八届人大三次会议", openedOn: "2027-02-20", active: "on" }));
    expect(created.actions).toEqual(["session.create"]);
    const id = created.result.id;
    const updated = historyOf(() => saveSession(fx.admin, { id, term: 18, meeting: 3, name: "市十八届人大三次会议", openedOn: "", active: "" }));
    expect(updated.actions).toEqual(["session.update"]);
    expect(fx.db.select().from(t.congressSessions).where(eq(t.congressSessions.id, id)).get()).toMatchObject({ openedOn: null, active: false });
  });

  it("saveUnit creates and updates a unit", () => {
    const { result, actions } = historyOf(() => saveUnit(fx.admin, { name: "市文广旅体局", shortName: "慈文旅", kind: "department", active: true }));
    expect(actions).toEqual(["unit.create"]);
    saveUnit(fx.admin, { id: result.id, name: "市文化广电旅游体育局", shortName: "慈文旅", kind: "department", active: true });
    expect(fx.db.select().from(t.units).where(eq(t.units.id, result.id)).get()!.name).toBe("市文化广电旅游体育局");
  });

  it("saveDeputy creates and updates (disables) a deputy", () => {
    const { result, actions } = historyOf(() => saveDeputy(fx.admin, { name: "应丽萍", deputation: "龙山镇代表团", phone: "139-5746-0318", active: true }));
    expect(actions).toEqual(["deputy.create"]);
    const updated = historyOf(() => saveDeputy(fx.admin, { id: result.id, name: "应丽萍", deputation: "龙山镇代表团", phone: "", active: false }));
    expect(updated.actions).toEqual(["deputy.update"]);
    expect(fx.db.select().from(t.deputies).where(eq(t.deputies.id, result.id)).get()).toMatchObject({ active: false, phone: "" });
  });

  it("saveUser hashes the password (never in history), and ends sessions on a role or password change", async () => {
    const created = await saveUser(fx.admin, { username: "new_staff", displayName: "新承办人", role: "unit_staff", unitId: String(fx.unit.zjj), deputyId: String(fx.deputy.hu), password: "Banli@2026", active: "on" });
    const row = fx.db.select().from(t.users).where(eq(t.users.id, created.id)).get()!;
    // A unit role keeps its unit and never a deputy link; the account waits, disabled, for the security administrator.
    expect(row).toMatchObject({ role: "unit_staff", unitId: null, deputyId: null, active: false, pendingChange: { kind: "create", unitId: fx.unit.zjj, deputyId: null } });
    decideAccountChange(fx.secAdmin, { userId: created.id, decision: "approve" });
    expect(fx.db.select().from(t.users).where(eq(t.users.id, created.id)).get()).toMatchObject({ unitId: fx.unit.zjj, active: true, pendingChange: null });
    const sid = startSession(fx.db, created.id, new Date(), "10.0.0.1", "test");
    const ended = () => fx.db.select().from(t.authSessions).where(eq(t.authSessions.id, sid)).get()!.endedAt != null;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const h = fx.db.select().from(t.history).where(eq(t.history.subjectType, "user")).all();
    expect(h.map((r) => r.action)).toEqual(["user.create", "user.approve"]);
    expect(JSON.stringify(h)).not.toContain("Banli@2026");
    expect(JSON.stringify(h)).not.toContain("argon2");

    await saveUser(fx.admin, { id: created.id, username: "new_staff", displayName: "新承办人", role: "unit_staff", unitId: fx.unit.zjj, active: true });
    // Saving the account unchanged leaves its sign-in alone.
    expect(ended()).toBe(false);
    // The role is the security administrator's (三员分立): the system administrator cannot change it.
    await refused(Invalid, () => saveUser(fx.admin, { id: created.id, username: "new_staff", displayName: "新承办人", role: "unit_leader", unitId: fx.unit.zjj, active: true }));
    setRole(fx.secAdmin, { userId: created.id, role: "unit_leader", unitId: fx.unit.zjj });
    const after = fx.db.select().from(t.users).where(eq(t.users.id, created.id)).get()!;
    expect(after).toMatchObject({ role: "unit_leader", passwordHash: row.passwordHash });
    expect(ended()).toBe(true);
    const updates = fx.db.select().from(t.history).where(and(eq(t.history.subjectType, "user"), eq(t.history.action, "user.update"))).all();
    expect(updates).toHaveLength(1);
    expect(fx.db.select().from(t.history).where(eq(t.history.action, "user.role")).all()).toHaveLength(1);
    expect(JSON.stringify(updates)).not.toContain("argon2");
  });

  it("the system administrator grants no administrator role and edits no administrator account", async () => {
    const e = await refused(Invalid, () =>
      saveUser(fx.admin, { username: "another_admin", displayName: "某管理员", role: "security_admin", password: "Banli@2026", active: true }),
    );
    expect(e.fieldErrors.role).toEqual(["管理员角色由安全管理员授予"]);
    await refused(Forbidden, () => saveUser(fx.admin, { id: fx.auditor.id, username: "auditor", displayName: "安全审计员", role: "deputy", deputyId: fx.deputy.hu, active: true }));
    await refused(Forbidden, () => saveUser(fx.admin, { id: fx.admin.id, username: "sysadmin", displayName: "系统管理员", role: "gov_office", active: "" }));
    // Nor can the security administrator change their own role.
    await refused(Invalid, () => setRole(fx.secAdmin, { userId: fx.secAdmin.id, role: "gov_office" }));
  });

  it("updating a record that does not exist is not found", async () => {
    await refused(NotFound, () => saveSession(fx.admin, { id: 9999, term: 18, meeting: 5, name: "不存在的届次", active: true }));
    await refused(NotFound, () => saveUnit(fx.admin, { id: 9999, name: "不存在的单位", shortName: "无", kind: "other", active: true }));
    await refused(NotFound, () => saveDeputy(fx.admin, { id: 9999, name: "无名", deputation: "无", phone: "", active: true }));
    await refused(NotFound, () => saveUser(fx.admin, { id: 9999, username: "nobody", displayName: "无名", role: "gov_office", active: true }));
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input: Invalid, a Chinese message on the right field, and nothing changed
// ---------------------------------------------------------------------------------------------

type BadInput = { name: string; setup: () => unknown; call: (ctx: never) => unknown; field: string; message: string };

/** A bad-input case: `setup` builds what the call needs (not part of the check), `call` must be refused. */
function bad<C>(name: string, setup: () => C, call: (ctx: C) => unknown, field: string, message: string): BadInput {
  return { name, setup, call: call as (ctx: never) => unknown, field, message };
}
const nothing = () => undefined;
const long = (n: number) => "长".repeat(n);
const contact = (assignmentId: number, over: Record<string, unknown>) => ({
  assignmentId,
  contactedOn: "2026-03-02",
  channel: "phone",
  people: "胡国锋代表",
  summary: "电话沟通",
  ...over,
});
const leadAssignment = () => assignmentOf(handlingProposal(), "jxj").id;
const draftedOpinion = () => saveOpinionDraft(fx.staff.swj, opinionInput(handlingProposal()));
const submittedOpinion = () => {
  const d = draftedOpinion();
  submitOpinion(fx.staff.swj, d);
  return d;
};
const sentReply = () => repliedProposal().replyId;

const badInputs: BadInput[] = [
  // registerProposal
  bad("register: empty title", nothing, () => registerProposal(fx.congress, registerInput({ title: "  " })), "title", "请填写建议标题"),
  bad("register: title too long", nothing, () => registerProposal(fx.congress, registerInput({ title: long(201) })), "title", "建议标题不能超过200个字"),
  bad("register: title of the wrong type", nothing, () => registerProposal(fx.congress, registerInput({ title: 155 })), "title", "请填写建议标题"),
  bad("register: empty body", nothing, () => registerProposal(fx.congress, registerInput({ body: "" })), "body", "请填写建议内容"),
  bad("register: number not a number", nothing, () => registerProposal(fx.congress, registerInput({ number: "第五号" })), "number", "建议编号应为数字"),
  bad("register: number 0", nothing, () => registerProposal(fx.congress, registerInput({ number: 0 })), "number", "建议编号应从1开始"),
  bad("register: unknown field", nothing, () => registerProposal(fx.congress, registerInput({ field: "体育" })), "field", "请选择所属领域"),
  bad("register: unknown disclosure", nothing, () => registerProposal(fx.congress, registerInput({ disclosure: "public" })), "disclosure", "请选择公开选项"),
  bad("register: unknown session", nothing, () => registerProposal(fx.congress, registerInput({ sessionId: 9999 })), "sessionId", "请选择有效的届次"),
  bad("register: closed session", nothing, () => registerProposal(fx.congress, registerInput({ sessionId: fx.oldSession.id })), "sessionId", "请选择有效的届次"),
  bad("register: session id of the wrong type", nothing, () => registerProposal(fx.congress, registerInput({ sessionId: "abc" })), "sessionId", "届次无效"),
  bad("register: unknown lead deputy", nothing, () => registerProposal(fx.congress, registerInput({ leadDeputyId: 9999 })), "leadDeputyId", "所选领衔代表不存在或已不在任"),
  bad("register: unknown co-signer", nothing, () => registerProposal(fx.congress, registerInput({ cosignerIds: [fx.deputy.chen, 9999] })), "cosignerIds", "所选附议代表中有不存在或已不在任的代表"),
  bad("register: lead deputy also a co-signer", nothing, () => registerProposal(fx.congress, registerInput({ cosignerIds: [fx.deputy.hu] })), "cosignerIds", "领衔代表不必再列为附议代表"),
  bad("register: co-signer twice", nothing, () => registerProposal(fx.congress, registerInput({ cosignerIds: [fx.deputy.chen, fx.deputy.chen] })), "cosignerIds", "附议代表有重复"),
  bad("register: key proposal without supervisor", nothing, () => registerProposal(fx.congress, registerInput({ isKey: true, supervisor: "" })), "supervisor", "重点督办建议须明确督办领导"),
  bad("register: number already taken in the session", () => register({ number: 155 }), () => registerProposal(fx.congress, registerInput({ number: 155 })), "number", "市十八届人大二次会议已有第155号建议"),
  // markProposal / withdrawProposal
  bad("mark: 'withdrawn' is not a screening choice", register, (proposalId) => markProposal(fx.congress, { proposalId, screening: "withdrawn" }), "screening", "请选择甄别结果"),
  bad("mark: key without supervisor", register, (proposalId) => markProposal(fx.congress, { proposalId, screening: "normal", isKey: true }), "supervisor", "重点督办建议须明确督办领导"),
  bad("mark: negative proposal id", nothing, () => markProposal(fx.congress, { proposalId: -3, screening: "normal" }), "proposalId", "建议无效"),
  bad("withdraw: no reason", register, (proposalId) => withdrawProposal(fx.congress, { proposalId, reason: "" }), "reason", "请填写撤案理由（代表书面申请）"),
  bad("withdraw: reason too long", register, (proposalId) => withdrawProposal(fx.congress, { proposalId, reason: long(501) }), "reason", "撤案理由（代表书面申请）不能超过500个字"),
  // assignProposal
  bad("assign: lead mode without a lead unit", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "lead", coUnitIds: [fx.unit.swj] }), "leadUnitId", "请选择主办单位"),
  bad("assign: lead unit also a co-unit", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: fx.unit.jxj, coUnitIds: [fx.unit.jxj] }), "coUnitIds", "主办单位不能同时为协办单位"),
  bad("assign: one parallel unit", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "parallel", parallelUnitIds: [fx.unit.jxj] }), "parallelUnitIds", "分办至少选择两个单位"),
  bad("assign: unknown mode", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "joint", leadUnitId: fx.unit.jxj }), "mode", "请选择交办方式"),
  bad("assign: unknown lead unit", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: 9999 }), "leadUnitId", "所选单位不存在或已停用"),
  bad("assign: disabled co-unit", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "lead", leadUnitId: fx.unit.jxj, coUnitIds: [fx.retiredUnit] }), "coUnitIds", "所选单位不存在或已停用"),
  bad("assign: unknown parallel unit", register, (proposalId) => assignProposal(fx.gov, { proposalId, mode: "parallel", parallelUnitIds: [fx.unit.jxj, 9999] }), "parallelUnitIds", "所选单位不存在或已停用"),
  // receiveAssignment / logContact
  bad("receive: assignment id of the wrong type", nothing, () => receiveAssignment(fx.staff.jxj, { assignmentId: "第一件" }), "assignmentId", "承办事项无效"),
  bad("receive: assignment id missing", nothing, () => receiveAssignment(fx.staff.jxj, {}), "assignmentId", "承办事项无效"),
  bad("contact: impossible date", leadAssignment, (id) => logContact(fx.staff.jxj, contact(id, { contactedOn: "2026-02-30" })), "contactedOn", "联系日期不是有效日期"),
  bad("contact: date after today", leadAssignment, (id) => logContact(fx.staff.jxj, contact(id, { contactedOn: "2026-12-31" })), "contactedOn", "联系日期应在交办日（2026-03-02）至今天之间"),
  bad("contact: date in the wrong format", leadAssignment, (id) => logContact(fx.staff.jxj, contact(id, { contactedOn: "2026/3/5" })), "contactedOn", "联系日期格式应为“年-月-日”"),
  bad("contact: unknown channel", leadAssignment, (id) => logContact(fx.staff.jxj, contact(id, { channel: "fax" })), "channel", "请选择联系方式"),
  bad("contact: no people", leadAssignment, (id) => logContact(fx.staff.jxj, contact(id, { people: "" })), "people", "请填写参加人员"),
  bad("contact: summary too long", leadAssignment, (id) => logContact(fx.staff.jxj, contact(id, { summary: long(2001) })), "summary", "沟通情况不能超过2000个字"),
  // documents
  bad("opinion: empty body", handlingProposal, (id) => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { body: "" })), "body", "请填写正文"),
  bad("opinion: body of the wrong type", handlingProposal, (id) => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { body: ["正文"] })), "body", "请填写正文"),
  bad("opinion: body too long", handlingProposal, (id) => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { body: long(20001) })), "body", "正文不能超过20000个字"),
  bad("opinion: phone with letters", handlingProposal, (id) => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { contactPhone: "0574-CALL" })), "contactPhone", "联系电话只能包含数字、空格和“-”"),
  bad("opinion: no phone", handlingProposal, (id) => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { contactPhone: "" })), "contactPhone", "请填写联系电话"),
  bad("opinion: no contact person", handlingProposal, (id) => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { contactPerson: " " })), "contactPerson", "请填写联系人"),
  bad("reply: unknown category", handlingProposal, (id) => saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { category: "E" })), "category", "请选择答复类别"),
  bad("reply: outstanding reason too long", handlingProposal, (id) => saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { outstandingReason: long(501) })), "outstandingReason", "未收齐协办意见的说明不能超过500个字"),
  bad("submit: version missing", draftedOpinion, (d) => submitOpinion(fx.staff.swj, { documentId: d.documentId }), "version", "版本号无效"),
  bad("submit: document id of the wrong type", nothing, () => submitReply(fx.staff.jxj, { documentId: "草稿", version: 1 }), "documentId", "稿件无效"),
  bad("return: no comment", submittedOpinion, (d) => returnOpinion(fx.leader.swj, { ...d, comment: "" }), "comment", "请填写退回意见"),
  bad("return: comment too long", submittedOpinion, (d) => returnOpinion(fx.leader.swj, { ...d, comment: long(501) }), "comment", "退回意见不能超过500个字"),
  // rateReply
  bad("rate: unknown level", sentReply, (replyId) => rateReply(fx.dep.hu, { ...rateInput(replyId), attitude: "good" }), "attitude", "请选择对办理态度的评价"),
  bad("rate: unsatisfied without a comment", sentReply, (replyId) => rateReply(fx.dep.hu, rateInput(replyId, "satisfied", "unsatisfied")), "comment", "评价为不满意时，请写明意见，便于重新办理"),
  bad("rate: 'contacted' as a boolean", sentReply, (replyId) => rateReply(fx.dep.hu, { ...rateInput(replyId), wasContacted: true }), "wasContacted", "请选择办理前是否与您联系"),
  bad("rate: comment too long", sentReply, (replyId) => rateReply(fx.dep.hu, rateInput(replyId, "satisfied", "satisfied", long(1001))), "comment", "意见建议不能超过1000个字"),
  // administration
  bad("session: term not a number", nothing, () => saveSession(fx.admin, { term: "十八", meeting: 3, name: "市十八届人大三次会议" }), "term", "届应为数字"),
  bad("session: empty name", nothing, () => saveSession(fx.admin, { term: 18, meeting: 3, name: "" }), "name", "请填写名称"),
  bad("session: name taken", nothing, () => saveSession(fx.admin, { term: 18, meeting: 2, name: SESSION_NAME }), "name", "已有同名届次"),
  bad("session: bad opening date", nothing, () => saveSession(fx.admin, { term: 18, meeting: 3, name: "市十八届人大三次会议", openedOn: "2027-13-01" }), "openedOn", "开幕日期不是有效日期"),
  bad("unit: short name too long", nothing, () => saveUnit(fx.admin, { name: "市某局", shortName: long(11), kind: "department" }), "shortName", "文号代字不能超过10个字"),
  bad("unit: unknown kind", nothing, () => saveUnit(fx.admin, { name: "市某局", shortName: "慈某", kind: "bureau" }), "kind", "请选择单位类型"),
  bad("unit: short name taken (document numbers would clash)", nothing, () => saveUnit(fx.admin, { name: "市某局", shortName: "慈商", kind: "department" }), "shortName", "文号代字已被其他单位使用"),
  bad("unit: name taken", nothing, () => saveUnit(fx.admin, { name: "市经信局", shortName: "慈经", kind: "department" }), "name", "已有同名单位"),
  bad("unit: renamed to another unit's name", nothing, () => saveUnit(fx.admin, { id: fx.unit.swj, name: "市经信局", shortName: "慈商", kind: "department" }), "name", "已有同名单位"),
  bad("deputy: empty name", nothing, () => saveDeputy(fx.admin, { name: "", deputation: "古塘街道代表团", phone: "" }), "name", "请填写姓名"),
  bad("deputy: phone with letters", nothing, () => saveDeputy(fx.admin, { name: "甲", deputation: "古塘街道代表团", phone: "138abc" }), "phone", "联系电话只能包含数字、空格和“-”"),
  bad("user: bad username", nothing, () => saveUser(fx.admin, { username: "Wang Li", displayName: "王丽", role: "gov_office", password: "Banli@2026" }), "username", "用户名只能用小写字母、数字、下划线、点和短横线"),
  bad("user: unknown role", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "mayor", password: "Banli@2026" }), "role", "请选择角色"),
  bad("user: unit role without a unit", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "unit_staff", password: "Banli@2026" }), "unitId", "承办人和签发领导须选择所属单位"),
  bad("user: deputy account without a deputy", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "deputy", password: "Banli@2026" }), "deputyId", "代表账号须关联一位代表"),
  bad("user: new account without password", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "gov_office" }), "password", "新建账号须设置初始密码"),
  bad("user: short password", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "gov_office", password: "short" }), "password", "密码至少10位"),
  bad("user: two character classes only", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "gov_office", password: "abcdefgh1234" }), "password", "密码须包含大写字母、小写字母、数字、符号中的至少三类"),
  bad("user: password holds the user name", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "gov_office", password: "Wangli#2026x" }), "password", "密码不能包含用户名"),
  bad("user: common password", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "gov_office", password: "Abc@123456" }), "password", "该密码过于常见，请换一个"),
  bad("user: unknown unit", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "unit_staff", unitId: 9999, password: "Banli@2026" }), "unitId", "所属单位不存在"),
  bad("user: unknown deputy", nothing, () => saveUser(fx.admin, { username: "wangli", displayName: "王丽", role: "deputy", deputyId: 9999, password: "Banli@2026" }), "deputyId", "所选代表不存在"),
  bad("user: username taken", nothing, () => saveUser(fx.admin, { username: "rdgw", displayName: "王丽", role: "gov_office", password: "Banli@2026" }), "username", "用户名已被使用"),
];

describe(`bad input → Invalid with a Chinese message on the field, nothing changed (${badInputs.length} cases)`, () => {
  it.each(badInputs)("$name", async ({ setup, call, field, message }) => {
    const ctx = setup() as never;
    const error = await refused(Invalid, () => call(ctx));
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(error.fieldErrors), JSON.stringify(error.fieldErrors)).toContain(field);
    expect(error.fieldErrors[field][0]).toBe(message);
    for (const messages of Object.values(error.fieldErrors)) for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fff]/);
  });
});

// ---------------------------------------------------------------------------------------------
// The life of a proposal
// ---------------------------------------------------------------------------------------------

describe("the life of a proposal", () => {
  it("register → assign (lead + two co-units) → receive → opinion with a return → reply before every opinion is in (with reason) → every deputy rates → closed", async () => {
    // 登记
    at("2026-02-26T10:00:00+08:00");
    const reg = historyOf(() => registerProposal(fx.congress, registerInput({ number: 155 })));
    const id = reg.result.id;
    expect(reg.actions).toEqual(["proposal.register"]);

    // 交办: 市经信局 leads, 市商务局 and 市发改局 co-handle.
    at("2026-03-02T09:00:00+08:00");
    expect(historyOf(() => assignLead(id, "jxj", ["swj", "fgj"])).actions).toEqual(["proposal.assign"]);
    expect(proposalRow(id).state).toBe("handling");

    // 签收 by each unit (the co-unit's leader signs for it).
    at("2026-03-04T09:00:00+08:00");
    receiveAssignment(fx.staff.jxj, { assignmentId: assignmentOf(id, "jxj").id });
    receiveAssignment(fx.leader.swj, { assignmentId: assignmentOf(id, "swj").id });
    receiveAssignment(fx.staff.fgj, { assignmentId: assignmentOf(id, "fgj").id });
    expect(["jxj", "swj", "fgj"].map((u) => assignmentOf(id, u as UnitKey).state)).toEqual(["received", "received", "received"]);

    // 面商
    at("2026-03-10T14:00:00+08:00");
    logContact(fx.staff.jxj, { assignmentId: assignmentOf(id, "jxj").id, contactedOn: "2026-03-10", channel: "in_person", people: "胡国锋代表、邹佳敏", summary: "实地走访古塘工业区块。" });

    // 协办意见 of 市商务局: draft, revise, submit, returned, revise, resubmit, signed off.
    at("2026-03-18T10:00:00+08:00");
    const o1 = saveOpinionDraft(fx.staff.swj, opinionInput(id));
    const o2 = saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { ...o1, body: "第二稿协办意见。" }));
    submitOpinion(fx.staff.swj, o2);
    returnOpinion(fx.leader.swj, { ...o2, comment: "请写明小微企业园政策。" });
    const o3 = saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { ...o2, body: "第三稿协办意见：支持小微企业园改造。" }));
    expect(o3.version).toBe(3);
    submitOpinion(fx.staff.swj, o3);
    at("2026-03-20T16:00:00+08:00");
    signOffOpinion(fx.leader.swj, o3);
    expect(opinionRow(o3.documentId)).toMatchObject({ state: "sent", docNumber: "慈商函〔2026〕1号", body: "第三稿协办意见：支持小微企业园改造。" });
    expect(assignmentOf(id, "swj").state).toBe("opinion_sent");

    // 答复: 市发改局's opinion is still outstanding, so the reply needs a recorded reason.
    at("2026-04-20T10:00:00+08:00");
    const r1 = saveReplyDraft(fx.staff.jxj, replyInput(id));
    const missing = await refused(Invalid, () => submitReply(fx.staff.jxj, r1));
    expect(missing.fieldErrors.outstandingReason).toEqual(["尚有协办单位未送达协办意见，如需先行答复，请说明理由"]);
    const reason = "市发改局协办意见逾期未送达，经督查室同意先行答复。";
    const r2 = saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { ...r1, outstandingReason: reason }));
    submitReply(fx.staff.jxj, r2);
    at("2026-04-22T11:00:00+08:00");
    const signed = historyOf(() => signOffReply(fx.leader.jxj, r2));
    expect(signed.actions).toEqual(["reply.signOff", "assignment.state", "proposal.state"]);
    expect(replyRow(r2.documentId)).toMatchObject({ state: "sent", docNumber: "慈经信复〔2026〕1号", outstandingReason: reason, round: 1 });
    expect(assignmentOf(id, "jxj").state).toBe("replied");
    expect(proposalRow(id).state).toBe("replied");

    // 征询意见: the lead deputy and both co-signers, each for themself.
    at("2026-05-06T10:00:00+08:00");
    expect(historyOf(() => rateReply(fx.dep.hu, rateInput(r2.documentId))).actions).toEqual(["rating.create"]);
    expect(historyOf(() => rateReply(fx.dep.chen, rateInput(r2.documentId, "basically_satisfied", "satisfied"))).actions).toEqual(["rating.create"]);
    expect(proposalRow(id).state).toBe("replied");
    const last = historyOf(() => rateReply(fx.dep.sun, rateInput(r2.documentId, "satisfied", "basically_satisfied")));
    expect(last.actions).toEqual(["rating.create", "assignment.state", "proposal.state"]);
    expect(assignmentOf(id, "jxj").state).toBe("closed");
    expect(proposalRow(id).state).toBe("closed");

    const ratingRows = fx.db.select().from(t.ratings).where(eq(t.ratings.replyId, r2.documentId)).all();
    expect(ratingRows.map((r) => [r.deputyId, r.ratedById])).toEqual([
      [fx.deputy.hu, fx.dep.hu.id],
      [fx.deputy.chen, fx.dep.chen.id],
      [fx.deputy.sun, fx.dep.sun.id],
    ]);

    // The whole story, in order, with the unit-internal steps marked as such.
    const story = fx.db.select().from(t.history).where(eq(t.history.proposalId, id)).orderBy(asc(t.history.id)).all();
    expect(story.map((h) => h.action)).toEqual([
      "proposal.register",
      "proposal.assign",
      "assignment.receive",
      "assignment.receive",
      "assignment.receive",
      "contact.log",
      "opinion.save",
      "opinion.save",
      "opinion.submit",
      "opinion.returnForRevision",
      "opinion.save",
      "opinion.submit",
      "opinion.signOff",
      "assignment.state",
      "reply.save",
      "reply.save",
      "reply.submit",
      "reply.signOff",
      "assignment.state",
      "proposal.state",
      "rating.create",
      "rating.create",
      "rating.create",
      "assignment.state",
      "proposal.state",
    ]);
    const internal = story.filter((h) => /^(opinion|reply)\.(save|submit|returnForRevision)$/.test(h.action));
    expect(internal).toHaveLength(9);
    for (const h of internal) expect(h.unitId).toBe(h.subjectType === "opinion" ? fx.unit.swj : fx.unit.jxj);
    for (const h of story.filter((h) => !internal.includes(h))) expect(h.unitId, h.action).toBeNull();
    expect(story.at(-1)!.at).toEqual(new Date("2026-05-06T10:00:00+08:00"));
  });

  it("不满意 → re-handling in round 2 → a second reply with the next number → new ratings → closed", async () => {
    const { proposalId: id, replyId: first } = repliedProposal();
    expect(replyRow(first).docNumber).toBe("慈经信复〔2026〕1号");

    at("2026-06-10T10:00:00+08:00");
    const unsatisfied = historyOf(() =>
      rateReply(fx.dep.hu, rateInput(first, "basically_satisfied", "unsatisfied", "答复内容较为原则，缺少具体措施和时间安排。")),
    );
    expect(unsatisfied.actions).toEqual(["rating.create", "assignment.state", "proposal.state"]);
    expect(unsatisfied.rows[1].after).toEqual({ state: "rehandling", round: 2 });
    expect(assignmentOf(id, "jxj")).toMatchObject({ state: "rehandling", round: 2 });
    expect(proposalRow(id).state).toBe("rehandling");

    // The other deputies can no longer rate the first reply: it is being redone.
    await refused(Conflict, () => rateReply(fx.dep.chen, rateInput(first)));

    // Re-handling: contact again, a new reply (round 2), no reason needed (the opinion is in).
    logContact(fx.staff.jxj, { assignmentId: assignmentOf(id, "jxj").id, contactedOn: "2026-06-10", channel: "meeting", people: "胡国锋代表", summary: "座谈会商具体措施。" });
    const second = saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { body: "第二次答复：明确改造时间表。", category: "A" }));
    expect(second.documentId).not.toBe(first);
    expect(second.version).toBe(1);
    submitReply(fx.staff.jxj, second);
    at("2026-06-20T10:00:00+08:00");
    signOffReply(fx.leader.jxj, second);
    expect(replyRow(second.documentId)).toMatchObject({ round: 2, state: "sent", docNumber: "慈经信复〔2026〕2号", category: "A" });
    expect(replyRow(first)).toMatchObject({ round: 1, state: "sent", body: REPLY_TEXT });
    expect(assignmentOf(id, "jxj")).toMatchObject({ state: "replied", round: 2 });
    expect(proposalRow(id).state).toBe("replied");

    // The first reply is history now: rating it is refused.
    const stale = await refused(Conflict, () => rateReply(fx.dep.chen, rateInput(first)));
    expect(stale.message).toContain("新一轮");

    at("2026-07-01T10:00:00+08:00");
    rateReply(fx.dep.hu, rateInput(second.documentId));
    rateReply(fx.dep.chen, rateInput(second.documentId));
    rateReply(fx.dep.sun, rateInput(second.documentId, "satisfied", "basically_satisfied"));
    expect(assignmentOf(id, "jxj")).toMatchObject({ state: "closed", round: 2 });
    expect(proposalRow(id).state).toBe("closed");
    expect(fx.db.select().from(t.ratings).all().map((r) => [r.replyId, r.deputyId])).toEqual([
      [first, fx.deputy.hu],
      [second.documentId, fx.deputy.hu],
      [second.documentId, fx.deputy.chen],
      [second.documentId, fx.deputy.sun],
    ]);
  });

  it("parallel units (分办): the proposal is replied only when both have replied, closed when both are", () => {
    const id = register({ cosignerIds: [] });
    assignParallel(id, ["jxj", "zjj"]);
    receive(id, "jxj");
    receive(id, "zjj");
    const a = sendReply(id, "jxj");
    expect(proposalRow(id).state).toBe("handling");
    // No co-units: no reason is needed.
    const b = sendReply(id, "zjj");
    expect(replyRow(b).docNumber).toBe("慈建复〔2026〕1号");
    expect(proposalRow(id).state).toBe("replied");
    rateReply(fx.dep.hu, rateInput(a));
    expect(assignmentOf(id, "jxj").state).toBe("closed");
    expect(proposalRow(id).state).toBe("replied");
    rateReply(fx.dep.hu, rateInput(b, "unsatisfied", "unsatisfied", "未解决实际问题。"));
    expect(proposalRow(id).state).toBe("rehandling");
  });
});

// ---------------------------------------------------------------------------------------------
// Document numbers
// ---------------------------------------------------------------------------------------------

describe("document numbers (文号): one series per unit, year and kind, in sign-off order", () => {
  it("numbers follow the order of signing, not of drafting; opinions and replies count apart; a new year starts at 1", () => {
    const ids = [register(), register(), register()];
    for (const id of ids) {
      assignLead(id, "jxj", []);
      receive(id, "jxj");
    }
    const drafts = ids.map((id) => pendingReply(id));
    // Signed in the order 3, 1, 2.
    signOffReply(fx.leader.jxj, drafts[2]);
    signOffReply(fx.leader2, drafts[0]);
    signOffReply(fx.leader.jxj, drafts[1]);
    expect(drafts.map((d) => replyRow(d.documentId).docNumber)).toEqual(["慈经信复〔2026〕2号", "慈经信复〔2026〕3号", "慈经信复〔2026〕1号"]);

    // 市商务局: its first opinion and its first reply are both No. 1, each in its own series.
    const p4 = register();
    assignLead(p4, "swj", ["jxj"]);
    receive(p4, "swj");
    receive(p4, "jxj");
    const jxjOpinion = sendOpinion(p4, "jxj");
    expect(opinionRow(jxjOpinion).docNumber).toBe("慈经信函〔2026〕1号");
    const swjReply = sendReply(p4, "swj");
    expect(replyRow(swjReply).docNumber).toBe("慈商复〔2026〕1号");

    // Midnight of New Year in China (still 31 December in UTC) opens the 2027 series.
    at("2026-12-31T16:30:00Z");
    const p5 = register();
    assignLead(p5, "jxj", []);
    receive(p5, "jxj");
    expect(replyRow(sendReply(p5)).docNumber).toBe("慈经信复〔2027〕1号");
    expect(fx.db.select().from(t.docSequences).orderBy(asc(t.docSequences.unitId), asc(t.docSequences.year), asc(t.docSequences.kind)).all()).toEqual([
      { unitId: fx.unit.jxj, year: 2026, kind: "opinion", last: 1 },
      { unitId: fx.unit.jxj, year: 2026, kind: "reply", last: 3 },
      { unitId: fx.unit.jxj, year: 2027, kind: "reply", last: 1 },
      { unitId: fx.unit.swj, year: 2026, kind: "reply", last: 1 },
    ]);
  });

  it("a refused sign-off hands out no number", async () => {
    const id = handlingProposal();
    const draft = saveOpinionDraft(fx.staff.swj, opinionInput(id));
    submitOpinion(fx.staff.swj, draft);
    signOffOpinion(fx.leader.swj, draft);
    await refused(Conflict, () => signOffOpinion(fx.leader.swj, draft));
    expect(fx.db.select().from(t.docSequences).all()).toEqual([{ unitId: fx.unit.swj, year: 2026, kind: "opinion", last: 1 }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Conflicts and refusals named in the rules
// ---------------------------------------------------------------------------------------------

describe("conflicts", () => {
  it("saving a draft on a stale version is refused with the newer text, and nothing is overwritten", async () => {
    const id = handlingProposal();
    sendOpinion(id);
    // Two staff of 市经信局 open version 1.
    const v1 = saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { body: "第一稿。" }));
    at("2026-03-05T11:20:00+08:00");
    saveReplyDraft(fx.staff2, replyInput(id, "jxj", { ...v1, body: "邹佳敏修改的第二稿。" }));
    const e = await refused(Conflict, () => saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { ...v1, body: "我在旧稿上的修改。" })));
    expect(e.current).toMatchObject({ documentId: v1.documentId, version: 2, body: "邹佳敏修改的第二稿。", state: "draft", updatedBy: "邹佳敏" });
    expect(e.message).toContain("邹佳敏");
    expect(replyRow(v1.documentId)).toMatchObject({ body: "邹佳敏修改的第二稿。", version: 2, updatedById: fx.staff2.id });
    // A form that never saw the existing draft (no id) is refused the same way.
    const blind = await refused(Conflict, () => saveReplyDraft(fx.staff.jxj, replyInput(id, "jxj", { body: "另起一稿。" })));
    expect(blind.current?.body).toBe("邹佳敏修改的第二稿。");
  });

  it("the same for an opinion, and for a step taken on a stale version (sign-off after a revision)", async () => {
    const id = handlingProposal();
    const v1 = saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { body: "第一稿。" }));
    saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { ...v1, body: "第二稿。" }));
    const e = await refused(Conflict, () => saveOpinionDraft(fx.staff.swj, opinionInput(id, "swj", { ...v1, body: "旧稿修改。" })));
    expect(e.current?.body).toBe("第二稿。");
    // Submitting version 1 when version 2 exists is refused too.
    const s = await refused(Conflict, () => submitOpinion(fx.staff.swj, v1));
    expect(s.current).toMatchObject({ version: 2, body: "第二稿。" });
  });

  it("two leaders signing the same reply: the second gets Conflict, and one number is used", async () => {
    const id = handlingProposal();
    sendOpinion(id);
    const draft = pendingReply(id);
    signOffReply(fx.leader.jxj, draft);
    const e = await refused(Conflict, () => signOffReply(fx.leader2, draft));
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(replyRow(draft.documentId)).toMatchObject({ signerId: fx.leader.jxj.id, docNumber: "慈经信复〔2026〕1号" });
    // Nor can the second leader return what has been sent.
    await refused(Conflict, () => returnReply(fx.leader2, { ...draft, comment: "退回" }));
  });

  it("a deputy rating twice → Conflict", async () => {
    const { replyId } = repliedProposal();
    rateReply(fx.dep.hu, rateInput(replyId));
    const e = await refused(Conflict, () => rateReply(fx.dep.hu, rateInput(replyId, "unsatisfied", "unsatisfied", "改主意了")));
    expect(e.message).toContain("不能重复评价");
  });

  it("staff cannot rate (Forbidden): ratings are the deputy's own", async () => {
    const { replyId } = repliedProposal();
    await refused(Forbidden, () => rateReply(fx.staff.jxj, rateInput(replyId)));
    await refused(Forbidden, () => rateReply(fx.leader.jxj, rateInput(replyId)));
    await refused(Forbidden, () => rateReply(fx.congress, rateInput(replyId)));
  });

  it("a leader of unit X cannot sign unit Y's document (NotFound)", async () => {
    const id = handlingProposal();
    const opinion = saveOpinionDraft(fx.staff.swj, opinionInput(id));
    submitOpinion(fx.staff.swj, opinion);
    await refused(NotFound, () => signOffOpinion(fx.leader.jxj, opinion));
    await refused(NotFound, () => signOffOpinion(fx.leader.zjj, opinion));
    signOffOpinion(fx.leader.swj, opinion);
    const reply = pendingReply(id);
    await refused(NotFound, () => signOffReply(fx.leader.swj, reply));
  });

  it("a deputy not on the proposal cannot rate (NotFound)", async () => {
    const { replyId } = repliedProposal();
    const e = await refused(NotFound, () => rateReply(fx.dep.ye, rateInput(replyId)));
    expect(e.message).toBe("未找到该答复。");
  });
});

// ---------------------------------------------------------------------------------------------
// Bugs found while writing these tests, kept as regressions
// ---------------------------------------------------------------------------------------------

describe("regressions", () => {
  it("withdrawProposal refuses a proposal whose parallel unit has already sent its reply to the deputy", async () => {
    // workflow.ts: "撤案, only at the deputy's written request, before the reply has gone."
    // With parallel units the proposal stays "handling" until every unit has replied, so the
    // table's state check lets a withdrawal through after one unit's reply has gone out.
    const id = register({ cosignerIds: [] });
    assignParallel(id, ["jxj", "zjj"]);
    receive(id, "jxj");
    receive(id, "zjj");
    sendReply(id, "jxj");
    expect(assignmentOf(id, "jxj").state).toBe("replied");
    expect(proposalRow(id).state).toBe("handling");
    await refused(Conflict, () => withdrawProposal(fx.congress, { proposalId: id, reason: "代表书面申请撤回" }));
  });

  it("registerProposal refuses a deputy who is no longer in office (disabled), like sessions and units", async () => {
    const e = await refused(Invalid, () => registerProposal(fx.congress, registerInput({ leadDeputyId: fx.retiredDeputy, cosignerIds: [] })));
    expect(Object.keys(e.fieldErrors)).toContain("leadDeputyId");
  });
});
