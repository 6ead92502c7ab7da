import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ExcelJS from "exceljs";
import { Document, Packer, Paragraph } from "docx";
import { eq } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { viewerRef } from "../page-viewer";
import { Conflict, Forbidden, Invalid, NotFound, ServiceError } from "@/lib/errors";
import {
  CONTACT_CHANNELS,
  DISCLOSURES,
  FIELDS,
  RATING_LEVELS,
  REPLY_CATEGORIES,
  ROLES,
  UNIT_KINDS,
  type Role,
} from "@/lib/workflow";
import { hash as argon2Hash } from "@node-rs/argon2";
import { codeAt, newSecret, sealSecret } from "@/lib/auth/totp";
import { POLICY, POLICY_KEYS } from "@/lib/policy";
import { assignProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
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
import { addCommitment, reportCommitment } from "@/lib/services/commitments";
import { requestAdjustment, requestExtension } from "@/lib/services/requests";
import { uploadAttachment } from "@/lib/services/attachments";
import { IMPORT_COLUMNS } from "@/lib/services/import";
import {
  HTML_MARKERS,
  HTML_PAYLOADS,
  OMIT,
  choiceOf,
  dayBetween,
  examples,
  field,
  flag,
  hostileText,
  hugeText,
  idFrom,
  idListFrom,
  mapExamples,
  orElse,
  phone,
  rawObject,
  show,
  text,
} from "../fuzz-arbitraries";
import { DEPUTIES, smallWorld, snapshotQueries, UNIT_KEYS, UNITS, type DeputyKey, type UnitKey } from "../fixtures";

/*
 * Fuzzing the service layer (property-based tests feed random and hostile input to every
 * service function). One fixture, built once through the services themselves: proposals in every
 * state, four units with drafts, sent documents, requests, contact logs, attachments and
 * notifications. Every generated call runs inside a transaction that is rolled back afterwards, so
 * each run starts from the same database. For each run:
 *
 *   1. the call succeeds or throws Invalid, Forbidden, NotFound or Conflict — anything else
 *      (TypeError, RangeError, SqliteError…) is what lib/action.ts turns into the generic failure,
 *      the "500" of this app;
 *   2. a refused call leaves every table (and the stored files) exactly as it was;
 *   3. a unit's staff or leader never changes another unit's rows (assignments, opinions, replies,
 *      contact logs, requests, ratings, attachments, their history), whatever ids the input names,
 *      and never gets another unit's unsent draft back in an answer;
 *   4. text that was accepted is rendered escaped by the real pages (the proposal page, the print
 *      view, notifications, administration, calendar): no raw <script>, no tag with an on…=
 *      handler, no javascript: link, and the escaped form of each payload is there;
 *   5. nothing pollutes Object.prototype.
 *
 * Each function first gets the classic hostile values one field at a time (a list past SQLite's
 * parameter limit, a megabyte of text, NaN, a prototype-pollution object…) on a call that is
 * otherwise accepted, then random runs mixing well-shaped and hostile fields, as actors of every
 * role, with ids that lean towards the actor's own records but include every other unit's.
 *
 * Every exported function of lib/services/*.ts is either fuzzed here or listed, with the reason, as
 * read-only or internal; a new export fails the coverage test until it is one or the other.
 * FUZZ_RUNS sets the random runs per function (default 100), FUZZ_SEED the seed (fixed by default,
 * so CI is repeatable; "random" to explore); a failure prints the command that replays it.
 */

// Pages render with the viewer the test names; nothing here signs in.
vi.mock("@/lib/auth/current", async () => (await import("../page-viewer")).currentViewerModule());
const { default: ProposalPage } = await import("@/app/(app)/proposals/[id]/page");
const { default: PrintPage } = await import("@/app/(app)/documents/[kind]/[id]/print/page");
const { default: NotificationsPage } = await import("@/app/(app)/notifications/page");
const { default: AdminPage } = await import("@/app/(app)/admin/[entity]/page");
const { default: CalendarPage } = await import("@/app/(app)/admin/calendar/page");
const { default: ProposalsPage } = await import("@/app/(app)/proposals/page");
const { default: Workbench } = await import("@/app/(app)/page");
const { default: KeyProposalsPage } = await import("@/app/(app)/supervision/key/page");

const RUNS = Number(process.env.FUZZ_RUNS) || 100;
/** Accepted calls per function whose pages are rendered and checked (rendering is the slow part). */
const RENDERS = Number(process.env.FUZZ_RENDERS) || 20;
/** A page that takes longer than this after one accepted call is a denial of service waiting to happen. */
const RENDER_BUDGET_MS = 3_000;
// A fixed seed keeps CI repeatable; FUZZ_SEED=random explores new inputs, FUZZ_SEED=<n> replays a run.
const SEED =
  process.env.FUZZ_SEED === "random" ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(process.env.FUZZ_SEED) || 20260309;
fc.configureGlobal({ seed: SEED, numRuns: RUNS });

const SERVICES_DIR = path.resolve(import.meta.dirname, "../../lib/services");
const DAY_1 = "2026-03-02T09:00:00+08:00";
const FUZZ_NOW = "2026-03-09T10:00:00+08:00";
const at = (iso: string) => setNow(new Date(iso));

// ---------------------------------------------------------------------------------------------
// The fixture: one database, every state, built through the services
// ---------------------------------------------------------------------------------------------

/** Marks each unit's unsent draft, so an answer that leaks one to another unit is recognised. */
const privateMark = (unit: UnitKey) => `【${unit}-内部草稿】`;

const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"));
const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
);
const EXE = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.\r\n", "latin1"));

const PASSWORD = "Banli@2026fuzz";
let PASSWORD_HASH = "";

