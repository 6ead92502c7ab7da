import path from "node:path";
import { and, eq } from "drizzle-orm";
import { dataDir, openDb, useDb, type Db } from "../db";
import { assignments, congressSessions, deputies, replies, units, users } from "../db/schema";
import { DEMO_PASSWORD, SESSION_NAME } from "../db/seed";
import type { Actor } from "../lib/auth/actor";
import { hashPassword } from "../lib/auth/password";
import { setNow } from "../lib/clock";
import { addDays, dayOf } from "../lib/deadlines";
import { assignProposal, registerProposal } from "../lib/services/proposals";
import { logContact, receiveAssignment } from "../lib/services/assignments";
import { saveOpinionDraft, saveReplyDraft, signOffOpinion, signOffReply, submitOpinion, submitReply } from "../lib/services/documents";
import { rateReply } from "../lib/services/ratings";
import { decideRequest, requestExtension } from "../lib/services/requests";
import { FIELDS, type Role } from "../lib/workflow";

/**
 * A city-sized session on top of the demo data, for load tests: about thirty units (each with a
 * staff and a leader account), sixty deputies with accounts, and a few hundred more proposals in
 * every state, each driven there through the services the interface uses.
 *
 *   BANLI_DATA_DIR=… npx tsx scripts/bulk-data.ts [--proposals 360]
 */

const EXTRA_UNITS: { key: string; name: string; shortName: string; kind: "department" | "town" }[] = [
  { key: "gaj", name: "市公安局", shortName: "慈公", kind: "department" },
  { key: "mzj", name: "市民政局", shortName: "慈民", kind: "department" },
  { key: "sfj", name: "市司法局", shortName: "慈司", kind: "department" },
  { key: "wgl", name: "市文化和广电旅游体育局", shortName: "慈文旅", kind: "department" },
  { key: "scj", name: "市市场监督管理局", shortName: "慈市监", kind: "department" },
  { key: "yjj", name: "市应急管理局", shortName: "慈应急", kind: "department" },
  { key: "slj", name: "市水利局", shortName: "慈水", kind: "department" },
  { key: "zfj", name: "市综合行政执法局", shortName: "慈执法", kind: "department" },
  { key: "ybj", name: "市医疗保障局", shortName: "慈医保", kind: "department" },
  { key: "tyj", name: "市退役军人事务局", shortName: "慈退役", kind: "department" },
  { key: "xfj", name: "市信访局", shortName: "慈信访", kind: "department" },
  { key: "hsjd", name: "浒山街道办事处", shortName: "浒山", kind: "town" },
  { key: "zxz", name: "周巷镇人民政府", shortName: "周巷", kind: "town" },
  { key: "ghwz", name: "观海卫镇人民政府", shortName: "观海卫", kind: "town" },
  { key: "lsz", name: "龙山镇人民政府", shortName: "龙山", kind: "town" },
  { key: "kdjd", name: "坎墩街道办事处", shortName: "坎墩", kind: "town" },
  { key: "zhjd", name: "宗汉街道办事处", shortName: "宗汉", kind: "town" },
];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = ["建华", "海燕", "志强", "丽萍", "国平", "晓东", "美玲", "伟民", "春燕", "永康", "红霞", "振宇", "秀英", "立新", "文杰", "雪梅", "德明", "慧敏", "建军", "玉兰"];
const DEPUTATIONS = ["浒山街道代表团", "古塘街道代表团", "白沙路街道代表团", "坎墩街道代表团", "宗汉街道代表团", "周巷镇代表团", "观海卫镇代表团", "龙山镇代表团", "掌起镇代表团", "逍林镇代表团", "横河镇代表团", "附海镇代表团"];

export const TOPICS: Record<(typeof FIELDS)[number], string[]> = {
  工业交通: ["加快老旧工业区块有机更新", "优化城区公交线网", "完善新能源汽车充电设施", "推进小微企业园提质扩容", "缓解学校周边交通拥堵", "加强农村公路养护"],
  财政商贸: ["支持夜间经济发展", "规范农贸市场经营秩序", "加大中小企业融资支持", "提升城市商业综合体活力", "扶持老字号品牌发展"],
  城建环保: ["推进老旧小区加装电梯", "加强城市内河水环境治理", "完善垃圾分类收运体系", "增加城区公共停车位", "推进城市口袋公园建设", "治理餐饮油烟扰民"],
  社会事业: ["扩大普惠性托育服务供给", "加强社区卫生服务能力", "推进中小学课后服务提质", "完善居家养老服务网络", "加强青少年心理健康教育", "建设全民健身设施"],
  农业农村: ["推进高标准农田建设", "培育农村电商带头人", "加强农村饮用水安全保障", "发展庭院经济", "完善农业社会化服务体系"],
  政治法律: ["加强基层矛盾纠纷多元化解", "深化法治乡村建设", "加强电信网络诈骗防范宣传", "完善社区网格化管理"],
  综合: ["提升政务服务一网通办水平", "加强公共数据开放共享", "完善应急避难场所建设", "推进人才公寓建设"],
};

