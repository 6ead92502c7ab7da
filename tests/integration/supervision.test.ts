import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, useDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import {
  ASSIGNMENT_MEASURES,
  RATE_PARTS,
  RATING_MEASURES,
  SUPERVISION_MEASURES,
  keyProposals,
  supervisionList,
  supervisionReport,
  supervisionSessions,
  type SupervisionMeasure,
  type UnitMeasures,
} from "@/db/queries/supervision";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { toCalendar } from "@/lib/calendar-data";
import { assignmentDeadlines, onOrNextWorkingDay, type Calendar, type DeadlineSettings } from "@/lib/deadlines";
import { Forbidden, NotFound } from "@/lib/errors";
import { assignProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { logContact, receiveAssignment } from "@/lib/services/assignments";
import { saveReplyDraft, signOffReply, submitReply } from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { decideRequest, requestAdjustment, requestExtension } from "@/lib/services/requests";
import { PROPOSAL_STATES } from "@/lib/workflow";

/*
 * The supervisors' figures against the demo database plus a few cases the demo lacks (a late
 * reply, a reply before any contact, an extension that a re-handling round later cleared, a unit
 * swapped on an adjustment request, a withdrawn proposal whose unit never started, a batch due
 * date). Every expected figure is recomputed here with plain SQL and small date arithmetic; only
 * the due day itself comes from lib/deadlines.
 */

/**
 * The demo is dated back from the day it is seeded: seed on a fixed day. The seed spreads the
 * assignments over several months, so the extra cases below are dated from each assignment's own
 * day as the database has it, and "today" is set just after the last of them.
 */
const SEEDED_AT = new Date("2026-05-27T10:00:00+08:00");
let TODAY: string;
/** The days the extra cases fell on, for the tests that name them. */
const scene = {} as {
  reply188: string;
  extendedTo188: string;
  batchDue: string;
  jxjReply1: string;
  assigned1: string;
};
const CURRENT = "市十八届人大二次会议";
const EARLIER = "市十八届人大一次会议";

let db: Db;

type Params = (string | number | null)[];
const rows = <T>(sql: string, ...params: Params) => db.$client.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: Params) => db.$client.prepare(sql).get(...params) as T | undefined;

const ACTOR_COLUMNS = "id, role, unit_id as unitId, deputy_id as deputyId, display_name as displayName";
function user(username: string): Actor {
  const u = one<Actor>(`select ${ACTOR_COLUMNS} from users where username = ?`, username);
  if (!u) throw new Error(`no user ${username}`);
  return u;
}
const leadDeputyOf = (proposalId: number) =>
  one<Actor>(
    `select u.id, u.role, u.unit_id as unitId, u.deputy_id as deputyId, u.display_name as displayName
       from users u join proposals p on p.lead_deputy_id = u.deputy_id where p.id = ?`,
    proposalId,
  )!;
const sessionId = (name: string) => one<{ id: number }>("select id from congress_sessions where name = ?", name)!.id;
const unitId = (name: string) => one<{ id: number }>("select id from units where name = ?", name)!.id;
const proposalId = (session: string, number: number) =>
  one<{ id: number }>("select id from proposals where session_id = ? and number = ?", sessionId(session), number)!.id;
const assignmentId = (session: string, number: number, unit: string) =>
  one<{ id: number }>("select id from assignments where proposal_id = ? and unit_id = ?", proposalId(session, number), unitId(unit))!.id;