function buildFixture() {
  const db = openDb(":memory:");
  useDb(db);
  at(DAY_1);
  const { session, oldSession, unit, retiredUnit, deputy, retiredDeputy, user, staff, leader, dep, ...world } = smallWorld(db);
  // One account for every role that is neither a unit's nor a deputy's (offices, administrators).
  const byRole: Partial<Record<Role, Actor>> = {
    system_admin: world.admin,
    security_admin: world.secAdmin,
    audit_admin: world.auditor,
    congress_office: world.congress,
    gov_office: world.gov,
  };
  // Accounts whose role lacks its link (a unit role without a unit, a deputy without a deputy).
  const orphans = [user("orphan_staff", "无单位承办人", "unit_staff"), user("orphan_deputy", "无代表账号", "deputy")];
  const { congress, gov } = world;

  let number = 100;
  const register = (lead: DeputyKey, cosigners: DeputyKey[], over: Record<string, unknown> = {}) =>
    registerProposal(congress, {
      sessionId: session.id,
      number: ++number,
      title: `关于第${number}号事项的建议`,
      body: "建议内容第一段。\n建议内容第二段。",
      field: "工业交通",
      leadDeputyId: deputy[lead],
      cosignerIds: cosigners.map((c) => deputy[c]),
      disclosure: "full",
      ...over,
    }).id;
  const assign = (proposalId: number, lead: UnitKey, co: UnitKey[] = []) =>
    assignProposal(gov, { proposalId, mode: "lead", leadUnitId: unit[lead], coUnitIds: co.map((c) => unit[c]) });
  const assignmentOf = (proposalId: number, u: UnitKey) =>
    db
      .select()
      .from(t.assignments)
      .where(eq(t.assignments.proposalId, proposalId))
      .all()
      .find((a) => a.unitId === unit[u])!.id;
  const receive = (proposalId: number, u: UnitKey) => receiveAssignment(staff[u], { assignmentId: assignmentOf(proposalId, u) });
  // Drafts that stay inside their unit carry its private mark; documents that will be sent do not.
  const opinion = (proposalId: number, u: UnitKey, unsent = true) =>
    saveOpinionDraft(staff[u], {
      assignmentId: assignmentOf(proposalId, u),
      body: `${unsent ? privateMark(u) : ""}我单位协办意见：一是加强协调；二是落实政策。`,
      contactPerson: "周倩",
      contactPhone: "0574-63012345",
    });
  const reply = (proposalId: number, u: UnitKey, over: Record<string, unknown> = {}, unsent = true) =>
    saveReplyDraft(staff[u], {
      assignmentId: assignmentOf(proposalId, u),
      body: `${unsent ? privateMark(u) : ""}您提出的建议收悉，现答复如下：……`,
      category: "B",
      contactPerson: "邹佳敏",
      contactPhone: "0574-63023456",
      cc: "市人大常委会代表工委",
      outstandingReason: "",
      ...over,
    });

  const pReg = register("hu", ["chen"]);
  const pKey = register("ye", [], { isKey: true, supervisor: "副市长 王建华" });
  const pAB = register("hu", ["chen", "sun"]);
  const pBA = register("chen", ["hu"]);
  const pCD = register("hu", ["sun"]);
  const pPar = register("sun", []);
  const pReq = register("ye", ["hu"]);
  const pRet = register("chen", []);
  const pClosed = register("hu", ["chen"]);
  const pWd = register("ye", []);

  at("2026-03-02T10:00:00+08:00");
  assign(pAB, "jxj", ["swj"]);
  assign(pBA, "swj", ["jxj"]);
  assign(pCD, "fgj", ["zjj"]);
  assignProposal(gov, { proposalId: pPar, mode: "parallel", parallelUnitIds: [unit.jxj, unit.swj] });
  assign(pReq, "jxj", ["fgj"]);
  assign(pRet, "zjj", ["jxj"]);
  assign(pClosed, "swj");
  withdrawProposal(congress, { proposalId: pWd, reason: "领衔代表书面申请撤回。" });

  at("2026-03-03T10:00:00+08:00");
  for (const [p, units_] of [
    [pAB, ["jxj", "swj"]],
    [pBA, ["swj", "jxj"]],
    [pCD, ["fgj", "zjj"]],
    [pReq, ["jxj", "fgj"]],
    [pRet, ["zjj", "jxj"]],
    [pClosed, ["swj"]],
  ] as const)
    for (const u of units_) receive(p, u);

  at("2026-03-04T10:00:00+08:00");
  // 市经信局 leads pAB with a draft reply; 市商务局's opinion is a draft.
  logContact(staff.jxj, { assignmentId: assignmentOf(pAB, "jxj"), contactedOn: "2026-03-04", channel: "phone", people: "胡国锋代表", summary: "电话沟通办理思路。" });
  const opAB = opinion(pAB, "swj");
  const rpAB = reply(pAB, "jxj");
  // pBA: 市经信局's opinion and 市商务局's reply both wait for sign-off.
  const opBA = opinion(pBA, "jxj");
  submitOpinion(staff.jxj, opBA);
  const rpBA = reply(pBA, "swj", { outstandingReason: "时间紧，先行答复" });
  submitReply(staff.swj, rpBA);
  // pCD: everything sent; the deputies may rate 市发改局's reply.
  const opCD = opinion(pCD, "zjj", false);
  submitOpinion(staff.zjj, opCD);
  signOffOpinion(leader.zjj, opCD);
  logContact(staff.fgj, { assignmentId: assignmentOf(pCD, "fgj"), contactedOn: "2026-03-03", channel: "in_person", people: "胡国锋代表", summary: "当面走访。" });
  const rpCD = reply(pCD, "fgj", {}, false);
  // Its file goes on before it is sent: a sent document's files are frozen.
  uploadAttachment(leader.fgj, { target: `reply:${rpCD.documentId}` }, { name: "发改局答复扫描.pdf", bytes: PDF });
  submitReply(staff.fgj, rpCD);
  signOffReply(leader.fgj, rpCD);
  // pReq: an extension request by 市经信局, an adjustment request by 市发改局.
  requestExtension(staff.jxj, { assignmentId: assignmentOf(pReq, "jxj"), reason: "需要跨部门调研。", requestedDue: "2026-07-15" });
  requestAdjustment(leader.fgj, { assignmentId: assignmentOf(pReq, "fgj"), reason: "不属于本单位职责。", suggestedUnitId: String(unit.zjj) });
  // pRet: both documents returned by their leaders.
  const rpRet = reply(pRet, "zjj", { outstandingReason: "协办单位意见未到" });
  submitReply(staff.zjj, rpRet);
  returnReply(leader.zjj, { ...rpRet, comment: "请补充办理措施。" });
  const opRet = opinion(pRet, "jxj");
  submitOpinion(staff.jxj, opRet);
  returnOpinion(leader.jxj, { ...opRet, comment: "请核对数据。" });
  // pClosed: replied and rated satisfied by both deputies.
  const rpClosed = reply(pClosed, "swj", {}, false);
  submitReply(staff.swj, rpClosed);
  signOffReply(leader.swj, rpClosed);
  for (const d of ["hu", "chen"] as const)
    rateReply(dep[d], { replyId: rpClosed.documentId, attitude: "satisfied", outcome: "satisfied", comment: "", wasContacted: "yes" });

  // Commitments: one on 市经信局's draft B reply; on 市发改局's sent one, one open with a progress
  // report and one done; one open on 市商务局's reply to the closed proposal.
  addCommitment(staff.jxj, { replyId: rpAB.documentId, content: "年内完成区块整体规划", dueOn: "2026-12-31" });
  const cdOpen = addCommitment(staff.fgj, { replyId: rpCD.documentId, content: "6月底前完成政策修订", dueOn: "2026-06-30" }).commitmentId;
  reportCommitment(leader.fgj, { commitmentId: cdOpen, kind: "progress", body: "已形成征求意见稿。" });
  const cdDone = addCommitment(staff.fgj, { replyId: rpCD.documentId, content: "3月底前召开协调会", dueOn: "2026-03-31" }).commitmentId;
  reportCommitment(staff.fgj, { commitmentId: cdDone, kind: "done", body: "协调会已召开。", evidence: "会议纪要〔2026〕3号" });
  addCommitment(staff.swj, { replyId: rpClosed.documentId, content: "持续跟踪落实", dueOn: "2027-03-01" });

  // Attachments: the office's on a proposal, each unit's on its own drafts (and 市发改局's sent reply, above).
  uploadAttachment(congress, { target: `proposal:${pAB}` }, { name: "代表来信.pdf", bytes: PDF });
  uploadAttachment(staff.swj, { target: `opinion:${opAB.documentId}` }, { name: "商务局签发件.png", bytes: PNG });
  uploadAttachment(staff.jxj, { target: `reply:${rpAB.documentId}` }, { name: "经信局附表.pdf", bytes: PDF });
  uploadAttachment(staff.jxj, { target: `opinion:${opBA.documentId}` }, { name: "经信局意见附件.png", bytes: PNG });

  // A few calendar entries (the packaged schedule is not needed here).
  for (const [date, working, name] of [
    ["2026-04-06", false, "清明节"],
    ["2026-05-01", false, "劳动节"],
    ["2026-04-26", true, "劳动节调休"],
  ] as const)
    db.insert(t.calendarDays).values({ date, working, name, updatedAt: new Date(DAY_1) }).run();

  const ids = (table: "proposals" | "assignments" | "opinions" | "replies" | "attachments" | "requests" | "notifications" | "users" | "commitments") =>
    (db.$client.prepare(`select id from ${table} order by id`).all() as { id: number }[]).map((r) => r.id);
  const byState = (table: "opinions" | "replies", states: string[]) =>
    (db.$client.prepare(`select id from ${table} where state in (${states.map(() => "?").join(",")}) order by id`).all(...states) as { id: number }[]).map((r) => r.id);
  const assignmentsWhere = (where: string) =>
    (db.$client.prepare(`select id from assignments where ${where} order by id`).all() as { id: number }[]).map((r) => r.id);
  const pools = {
    sessions: [session.id, oldSession.id],
    proposals: ids("proposals"),
    registered: [pReg, pKey],
    draftOpinions: byState("opinions", ["draft", "returned"]),
    pendingOpinions: byState("opinions", ["pending"]),
    draftReplies: byState("replies", ["draft", "returned"]),
    pendingReplies: byState("replies", ["pending"]),
    sentReplies: byState("replies", ["sent"]),
    bReplies: (db.$client.prepare("select id from replies where category = 'B' order by id").all() as { id: number }[]).map((r) => r.id),
    commitments: ids("commitments"),
    draftCommitments: (db.$client.prepare("select c.id from commitments c join replies r on r.id = c.reply_id where r.state != 'sent' order by c.id").all() as { id: number }[]).map((r) => r.id),
    openCommitments: (db.$client.prepare("select c.id from commitments c join replies r on r.id = c.reply_id where r.state = 'sent' and c.state = 'open' order by c.id").all() as { id: number }[]).map((r) => r.id),
    // Assignments in the states each kind of call acts on.
    assigned: assignmentsWhere("state = 'assigned'"),
    coDrafting: assignmentsWhere("role = 'co' and state = 'received'"),
    replyDrafting: assignmentsWhere("role != 'co' and state in ('received', 'rehandling')"),
    contactable: assignmentsWhere("state in ('received', 'replied', 'rehandling')"),
    requestable: assignmentsWhere("state in ('assigned', 'received', 'rehandling')"),
    assignments: ids("assignments"),
    opinions: ids("opinions"),
    replies: ids("replies"),
    attachments: ids("attachments"),
    requests: ids("requests"),
    notifications: ids("notifications"),
    users: ids("users"),
    units: [...Object.values(unit), retiredUnit],
    deputies: [...Object.values(deputy), retiredDeputy],
    calendar: ["2026-04-06", "2026-05-01", "2026-04-26"],
  };
  // Who owns what, so generated ids can lean towards the acting unit's (or deputy's, or account's) own records.
  const owned = (sql: string) => {
    const m = new Map<number, number[]>();
    for (const r of db.$client.prepare(sql).all() as { id: number; owner: number | null }[])
      if (r.owner != null) m.set(r.owner, [...(m.get(r.owner) ?? []), r.id]);
    return m;
  };
  // The (assignment, document, version) a unit's draft form posts: a new draft, or the stored one.
  const draftTargets = (kind: "opinions" | "replies") =>
    db.$client
      .prepare(
        `select a.id assignmentId, a.unit_id unit, d.id documentId, d.version version from assignments a
           left join ${kind} d on d.assignment_id = a.id ${kind === "replies" ? "and d.round = a.round" : ""}
         where ${kind === "opinions" ? "a.role = 'co' and a.state = 'received'" : "a.role != 'co' and a.state in ('received', 'rehandling')"}
           and (d.id is null or d.state in ('draft', 'returned'))`,
      )
      .all() as { assignmentId: number; unit: number; documentId: number | null; version: number | null }[];
  const ownedBy = {
    assignments: owned("select id, unit_id owner from assignments"),
    opinions: owned("select o.id, a.unit_id owner from opinions o join assignments a on a.id = o.assignment_id"),
    replies: owned("select r.id, a.unit_id owner from replies r join assignments a on a.id = r.assignment_id"),
    attachments: owned("select id, unit_id owner from attachments"),
    requests: owned("select r.id, a.unit_id owner from requests r join assignments a on a.id = r.assignment_id"),
    deputyReplies: owned(
      `select r.id, d.deputy_id owner from replies r join assignments a on a.id = r.assignment_id
         join (select id proposal_id, lead_deputy_id deputy_id from proposals union select proposal_id, deputy_id from proposal_cosigners) d
           on d.proposal_id = a.proposal_id`,
    ),
    notifications: owned("select id, user_id owner from notifications"),
    commitments: owned("select id, unit_id owner from commitments"),
  };
  const actors: Actor[] = [...Object.values(byRole), ...Object.values(staff), ...Object.values(leader), ...Object.values(dep), ...orphans];
  const targets = { opinions: draftTargets("opinions"), replies: draftTargets("replies") };

  // Accounts: one known password (hashed cheaply, so checking it is quick), an authenticator on
  // the leaders' and deputies' accounts, an enrolment in progress, and a locked sign-in name.
  db.update(t.users).set({ passwordHash: PASSWORD_HASH }).run();
  const totpSecret = newSecret();
  for (const a of [...Object.values(leader), ...Object.values(dep)])
    db.update(t.users).set({ totpSecret: sealSecret(totpSecret) }).where(eq(t.users.id, a.id)).run();
  const enrolSecret = newSecret();
  const lockedUntil = new Date(new Date(FUZZ_NOW).getTime() + 10 * 60_000);
  for (const name of ["jxj_staff", "hu"]) {
    db.insert(t.loginLocks).values({ username: name, lockedUntil }).run();
    db.insert(t.loginFailures).values({ username: name, at: new Date(FUZZ_NOW) }).run();
  }
  // Account changes the system administrator asked for, waiting for the security administrator.
  const asker = db.select({ id: t.users.id }).from(t.users).where(eq(t.users.role, "system_admin")).get()!.id;
  const anyUnit = db.select({ id: t.units.id }).from(t.units).get()!.id;
  db.insert(t.users)
    .values({ username: "pending_new", displayName: "待审核账号", role: "gov_office", active: false, passwordHash: PASSWORD_HASH, passwordChangedAt: new Date(FUZZ_NOW), pendingChange: { kind: "create", unitId: null, deputyId: null, active: true, by: asker, at: FUZZ_NOW } })
    .run();
  db.update(t.users).set({ pendingChange: { kind: "relink", unitId: anyUnit, deputyId: null, by: asker, at: FUZZ_NOW } }).where(eq(t.users.username, "jxj_staff")).run();
  // Authenticator codes for the app's pinned clock and for real time (which one a service checks is its own business).
  const totp = {
    codes: () => [codeAt(totpSecret, new Date(FUZZ_NOW)), codeAt(totpSecret, new Date())],
    sealedEnrolment: sealSecret(enrolSecret),
    enrolCodes: () => [codeAt(enrolSecret, new Date(FUZZ_NOW)), codeAt(enrolSecret, new Date())],
  };
  return { db, session, unit, deputy, byRole, congress, gov, staff, leader, dep, actors, pools, ownedBy, targets, totp, probe: { pAB, pCD } };
}