/** A small deterministic generator, so the same run makes the same data. */
export function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const day = (iso: string, plusDays: number, hour = 10) => {
  const d = new Date(`${iso}T${String(hour).padStart(2, "0")}:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
};
const isoDay = (d: Date) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 10);

const chineseNumber = (n: number) => {
  const digits = "〇一二三四五六七八九";
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ""}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ""}`;
};

const actorOf = (u: typeof users.$inferSelect): Actor => ({ id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName });

export type BulkOptions = {
  proposals?: number;
  seed?: number;
  /** Units with accounts, at least (the demo's and EXTRA_UNITS first, then generated towns). */
  units?: number;
  /** Deputies with accounts, at least. */
  deputies?: number;
  /** Earlier sessions besides the demo's (each about as large as the demo's; all their proposals closed or withdrawn). */
  earlierSessions?: number;
  /** Called every `progressEvery` proposals with how many are done. */
  progress?: (done: number, total: number) => void;
};

/** Place names for generated units (towns, sub-districts) beyond the demo's. */
const PLACES = "长河庵东崇寿新浦胜山匡堰桥头横河附海逍林掌起龙山观海卫周巷坎墩宗汉浒山白沙古塘天元泗门临山马渚朗霞黄家埠小曹娥丈亭三七市河姆渡大隐陆埠鹿亭梁弄四明山";
const KINDS = [
  ["镇人民政府", "镇"],
  ["街道办事处", "街道"],
  ["社会事务服务中心", "社服"],
  ["综合执法中队", "执法"],
  ["经济发展办公室", "经发"],
] as const;

export type Target = { sessionId: number; base: string; number: number; count: number; finished: boolean };

/** Who acts and where: the units, deputies, accounts and sessions the proposals are filed against. */
export type Cast = {
  db: Db;
  congress: Actor;
  gov: Actor;
  staffOf: Map<number, Actor>;
  leaderOf: Map<number, Actor>;
  deputyOf: Map<number, Actor>;
  unitIds: number[];
  deputyIds: number[];
  targets: Target[];
};

/**
 * Adds the units, deputies (each with an account) and earlier sessions the options ask for, and
 * plans how many proposals go into each session. The same options on the same demo data give the
 * same cast, ids included.
 */
export async function prepareCast(db: Db, { proposals: count = 360, units: unitCount = 0, deputies: deputyTarget = 60, earlierSessions = 0 }: BulkOptions = {}): Promise<Cast> {
  useDb(db);
  const session = db.select().from(congressSessions).where(eq(congressSessions.name, SESSION_NAME)).get();
  if (!session) throw new Error(`no session ${SESSION_NAME}: run on a database with the demo data`);
  const hash = await hashPassword(DEMO_PASSWORD);
  const addUser = (username: string, displayName: string, role: Role, unitId: number | null, deputyId: number | null) => {
    const existing = db.select().from(users).where(eq(users.username, username)).get();
    return existing ?? db.insert(users).values({ username, displayName, passwordHash: hash, role, unitId, deputyId }).returning().get();
  };

  db.transaction(() => {
    for (const u of EXTRA_UNITS) {
      const unit =
        db.select().from(units).where(eq(units.name, u.name)).get() ??
        db.insert(units).values({ name: u.name, shortName: u.shortName, kind: u.kind }).returning().get();
      addUser(`${u.key}_staff`, `${u.shortName}承办人`, "unit_staff", unit.id, null);
      addUser(`${u.key}_leader`, `${u.shortName}分管领导`, "unit_leader", unit.id, null);
    }
    // Generated units up to `unitCount` (towns and their offices: 桥头镇人民政府, 桥头社服 …).
    const places = [...PLACES.matchAll(/../g)].map((m) => m[0]);
    for (let n = db.select({ id: units.id }).from(units).all().length; n < unitCount; n++) {
      const place = places[n % places.length] + (n >= places.length * KINDS.length ? String(Math.floor(n / (places.length * KINDS.length)) + 1) : "");
      const [kind, short] = KINDS[Math.floor(n / places.length) % KINDS.length];
      const unit = db.insert(units).values({ name: `${place}${kind}`, shortName: `${place}${short}`, kind: "town" }).returning().get();
      addUser(`u${unit.id}_staff`, `${place}${short}承办人`, "unit_staff", unit.id, null);
      addUser(`u${unit.id}_leader`, `${place}${short}分管领导`, "unit_leader", unit.id, null);
    }
    // Deputies up to the target, each with an account deputyN (N continues the demo's numbering).
    const deputyCount = db.select({ id: deputies.id }).from(deputies).all().length;
    for (let n = deputyCount + 1; n <= deputyTarget; n++) {
      const d = db
        .insert(deputies)
        .values({ name: `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[n % GIVEN.length]}`, deputation: DEPUTATIONS[n % DEPUTATIONS.length], phone: `139${String(57400000 + n * 7919).slice(-8)}` })
        .returning()
        .get();
      addUser(`deputy${n}`, d.name, "deputy", null, d.id);
    }
  });

  const all = db.select().from(users).where(eq(users.active, true)).all();
  const byRole = (role: Role) => all.filter((u) => u.role === role);
  const staffOf = new Map(byRole("unit_staff").map((u) => [u.unitId!, actorOf(u)]));
  const leaderOf = new Map(byRole("unit_leader").map((u) => [u.unitId!, actorOf(u)]));
  const deputyOf = new Map(byRole("deputy").map((u) => [u.deputyId!, actorOf(u)]));
  const unitIds = db.select().from(units).where(eq(units.active, true)).all().map((u) => u.id).filter((id) => staffOf.has(id) && leaderOf.has(id));

  // Earlier sessions (older terms and meetings), each as large as the demo's share, all finished.
  const targets: Target[] = [];
  const perSession = Math.ceil(count / (earlierSessions + 1));
  for (let k = earlierSessions; k >= 1; k--) {
    // Five meetings a term: k meetings before the demo's 十八届二次.
    const index = session.term * 5 + (session.meeting - 1) - k;
    const term = Math.floor(index / 5);
    const meeting = (index % 5) + 1;
    const name = `市${chineseNumber(term)}届人大${chineseNumber(meeting)}次会议`;
    const opened = addDays(dayOf(new Date()), -150 - 365 * k);
    const existing = db.select().from(congressSessions).where(eq(congressSessions.name, name)).get();
    const s = existing ?? db.insert(congressSessions).values({ term, meeting, name, openedOn: opened }).returning().get();
    const next = (db.$client.prepare("select coalesce(max(number), 0) + 1 as n from proposals where session_id = ?").get(s.id) as { n: number }).n;
    targets.push({ sessionId: s.id, base: addDays(opened, 2), number: next, count: perSession, finished: true });
  }
  const demoNumber = Math.max(300, ...db.$client.prepare("select number from proposals where session_id = ?").all(session.id).map((r) => (r as { number: number }).number)) + 1;
  targets.push({ sessionId: session.id, base: addDays(dayOf(new Date()), -150), number: demoNumber, count: count - perSession * earlierSessions, finished: false });
  return {
    db,
    congress: actorOf(byRole("congress_office")[0]),
    gov: actorOf(byRole("gov_office")[0]),
    staffOf,
    leaderOf,
    deputyOf,
    unitIds,
    deputyIds: [...deputyOf.keys()],
    targets,
  };
}

/**
 * Everything about one proposal's course, drawn before it is driven: `drive` makes no choice of its
 * own, so a scenario replays to the same rows (the fast generator's test relies on it).
 * Stages: 0 registered, 1–2 assigned, 3–8 received, 9–10 draft, 11 pending, 12–15 replied, 16–19 closed.
 */
export type Scenario = {
  sessionId: number;
  base: string;
  number: number;
  stage: number;
  /** Days after `base` the proposal was assigned. */
  t0: number;
  field: (typeof FIELDS)[number];
  topic: string;
  lead: number;
  cosigners: number[];
  disclosure: "full" | "title_only";
  isKey: boolean;
  /** The lead unit (or the parallel units) first, then the co-units. */
  replying: number[];
  co: number[];
  parallel: boolean;
  /** The first replying unit asks for an extension, and the government office grants it. */
  extension: boolean;
  /** The replies go out some two months late (after the due day). */
  late: boolean;
  /** The replying units contacted the lead deputy before replying. */
  contacted: boolean;
  /** Per replying unit. */
  channels: ("in_person" | "meeting" | "phone" | "online")[];
  categories: ("A" | "B" | "C")[];
  /** Per deputy (lead first), for each replying unit's reply. */
  outcomes: ("satisfied" | "basically_satisfied")[];
};

export function drawScenario(cast: Cast, rnd: () => number, target: Target, i: number, stage: number): Scenario {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const finished = stage >= 12;
  const t0 = finished ? Math.floor(rnd() * 40) : 40 + Math.floor(rnd() * 70);
  const field = pick(FIELDS);
  const topic = pick(TOPICS[field]);
  const lead = pick(cast.deputyIds);
  const cosigners: number[] = [];
  const wanted = rnd() < 0.3 ? 1 + Math.floor(rnd() * 4) : 0;
  while (cosigners.length < wanted) {
    const d = pick(cast.deputyIds);
    if (d !== lead && !cosigners.includes(d)) cosigners.push(d);
  }
  const disclosure = rnd() < 0.85 ? "full" : "title_only";
  const parallel = rnd() < 0.1;
  const shuffled = [...cast.unitIds].sort(() => rnd() - 0.5);
  const replying = parallel ? shuffled.slice(0, 2) : [shuffled[0]];
  const co = parallel ? [] : shuffled.slice(1, 1 + Math.floor(rnd() * 3));
  return {
    sessionId: target.sessionId,
    base: target.base,
    number: target.number++,
    stage,
    t0,
    field,
    topic,
    lead,
    cosigners,
    disclosure,
    isKey: i % 37 === 5,
    replying,
    co,
    parallel,
    extension: stage >= 3 && rnd() < 0.08,
    late: stage >= 12 && rnd() < 0.12,
    contacted: rnd() < 0.9,
    channels: replying.map(() => pick(["in_person", "meeting", "phone", "online"] as const)),
    categories: replying.map(() => pick(["A", "B", "B", "C"] as const)),
    outcomes: [lead, ...cosigners].map(() => (rnd() < 0.7 ? "satisfied" : "basically_satisfied")),
  };
}

/** Drives one proposal through the services to its scenario's stage; returns its id. */
export function drive(cast: Cast, s: Scenario): number {
  const { db, congress, gov, staffOf, leaderOf, deputyOf } = cast;
  const at = (days: number, hour = 10) => setNow(day(s.base, s.t0 + days, hour));
  const assignmentOf = (proposalId: number, unitId: number) =>
    db.select().from(assignments).where(and(eq(assignments.proposalId, proposalId), eq(assignments.unitId, unitId))).get()!;
  at(-3);
  const { id: proposalId } = registerProposal(congress, {
    sessionId: s.sessionId,
    number: s.number,
    title: `关于${s.topic}的建议`,
    body: `近年来我市在${s.topic.slice(2)}方面做了大量工作，但群众反映仍有不少问题。建议：一是加强统筹规划，明确责任分工；二是加大投入力度，补齐短板；三是建立长效机制，定期评估成效。`,
    field: s.field,
    leadDeputyId: s.lead,
    cosignerIds: s.cosigners,
    disclosure: s.disclosure,
    isKey: s.isKey,
    supervisor: s.isKey ? "副市长 王建华" : "",
  });
  if (s.stage === 0) return proposalId;

  at(0);
  const { replying, co } = s;
  assignProposal(gov, s.parallel ? { proposalId, mode: "parallel", parallelUnitIds: replying } : { proposalId, mode: "lead", leadUnitId: replying[0], coUnitIds: co });
  if (s.stage <= 2) return proposalId;

  at(2);
  for (const u of [...replying, ...co]) receiveAssignment(staffOf.get(u)!, { assignmentId: assignmentOf(proposalId, u).id });
  if (s.extension) {
    at(5);
    const a = assignmentOf(proposalId, replying[0]);
    const { id: requestId } = requestExtension(staffOf.get(replying[0])!, {
      assignmentId: a.id,
      reason: "涉及多个部门协调和年度预算安排，需延期答复。",
      requestedDue: addDays(a.dueOn!, 30),
    });
    at(6, 15);
    decideRequest(gov, { requestId, decision: "approve", decisionReason: "同意延期。" });
  }
  if (s.stage <= 8) return proposalId;

  co.forEach((u, k) => {
    at(12 + k);
    const staff = staffOf.get(u)!;
    const { documentId, version } = saveOpinionDraft(staff, {
      assignmentId: assignmentOf(proposalId, u).id,
      body: "我单位结合职能研究后提出如下意见：一是加强部门协同；二是做好政策衔接；三是配合主办单位做好答复工作。",
      contactPerson: staff.displayName,
      contactPhone: "0574-63012345",
    });
    submitOpinion(staff, { documentId, version });
    at(14 + k, 15);
    signOffOpinion(leaderOf.get(u)!, { documentId, version });
  });

  const leadDeputy = deputyOf.get(s.lead)!;
  const late = s.late ? 65 : 0;
  replying.forEach((u, k) => {
    const staff = staffOf.get(u)!;
    const assignmentId = assignmentOf(proposalId, u).id;
    if (s.contacted) {
      at(20);
      logContact(staff, {
        assignmentId,
        contactedOn: isoDay(day(s.base, s.t0 + 20)),
        channel: s.channels[k],
        people: `${leadDeputy.displayName}代表、${staff.displayName}`,
        summary: "联系领衔代表，介绍办理思路，听取代表意见。",
      });
    }
    at(28 + late);
    const draft = saveReplyDraft(staff, {
      assignmentId,
      body: `经认真研究，现就${s.topic}答复如下：一是已将相关工作列入年度计划；二是会同有关部门制定具体方案；三是明确时间节点，年内完成阶段性任务。`,
      category: s.categories[k],
      contactPerson: staff.displayName,
      contactPhone: "0574-63023456",
      cc: "市人大常委会代表工委，市政府督查室",
      outstandingReason: "",
    });
    if (s.stage <= 10) return;
    at(30 + late);
    submitReply(staff, draft);
    if (s.stage === 11) return;
    at(33 + late, 15);
    signOffReply(leaderOf.get(u)!, draft);
    if (s.stage <= 15) return;
    const reply = db.select().from(replies).where(eq(replies.id, draft.documentId)).get()!;
    at(45 + late);
    [s.lead, ...s.cosigners].forEach((d, r) =>
      rateReply(deputyOf.get(d)!, { replyId: reply.id, attitude: "satisfied", outcome: s.outcomes[r], comment: "", wasContacted: "yes" }),
    );
  });
  return proposalId;
}

/** Stage of the i-th proposal of a target: finished sessions are all closed; the current one spreads over every stage. */
export const stageOf = (target: Target, i: number) => (target.finished ? 16 + (i % 4) : i % 20);

export async function addBulkData(db: Db, options: BulkOptions = {}) {
  const cast = await prepareCast(db, options);
  const rnd = random(options.seed ?? 2026);
  const count = cast.targets.reduce((n, t) => n + t.count, 0);
  const started = Date.now();
  let done = 0;
  try {
    for (const target of cast.targets) {
      for (let i = 0; i < target.count; i++) {
        // Batches of 200 proposals in one transaction (each service's own becomes a savepoint):
        // the same rows, without a commit per service call.
        if (done % 200 === 0) {
          if (db.$client.inTransaction) db.$client.exec("commit");
          db.$client.exec("begin");
        }
        drive(cast, drawScenario(cast, rnd, target, i, stageOf(target, i)));
        done++;
        if (options.progress && done % 1000 === 0) options.progress(done, count);
      }
    }
  } finally {
    if (db.$client.inTransaction) db.$client.exec("commit");
    setNow(null);
  }
  return { proposals: count, ms: Date.now() - started };
}

if (process.argv[1]?.endsWith("bulk-data.ts")) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--proposals");
  const count = at >= 0 ? Number(args[at + 1]) : 360;
  const db = openDb(path.join(dataDir(), "banli.sqlite"));
  addBulkData(db, { proposals: count })
    .then(({ proposals, ms }) => console.log(`已通过业务服务增加 ${proposals} 件建议（${ms} ms）。`))
    .catch((error) => {
      console.error("批量数据失败：", error);
      process.exitCode = 1;
    })
    .finally(() => db.$client.close());
}