/** The last day the extra cases acted on; "today" follows it. */
let lastDay = "";
const at = (day: string, hour = 10) => {
  if (day > lastDay) lastDay = day;
  setNow(new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`));
};
/** The calendar day in China of a stored instant, computed here rather than with lib/deadlines. */
const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
/** A calendar day `n` days after `day`, computed here rather than with lib/deadlines. */
const plusDays = (day: string, n: number) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8) + n)).toISOString().slice(0, 10);
const assignedOn = (assignment: number) => chinaDay(one<{ t: number }>("select assigned_at as t from assignments where id = ?", assignment)!.t);
const calendarDaysBetween = (from: string, to: string) => (Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8))) / 86_400_000;

function catching(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The extra cases, driven through the services like the demo
// ---------------------------------------------------------------------------------------------

function sendReply(unitKey: string, assignment: number, day: string, category: "A" | "B" | "C" | "D", outstandingReason = "") {
  const staff = user(`${unitKey}_staff`);
  at(day, 9);
  const draft = saveReplyDraft(staff, {
    assignmentId: assignment,
    body: "经认真研究，现答复如下：我单位已结合职能逐项研究落实。",
    category,
    contactPerson: staff.displayName,
    contactPhone: "0574-63010000",
    cc: "市人大常委会代表工委，市政府督查室",
    outstandingReason,
  });
  submitReply(staff, draft);
  at(day, 16);
  signOffReply(user(`${unitKey}_leader`), draft);
  return one<{ id: number }>("select id from replies where id = ?", draft.documentId)!.id;
}

function contact(unitKey: string, assignment: number, day: string, channel: "in_person" | "phone" = "phone") {
  at(day, 11);
  logContact(user(`${unitKey}_staff`), { assignmentId: assignment, contactedOn: day, channel, people: "领衔代表、承办人", summary: "听取代表意见。" });
}

function extraCases() {
  const gov = user("dcs");
  const congress = user("rdgw");

  // No. 236 (市交通运输局 alone): received and replied 105 days after its assignment, well past
  // the three-month due day, without ever contacting the deputy.
  const a236 = assignmentId(CURRENT, 236, "市交通运输局");
  const on236 = assignedOn(a236);
  at(plusDays(on236, 103));
  receiveAssignment(user("jtj_staff"), { assignmentId: a236 });
  sendReply("jtj", a236, plusDays(on236, 105), "C");

  // No. 91 (市教育局 leads, 市交通运输局's opinion never came): replied on time, 79 days after
  // its assignment, the deputy only contacted afterwards; the deputy is unsatisfied with the
  // attitude, so a second round opens.
  const a91 = assignmentId(CURRENT, 91, "市教育局");
  const on91 = assignedOn(a91);
  const r91 = sendReply("jyj", a91, plusDays(on91, 79), "A", "协办单位逾期未送达意见，先行答复。");
  contact("jyj", a91, plusDays(on91, 84));
  at(plusDays(on91, 87));
  rateReply(leadDeputyOf(proposalId(CURRENT, 91)), { replyId: r91, attitude: "unsatisfied", outcome: "satisfied", comment: "答复前未与代表沟通。", wasContacted: "no" });

  // No. 188 (市卫生健康局): extended to 151 days after its assignment, replied after 105 days
  // (past the three-month rule, on time by the extension), then 不满意 re-opens the work, which
  // clears the extension on the assignment.
  const a188 = assignmentId(CURRENT, 188, "市卫生健康局");
  const on188 = assignedOn(a188);
  scene.extendedTo188 = plusDays(on188, 151);
  scene.reply188 = plusDays(on188, 105);
  at(plusDays(on188, 79));
  requestExtension(user("wjj_staff"), { assignmentId: a188, reason: "需待年度预算调整后方能明确。", requestedDue: scene.extendedTo188 });
  at(plusDays(on188, 80));
  const ext = one<{ id: number }>("select id from requests where assignment_id = ? and kind = 'extension'", a188)!.id;
  decideRequest(gov, { requestId: ext, decision: "approve", decisionReason: "理由充分，同意延期。" });
  contact("wjj", a188, plusDays(on188, 91), "in_person");
  const r188 = sendReply("wjj", a188, scene.reply188, "B", "协办单位意见尚在会签，先行答复。");
  at(plusDays(on188, 108));
  rateReply(leadDeputyOf(proposalId(CURRENT, 188)), { replyId: r188, attitude: "satisfied", outcome: "unsatisfied", comment: "具体措施不明确。", wasContacted: "yes" });

  // No. 258: 市商务局 receives it, talks to the deputy, asks to hand it over within the return
  // window; it goes to 市发改局, which inherits the original assignment time and has not replied by today.
  const a258 = assignmentId(CURRENT, 258, "市商务局");
  const on258 = assignedOn(a258);
  at(plusDays(on258, 4));
  receiveAssignment(user("swj_staff"), { assignmentId: a258 });
  contact("swj", a258, plusDays(on258, 4));
  at(plusDays(on258, 5));
  requestAdjustment(user("swj_staff"), { assignmentId: a258, reason: "该建议涉及项目审批，属发改部门职责。", suggestedUnitId: unitId("市发改局") });
  at(plusDays(on258, 6));
  const adj = one<{ id: number }>("select id from requests where assignment_id = ? and kind = 'adjustment'", a258)!.id;
  decideRequest(gov, { requestId: adj, decision: "approve", decisionReason: "同意调整。", newUnitId: unitId("市发改局") });

  // The earlier session, dated from the day it opened: proposals registered 5 days later and
  // assigned 7 days later, and one batch due date 85 days after that instead of the three-month rule.
  const earlier = sessionId(EARLIER);
  const opened = one<{ d: string }>("select opened_on as d from congress_sessions where id = ?", earlier)!.d;
  const assigned = (scene.assigned1 = plusDays(opened, 7));
  const after = (n: number) => plusDays(assigned, n);
  scene.batchDue = after(85);
  db.$client.prepare("update congress_sessions set fixed_reply_due = ? where id = ?").run(scene.batchDue, earlier);
  const deputy = (n: number) => one<{ id: number }>("select id from deputies order by id limit 1 offset ?", n)!.id;
  const register = (number: number, title: string, extra: Record<string, unknown> = {}) => {
    at(plusDays(opened, 5));
    return registerProposal(congress, {
      sessionId: earlier,
      number,
      title,
      body: "建议内容：请有关部门研究落实。",
      field: "综合",
      leadDeputyId: deputy(number),
      cosignerIds: [],
      disclosure: "full",
      isKey: false,
      supervisor: "",
      ...extra,
    }).id;
  };
  // No. 1 to two parallel units: 市经信局 replies 3 days after the batch date (late against it,
  // though within three months), 市农业农村局 before it without contact, and is rated 不满意.
  const p1 = register(1, "关于优化企业服务的建议");
  at(assigned);
  assignProposal(gov, { proposalId: p1, mode: "parallel", parallelUnitIds: [unitId("市经信局"), unitId("市农业农村局")] });
  const jxj1 = assignmentId(EARLIER, 1, "市经信局");
  const nyj1 = assignmentId(EARLIER, 1, "市农业农村局");
  at(after(1));
  receiveAssignment(user("jxj_staff"), { assignmentId: jxj1 });
  receiveAssignment(user("nyj_staff"), { assignmentId: nyj1 });
  contact("jxj", jxj1, after(17));
  scene.jxjReply1 = after(88);
  sendReply("jxj", jxj1, scene.jxjReply1, "A");
  const rNyj = sendReply("nyj", nyj1, after(78), "B");
  const dep1 = leadDeputyOf(p1);
  at(after(91));
  rateReply(dep1, { replyId: one<{ id: number }>("select id from replies where assignment_id = ?", jxj1)!.id, attitude: "satisfied", outcome: "satisfied", comment: "", wasContacted: "yes" });
  rateReply(dep1, { replyId: rNyj, attitude: "basically_satisfied", outcome: "unsatisfied", comment: "没有具体措施。", wasContacted: "no" });
  // No. 2 assigned to 市交通运输局 and withdrawn before it was even received: never overdue.
  const p2 = register(2, "关于增设公交线路的建议");
  at(assigned);
  assignProposal(gov, { proposalId: p2, mode: "lead", leadUnitId: unitId("市交通运输局"), coUnitIds: [] });
  at(after(17));
  withdrawProposal(congress, { proposalId: p2, reason: "领衔代表书面申请撤回。" });
  // No. 3: a key proposal still waiting to be assigned.
  register(3, "关于推进老旧小区改造的建议", { isKey: true, supervisor: "副市长 测试" });
}

beforeAll(async () => {
  db = openDb(":memory:");
  setNow(SEEDED_AT);
  expect(await seed(db)).toBe(true);
  useDb(db);
  try {
    extraCases();
  } finally {
    setNow(null);
  }
  // Two days after the last step of the extra cases, as the old fixed dates had it.
  TODAY = plusDays(lastDay, 2);
}, 180_000);

afterAll(() => setNow(null));

// ---------------------------------------------------------------------------------------------
// The expected figures, independently
// ---------------------------------------------------------------------------------------------

function settingsOfSession(id: number): DeadlineSettings {
  const s = one<Record<string, number | string | null>>("select * from congress_sessions where id = ?", id)!;
  return {
    returnWindowWorkdays: s.return_window_workdays as number,
    opinionMonths: s.opinion_months as number,
    replyMonths: s.reply_months as number,
    extensionTotalMonths: s.extension_total_months as number,
    rehandlingMonths: s.rehandling_months as number,
    publicationWorkdays: s.publication_workdays as number,
    warnWorkdays: s.warn_workdays as number,
    fixedReplyDue: (s.fixed_reply_due as string | null) ?? null,
  };
}
const calendar = (): Calendar => toCalendar(rows<{ date: string; working: number; name: string }>("select * from calendar_days").map((d) => ({ ...d, working: !!d.working })));

type AssignmentRow = {
  id: number;
  unit_id: number;
  proposal_id: number;
  role: "lead" | "co" | "parallel";
  state: string;
  round: number;
  assigned_at: number;
  rehandling_from: string | null;
  extended_to: string | null;
  proposal_state: string;
  first_sent: number | null;
  latest_category: string | null;
};

type Expected = {
  keys: Record<SupervisionMeasure, string[]>;
  avgDays: number | null;
  lead: number;
  co: number;
  parallel: number;
};

function expectedFigures(session: number, today: string): Map<number, Expected> {
  const settings = settingsOfSession(session);
  const cal = calendar();
  const assignmentsOf = rows<AssignmentRow>(
    `select a.id, a.unit_id, a.proposal_id, a.role, a.state, a.round, a.assigned_at, a.rehandling_from, a.extended_to,
            p.state as proposal_state,
            (select r.sent_at from replies r where r.assignment_id = a.id and r.round = 1 and r.state = 'sent') as first_sent,
            (select r.category from replies r where r.assignment_id = a.id and r.state = 'sent' order by r.round desc limit 1) as latest_category
       from assignments a join proposals p on p.id = a.proposal_id
      where p.session_id = ? and a.state <> 'transferred'
      order by a.id`,
    session,
  );
  const ratingRows = rows<{ id: number; unit_id: number; attitude: string; outcome: string }>(
    `select x.id, a.unit_id, x.attitude, x.outcome
       from ratings x join replies r on r.id = x.reply_id
       join assignments a on a.id = r.assignment_id join proposals p on p.id = a.proposal_id
      where p.session_id = ? and a.state <> 'transferred' and a.role <> 'co' and r.state = 'sent'
        and r.round = (select max(r2.round) from ratings x2 join replies r2 on r2.id = x2.reply_id
                        where r2.assignment_id = r.assignment_id and x2.deputy_id = x.deputy_id and r2.state = 'sent')`,
    session,
  );

  const result = new Map<number, Expected>();
  const of = (unit: number) => {
    let e = result.get(unit);
    if (!e) {
      e = { keys: Object.fromEntries(SUPERVISION_MEASURES.map((m) => [m, []])) as unknown as Expected["keys"], avgDays: null, lead: 0, co: 0, parallel: 0 };
      result.set(unit, e);
    }
    return e;
  };
  const days = new Map<number, number[]>();

  for (const a of assignmentsOf) {
    const e = of(a.unit_id);
    const key = `a${a.id}`;
    const add = (m: SupervisionMeasure) => e.keys[m].push(key);
    e[a.role]++;
    add("assignments");
    add(a.role === "lead" ? "asLead" : a.role === "co" ? "asCo" : "asParallel");
    const assignedOn = chinaDay(a.assigned_at);
    if (a.role !== "co" && a.first_sent != null) {
      const sentOn = chinaDay(a.first_sent);
      add("replied");
      // The extension in force when the first reply went: the last one approved before it.
      const ext = one<{ due: string }>(
        `select requested_due as due from requests
          where assignment_id = ? and kind = 'extension' and state = 'approved' and decided_at <= ?
          order by decided_at desc, id desc limit 1`,
        a.id,
        a.first_sent,
      );
      const due = assignmentDeadlines({ role: a.role, state: "received", assignedOn, extendedTo: ext?.due ?? null }, settings, cal).due!;
      add(sentOn <= due ? "onTime" : "late");
      const met = one<{ n: number }>("select count(*) as n from contact_logs where assignment_id = ? and contacted_on <= ?", a.id, sentOn)!.n > 0;
      add(met ? "contacted" : "notContacted");
      days.set(a.unit_id, [...(days.get(a.unit_id) ?? []), calendarDaysBetween(assignedOn, sentOn)]);
    }
    if (a.role !== "co" && a.latest_category === "A") add("A");
    if (a.role !== "co" && (a.latest_category === "A" || a.latest_category === "B")) add("AB");
    if (a.round > 1) add("rehandled");
    if (["assigned", "received", "rehandling"].includes(a.state) && a.proposal_state !== "withdrawn") {
      const due = assignmentDeadlines(
        { role: a.role, state: a.state, assignedOn, rehandlingFrom: a.rehandling_from, extendedTo: a.extended_to },
        settings,
        cal,
      ).due!;
      if (today > due) add("overdue");
    }
  }
  for (const r of ratingRows) {
    const e = of(r.unit_id);
    const key = `r${r.id}`;
    e.keys.ratings.push(key);
    e.keys[r.attitude === "unsatisfied" ? "attitudeUnsatisfied" : "attitudeSatisfied"].push(key);
    e.keys[r.outcome === "unsatisfied" ? "outcomeUnsatisfied" : "outcomeSatisfied"].push(key);
    if (r.attitude === "unsatisfied" || r.outcome === "unsatisfied") e.keys.unsatisfied.push(key);
  }
  for (const [unit, ds] of days) of(unit).avgDays = Math.round((ds.reduce((s, d) => s + d, 0) / ds.length) * 10) / 10;
  return result;
}

/** Every expected unit merged into one, for the 合计 row and the all-units lists. */
function mergeAll(expected: Map<number, Expected>): Expected {
  const all: Expected = { keys: Object.fromEntries(SUPERVISION_MEASURES.map((m) => [m, []])) as unknown as Expected["keys"], avgDays: null, lead: 0, co: 0, parallel: 0 };
  for (const e of expected.values()) {
    for (const m of SUPERVISION_MEASURES) all.keys[m].push(...e.keys[m]);
    all.lead += e.lead;
    all.co += e.co;
    all.parallel += e.parallel;
  }
  return all;
}

function expectRate(actual: { numerator: number; denominator: number; rate: number | null }, numerator: number, denominator: number, label: string) {
  expect({ numerator: actual.numerator, denominator: actual.denominator }, label).toEqual({ numerator, denominator });
  if (denominator === 0) expect(actual.rate, label).toBeNull();
  else expect(actual.rate, label).toBeCloseTo(numerator / denominator, 12);
}

function expectMeasures(actual: UnitMeasures, e: Expected, label: string) {
  const n = (m: SupervisionMeasure) => e.keys[m].length;
  expect(actual.assignments, label).toBe(n("assignments"));
  expect({ lead: actual.lead, co: actual.co, parallel: actual.parallel }, label).toEqual({ lead: e.lead, co: e.co, parallel: e.parallel });
  expect(actual.replied, label).toBe(n("replied"));
  expectRate(actual.onTime, n("onTime"), n("replied"), `${label} 按时办复率`);
  expectRate(actual.contactRate, n("contacted"), n("replied"), `${label} 面商率`);
  expectRate(actual.satisfaction.attitude, n("attitudeSatisfied"), n("ratings"), `${label} 满意率（态度）`);
  expectRate(actual.satisfaction.outcome, n("outcomeSatisfied"), n("ratings"), `${label} 满意率（结果）`);
  expectRate(actual.resolutionA, n("A"), n("replied"), `${label} 解决率A`);
  expectRate(actual.resolutionAB, n("AB"), n("replied"), `${label} 解决率A+B`);
  expect(actual.rehandlingCount, label).toBe(n("rehandled"));
  expect(actual.overdueNow, label).toBe(n("overdue"));
  expect(actual.avgDaysToReply, label).toBe(e.avgDays);
}

const sessionIds = () => rows<{ id: number }>("select id from congress_sessions").map((s) => s.id);

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

describe("supervisionReport", () => {
  it("has every figure of every unit equal to the plain-SQL count, in both sessions", () => {
    for (const office of [user("dcs"), user("rdgw")]) {
      for (const session of sessionIds()) {
        const report = supervisionReport(office, { sessionId: session, today: TODAY });
        const expected = expectedFigures(session, TODAY);
        expect(report.units.map((u) => u.unitId).sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const u of report.units) {
          const name = one<{ name: string }>("select name from units where id = ?", u.unitId)!.name;
          expect(u.unitName).toBe(name);
          expectMeasures(u, expected.get(u.unitId)!, `${name} @${session}`);
        }
        const all = mergeAll(expected);
        expectMeasures({ ...report.total, avgDaysToReply: report.total.avgDaysToReply }, { ...all, avgDays: report.total.avgDaysToReply }, `合计 @${session}`);
        // The overall average is over every replied assignment, not an average of unit averages.
        const everyDay = rows<{ a: number; s: number }>(
          `select a.assigned_at as a, r.sent_at as s from assignments a join proposals p on p.id = a.proposal_id
             join replies r on r.assignment_id = a.id and r.round = 1 and r.state = 'sent'
            where p.session_id = ? and a.state <> 'transferred' and a.role <> 'co'`,
          session,
        ).map((x) => calendarDaysBetween(chinaDay(x.a), chinaDay(x.s)));
        expect(report.total.avgDaysToReply).toBe(everyDay.length ? Math.round((everyDay.reduce((s, d) => s + d, 0) / everyDay.length) * 10) / 10 : null);
      }
    }
  });

  it("counts proposals by state, summing to the session's proposals", () => {
    for (const session of sessionIds()) {
      const report = supervisionReport(user("dcs"), { sessionId: session, today: TODAY });
      const total = one<{ n: number }>("select count(*) as n from proposals where session_id = ?", session)!.n;
      expect(Object.keys(report.stateCounts).sort()).toEqual([...PROPOSAL_STATES].sort());
      for (const s of PROPOSAL_STATES)
        expect(report.stateCounts[s], s).toBe(one<{ n: number }>("select count(*) as n from proposals where session_id = ? and state = ?", session, s)!.n);
      expect(Object.values(report.stateCounts).reduce((a, b) => a + b, 0)).toBe(total);
      expect(report.proposalCount).toBe(total);
    }
    const current = supervisionReport(user("dcs"), { sessionId: sessionId(CURRENT), today: TODAY });
    for (const s of PROPOSAL_STATES) expect(current.stateCounts[s], `the demo has some ${s}`).toBeGreaterThan(0);
  });

  it("exercises every rule: not every figure is a full score", () => {
    const t = supervisionReport(user("dcs"), { sessionId: sessionId(CURRENT), today: TODAY }).total;
    for (const r of [t.onTime, t.contactRate, t.satisfaction.attitude, t.satisfaction.outcome, t.resolutionA, t.resolutionAB]) {
      expect(r.denominator).toBeGreaterThan(0);
      expect(r.numerator).toBeGreaterThan(0);
      expect(r.numerator).toBeLessThan(r.denominator);
    }
    expect(t.rehandlingCount).toBeGreaterThan(0);
    expect(t.overdueNow).toBeGreaterThan(0);
    expect(t.avgDaysToReply).toBeGreaterThan(0);
  });

  it("has the cases it was built for: a late reply, contact only after the reply, an extension that made a reply on time", () => {
    const s = sessionId(CURRENT);
    const has = (unit: string, measure: SupervisionMeasure, number: number) =>
      supervisionList(user("dcs"), { sessionId: s, unitId: unitId(unit), measure, today: TODAY }).rows.some((r) => r.number === number);
    expect(has("市交通运输局", "late", 236)).toBe(true);
    expect(has("市交通运输局", "notContacted", 236)).toBe(true);
    expect(has("市教育局", "onTime", 91)).toBe(true);
    expect(has("市教育局", "notContacted", 91)).toBe(true);
    expect(has("市教育局", "rehandled", 91)).toBe(true);
    expect(has("市卫生健康局", "onTime", 188)).toBe(true);
    expect(has("市卫生健康局", "contacted", 188)).toBe(true);
    expect(has("市交通运输局", "overdue", 91)).toBe(true); // the co-unit whose opinion never came
    // No. 236 went after the three-month due day, and so did No. 188: only the extension makes it on time.
    const monthRule = (number: number, unit: string) =>
      assignmentDeadlines({ role: "lead", state: "received", assignedOn: assignedOn(assignmentId(CURRENT, number, unit)) }, settingsOfSession(s), calendar()).due!;
    const firstSent = (number: number, unit: string) =>
      chinaDay(one<{ t: number }>("select sent_at as t from replies where assignment_id = ? and round = 1 and state = 'sent'", assignmentId(CURRENT, number, unit))!.t);
    expect(monthRule(236, "市交通运输局") < firstSent(236, "市交通运输局")).toBe(true);
    expect(firstSent(188, "市卫生健康局")).toBe(scene.reply188);
    expect(monthRule(188, "市卫生健康局") < scene.reply188).toBe(true);
    expect(scene.reply188 <= scene.extendedTo188).toBe(true);
    // No. 91 went within the three-month rule, before its only contact.
    expect(firstSent(91, "市教育局") <= monthRule(91, "市教育局")).toBe(true);
  });

  it("counts the first reply against the due date that applied to it: an extension later cleared by re-handling, a batch date", () => {
    const wjj = supervisionList(user("dcs"), { sessionId: sessionId(CURRENT), unitId: unitId("市卫生健康局"), measure: "onTime", today: TODAY });
    const a188 = assignmentId(CURRENT, 188, "市卫生健康局");
    // The assignment itself no longer carries the extension...
    expect(one<{ e: string | null; round: number }>("select extended_to as e, round from assignments where id = ?", a188)).toEqual({ e: null, round: 2 });
    // ...yet its first reply counts as on time against the extended due day.
    const row = wjj.rows.find((r) => r.key === `a${a188}`)!;
    // (An approved day that is not a working day ends on the next working day, as every due day does.)
    expect(row).toMatchObject({ firstReplyOn: scene.reply188, firstReplyDue: onOrNextWorkingDay(scene.extendedTo188, calendar()) });

    const earlier = sessionId(EARLIER);
    const late = supervisionList(user("dcs"), { sessionId: earlier, unitId: unitId("市经信局"), measure: "late", today: TODAY });
    expect(late.rows.map((r) => [r.number, r.firstReplyOn, r.firstReplyDue])).toEqual([[1, scene.jxjReply1, scene.batchDue]]);
    // Late only against the batch date: the three-month rule would still have been met.
    const monthRule = assignmentDeadlines({ role: "parallel", state: "received", assignedOn: scene.assigned1 }, { ...settingsOfSession(earlier), fixedReplyDue: null }, calendar()).due!;
    expect(scene.jxjReply1 <= monthRule).toBe(true);
  });

  it("attributes the transferred proposal to the unit that has it now, and ignores the old assignment", () => {
    const s = sessionId(CURRENT);
    const p258 = proposalId(CURRENT, 258);
    const swj = supervisionList(user("dcs"), { sessionId: s, unitId: unitId("市商务局"), measure: "assignments", today: TODAY });
    expect(swj.rows.map((r) => r.proposalId)).not.toContain(p258);
    const fgjOverdue = supervisionList(user("dcs"), { sessionId: s, unitId: unitId("市发改局"), measure: "overdue", today: TODAY });
    expect(fgjOverdue.rows.map((r) => r.proposalId)).toContain(p258);
    // The successor keeps the original assignment day: the clock did not restart.
    expect(fgjOverdue.rows.find((r) => r.proposalId === p258)!.assignedOn).toBe(
      chinaDay(one<{ t: number }>("select assigned_at as t from assignments where proposal_id = ? and state = 'transferred'", p258)!.t),
    );
  });

  it("never counts a withdrawn proposal's assignment as overdue", () => {
    const earlier = sessionId(EARLIER);
    const jtj = supervisionReport(user("dcs"), { sessionId: earlier, today: TODAY }).units.find((u) => u.unitId === unitId("市交通运输局"))!;
    expect(jtj.assignments).toBe(1);
    expect(jtj.overdueNow).toBe(0);
  });

  it("refuses every role but the two offices, and an unknown session", () => {
    const others = rows<Actor>(`select ${ACTOR_COLUMNS} from users where role not in ('gov_office', 'congress_office') order by id`);
    expect(new Set(others.map((o) => o.role))).toEqual(new Set(["system_admin", "security_admin", "audit_admin", "unit_staff", "unit_leader", "deputy"]));
    const s = sessionId(CURRENT);
    for (const actor of others) {
      expect(catching(() => supervisionReport(actor, { sessionId: s, today: TODAY })), actor.role).toBeInstanceOf(Forbidden);
      expect(catching(() => supervisionList(actor, { sessionId: s, measure: "overdue", today: TODAY })), actor.role).toBeInstanceOf(Forbidden);
      expect(catching(() => supervisionList(actor, { sessionId: s, unitId: actor.unitId, measure: "replied", today: TODAY })), actor.role).toBeInstanceOf(Forbidden);
      expect(catching(() => keyProposals(actor, { sessionId: s, today: TODAY })), actor.role).toBeInstanceOf(Forbidden);
      expect(catching(() => supervisionSessions(actor)), actor.role).toBeInstanceOf(Forbidden);
    }
    const missing = one<{ n: number }>("select max(id) + 1 as n from congress_sessions")!.n;
    expect(catching(() => supervisionReport(user("dcs"), { sessionId: missing, today: TODAY }))).toBeInstanceOf(NotFound);
    const noUnit = one<{ n: number }>("select max(id) + 1 as n from units")!.n;
    expect(catching(() => supervisionList(user("dcs"), { sessionId: s, unitId: noUnit, measure: "replied", today: TODAY }))).toBeInstanceOf(NotFound);
  });

  it("offers every session, newest first", () => {
    const expected = rows<{ id: number; name: string }>("select id, name from congress_sessions order by term desc, meeting desc, id desc");
    expect(supervisionSessions(user("rdgw"))).toEqual(expected);
    expect(expected[0].name).toBe(CURRENT);
  });
});

// ---------------------------------------------------------------------------------------------
// The drill-down
// ---------------------------------------------------------------------------------------------

describe("supervisionList", () => {
  it("lists exactly the assignments or ratings behind every figure of every unit, and of all units", () => {
    for (const session of sessionIds()) {
      const expected = expectedFigures(session, TODAY);
      const report = supervisionReport(user("rdgw"), { sessionId: session, today: TODAY });
      for (const [unit, e] of [...expected.entries(), [null, mergeAll(expected)] as const]) {
        for (const measure of SUPERVISION_MEASURES) {
          const list = supervisionList(user("rdgw"), { sessionId: session, unitId: unit, measure, today: TODAY });
          const label = `${unit ?? "all"} ${measure} @${session}`;
          expect(list.rows.map((r) => r.key).sort(), label).toEqual([...e.keys[measure]].sort());
          expect(new Set(list.rows.map((r) => r.key)).size, label).toBe(list.rows.length);
          if ((RATING_MEASURES as readonly string[]).includes(measure)) expect(list.rows.every((r) => r.rating != null), label).toBe(true);
          for (const r of list.rows) {
            const p = one<{ number: number; title: string; state: string }>(
              "select number, title, state from proposals where id = ? and session_id = ?",
              r.proposalId,
              session,
            );
            expect(p, label).toBeDefined();
            expect({ number: r.number, title: r.title, proposalState: r.proposalState }, label).toEqual({ number: p!.number, title: p!.title, proposalState: p!.state });
          }
        }
        // Each rate's numerator, denominator and remainder link to lists of exactly that length.
        const figures = unit == null ? report.total : report.units.find((u) => u.unitId === unit)!;
        const rates = {
          onTime: figures.onTime,
          contactRate: figures.contactRate,
          satisfactionAttitude: figures.satisfaction.attitude,
          satisfactionOutcome: figures.satisfaction.outcome,
          resolutionA: figures.resolutionA,
          resolutionAB: figures.resolutionAB,
        };
        for (const [name, parts] of Object.entries(RATE_PARTS)) {
          const r = rates[name as keyof typeof rates];
          expect(e.keys[parts.numerator].length, name).toBe(r.numerator);
          expect(e.keys[parts.denominator].length, name).toBe(r.denominator);
          if (parts.rest) expect(e.keys[parts.rest].length, name).toBe(r.denominator - r.numerator);
        }
      }
    }
  });

  it("covers every measure kind", () => {
    expect([...ASSIGNMENT_MEASURES, ...RATING_MEASURES].sort()).toEqual([...SUPERVISION_MEASURES].sort());
  });

  it("gives an empty list for a unit with nothing in the session", () => {
    const earlier = sessionId(EARLIER);
    const list = supervisionList(user("dcs"), { sessionId: earlier, unitId: unitId("古塘街道办事处"), measure: "assignments", today: TODAY });
    expect(list.unit?.name).toBe("古塘街道办事处");
    expect(list.rows).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Key proposals
// ---------------------------------------------------------------------------------------------

describe("keyProposals", () => {
  it("lists the session's key proposals with their supervising leader, state, replying units and lights", () => {
    for (const session of sessionIds()) {
      const settings = settingsOfSession(session);
      const cal = calendar();
      const list = keyProposals(user("rdgw"), { sessionId: session, today: TODAY });
      const expected = rows<{ id: number; number: number; supervisor: string | null; state: string }>(
        "select id, number, supervisor, state from proposals where session_id = ? and is_key = 1 order by number",
        session,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(list.map((p) => [p.proposalId, p.number, p.supervisor, p.state])).toEqual(expected.map((p) => [p.id, p.number, p.supervisor, p.state]));
      for (const p of list) {
        const units = rows<AssignmentRow & { name: string }>(
          `select a.*, u.name from assignments a join units u on u.id = a.unit_id
            where a.proposal_id = ? and a.state <> 'transferred' and a.role <> 'co' order by a.id`,
          p.proposalId,
        );
        expect(p.units.map((u) => [u.unitName, u.role, u.state])).toEqual(units.map((u) => [u.name, u.role, u.state]));
        for (const [i, u] of units.entries()) {
          const running = ["assigned", "received", "rehandling"].includes(u.state) && p.state !== "withdrawn";
          if (!running) {
            expect(p.units[i].due).toBeNull();
            expect(p.units[i].light).toBe("none");
            continue;
          }
          const due = assignmentDeadlines(
            { role: u.role, state: u.state, assignedOn: chinaDay(u.assigned_at), rehandlingFrom: u.rehandling_from, extendedTo: u.extended_to },
            settings,
            cal,
          ).due!;
          expect(p.units[i].due).toBe(due);
          if (TODAY > due) expect(p.units[i].light).toBe("red");
          else expect(["green", "yellow"]).toContain(p.units[i].light);
        }
        const co = rows<{ name: string }>(
          "select u.name from assignments a join units u on u.id = a.unit_id where a.proposal_id = ? and a.state <> 'transferred' and a.role = 'co' order by a.id",
          p.proposalId,
        ).map((x) => x.name);
        expect(p.coUnits).toEqual(co);
      }
    }
  });
});

describe("the kept report", () => {
  it("is recomputed after every change it counts, and is the same object only while nothing changed", () => {
    const s = sessionId(CURRENT);
    const first = supervisionReport(user("dcs"), { sessionId: s, today: TODAY });
    expect(supervisionReport(user("rdgw"), { sessionId: s, today: TODAY })).toBe(first);
    expect(Object.isFrozen(first.units[0])).toBe(true);
    // A received lead assignment of the current session with no reply yet: its unit replies now.
    const open = one<{ id: number; unitId: number; username: string }>(
      `select a.id, a.unit_id as unitId, us.username from assignments a join proposals p on p.id = a.proposal_id
         join users us on us.unit_id = a.unit_id and us.role = 'unit_staff' and us.username like '%\\_staff' escape '\\'
        where p.session_id = ? and a.role = 'lead' and a.state = 'received' and a.first_reply_on is null
          and not exists (select 1 from replies r where r.assignment_id = a.id)
        order by a.id limit 1`,
      s,
    )!;
    expect(open).toBeDefined();
    const before = first.units.find((u) => u.unitId === open.unitId)?.replied ?? 0;
    sendReply(open.username.replace(/_staff$/, ""), open.id, TODAY, "A", "协办意见已综合。");
    const after = supervisionReport(user("dcs"), { sessionId: s, today: TODAY });
    expect(after).not.toBe(first);
    expect(after.total.replied).toBe(first.total.replied + 1);
    expect(after.units.find((u) => u.unitId === open.unitId)!.replied).toBe(before + 1);
    // The next day is another key: a light may turn red without any write.
    expect(supervisionReport(user("dcs"), { sessionId: s, today: plusDays(TODAY, 1) })).not.toBe(after);
  });
});