type Pools = ReturnType<typeof buildFixture>["pools"] & { targets: Fixture["targets"] };

/** The fixture's ids, three times as likely to be the actor's own (other units' ids stay in). */
function poolsFor(actor: Actor): Pools {
  const p = fx.pools;
  const lean = (all: number[], own: number[] | undefined) => (own?.length ? [...own, ...own, ...own, ...all] : all);
  const u = actor.unitId ?? -1;
  // Records in a state the call can act on, the actor's own first when there are any.
  const actionable = (ids: number[], own: number[] | undefined) => {
    const mine = ids.filter((id) => own?.includes(id));
    return mine.length ? mine : ids;
  };
  const ownTargets = <T extends { unit: number }>(all: T[]) => (all.some((x) => x.unit === u) ? all.filter((x) => x.unit === u) : all);
  return {
    ...p,
    // The active session first (the other is closed and empty).
    sessions: [p.sessions[0], p.sessions[0], p.sessions[0], ...p.sessions],
    targets: { opinions: ownTargets(fx.targets.opinions), replies: ownTargets(fx.targets.replies) },
    draftOpinions: actionable(p.draftOpinions, fx.ownedBy.opinions.get(u)),
    pendingOpinions: actionable(p.pendingOpinions, fx.ownedBy.opinions.get(u)),
    draftReplies: actionable(p.draftReplies, fx.ownedBy.replies.get(u)),
    pendingReplies: actionable(p.pendingReplies, fx.ownedBy.replies.get(u)),
    sentReplies: actionable(p.sentReplies, actor.deputyId != null ? fx.ownedBy.deputyReplies.get(actor.deputyId) : undefined),
    bReplies: actionable(p.bReplies, fx.ownedBy.replies.get(u)),
    commitments: lean(p.commitments, fx.ownedBy.commitments.get(u)),
    draftCommitments: actionable(p.draftCommitments, fx.ownedBy.commitments.get(u)),
    openCommitments: actionable(p.openCommitments, fx.ownedBy.commitments.get(u)),
    assigned: actionable(p.assigned, fx.ownedBy.assignments.get(u)),
    coDrafting: actionable(p.coDrafting, fx.ownedBy.assignments.get(u)),
    replyDrafting: actionable(p.replyDrafting, fx.ownedBy.assignments.get(u)),
    contactable: actionable(p.contactable, fx.ownedBy.assignments.get(u)),
    requestable: actionable(p.requestable, fx.ownedBy.assignments.get(u)),
    assignments: lean(p.assignments, fx.ownedBy.assignments.get(u)),
    opinions: lean(p.opinions, fx.ownedBy.opinions.get(u)),
    replies: lean(p.replies, actor.deputyId != null ? fx.ownedBy.deputyReplies.get(actor.deputyId) : fx.ownedBy.replies.get(u)),
    attachments: lean(p.attachments, fx.ownedBy.attachments.get(u)),
    requests: lean(p.requests, fx.ownedBy.requests.get(u)),
    notifications: lean(p.notifications, fx.ownedBy.notifications.get(actor.id)),
  };
}

type Fixture = ReturnType<typeof buildFixture>;
let fx: Fixture;
let dataDir: string;

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

type Rows = Record<string, Record<string, unknown>[]>;


function storedFiles() {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dataDir, p));
    }
  };
  walk(dataDir);
  return out.sort();
}

const statements = new Map<string, import("better-sqlite3").Statement>();
const prepared = (sql: string) => {
  if (!statements.has(sql)) statements.set(sql, fx.db.$client.prepare(sql));
  return statements.get(sql)!;
};

type Snapshot = { rows: Rows; key: string };

/** Every row of every table, in rowid order. */
function snapshotAll(): Snapshot {
  const rows: Rows = {};
  for (const [name, query] of snapshotQueries(fx.db)) rows[name] = prepared(query).all() as Record<string, unknown>[];
  return { rows, key: JSON.stringify(rows) };
}

/** Rows changed, inserted or deleted on this connection so far (rolled-back ones included). */
const totalChanges = () => (prepared("select total_changes() n").get() as { n: number }).n;

/** What belongs to one unit: its assignments and everything hanging off them, and their history. */
function snapshotUnit(unitId: number) {
  const q = (sql: string) => prepared(sql).all({ u: unitId });
  const A = "select id from assignments where unit_id = :u";
  const O = `select id from opinions where assignment_id in (${A})`;
  const R = `select id from replies where assignment_id in (${A})`;
  const C = `select id from contact_logs where assignment_id in (${A})`;
  const Q = `select id from requests where assignment_id in (${A})`;
  const RT = `select id from ratings where reply_id in (${R})`;
  const AT = `select id from attachments where unit_id = :u or (subject_type = 'opinion' and subject_id in (${O})) or (subject_type = 'reply' and subject_id in (${R}))`;
  const CM = "select id from commitments where unit_id = :u";
  return JSON.stringify({
    unit: q("select * from units where id = :u"),
    users: q("select * from users where unit_id = :u"),
    assignments: q("select * from assignments where unit_id = :u order by id"),
    opinions: q(`select * from opinions where id in (${O}) order by id`),
    replies: q(`select * from replies where id in (${R}) order by id`),
    contacts: q(`select * from contact_logs where id in (${C}) order by id`),
    requests: q(`select * from requests where id in (${Q}) order by id`),
    ratings: q(`select * from ratings where id in (${RT}) order by id`),
    attachments: q(`select * from attachments where id in (${AT}) order by id`),
    docSequences: q("select * from doc_sequences where unit_id = :u order by rowid"),
    commitments: q(`select * from commitments where id in (${CM}) order by id`),
    commitmentReports: q(`select * from commitment_reports where commitment_id in (${CM}) order by id`),
    history: q(
      `select * from history where unit_id = :u
         or (subject_type = 'assignment' and subject_id in (${A}))
         or (subject_type = 'opinion' and subject_id in (${O}))
         or (subject_type = 'reply' and subject_id in (${R}))
         or (subject_type = 'contact' and subject_id in (${C}))
         or (subject_type = 'request' and subject_id in (${Q}))
         or (subject_type = 'rating' and subject_id in (${RT}))
         or (subject_type = 'attachment' and subject_id in (${AT}))
         or (subject_type = 'commitment' and subject_id in (${CM}))
       order by id`,
    ),
  });
}

function changedTables(before: Rows, after: Rows) {
  return Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Rows of `after` that are new or changed since `before`, per table. */
function changedRows(before: Rows, after: Rows) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, rows] of Object.entries(after)) {
    const old = new Set((before[table] ?? []).map((r) => JSON.stringify(r)));
    const fresh = rows.filter((r) => !old.has(JSON.stringify(r)));
    if (fresh.length) out[table] = fresh;
  }
  return out;
}

/** The unsent drafts of other units than `unitId` (their bodies carry the unit's private mark). */
function foreignPrivateMarks(unitId: number) {
  return UNIT_KEYS.filter((k) => fx.unit[k] !== unitId).map(privateMark);
}

// ---------------------------------------------------------------------------------------------
// Rendering: the real pages, with the viewer the test chooses
// ---------------------------------------------------------------------------------------------

/** React's own markup (the form-replay script, the print view's stylesheet, function-action placeholders). */
const SAFE_BLOCKS = new Set<string>();

