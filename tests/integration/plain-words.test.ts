import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { and, eq } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { audit } from "@/lib/audit";
import { setNow } from "@/lib/clock";
import { ensureCalendar } from "@/lib/clock-rules";
import { assignProposal, registerProposal } from "@/lib/services/proposals";
import { logContact, receiveAssignment } from "@/lib/services/assignments";
import { saveOpinionDraft, saveReplyDraft, signOffOpinion, signOffReply, submitOpinion, submitReply } from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { listAudit } from "@/lib/services/audit";
import { getProposalDetail } from "@/db/queries/proposals";
import { myNotifications } from "@/db/queries/notifications";
import { SESSION_NAME, smallWorld, type UnitKey } from "../fixtures";
import { viewerRef } from "../page-viewer";

/*
 * People read history in words: the audit log names every action and the object it was about
 * (docs/rules.md § "Security", audit), the proposal's timeline says which unit went from which
 * state to which and which round's reply it was, the header names the role once, and each
 * notification names the proposal by number and title.
 */

vi.mock("@/lib/auth/current", async () => (await import("../page-viewer")).currentViewerModule());
const { default: AuditPage } = await import("@/app/(app)/audit/page");
const { default: AppLayout } = await import("@/app/(app)/layout");
const { default: NotificationsPage } = await import("@/app/(app)/notifications/page");
const { TimelineSection } = await import("@/components/proposal/sections");

const TITLE = "关于古塘街道工业区块改造提升的建议";
const LONG_TITLE = "关于进一步完善城乡居民基本医疗保险制度并加快推进基层医疗卫生服务体系高质量发展的建议";

let db: Db;
let w: ReturnType<typeof smallWorld>;
let p155: number;
let p156: number;
let firstReply: number;
let secondReply: number;

const at = (iso: string) => setNow(new Date(iso));
const assignmentOf = (proposalId: number, unit: UnitKey) =>
  db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, w.unit[unit]))).get()!;
const register = (number: number, title: string) =>
  registerProposal(w.congress, {
    sessionId: w.session.id,
    number,
    title,
    body: "古塘街道工业区块企业老旧厂房较多，建议统筹推进改造提升。",
    field: "工业交通",
    leadDeputyId: w.deputy.hu,
    cosignerIds: [w.deputy.chen],
    disclosure: "full",
  }).id;
const reply = (proposalId: number, body: string) => {
  const draft = saveReplyDraft(w.staff.jxj, {
    assignmentId: assignmentOf(proposalId, "jxj").id,
    body,
    category: "B",
    contactPerson: "邹佳敏",
    contactPhone: "0574-63023456",
    cc: "市人大常委会代表工委，市政府督查室",
    outstandingReason: "",
  });
  submitReply(w.staff.jxj, draft);
  signOffReply(w.leader.jxj, draft);
  return draft.documentId;
};
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "");

async function html(viewer: Actor, page: () => Promise<ReactElement> | ReactElement) {
  viewerRef.current = viewer;
  try {
    return renderToStaticMarkup(await page());
  } finally {
    viewerRef.current = null;
  }
}

beforeAll(() => {
  at("2026-03-12T10:00:00+08:00");
  db = openDb(":memory:");
  useDb(db);
  ensureCalendar(db);
  w = smallWorld(db);
  p155 = register(155, TITLE);
  p156 = register(156, LONG_TITLE);
  assignProposal(w.gov, { proposalId: p155, mode: "lead", leadUnitId: w.unit.jxj, coUnitIds: [w.unit.swj] });
  assignProposal(w.gov, { proposalId: p156, mode: "lead", leadUnitId: w.unit.fgj, coUnitIds: [] });
  at("2026-03-13T10:00:00+08:00");
  receiveAssignment(w.staff.jxj, { assignmentId: assignmentOf(p155, "jxj").id });
  receiveAssignment(w.staff.swj, { assignmentId: assignmentOf(p155, "swj").id });
  logContact(w.staff.jxj, { assignmentId: assignmentOf(p155, "jxj").id, contactedOn: "2026-03-13", channel: "in_person", people: "胡国锋代表", summary: "实地走访。" });
  at("2026-04-01T10:00:00+08:00");
  const opinion = saveOpinionDraft(w.staff.swj, { assignmentId: assignmentOf(p155, "swj").id, body: "我局支持改造提升。", contactPerson: "周倩", contactPhone: "0574-63012345" });
  submitOpinion(w.staff.swj, opinion);
  signOffOpinion(w.leader.swj, opinion);
  at("2026-05-06T10:00:00+08:00");
  firstReply = reply(p155, "第一次答复。");
  at("2026-05-20T10:00:00+08:00");
  rateReply(w.dep.hu, { replyId: firstReply, attitude: "satisfied", outcome: "unsatisfied", comment: "缺少具体措施。", wasContacted: "yes" });
  at("2026-06-10T10:00:00+08:00");
  secondReply = reply(p155, "第二次答复：明确改造时间表。");
  // Entries outside the services: a sign-in, a refused page, an export, a refused form on an assignment.
  audit(db, { actor: w.staff.jxj, actorName: "jxj_staff", action: "login.ok", objectType: "account", objectId: "jxj_staff", result: "ok", ip: "10.0.0.8" }, new Date());
  audit(db, { actor: w.staff.jxj, action: "page.refused", objectType: "page", objectId: "audit.view", result: "refused", ip: "10.0.0.8" }, new Date());
  audit(db, { actor: w.gov, action: "export", objectType: "export", objectId: "proposals", result: "ok", ip: "10.0.0.9" }, new Date());
  audit(db, { actor: w.staff.swj, action: "assignment.logContact", objectType: "assignment", objectId: `assignmentId=${assignmentOf(p155, "jxj").id}`, result: "refused", ip: "10.0.0.7" }, new Date());
  audit(db, { actor: w.admin, action: "user.update", objectType: "user", objectId: w.staff.jxj.id, result: "ok", ip: "10.0.0.1" }, new Date());
});
afterAll(() => setNow(null));

