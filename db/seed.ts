import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { type Db, getDb, useDb } from "./index";
import { assignments, congressSessions, deputies, replies, units, users } from "./schema";
import { demoDeputies, demoProposals, demoStaff, demoUnits, type DemoProposal, type DemoTarget } from "./demo-data";
import type { Actor } from "../lib/auth/actor";
import { hashPassword } from "../lib/auth/password";
import { setNow, todayInChina } from "../lib/clock";
import { addDays, dayOf } from "../lib/deadlines";
import { assignProposal, markProposal, registerProposal, withdrawProposal } from "../lib/services/proposals";
import { logContact, receiveAssignment } from "../lib/services/assignments";
import {
  returnReply,
  saveOpinionDraft,
  saveReplyDraft,
  signOffOpinion,
  signOffReply,
  submitOpinion,
  submitReply,
} from "../lib/services/documents";
import { rateReply } from "../lib/services/ratings";
import { ensureCalendar } from "../lib/clock-rules";
import type { Role } from "../lib/workflow";

/**
 * Demo data for a new database: the proposal No. 155 case, about forty more proposals in every
 * state, and one account per role. Every proposal is driven to its state through the same
 * services the interface uses, so its history reads as if people had done the work.
 */
export const SESSION_NAME = "市十八届人大二次会议";
export const DEMO_PASSWORD = process.env.BANLI_DEMO_PASSWORD ?? "Banli@2026";

/** `journey` leaves No. 155 just registered, for the end-to-end test that walks it through. */
export type SeedVariant = "demo" | "journey";

const ORDER: DemoTarget[] = [
  "registered", "assigned", "received", "opinion_pending", "opinions_sent", "reply_draft",
  "reply_pending", "reply_returned", "replied", "rehandling", "closed",
];
const reached = (target: DemoTarget, stage: DemoTarget) => ORDER.indexOf(target) >= ORDER.indexOf(stage);