function collectSafeBlocks(html: string) {
  for (const m of html.matchAll(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g)) SAFE_BLOCKS.add(m[0]);
  for (const m of html.matchAll(/\s(?:action|formAction)="javascript:[^"]*"/g)) SAFE_BLOCKS.add(m[0]);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** Markup that could run script: raw dangerous tags, event-handler attributes, javascript: links. */
function rawMarkupProblems(html: string): string[] {
  let h = html;
  for (const b of SAFE_BLOCKS) h = h.split(b).join("");
  const problems: string[] = [];
  // React quotes every attribute with " and escapes " inside values and text, so outside the
  // quoted values only markup remains.
  const markup = h.replace(/"[^"]*"/g, '""');
  const tag = /<(script|style|img|svg|iframe|object|embed|math|base|meta|link|video|audio|marquee|body|frame|frameset|template)\b[^>]*>/i.exec(markup);
  if (tag) problems.push(`raw <${tag[1]}> tag: ${tag[0].slice(0, 120)}`);
  const handler = /<[a-z][a-z0-9-]*\b[^>]*\son[a-z]+\s*=/i.exec(markup);
  if (handler) problems.push(`event-handler attribute: ${handler[0].slice(0, 160)}`);
  const js = /\s(?:href|src|action|formAction|xlink:href)\s*=\s*"\s*javascript:[^"]*"/i.exec(h);
  if (js) problems.push(`javascript: link: ${js[0].slice(0, 120)}`);
  return problems;
}

const isNextNavigation = (e: unknown) => {
  const digest = (e as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_NOT_FOUND"));
};

/** Renders a page as `viewer`; null when the page is not for this viewer (not found, forbidden, redirect). */
async function renderAs(viewer: Actor, page: () => Promise<ReactElement> | ReactElement): Promise<string | null> {
  viewerRef.current = viewer;
  try {
    return renderToStaticMarkup(await page());
  } catch (error) {
    if (isNextNavigation(error) || error instanceof NotFound || error instanceof Forbidden) return null;
    throw new Error(`rendering crashed for ${viewer.role} ${viewer.displayName}: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split("\n").slice(1, 6).join("\n")}` : String(error)}`);
  } finally {
    viewerRef.current = null;
  }
}

const proposalPage = (id: number) => () => ProposalPage({ params: Promise.resolve({ id: String(id) }) });
const printPage = (kind: string, id: number) => () => PrintPage({ params: Promise.resolve({ kind, id: String(id) }) });
const notificationsPage = () => () => NotificationsPage({ searchParams: Promise.resolve({}) });
const adminPage = (entity: string, edit?: number) => () =>
  AdminPage({ params: Promise.resolve({ entity }), searchParams: Promise.resolve(edit ? { edit: String(edit) } : {}) });
const listPage = () => () => ProposalsPage({ searchParams: Promise.resolve({}) });
const workbench = () => () => Workbench({ searchParams: Promise.resolve({}) });
const keyPage = (sessionId: number) => () => KeyProposalsPage({ searchParams: Promise.resolve({ session: String(sessionId) }) });
const calendarPage = (date: string) => () => CalendarPage({ searchParams: Promise.resolve({ year: date.slice(0, 4), edit: date }) });

/** The columns users see somewhere, per table. */
const SHOWN: Record<string, string[]> = {
  proposals: ["title", "body", "supervisor", "withdraw_reason", "suggested_units"],
  contact_logs: ["people", "summary"],
  opinions: ["body", "contact_person", "return_comment"],
  replies: ["body", "contact_person", "cc", "outstanding_reason", "return_comment"],
  ratings: ["comment"],
  requests: ["reason", "decision_reason"],
  commitments: ["content"],
  commitment_reports: ["body", "evidence"],
  attachments: ["file_name"],
  notifications: ["message"],
  units: ["name", "short_name"],
  deputies: ["name", "deputation"],
  users: ["display_name", "email"],
  congress_sessions: ["name"],
  calendar_days: ["name"],
};

let adminViewer: Actor | undefined;
/** How much the rendering property actually checked (reported per function). */
const renderStats = { pages: 0, escapedPayloads: 0 };

/**
 * After an accepted call: renders every page that shows what changed, as the actor and as the
 * offices (and the unit, the recipient, the administrator where they are the ones who see it),
 * and checks the stored text came out escaped.
 */
async function checkRendered(actor: Actor, before: Rows, after: Rows) {
  const changed = changedRows(before, after);
  const htmls: string[] = [];
  const pages: { viewer: Actor; page: () => Promise<ReactElement> | ReactElement; label: string }[] = [];
  const q = <T>(sql: string, ...args: unknown[]) => fx.db.$client.prepare(sql).get(...args) as T | undefined;
  const proposalIds = new Set<number>();
  const staffOf = (unitId: number) => Object.values(fx.staff).find((a) => a.unitId === unitId)!;

  for (const r of changed.proposals ?? []) proposalIds.add(r.id as number);
  for (const table of ["assignments", "contact_logs", "opinions", "replies", "requests", "ratings", "attachments"]) {
    for (const r of changed[table] ?? []) {
      const pid =
        table === "assignments"
          ? (r.proposal_id as number)
          : table === "attachments"
            ? (r.proposal_id as number)
            : table === "ratings"
              ? q<{ p: number }>("select a.proposal_id p from replies x join assignments a on a.id = x.assignment_id where x.id = ?", r.reply_id)?.p
              : q<{ p: number }>("select proposal_id p from assignments where id = ?", r.assignment_id)?.p;
      if (pid != null) proposalIds.add(pid);
      if (table === "opinions" || table === "replies") {
        const unitId = q<{ u: number }>("select unit_id u from assignments where id = ?", r.assignment_id)!.u;
        // The unit sees its own drafts: on the proposal page, in the editor and in the print view.
        const v = staffOf(unitId);
        pages.push({ viewer: v, page: printPage(table === "opinions" ? "opinion" : "reply", r.id as number), label: `print ${table} ${r.id}` });
        if (pid != null) pages.push({ viewer: v, page: proposalPage(pid), label: `proposal ${pid} as its unit` });
      }
    }
  }
  // A commitment and its reports show on their proposal's page.
  for (const r of changed.commitments ?? []) proposalIds.add(r.proposal_id as number);
  for (const r of changed.commitment_reports ?? []) {
    const pid = q<{ p: number }>("select proposal_id p from commitments where id = ?", r.commitment_id)?.p;
    if (pid != null) proposalIds.add(pid);
  }
  // Settings and the calendar move deadlines: a proposal under way in the session (or any, for the
  // calendar) and a unit's workbench show them.
  const sessionIds = changed.calendar_days ? [fx.session.id] : (changed.congress_sessions ?? []).map((r) => r.id as number);
  for (const sid of sessionIds) {
    const probe = q<{ p: number }>("select a.proposal_id p from assignments a join proposals x on x.id = a.proposal_id where x.session_id = ? order by a.id limit 1", sid);
    if (probe) proposalIds.add(probe.p);
  }
  if (sessionIds.length) pages.push({ viewer: fx.staff.jxj, page: workbench(), label: "workbench of 市经信局" });
  for (const pid of proposalIds)
    for (const v of new Set([actor, fx.gov])) pages.push({ viewer: v, page: proposalPage(pid), label: `proposal ${pid}` });
  // A proposal's own fields (title, supervisor) also show in the lists: the overview, the workbench, key proposals.
  if (changed.proposals) {
    pages.push({ viewer: fx.gov, page: listPage(), label: "proposal list" }, { viewer: actor, page: workbench(), label: "workbench" });
    for (const sid of new Set(changed.proposals.filter((r) => r.is_key).map((r) => r.session_id as number)))
      pages.push({ viewer: fx.gov, page: keyPage(sid), label: `key proposals of session ${sid}` });
  }
  const recipients = new Set((changed.notifications ?? []).map((n) => n.user_id as number));
  for (const uid of [...recipients].slice(0, 4)) {
    const viewer = fx.actors.find((a) => a.id === uid);
    if (viewer) pages.push({ viewer, page: notificationsPage(), label: `notifications of ${viewer.displayName}` });
  }
  const admin = adminViewer ?? actor;
  for (const [table, entity] of [["units", "units"], ["deputies", "deputies"], ["users", "users"], ["congress_sessions", "sessions"]] as const)
    for (const r of (changed[table] ?? []).slice(0, 2)) pages.push({ viewer: admin, page: adminPage(entity, r.id as number), label: `admin ${entity} ${r.id}` });
  for (const r of (changed.calendar_days ?? []).slice(0, 2)) pages.push({ viewer: admin, page: calendarPage(r.date as string), label: `calendar ${r.date}` });

  for (const { viewer, page, label } of pages) {
    const started = performance.now();
    const html = await renderAs(viewer, page);
    const took = performance.now() - started;
    if (took > RENDER_BUDGET_MS) throw new Error(`rendering ${label} as ${viewer.displayName} took ${Math.round(took)} ms`);
    if (html == null) continue;
    const problems = rawMarkupProblems(html);
    if (problems.length) throw new Error(`unescaped markup on ${label} (viewer ${viewer.displayName}): ${problems.join("; ")}`);
    htmls.push(html);
  }
  // Each payload that was stored in a shown column appears escaped on some page.
  const all = htmls.join("\n");
  renderStats.pages += htmls.length;
  for (const [table, cols] of Object.entries(SHOWN))
    for (const r of changed[table] ?? [])
      for (const col of cols) {
        const v = r[col];
        if (typeof v !== "string") continue;
        for (const m of HTML_MARKERS) {
          if (!v.includes(m)) continue;
          if (!all.includes(escapeHtml(m)))
            throw new Error(`stored ${table}.${col} contains ${JSON.stringify(m)} but no page rendered ${JSON.stringify(escapeHtml(m))} (pages: ${pages.map((p) => p.label).join(", ") || "none"})`);
          renderStats.escapedPayloads++;
        }
      }
}

// ---------------------------------------------------------------------------------------------
// The property every call must keep
// ---------------------------------------------------------------------------------------------

const SERVICE_ERRORS = [Invalid, Forbidden, NotFound, Conflict] as const;

const describeError = (e: unknown) =>
  e instanceof Error ? `${e.constructor.name}: ${e.message.slice(0, 300)}\n${e.stack?.split("\n").slice(1, 8).join("\n")}` : `non-Error thrown: ${show(e)}`;

const isUnitActor = (a: Actor) => (a.role === "unit_staff" || a.role === "unit_leader") && a.unitId != null;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs one generated call in a transaction that is rolled back afterwards and checks the
 * properties; throws (with a readable reason) when one does not hold.
 */
/** Each run starts from the fixture as built (every run is rolled back), so its snapshots are taken once. */
let baseline: { all: Snapshot; units: Map<number, string> } | undefined;

async function runOne(actor: Actor, call: () => unknown, opts: { render: boolean; auditsRefusals?: boolean }): Promise<Outcome> {
  const client = fx.db.$client;
  baseline ??= { all: snapshotAll(), units: new Map(fx.pools.units.map((u) => [u, snapshotUnit(u)])) };
  client.exec("BEGIN");
  try {
    const before = baseline.all;
    const filesBefore = storedFiles().join();
    const changesBefore = totalChanges();
    const others = isUnitActor(actor) ? fx.pools.units.filter((u) => u !== actor.unitId).map((u) => [u, baseline!.units.get(u)!] as const) : [];
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await call() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // 1. Only the app's four refusals.
    if (!outcome.ok && !SERVICE_ERRORS.some((cls) => outcome.error instanceof cls && outcome.error.constructor === cls))
      throw new Error(`not a ServiceError (the generic failure, a "500"): ${describeError(outcome.error)}`);
    if (!outcome.ok && !(outcome.error instanceof ServiceError && outcome.error.message)) throw new Error("a refusal without a message");
    // Nothing written at all (the usual refusal): the database is as it was.
    const wrote = totalChanges() !== changesBefore;
    const after = wrote ? snapshotAll() : before;
    // 2. A refusal changes nothing, in the database or among the stored files.
    const audit = new Set(opts.auditsRefusals ? ["audit_log", "sqlite_sequence"] : []);
    const changedByRefusal = !outcome.ok && after.key !== before.key ? changedTables(before.rows, after.rows).filter((t) => !audit.has(t)) : [];
    if (!outcome.ok && changedByRefusal.length) throw new Error(`refused with ${describeError(outcome.error).split("\n")[0]} but changed: ${changedByRefusal.join(", ")}`);
    if (!outcome.ok && storedFiles().join() !== filesBefore) throw new Error(`refused with ${describeError(outcome.error).split("\n")[0]} but stored a file`);
    // 3. Another unit's rows are untouched, and none of its drafts comes back.
    for (const [u, snap] of others)
      if (wrote && snapshotUnit(u) !== snap) throw new Error(`${actor.displayName} (unit ${actor.unitId}) changed unit ${u}'s rows`);
    if (isUnitActor(actor)) {
      const answer = outcome.ok ? outcome.value : outcome.error instanceof Conflict ? outcome.error.current : (outcome.error as Error).message;
      const text_ = JSON.stringify(answer ?? null) ?? "";
      for (const mark of foreignPrivateMarks(actor.unitId!))
        if (text_.includes(mark)) throw new Error(`${actor.displayName} got another unit's draft back: ${text_.slice(0, 200)}`);
    }
    // 4. Accepted text is rendered escaped.
    if (outcome.ok && opts.render && after.key !== before.key) await checkRendered(actor, before.rows, after.rows);
    // 5. No prototype pollution.
    if (Object.keys(Object.prototype).length || ({} as Record<string, unknown>).polluted !== undefined) throw new Error("Object.prototype was polluted");
    return outcome;
  } finally {
    client.exec("ROLLBACK");
    at(FUZZ_NOW);
  }
}

// ---------------------------------------------------------------------------------------------
// What to call: every mutating service, with generators for its input
// ---------------------------------------------------------------------------------------------

type AnyService = (...args: unknown[]) => unknown;

/** Whether a call succeeds (in a transaction that is rolled back). */
async function acceptedAsIs(call: () => unknown) {
  fx.db.$client.exec("BEGIN");
  try {
    await call();
    return true;
  } catch {
    return false;
  } finally {
    fx.db.$client.exec("ROLLBACK");
    at(FUZZ_NOW);
  }
}
const services = new Map<string, AnyService>();

async function loadServices() {
  for (const file of fs.readdirSync(SERVICES_DIR).filter((f) => f.endsWith(".ts"))) {
    const name = file.replace(/\.ts$/, "");
    const mod = (await import(path.join(SERVICES_DIR, file))) as Record<string, unknown>;
    for (const [k, v] of Object.entries(mod)) if (typeof v === "function") services.set(`${name}.${k}`, v as AnyService);
  }
}

type Spec = {
  /** "module.export" under lib/services. */
  name: string;
  /** The arguments after the actor, from ids that lean towards the actor's own records. */
  args: (p: Pools) => fc.Arbitrary<unknown[]>;
  runs?: number;
  /** Probe input used to find the roles the service lets in (any answer but Forbidden). */
  probe?: unknown[];
  /** A refusal of this call is itself audited (a refused upload): the audit log may change, nothing else. */
  auditsRefusals?: true;
};

const one = (raw: (p: Pools) => fc.Arbitrary<unknown>) => (p: Pools) => {
  const r = raw(p);
  return mapExamples(r, r.map((x) => [x]), (x) => [x]);
};
const SAMPLE_TEXT = ["关于古塘街道工业区块改造提升的建议", "胡国锋代表", "请补充办理措施", "市人大常委会代表工委"] as const;

const version = field(fc.constantFrom<unknown>(1, 1, 1, "1", 2, 3), fc.constantFrom<unknown>(0, -1, "1.5", "v1"));
/** Mostly the records in `first` (those the call can act on), then any. */
const leaning = (first: number[], all: number[]) => [...first, ...first, ...first, ...all];
const optionalId = (pool: readonly number[]) => orElse(idFrom(pool), "");

const docFields = {
  body: field(text(20000, SAMPLE_TEXT)),
  contactPerson: field(text(50, ["周倩", "邹佳敏"])),
  contactPhone: phone,
};

/** Which draft the form is about: a coherent (assignment, document, version) from the fixture, or ids picked apart. */
const draftTarget = (p: Pools, kind: "opinions" | "replies") =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...p.targets[kind]).map((t) => ({ assignmentId: t.assignmentId, documentId: t.documentId ?? OMIT, version: t.version ?? OMIT })) },
    {
      weight: 2,
      arbitrary: fc.record({
        assignmentId: idFrom(leaning(kind === "opinions" ? p.coDrafting : p.replyDrafting, p.assignments)),
        documentId: orElse(idFrom(leaning(kind === "opinions" ? p.draftOpinions : p.draftReplies, p[kind])), OMIT),
        version,
      }),
    },
  );