function allAudit(filter: { q?: string } = {}) {
  const rows = [];
  for (let page = 1; ; page++) {
    const r = listAudit(w.auditor, { ...filter, page });
    rows.push(...r.rows);
    if (rows.length >= r.total || r.rows.length === 0) return rows;
  }
}

describe("the audit page speaks Chinese", () => {
  it("names every action and every object in words, keeping the codes aside", () => {
    const rows = allAudit();
    const named = (action: string) =>
      rows
        .filter((r) => r.action === action)
        .map((r) => [r.actionText, r.object.text])
        .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(named("login.ok")).toEqual([["登录成功", "账号 jxj_staff"]]);
    expect(named("proposal.register")).toEqual([
      ["登记建议", "第155号建议"],
      ["登记建议", "第156号建议"],
    ]);
    expect(named("contact.log")).toEqual([["记录联系代表", "市经信局的联系代表记录（第155号建议）"]]);
    expect(named("opinion.signOff")).toEqual([["签发协办意见并送主办单位", "市商务局的协办意见（第155号建议）"]]);
    expect(named("reply.signOff")).toEqual([
      ["签发答复并送代表", "市经信局的第2轮答复（第155号建议）"],
      ["签发答复并送代表", "市经信局的答复（第155号建议）"],
    ]);
    expect(named("rating.create")).toEqual([["代表评价", "胡国锋代表对市经信局答复的评价（第155号建议）"]]);
    expect(named("assignment.receive")).toEqual([
      ["签收", "市商务局的承办事项（第155号建议）"],
      ["签收", "市经信局的承办事项（第155号建议）"],
    ]);
    expect(named("page.refused")).toEqual([["访问无权限的页面", "页面（查看审计日志）"]]);
    expect(named("export")).toEqual([["导出数据", "建议清单"]]);
    expect(named("assignment.logContact")).toEqual([["记录联系代表", "市经信局的承办事项（第155号建议）"]]);
    expect(named("user.update")).toEqual([["修改账号", `用户 ${w.staff.jxj.displayName}`]]);
    // The full name carries the session and the stored code, for the administrator who compares records.
    const signOff = rows.find((r) => r.action === "reply.signOff" && r.objectId === String(firstReply))!;
    expect(signOff.object.full).toBe(`市经信局的答复（${SESSION_NAME}第155号建议）（reply ${firstReply}）`);
    // Every row reads in Chinese: no action shown as its code, no object as "type id".
    for (const r of rows) {
      expect(r.actionText, r.action).toMatch(/^[^A-Za-z]+$/);
      expect(r.object.text, `${r.objectType} ${r.objectId}`).toMatch(/[\u4e00-\u9fff]/);
      expect(r.object.text).not.toContain(`${r.objectType} `);
    }
  });

  it("finds the entries by the words of their action", () => {
    const found = allAudit({ q: "登录" });
    expect(found.map((r) => r.action)).toEqual(["login.ok"]);
    expect(allAudit({ q: "签发答复" }).map((r) => r.action)).toEqual(["reply.signOff", "reply.signOff"]);
  });

  it("the page shows the words, with the code small beside the action", async () => {
    const page = await html(w.auditor, () => AuditPage({ searchParams: Promise.resolve({}) }));
    const shown = text(page);
    for (const words of ["登录成功", "账号 jxj_staff", "市经信局的第2轮答复（第155号建议）", `用户 ${w.staff.jxj.displayName}`, "页面（查看审计日志）"])
      expect(shown.includes(words), words).toBe(true);
    expect(/登录成功<span class="[^"]*text-xs[^"]*">login\.ok<\/span>/.test(page)).toBe(true);
    // The object cell is words; "user 3" is only in its title.
    expect(shown.includes(`user ${w.staff.jxj.id}`)).toBe(false);
    expect(page.includes(`title="用户 ${w.staff.jxj.displayName}（user ${w.staff.jxj.id}）"`)).toBe(true);
  });
});