const day = (iso: string, plusDays = 0, hour = 10) => {
  const d = new Date(`${iso}T${String(hour).padStart(2, "0")}:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
};

export async function seed(db: Db, variant: SeedVariant = "demo") {
  useDb(db);
  ensureCalendar(db);
  if (db.select({ id: users.id }).from(users).limit(1).get()) return false;

  const hash = await hashPassword(DEMO_PASSWORD);
  // The demo session opened about five months ago: finished proposals were assigned early, open
  // ones later, so today's lights, on-time rates and contact rates show a realistic mix.
  const base = addDays(todayInChina(), -150);
  const session = db
    .insert(congressSessions)
    .values({ term: 18, meeting: 2, name: SESSION_NAME, openedOn: addDays(base, -2) })
    .returning()
    .get();
  db.insert(congressSessions).values({ term: 18, meeting: 1, name: "市十八届人大一次会议", openedOn: addDays(base, -367) }).run();

  const unitIds = new Map<string, number>();
  for (const u of demoUnits) {
    unitIds.set(u.key, db.insert(units).values({ name: u.name, shortName: u.shortName, kind: u.kind }).returning().get().id);
  }
  const deputyIds = new Map<string, number>();
  for (const d of demoDeputies) {
    deputyIds.set(d.key, db.insert(deputies).values({ name: d.name, deputation: d.deputation, phone: d.phone }).returning().get().id);
  }

  const actors = new Map<string, Actor>();
  const addUser = (username: string, displayName: string, role: Role, unitId: number | null = null, deputyId: number | null = null) => {
    const row = db.insert(users).values({ username, displayName, passwordHash: hash, role, unitId, deputyId }).returning().get();
    const actor: Actor = { id: row.id, role, unitId, deputyId, displayName };
    actors.set(username, actor);
    return actor;
  };
  // 三员分立: three administrators, each of whom enrols an authenticator app at first sign-in.
  addUser("sysadmin", "系统管理员", "system_admin");
  addUser("secadmin", "安全管理员", "security_admin");
  addUser("auditor", "安全审计员", "audit_admin");
  const congress = addUser("rdgw", "王丽萍", "congress_office");
  const gov = addUser("dcs", "陈建国", "gov_office");
  const staffOf = new Map<string, Actor>();
  const leaderOf = new Map<string, Actor>();
  for (const s of demoStaff) {
    const a = addUser(s.username, s.displayName, s.role, unitIds.get(s.unit)!);
    (s.role === "unit_staff" ? staffOf : leaderOf).set(s.unit, a);
  }
  // Units without named accounts still need someone to act for them while the demo is replayed.
  for (const u of demoUnits) {
    if (!staffOf.has(u.key)) staffOf.set(u.key, addUser(`${u.key}_staff`, `${u.shortName}承办人`, "unit_staff", unitIds.get(u.key)!));
    if (!leaderOf.has(u.key)) leaderOf.set(u.key, addUser(`${u.key}_leader`, `${u.shortName}分管领导`, "unit_leader", unitIds.get(u.key)!));
  }
  const deputyActor = new Map<string, Actor>();
  demoDeputies.forEach((d, i) => {
    deputyActor.set(d.key, addUser(d.username ?? `deputy${i + 1}`, d.name, "deputy", null, deputyIds.get(d.key)!));
  });

  const sample155 = fs.readFileSync(path.join(process.cwd(), "db/samples/155-co-handling-opinion.txt"), "utf8").trim();

  try {
    demoProposals.forEach((p, index) => {
      const target: DemoTarget = variant === "journey" && p.number === 155 ? "registered" : p.target;
      replay({ ...p, target }, index, {
        base,
        sessionId: session.id, congress, gov, unitIds, deputyIds, staffOf, leaderOf, deputyActor, sample155,
      });
    });
  } finally {
    setNow(null);
  }
  return true;
}

type Ctx = {
  base: string;
  sessionId: number;
  congress: Actor;
  gov: Actor;
  unitIds: Map<string, number>;
  deputyIds: Map<string, number>;
  staffOf: Map<string, Actor>;
  leaderOf: Map<string, Actor>;
  deputyActor: Map<string, Actor>;
  sample155: string;
};

function replay(p: DemoProposal, index: number, c: Ctx) {
  // Days are counted from the assignment: finished proposals were assigned early, open ones later.
  const t0 = reached(p.target, "replied") ? 4 : 50 + ((index + 3) % 6) * 9;
  const at = (days: number, hour = 10) => setNow(day(c.base, t0 + days, hour));
  // Some replies go late, some without contacting the deputy first (never a key proposal).
  const lateness = reached(p.target, "replied") ? (index * 17) % 60 : 0;
  const contact = p.isKey ? "before" : index % 7 === 4 ? "none" : index % 5 === 3 ? "after" : "before";
  at(-4);
  const { id: proposalId } = registerProposal(c.congress, {
    sessionId: c.sessionId,
    number: p.number,
    title: p.title,
    body: p.body,
    field: p.field,
    leadDeputyId: c.deputyIds.get(p.leadDeputy),
    cosignerIds: p.cosigners.map((k) => c.deputyIds.get(k)),
    disclosure: p.disclosure,
    isKey: !!p.isKey,
    supervisor: p.supervisor ?? "",
  });
  if (p.screening && p.screening !== "normal")
    markProposal(c.congress, { proposalId, screening: p.screening, mergedInto: p.mergedInto ?? "", isKey: !!p.isKey, supervisor: p.supervisor ?? "" });
  if (p.target === "withdrawn") {
    at(-1);
    withdrawProposal(c.congress, { proposalId, reason: "领衔代表书面申请撤回该建议，已由代表工委核实。" });
    return;
  }
  if (p.target === "registered") return;

  at(0);
  const replying = p.parallel?.length ? p.parallel : [p.lead!];
  const co = p.parallel?.length ? [] : (p.co ?? []);
  assignProposal(c.gov, p.parallel?.length
    ? { proposalId, mode: "parallel", parallelUnitIds: p.parallel.map((k) => c.unitIds.get(k)) }
    : { proposalId, mode: "lead", leadUnitId: c.unitIds.get(p.lead!), coUnitIds: co.map((k) => c.unitIds.get(k)) });
  if (p.target === "assigned") return;

  const assignmentOf = (unitKey: string) => getAssignment(proposalId, c.unitIds.get(unitKey)!);
  at(2);
  for (const u of [...replying, ...co]) receiveAssignment(c.staffOf.get(u)!, { assignmentId: assignmentOf(u)!.id });
  if (p.target === "received") return;

  co.forEach((u, i) => {
    const assignmentId = assignmentOf(u)!.id;
    at(14 + i);
    const body = p.number === 155 ? c.sample155 : (p.opinions?.[u] ?? "我单位结合职能研究后提出如下意见：一是加强部门协同；二是做好政策衔接；三是配合主办单位做好答复工作。");
    const staff = c.staffOf.get(u)!;
    const { documentId, version } = saveOpinionDraft(staff, { assignmentId, body, contactPerson: staff.displayName, contactPhone: "0574-6301" + String(2000 + index * 7 + i).slice(-4) });
    submitOpinion(staff, { documentId, version });
    if (p.target === "opinion_pending") return;
    at(18 + i, 15);
    signOffOpinion(c.leaderOf.get(u)!, { documentId, version });
  });
  if (!reached(p.target, "reply_draft")) return;

  const leadDeputy = c.deputyActor.get(p.leadDeputy)!;
  for (const u of replying) {
    const assignmentId = assignmentOf(u)!.id;
    const staff = c.staffOf.get(u)!;
    const leader = c.leaderOf.get(u)!;
    const contactDeputy = (days: number) => {
      at(days);
      logContact(staff, {
        assignmentId,
        contactedOn: dayOf(day(c.base, t0 + days)),
        channel: p.contact?.channel ?? "phone",
        people: `${leadDeputy.displayName}代表、${staff.displayName}`,
        summary: p.contact?.summary ?? "电话联系领衔代表，介绍办理思路，听取代表意见。",
      });
    };
    if (contact === "before") contactDeputy(26);
    at(36);
    const reply = (body: string) => saveReplyDraft(staff, {
      assignmentId,
      body,
      category: p.category ?? "B",
      contactPerson: staff.displayName,
      contactPhone: "0574-6302" + String(3000 + index * 7).slice(-4),
      cc: "市人大常委会代表工委，市政府督查室",
      outstandingReason: "",
    });
    const draft = reply(p.reply ?? "经认真研究，现答复如下：我单位高度重视，已会同相关部门研究落实。");
    if (p.target === "reply_draft") continue;
    at(41);
    submitReply(staff, draft);
    if (p.target === "reply_pending") continue;
    at(43 + lateness);
    if (p.target === "reply_returned") {
      returnReply(leader, { ...draft, comment: "请补充具体工作举措和时间节点后再送签。" });
      continue;
    }
    signOffReply(leader, draft);
    if (contact === "after") contactDeputy(46 + lateness);
    if (p.target === "replied") continue;

    const replyRow = getDb().select().from(replies).where(eq(replies.id, draft.documentId)).get()!;
    const everyone = [p.leadDeputy, ...p.cosigners].map((k) => c.deputyActor.get(k)!);
    const rehandled = p.target === "rehandling" || !!p.secondReply;
    at(54 + lateness);
    if (rehandled) {
      rateReply(leadDeputy, {
        replyId: replyRow.id,
        attitude: "basically_satisfied",
        outcome: "unsatisfied",
        comment: p.unsatisfiedComment ?? "答复内容较为原则，缺少具体措施和时间安排。",
        wasContacted: contact === "none" ? "no" : "yes",
      });
      if (p.target === "rehandling") {
        if (p.secondReply) { at(61 + lateness); reply(p.secondReply); }
        continue;
      }
      at(66 + lateness);
      const second = reply(p.secondReply!);
      submitReply(staff, second);
      at(68 + lateness);
      signOffReply(leader, second);
      at(76 + lateness);
      for (const d of everyone) rateReply(d, { replyId: second.documentId, attitude: "satisfied", outcome: "basically_satisfied", comment: "", wasContacted: contact === "none" ? "no" : "yes" });
      continue;
    }
    everyone.forEach((d, i) =>
      rateReply(d, { replyId: replyRow.id, attitude: "satisfied", outcome: i % 3 === 2 ? "basically_satisfied" : "satisfied", comment: "", wasContacted: contact === "none" ? "no" : "yes" }),
    );
  }
}

function getAssignment(proposalId: number, unitId: number) {
  return getDb()
    .select()
    .from(assignments)
    .where(and(eq(assignments.proposalId, proposalId), eq(assignments.unitId, unitId)))
    .get();
}