/** A draft form: its target, then the rest of the posted object (whose one-field examples go to the first target). */
const targeted = (p: Pools, kind: "opinions" | "replies", rest: fc.Arbitrary<unknown>) => {
  const first = p.targets[kind][0];
  const firstTarget = { assignmentId: first.assignmentId, documentId: first.documentId ?? OMIT, version: first.version ?? OMIT };
  return mapExamples(rest, fc.tuple(draftTarget(p, kind), rest).map(withTarget), (raw) => withTarget([firstTarget, raw]));
};

/** The target's fields put in front of the rest of the posted object (unless that is not an object at all). */
const withTarget = ([target, raw]: [Record<string, unknown>, unknown]): unknown => {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Object.getPrototypeOf(raw) !== Object.prototype) return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(target)) if (v !== OMIT) out[k] = v;
  for (const k of Reflect.ownKeys(raw)) Object.defineProperty(out, k, { value: (raw as Record<PropertyKey, unknown>)[k], enumerable: true, writable: true, configurable: true });
  return out;
};

/** Spreadsheets for the import: the template's header (or not) and rows of hostile cells. */
const cell = fc.oneof(
  // Excel holds at most 32767 characters in a cell.
  { weight: 6, arbitrary: text(300, SAMPLE_TEXT).map((v): ExcelJS.CellValue => (typeof v === "string" ? v.slice(0, 5000) : String(v))) },
  { weight: 1, arbitrary: fc.constantFrom<ExcelJS.CellValue>(null, 155, -1, 0, 1.5, 1e21, true, new Date("2026-03-02"), { formula: "1+1", result: 2 }, { richText: [{ text: "<b>富文本</b>" }] }, { text: "<script>alert(1)</script>", hyperlink: "javascript:alert(1)" }, { error: "#N/A" } as ExcelJS.CellValue) },
);
const sheetRow = fc.record({
  number: fc.oneof(fc.integer({ min: -2, max: 100_000 }).map((n): ExcelJS.CellValue => n), fc.constantFrom<ExcelJS.CellValue>("155", "00156", " 157 ", "1e3", "一百", "", null), cell),
  title: cell,
  lead: fc.oneof(fc.constantFrom<ExcelJS.CellValue>(...Object.values(DEPUTIES).map((d) => d.name), "离任代表"), cell),
  deputation: fc.oneof(fc.constantFrom<ExcelJS.CellValue>("", "古塘街道代表团", "浒山街道代表团"), cell),
  cosigners: fc.oneof(fc.subarray(Object.values(DEPUTIES).map((d) => d.name)).map((a): ExcelJS.CellValue => a.join("、")), fc.constantFrom<ExcelJS.CellValue>("陈海波、陈海波", "陈海波,孙丽娟;叶晓燕"), cell),
  field: fc.oneof(fc.constantFrom<ExcelJS.CellValue>(...FIELDS), cell),
  body: fc.oneof(
    { weight: 6, arbitrary: text(2000, SAMPLE_TEXT).map((v): ExcelJS.CellValue => (typeof v === "string" ? v.slice(0, 2000) : String(v))) },
    { weight: 1, arbitrary: fc.constantFrom<ExcelJS.CellValue>("字".repeat(20_000), "字".repeat(20_001)) },
  ),
  units: fc.oneof(fc.subarray(Object.values(UNITS).map((u) => u.name)).map((a): ExcelJS.CellValue => a.join("、")), cell),
});
/** A row the import accepts: known deputies and units, a free number, markup in the title and body. */
const goodRow = (n: number) =>
  fc
    .record({
      title: text(200, SAMPLE_TEXT).map((v) => v as string),
      lead: fc.constantFrom(...(Object.keys(DEPUTIES) as DeputyKey[])),
      cosigners: fc.subarray(Object.keys(DEPUTIES) as DeputyKey[]),
      field: fc.constantFrom(...FIELDS),
      body: text(2000, SAMPLE_TEXT).map((v) => (typeof v === "string" ? v.slice(0, 2000) : String(v))),
      units: fc.subarray(Object.values(UNITS).map((u) => u.name), { maxLength: 3 }),
    })
    .map((r): Record<string, ExcelJS.CellValue> => ({
      number: 500 + n,
      title: r.title,
      lead: DEPUTIES[r.lead].name,
      deputation: DEPUTIES[r.lead].deputation,
      cosigners: r.cosigners.filter((c) => c !== r.lead).map((c) => DEPUTIES[c].name).join("、"),
      field: r.field,
      body: r.body,
      units: r.units.join("、"),
    }));