describe("the timeline says what changed", () => {
  it("each state change names the unit and both states; the rounds' replies are told apart", () => {
    const lines = getProposalDetail(w.gov, p155).timeline.map((h) => [h.label, h.detail]);
    expect(lines).toContainEqual(["交办", "主办：市经信局；协办：市商务局"]);
    expect(lines).toContainEqual(["签收", "市经信局：待签收 → 办理中"]);
    expect(lines).toContainEqual(["记录联系代表", "市经信局：2026-03-13，当面走访"]);
    expect(lines).toContainEqual(["承办状态变更", "市商务局：办理中 → 已送协办意见"]);
    expect(lines).toContainEqual(["签发协办意见并送主办单位", "市商务局的协办意见"]);
    expect(lines).toContainEqual(["签发答复并送代表", "市经信局第1轮答复"]);
    expect(lines).toContainEqual(["承办状态变更", "市经信局：办理中 → 已答复待评价"]);
    expect(lines).toContainEqual(["代表评价", "对市经信局第1轮答复"]);
    expect(lines).toContainEqual(["承办状态变更", "市经信局：已答复待评价 → 重新办理（进入第2轮）"]);
    expect(lines).toContainEqual(["建议状态变更", "已答复待评价 → 重新办理"]);
    expect(lines).toContainEqual(["签发答复并送代表", "市经信局第2轮答复（重新办理）"]);
    expect(lines.every(([label]) => !/[A-Za-z]/.test(label!))).toBe(true);
    // A state change never goes without its states.
    expect(lines.filter(([label, detail]) => label === "承办状态变更" && !/：.+ → .+/.test(detail ?? ""))).toEqual([]);
  });

  it("the section shows them", async () => {
    const page = await html(w.gov, () => TimelineSection({ p: getProposalDetail(w.gov, p155) }));
    expect(text(page)).toContain("承办状态变更市经信局：已答复待评价 → 重新办理（进入第2轮）");
    expect(text(page)).toContain("签发答复并送代表市经信局第2轮答复（重新办理）");
  });
});

describe("the header and the notifications", () => {
  const whoami = (page: string) => text(/<span data-testid="whoami">(.*?)<\/span><a/.exec(page)![1]);

  it("an account named after its role shows the role once; others show name and role", async () => {
    const admin = await html(w.admin, () => AppLayout({ children: null }));
    expect(w.admin.displayName).toBe("系统管理员");
    expect(whoami(admin)).toBe("系统管理员");
    const staff = await html(w.staff.jxj, () => AppLayout({ children: null }));
    expect(whoami(staff)).toBe(`市经信局 · ${w.staff.jxj.displayName}（承办人）`);
  });

  it("a notification names the proposal by number and title, a long title cut short", () => {
    const jxj = myNotifications(w.staff.jxj).rows.map((n) => n.message);
    expect(jxj).toContain(`${SESSION_NAME}第155号建议《${TITLE}》已交办贵单位主办，请及时签收办理。`);
    const fgj = myNotifications(w.staff.fgj).rows.map((n) => n.message);
    const cut = [...LONG_TITLE].slice(0, 29).join("");
    expect(fgj).toContain(`${SESSION_NAME}第156号建议《${cut}…》已交办贵单位主办，请及时签收办理。`);
    expect(fgj.join("")).not.toContain(LONG_TITLE);
  });

  it("the page names the proposal of a message written without its title, and does not repeat it otherwise", async () => {
    db.insert(t.notifications)
      .values({ userId: w.staff.jxj.id, kind: "assigned", proposalId: p155, message: `${SESSION_NAME}第155号建议已交办贵单位主办，请及时签收办理。`, createdAt: new Date(), threshold: "old" })
      .run();
    const page = await html(w.staff.jxj, () => NotificationsPage({ searchParams: Promise.resolve({}) }));
    const items = [...page.matchAll(/<li [^>]*data-kind[^>]*>(.*?)<\/li>/g)].map((m) => text(m[1]));
    const ref = `第155号建议《${TITLE}》`;
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect(item.split(ref).length - 1, item).toBe(1);
    expect(page).toContain(`data-testid="notification-proposal">${ref}<`);
  });
});