const workbook = fc.oneof(
  { weight: 2, arbitrary: fc.record({ header: fc.constantFrom("template", "shuffled", "none"), rows: fc.array(sheetRow, { maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ header: fc.constant("template"), rows: fc.tuple(goodRow(1), goodRow(2), goodRow(3)).chain((rows) => fc.subarray(rows, { minLength: 1 })) }) },
);

async function xlsxBytes(w: { header: string; rows: Record<string, ExcelJS.CellValue>[] }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("建议清单");
  if (w.header === "template") ws.addRow([...IMPORT_COLUMNS]);
  if (w.header === "shuffled") ws.addRow([...IMPORT_COLUMNS].reverse());
  for (const r of w.rows) ws.addRow([r.number, r.title, r.lead, r.deputation, r.cosigners, r.field, r.body, r.units]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const importBytes = fc.oneof(
  { weight: 6, arbitrary: workbook.map((w) => ({ workbook: w }) as const) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ bytes }) as const) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array(0), PDF, PNG, EXE, new Uint8Array(5 * 1024 * 1024 + 1)).map((bytes) => ({ bytes }) as const) },
);
/** The import action only passes positive whole numbers; the rest is up to the service. */
const importSession = (p: Pools) =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...p.sessions) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 31, 2 ** 53, 1e21, 999) });

/** File bytes made only for the run that uses them (writing a workbook or a .docx takes a while). */
const LAZY = Symbol("lazy bytes");
type LazyBytes = { [LAZY]: true; make: () => Promise<Uint8Array>; label: string };
const lazy = (label: string, make: () => Promise<Uint8Array>): LazyBytes => ({ [LAZY]: true, make, label });
const lazyImport = (p: Pools) =>
  fc.tuple(importSession(p), importBytes).map(([sessionId, b]): unknown[] => [
    sessionId,
    "bytes" in b ? lazy(`bytes(${b.bytes.length})`, async () => b.bytes) : lazy(`xlsx ${show(b.workbook)}`, () => xlsxBytes(b.workbook)),
  ]);

const docxBytes = async (paragraphs: string[]) =>
  new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((t_) => new Paragraph(t_)) }] })));
const wordFile = fc.oneof(
  { weight: 4, arbitrary: fc.array(text(500, SAMPLE_TEXT).map((v) => String(v).slice(0, 2000)), { maxLength: 4 }).map((paras) => lazy(`docx ${show(paras)}`, () => docxBytes(paras))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((b) => lazy(`bytes(${b.length})`, async () => b)) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array(0), PDF, PNG, EXE).map((b) => lazy(`bytes(${b.length})`, async () => b)) },
  { weight: 1, arbitrary: fc.constant(lazy("an .xlsx", () => xlsxBytes({ header: "template", rows: [] }))) },
);

const uploadFile = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      name: fc.oneof(
        fc.constantFrom("签发件.pdf", "scan.PDF", "附表.png", "../../etc/passwd", "..\\..\\boot.ini", "a\u202egpj.exe", "<img src=x onerror=alert(1)>.pdf", "<script>alert(1)</script>", "", ".", "..", "con", "x".repeat(5000) + ".pdf"),
        hostileText,
        hugeText.map((s) => s.slice(0, 20_000)),
      ),
      bytes: fc.oneof(
        fc.constantFrom(PDF, PNG, EXE, new Uint8Array(0)),
        fc.uint8Array({ maxLength: 64 }),
        hostileText.map((s) => new Uint8Array(Buffer.concat([Buffer.from(PDF), Buffer.from(s)]))),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

const target = (p: Pools) =>
  field(
    fc.oneof(
      fc.constantFrom(...p.proposals).map((id) => `proposal:${id}`),
      fc.constantFrom(...p.opinions).map((id) => `opinion:${id}`),
      fc.constantFrom(...p.replies).map((id) => `reply:${id}`),
    ),
    fc.constantFrom<unknown>("proposal:0", "proposal:01", "user:1", "proposal:1:2", "proposal: 1", "__proto__:1", "opinion:99999999999", "reply:9999999999", "PROPOSAL:1", "proposal:1\n"),
  );

const ADMIN_SAMPLES = ["市经信局", "胡国锋", "古塘街道代表团", "市十八届人大三次会议"] as const;

const SPECS: Spec[] = [
  // —— proposals ——
  {
    name: "proposals.registerProposal",
    args: one((p) =>
      rawObject({
        sessionId: idFrom(p.sessions),
        number: field(fc.oneof(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }).map(String)), fc.constantFrom<unknown>("0", "-5", "1.5", "100000", "1e3", " 12 ", "12abc", "9".repeat(400))),
        title: field(text(200, SAMPLE_TEXT)),
        body: field(text(20000, SAMPLE_TEXT)),
        field: choiceOf(FIELDS),
        leadDeputyId: idFrom(p.deputies),
        cosignerIds: idListFrom(p.deputies),
        disclosure: choiceOf(DISCLOSURES),
        isKey: flag,
        supervisor: field(text(50, ["副市长 王建华"])),
        suggestedUnits: field(text(200, ["市经信局、市商务局"])),
      }),
    ),
  },
  {
    name: "proposals.markProposal",
    args: one((p) =>
      rawObject({
        proposalId: idFrom(p.proposals),
        screening: choiceOf(["normal", "reference", "merged"]),
        isKey: flag,
        supervisor: field(text(50, ["副市长 王建华"])),
      }),
    ),
  },
  { name: "proposals.withdrawProposal", args: one((p) => rawObject({ proposalId: idFrom(p.proposals), reason: field(text(500, SAMPLE_TEXT)) })) },
  {
    name: "proposals.assignProposal",
    args: one((p) =>
      rawObject({
        proposalId: idFrom([...p.registered, ...p.registered, ...p.registered, ...p.proposals]),
        mode: choiceOf(["lead", "parallel"]),
        leadUnitId: idFrom(p.units),
        coUnitIds: idListFrom(p.units),
        parallelUnitIds: idListFrom(p.units),
      }),
    ),
  },
  // —— assignments ——
  { name: "assignments.receiveAssignment", args: one((p) => rawObject({ assignmentId: idFrom(leaning(p.assigned, p.assignments)) })) },
  {
    name: "assignments.logContact",
    args: one((p) =>
      rawObject({
        assignmentId: idFrom(leaning(p.contactable, p.assignments)),
        // Mostly days a contact may have (from the assignment on 2 March to today), and any day besides.
        contactedOn: fc.oneof({ arbitrary: dayBetween("2026-03-02", "2026-03-09"), weight: 3 }, { arbitrary: dayBetween("2025-01-01", "2026-04-30"), weight: 1 }),
        channel: choiceOf(CONTACT_CHANNELS),
        people: field(text(200, ["胡国锋代表、市经信局张伟"])),
        summary: field(text(2000, SAMPLE_TEXT)),
      }),
    ),
  },
  // —— documents ——
  { name: "documents.saveOpinionDraft", args: one((p) => targeted(p, "opinions", rawObject(docFields))) },
  {
    name: "documents.saveReplyDraft",
    args: one((p) =>
      targeted(
        p,
        "replies",
        rawObject({
          ...docFields,
          category: choiceOf(REPLY_CATEGORIES),
          cc: field(text(300, ["市人大常委会代表工委"])),
          outstandingReason: field(text(500, ["时间紧，先行答复"])),
        }),
      ),
    ),
  },
  ...(["Opinion", "Reply"] as const).flatMap((k): Spec[] => {
    const drafts = (p: Pools) => idFrom(k === "Opinion" ? leaning(p.draftOpinions, p.opinions) : leaning(p.draftReplies, p.replies));
    const pending = (p: Pools) => idFrom(k === "Opinion" ? leaning(p.pendingOpinions, p.opinions) : leaning(p.pendingReplies, p.replies));
    return [
      { name: `documents.submit${k}`, args: one((p) => rawObject({ documentId: drafts(p), version })) },
      { name: `documents.signOff${k}`, args: one((p) => rawObject({ documentId: pending(p), version })) },
      { name: `documents.return${k}`, args: one((p) => rawObject({ documentId: pending(p), version, comment: field(text(500, ["请补充办理措施"])) })) },
    ];
  }),
  // —— commitments of B replies ——
  {
    name: "commitments.addCommitment",
    args: one((p) =>
      rawObject({
        replyId: idFrom(leaning(p.bReplies, p.replies)),
        content: field(text(500, ["2026年底前完成区块整体规划", ...SAMPLE_TEXT])),
        dueOn: dayBetween("2026-01-01", "2030-12-31"),
      }),
    ),
  },
  { name: "commitments.removeCommitment", args: one((p) => rawObject({ commitmentId: idFrom(leaning(p.draftCommitments, p.commitments)) })) },
  {
    name: "commitments.reportCommitment",
    args: one((p) =>
      rawObject({
        commitmentId: idFrom(leaning(p.openCommitments, p.commitments)),
        kind: choiceOf(["progress", "done"]),
        body: field(text(2000, ["已完成选址，正在施工。", ...SAMPLE_TEXT])),
        evidence: field(text(1000, ["验收单（慈农验〔2026〕8号）", "现场照片3张"])),
      }),
    ),
  },
  // —— ratings, requests, sessions ——
  {
    name: "ratings.rateReply",
    args: one((p) =>
      rawObject({
        replyId: idFrom(leaning(p.sentReplies, p.replies)),
        attitude: choiceOf(RATING_LEVELS),
        outcome: choiceOf(RATING_LEVELS),
        comment: field(text(1000, ["希望加快进度"])),
        wasContacted: choiceOf(["yes", "no"]),
      }),
    ),
  },
  {
    name: "requests.requestAdjustment",
    args: one((p) => rawObject({ assignmentId: idFrom(leaning(p.requestable, p.assignments)), reason: field(text(1000, SAMPLE_TEXT)), suggestedUnitId: optionalId(p.units) })),
  },
  {
    name: "requests.requestExtension",
    args: one((p) =>
      rawObject({ assignmentId: idFrom(leaning(p.requestable, p.assignments)), reason: field(text(1000, SAMPLE_TEXT)), requestedDue: dayBetween("2026-05-01", "2026-10-31") }),
    ),
  },
  {
    name: "requests.decideRequest",
    args: one((p) =>
      rawObject({
        requestId: idFrom(p.requests),
        decision: choiceOf(["approve", "reject"]),
        decisionReason: field(text(500, ["同意"])),
        newUnitId: optionalId(p.units),
      }),
    ),
  },
  { name: "sessions.setFixedReplyDue", args: one((p) => rawObject({ sessionId: idFrom(p.sessions), fixedReplyDue: orElse(dayBetween("2026-03-01", "2027-12-31"), "") })) },
  // —— administration ——
  {
    name: "admin.saveSession",
    args: one((p) => {
      const setting = (max: number) => field(fc.oneof(fc.integer({ min: 1, max }), fc.integer({ min: 1, max }).map(String), fc.constant("")), fc.constantFrom<unknown>("0", "-1", "1.5", "99999", " 3 ", "3e0"));
      return rawObject({
        id: orElse(idFrom(p.sessions), OMIT),
        term: field(fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }).map(String)), fc.constantFrom<unknown>("0", "100", "1.5", "", "  ", "十八")),
        meeting: field(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }).map(String)), fc.constantFrom<unknown>("-1", "21", "0.5", "")),
        name: field(text(60, ADMIN_SAMPLES)),
        interim: flag,
        openedOn: orElse(dayBetween("2020-01-01", "2030-12-31"), ""),
        active: flag,
        returnWindowWorkdays: setting(60),
        opinionMonths: setting(6),
        replyMonths: setting(12),
        extensionTotalMonths: setting(12),
        rehandlingMonths: setting(6),
        publicationWorkdays: setting(120),
        warnWorkdays: setting(30),
      });
    }),
  },
  {
    name: "admin.saveUnit",
    args: one((p) =>
      rawObject({
        id: orElse(idFrom(p.units), OMIT),
        name: field(text(60, ADMIN_SAMPLES)),
        shortName: field(text(10, ["慈新", "<b>x</b>"])),
        kind: choiceOf(UNIT_KINDS),
        active: flag,
      }),
    ),
  },
  {
    name: "admin.saveDeputy",
    args: one((p) =>
      rawObject({
        id: orElse(idFrom(p.deputies), OMIT),
        name: field(text(30, ["胡国锋"])),
        deputation: field(text(60, ["古塘街道代表团"])),
        phone,
        active: flag,
      }),
    ),
  },
  {
    name: "admin.saveUser",
    runs: Math.ceil(RUNS * 0.6), // a strong password costs an argon2 hash
    args: one((p) =>
      rawObject({
        id: orElse(idFrom(p.users), OMIT),
        username: field(fc.stringMatching(/^[a-z0-9_.-]{3,32}$/), fc.constantFrom<unknown>("jxj_staff", "ADMIN", "ab", "a b", "<script>", "x".repeat(33), "用户")),
        displayName: field(text(30, ["张伟"])),
        email: field(fc.constantFrom<unknown>("", "a@b.cn", "<script>alert(1)</script>@x.cn", "\"><img src=x onerror=alert(1)>@x.cn"), fc.constantFrom<unknown>("x@y", "x y@z.cn", "@", `${"a".repeat(100)}@b.cn`)),
        role: choiceOf(ROLES),
        // Always a unit and a deputy: the service keeps the one the role needs.
        unitId: field(idFrom(p.units), fc.constant("")),
        deputyId: field(idFrom(p.deputies), fc.constant("")),
        password: field(
          fc.oneof(fc.constantFrom<unknown>("Zq9!xK2#mW", "Banli@2026x"), fc.string({ minLength: 6, maxLength: 20 }).map((s) => `Aa1!${s}`)),
          fc.constantFrom<unknown>("", "short", "password123", "a".repeat(129), "Aa1!" + "x".repeat(200)),
        ),
        active: flag,
      }),
    ),
  },
  // —— calendar ——
  {
    name: "calendar.saveCalendarDay",
    args: one((p) =>
      rawObject({
        date: fc.oneof(dayBetween("2003-01-01", "2029-12-31"), fc.constantFrom(...p.calendar)),
        working: choiceOf(["off", "on"]),
        name: field(text(20, ["清明节", "<b>调休</b>"])),
        original: fc.oneof(fc.constant(""), fc.constantFrom(...p.calendar), dayBetween("2026-01-01", "2026-12-31")),
      }),
    ),
  },
  { name: "calendar.removeCalendarDay", args: one((p) => rawObject({ date: fc.oneof(fc.constantFrom(...p.calendar), dayBetween("2026-01-01", "2026-12-31")) })) },
  // —— attachments ——
  {
    name: "attachments.uploadAttachment",
    args: (p) => {
      const raw = rawObject({ target: target(p) });
      return mapExamples(raw, fc.tuple(raw, uploadFile).map(([r, file]): unknown[] => [r, file]), (r) => [r, { name: "签发件.pdf", bytes: PDF }]);
    },
    probe: [{}, null],
  },
  { name: "attachments.deleteAttachment", args: one((p) => rawObject({ attachmentId: idFrom(p.attachments) })) },
  // —— notifications ——
  { name: "publication.publishReply", args: one((p) => rawObject({ replyId: idFrom(leaning(p.sentReplies, p.replies)) })) },
  { name: "notifications.markNotificationsRead", args: one((p) => rawObject({ ids: idListFrom(p.notifications) })) },
  // —— import (the action hands over the session and the file's bytes) ——
  { name: "import.previewImport", runs: Math.ceil(RUNS / 3), args: lazyImport, probe: [999_999, new Uint8Array(0)] },
  { name: "import.importProposals", runs: Math.ceil(RUNS / 3), args: lazyImport, probe: [999_999, new Uint8Array(0)] },
  // —— Word in: read-only, but it parses whatever file is uploaded ——
  { name: "word.importWordDraft", runs: Math.ceil(RUNS / 3), args: () => wordFile.map((f) => [f]), probe: [new Uint8Array(0)], auditsRefusals: true },
  // —— accounts, security and audit (三员分立) ——
  {
    name: "account.changePassword",
    runs: Math.ceil(RUNS / 4), // an accepted change hashes the new password (argon2)
    args: () =>
      fc.tuple(
        rawObject({
          current: field(fc.constantFrom<unknown>(PASSWORD, PASSWORD, "wrong-password"), hugeText),
          next: field(fc.constantFrom<unknown>("Zq9!xK2#mW<b>", "Zq9!xK2#mW", PASSWORD), fc.constantFrom<unknown>("short", "password123", "A1!" + "x".repeat(126))),
          confirm: field(fc.constantFrom<unknown>("Zq9!xK2#mW<b>", "Zq9!xK2#mW")),
        }),
        fc.oneof(fc.constant("fuzz-session"), hostileText),
      ),
  },
  {
    name: "account.enrolTwoFactor",
    args: one(() =>
      rawObject({
        sealed: field(fc.constant<unknown>(fx.totp.sealedEnrolment), fc.oneof(hostileText, fc.constant(fx.totp.sealedEnrolment.replace(/.$/, "A")), fc.constant("v1.a.b.c"))),
        code: field(fc.tuple(fc.nat(1), fc.boolean()).map(([i, pad]) => (pad ? ` ${fx.totp.enrolCodes()[i]} ` : fx.totp.enrolCodes()[i])), fc.constantFrom<unknown>("000000", "12345", "1234567", "１２３４５６")),
      }),
    ),
  },
  {
    name: "account.disableTwoFactor",
    args: one(() => rawObject({ code: field(fc.tuple(fc.nat(1), fc.boolean()).map(([i, pad]) => (pad ? ` ${fx.totp.codes()[i]}` : fx.totp.codes()[i])), fc.constantFrom<unknown>("000000", "12345", "abcdef")) })),
  },
  {
    name: "security.setRole",
    args: one((p) => rawObject({ userId: idFrom(p.users), role: choiceOf(ROLES), unitId: optionalId(p.units), deputyId: optionalId(p.deputies) })),
  },
  {
    name: "security.unlockAccount",
    args: one(() => rawObject({ username: field(fc.constantFrom<unknown>("jxj_staff", "hu", "JXJ_STAFF", " hu ", "nobody")) })),
  },
  { name: "security.resetTwoFactor", args: one((p) => rawObject({ userId: idFrom(p.users) })) },
  { name: "security.decideAccountChange", args: one((p) => rawObject({ userId: idFrom(p.users), decision: field(fc.constantFrom<unknown>("approve", "reject"), fc.constantFrom<unknown>("yes", "", 1)) })) },
  {
    name: "security.savePolicy",
    args: one(() =>
      rawObject(
        Object.fromEntries(
          POLICY_KEYS.map((k) => {
            const { min, max } = POLICY[k];
            return [k, field(fc.oneof(fc.integer({ min, max }), fc.integer({ min, max }).map(String)), fc.constantFrom<unknown>(min - 1, max + 1, "1.5", "1e3", "", " 7 ", -0))];
          }),
        ),
      ),
    ),
  },
  {
    name: "audit.listAudit",
    args: one(() =>
      rawObject({
        q: field(text(100, ["proposal", "%", "_"])),
        result: choiceOf(["", "ok", "refused", "invalid", "failed"]),
        from: orElse(dayBetween("2000-01-01", "2030-12-31"), ""),
        to: orElse(dayBetween("2000-01-01", "2030-12-31"), ""),
        page: field(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom<unknown>("0", "-1", "1e9", "2")),
      }),
    ),
  },
  { name: "audit.verifyAuditLog", runs: 10, args: () => fc.constant<unknown[]>([]) },
];

/**
 * Exports that take no user input or only run inside another service's transaction, so fuzzing
 * them directly says nothing about what a form can do. Each is reached through the services above.
 */
const NOT_FUZZED: Record<string, string> = {
  "common.getDb": "the database handle",
  "common.now": "the clock",
  "common.requireRole": "role check used by every service",
  "common.authorize": "the authorization matrix check used by every service",
  "common.refuse": "turns a workflow decision into an error",
  "common.checkAccountLink": "lookup inside saveUser, setRole and decideAccountChange; fuzzed through them",
  "common.record": "writes a history row inside a service's transaction",
  "common.loadOwnAssignment": "scope check inside a service's transaction",
  "common.moveAssignment": "state move inside a service's transaction",
  "common.syncProposalState": "state sync inside a service's transaction",
  "common.recordDeadlineMoves": "writes history rows inside a service's transaction",
  "proposals.insertProposal": "registration inside registerProposal's and importProposals' transactions; fuzzed through registerProposal",
  "stored-deadlines.storedDeadlinesOf": "pure",
  "stored-deadlines.refreshDeadlines": "recomputes stored deadlines inside a service's transaction",
  "stored-deadlines.schedulePublication": "writes a reply's publication day inside signOffReply's transaction; fuzzed through it",
  "stored-deadlines.backfillDeadlines": "start-up fill of rows older than the stored deadlines, no user input",
  "stored-deadlines.noteReplySent": "called inside signOffReply's transaction with the rows it loaded; fuzzed through signOffReply",
  "stored-deadlines.noteContact": "called inside logContact's transaction after its input was parsed; fuzzed through logContact",
  "notify.notifyUsers": "writes notifications inside a service's transaction",
  "notify.notifyUnit": "writes notifications inside a service's transaction",
  "notify.activeUsers": "read-only lookup",
  "notify.deputyAccounts": "read-only lookup",
  "notify.proposalName": "read-only lookup",
  "calendar.calendarRange": "pure",
  "import.importTemplate": "read-only, no input",
};

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------

/** The roles a service lets past its authorization check (probed with an empty input, rolled back). */
const allowedRoles = new Map<string, Set<Role>>();

async function probeRoles(spec: Spec, fn: AnyService) {
  const allowed = new Set<Role>();
  const seen = new Set<Role>();
  for (const actor of fx.actors) {
    if (seen.has(actor.role)) continue;
    seen.add(actor.role);
    fx.db.$client.exec("BEGIN");
    try {
      await fn(actor, ...(spec.probe ?? [{}]));
      allowed.add(actor.role);
    } catch (error) {
      if (!(error instanceof Forbidden)) allowed.add(actor.role);
    } finally {
      fx.db.$client.exec("ROLLBACK");
    }
  }
  allowedRoles.set(spec.name, allowed);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-fuzz-"));
  process.env.BANLI_DATA_DIR = dataDir;
  process.env.NEXTAUTH_SECRET ??= "fuzz-test-secret";
  PASSWORD_HASH = await argon2Hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  fx = buildFixture();
  at(FUZZ_NOW);
  await loadServices();
  for (const spec of SPECS) {
    const fn = services.get(spec.name);
    if (fn) await probeRoles(spec, fn);
  }
  // The administrator who sees the administration pages: whoever may save a unit.
  const adminRoles = allowedRoles.get("admin.saveUnit");
  adminViewer = fx.actors.find((a) => adminRoles?.has(a.role));
  // What React itself puts on a page (scripts, the print view's styles) is not user text.
  const benign: [Actor, () => Promise<ReactElement>][] = [
    [fx.staff.jxj, proposalPage(fx.probe.pAB)],
    [fx.gov, proposalPage(fx.probe.pCD)],
    [fx.staff.fgj, printPage("reply", fx.ownedBy.replies.get(fx.unit.fgj)![0])],
    [fx.staff.jxj, notificationsPage()],
  ];
  if (adminViewer) benign.push([adminViewer, adminPage("users", fx.byRole.gov_office!.id)], [adminViewer, calendarPage("2026-04-06")]);
  for (const [viewer, page] of benign) {
    const html = await renderAs(viewer, page);
    if (html) collectSafeBlocks(html);
  }
  console.info(`fuzz: seed ${SEED}, ${RUNS} runs per function (FUZZ_SEED / FUZZ_RUNS to change)`);
}, 60_000);

afterAll(() => {
  setNow(null);
  delete process.env.BANLI_DATA_DIR;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe("fuzz coverage", () => {
  it("the markup check finds raw payloads and passes React's escaping", () => {
    expect(rawMarkupProblems("<p><img src=x onerror=alert(1)></p>")).not.toEqual([]);
    expect(rawMarkupProblems("<p><script>alert(1)</script></p>")).not.toEqual([]);
    expect(rawMarkupProblems('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(rawMarkupProblems('<input value="" onfocus="alert(1)"/>')).not.toEqual([]);
    for (const payload of HTML_PAYLOADS) {
      const html = renderToStaticMarkup(createElement("p", { title: payload }, payload));
      expect(rawMarkupProblems(html)).toEqual([]);
      expect(html).toContain(escapeHtml(payload));
    }
  });

  it("fuzzes every exported function of lib/services, or says why not", () => {
    const covered = new Set(SPECS.map((s) => s.name));
    const missing = [...services.keys()].filter((k) => !covered.has(k) && !(k in NOT_FUZZED));
    expect(missing, "exported service functions with neither a fuzz spec nor a reason in NOT_FUZZED").toEqual([]);
    // A spec must name a real export.
    const stale = SPECS.filter((s) => !services.has(s.name)).map((s) => s.name);
    expect(stale, "fuzz specs naming functions that do not exist").toEqual([]);
  });
});

describe("fuzz: every mutating service keeps its promises under hostile input", () => {
  for (const spec of SPECS) {
    it(spec.name, async () => {
      const fn = services.get(spec.name);
      expect(fn, `${spec.name} is not exported`).toBeTypeOf("function");
      const allowed = allowedRoles.get(spec.name) ?? new Set<Role>();
      const inRole = fx.actors.filter((a) => allowed.has(a.role));
      const actorArb = inRole.length
        ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...inRole) }, { weight: 1, arbitrary: fc.constantFrom(...fx.actors) })
        : fc.constantFrom(...fx.actors);
      const stats = { ok: 0, rendered: 0, refused: {} as Record<string, number> };
      renderStats.pages = renderStats.escapedPayloads = 0;
      const argsByActor = new Map<number, fc.Arbitrary<unknown[]>>();
      const argsFor = (actor: Actor) => {
        if (!argsByActor.has(actor.id)) argsByActor.set(actor.id, spec.args(poolsFor(actor)));
        return argsByActor.get(actor.id)!;
      };
      const calls = actorArb.chain((actor) => argsFor(actor).map((args) => [actor, args] as [Actor, unknown[]]));
      const property = fc.asyncProperty(calls, async ([actor, args]) => {
        const real = await Promise.all(args.map(async (a) => (a && typeof a === "object" && LAZY in a ? (a as LazyBytes).make() : a)));
        const outcome = await runOne(actor, () => fn!(actor, ...real), { render: stats.rendered < RENDERS, auditsRefusals: spec.auditsRefusals });
        if (outcome.ok && stats.rendered < RENDERS) stats.rendered++;
        if (outcome.ok) stats.ok++;
        else {
          const name = (outcome.error as Error).constructor.name;
          stats.refused[name] = (stats.refused[name] ?? 0) + 1;
        }
      });
      // First the classic hostile values one field at a time, on a call that is accepted as it
      // stands (found by trying a few, rolled back); then the random runs.
      let firstExamples: [[Actor, unknown[]]][] = [];
      search: for (const actor of inRole)
        for (let seed = 1; seed <= 12; seed++) {
          const candidates = examples(argsFor(actor), seed) as unknown[][];
          if (!candidates.length) break search;
          if (await acceptedAsIs(() => fn!(actor, ...candidates[0]))) {
            firstExamples = candidates.map((args) => [[actor, args]]);
            break search;
          }
        }
      if (!firstExamples.length) {
        const actor = inRole[0] ?? fx.actors[0];
        firstExamples = (examples(argsFor(actor), 1) as unknown[][]).map((args) => [[actor, args]]);
      }
      const result = await fc.check(property, { numRuns: spec.runs ?? RUNS, examples: firstExamples });
      if (result.failed) {
        const [[actor, args]] = (result.counterexample ?? [[undefined, undefined]]) as [[Actor | undefined, unknown[] | undefined]];
        const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        throw new Error(
          [
            `${spec.name} broke a property after ${result.numRuns} runs (shrunk ${result.numShrinks} times).`,
            `  ${error}`,
            `  actor: ${actor ? `${actor.displayName} (${actor.role}, unit ${actor.unitId}, deputy ${actor.deputyId})` : "?"}`,
            `  input: ${args ? args.map((a) => (a && typeof a === "object" && LAZY in a ? (a as LazyBytes).label : show(a))).join(", ") : "?"}`,
            `  reproduce: FUZZ_SEED=${result.seed} npx vitest run tests/integration/fuzz.test.ts -t '${spec.name}'  (path ${result.counterexamplePath})`,
          ].join("\n"),
        );
      }
      console.info(
        `${spec.name}: ${stats.ok} accepted (${renderStats.pages} pages rendered, ${renderStats.escapedPayloads} stored payloads found escaped), refused ${JSON.stringify(stats.refused)}`,
      );
      // The generators must reach past validation, or the fuzzing only tests the parser.
      if (inRole.length)
        expect(stats.ok, `${spec.name}: no generated call was accepted (${JSON.stringify(stats.refused)})`).toBeGreaterThan(0);
    }, 120_000);
  }
});
