import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, useDb, type Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { listProposals } from "@/db/queries/proposals";
import { publicProposal, publicSearch } from "@/db/queries/public";
import { rankedMatches } from "@/db/queries/search";
import { assignProposal, registerProposal } from "@/lib/services/proposals";
import { receiveAssignment } from "@/lib/services/assignments";
import { saveOpinionDraft, saveReplyDraft, signOffOpinion, signOffReply, submitOpinion, submitReply } from "@/lib/services/documents";
import { actorOf, smallWorld, snapshotDb } from "../fixtures";
import { demoDb } from "../demo-db";
import { holds, publicScan, substringScan } from "../search-oracle";

/*
 * Search in Chinese (docs/rules.md § "Search"): on a corpus of proposals, opinions and replies in
 * every state, each query finds exactly what a plain substring scan of the text the searcher may
 * read finds (recall and precision 100%), for every kind of viewer and for the public; the public
 * never sees what is not published.
 */

let db: Db;
let world: ReturnType<typeof smallWorld>;
const at = (iso: string) => setNow(new Date(iso));

/** Texts with two-character words, Latin letters and digits, punctuation and spaces. */
const CORPUS = [
  { title: "关于加快5G基站建设的建议", body: "建议2025年底前实现古塘街道5G信号全覆盖。", units: ["jxj"], reply: "我局已将5g基站纳入2026年计划，今年新建（扩建）基站40个。", disclosure: "full" },
  { title: "关于增设路灯的建议", body: "浒山街道部分道路夜间照明不足，路灯损坏多。", units: ["zjj"], reply: "已完成路灯检修120盏，新增路灯30盏。", disclosure: "full" },
  { title: "关于支持电商发展的建议", body: "建议设立电商产业园，扶持“小家电+电商”模式。", units: ["swj", "jxj"], opinion: "推动软家电产品上线，电商销售额增长20%。", reply: "我局会同市商务局出台电商扶持政策。", disclosure: "full" },
  { title: "关于古塘工业区块改造提升的建议", body: "古塘街道工业区块低散乱，建议整体改造提升。", units: ["jxj", "swj"], opinion: "市商务局支持小家电企业开拓内销市场。", disclosure: "title_only", reply: "将古塘区块列入2026年改造计划。" },
  { title: "关于学校周边交通安全的建议", body: "上下学高峰期拥堵，建议增设护学岗。", units: ["fgj"], disclosure: "none", reply: "已在12所学校周边设置护学岗。" },
  { title: "关于农村饮用水提标的建议", body: "部分村饮用水水压不足（尤其夏季），建议提标改造。", units: ["zjj"], disclosure: "full", draftReply: "拟于明年实施农村饮用水提标工程。" },
] as const;

const QUERIES = [
  "路灯", "电商", "5G", "5g", "2025年", "古塘", "软家电", "小家电+电商", "（扩建）", "（", "，", "“", "提标改造", "护学岗", "水", "G", "拟于明年",
  "市经信局", "胡国锋", "不存在的词语", "建议", "关于古塘", "Z", "40个", " 路灯 ",
];

function build() {
  db = openDb(":memory:");
  useDb(db);
  at("2026-03-02T09:00:00+08:00");
  world = smallWorld(db);
  const ids: number[] = [];
  CORPUS.forEach((c, i) => {
    at("2026-03-02T09:00:00+08:00");
    const { id } = registerProposal(world.congress, {
      sessionId: world.session.id,
      number: 200 + i,
      title: c.title,
      body: c.body,
      field: "综合",
      leadDeputyId: world.deputy.hu,
      cosignerIds: i % 2 ? [world.deputy.chen] : [],
      disclosure: c.disclosure,
      suggestedUnits: "",
    });
    ids.push(id);
    const [lead, ...co] = c.units;
    assignProposal(world.gov, { proposalId: id, mode: "lead", leadUnitId: world.unit[lead], coUnitIds: co.map((u) => world.unit[u]) });
    const assignmentOf = (u: string) => (db.$client.prepare("select id from assignments where proposal_id = ? and unit_id = ?").get(id, world.unit[u as "jxj"]) as { id: number }).id;
    for (const u of c.units) receiveAssignment(world.staff[u], { assignmentId: assignmentOf(u) });
    if ("opinion" in c && co.length) {
      const draft = saveOpinionDraft(world.staff[co[0]], { assignmentId: assignmentOf(co[0]), body: c.opinion, contactPerson: "周倩", contactPhone: "0574-63012345" });
      submitOpinion(world.staff[co[0]], draft);
      signOffOpinion(world.leader[co[0]], draft);
    }
    const text = "reply" in c ? c.reply : "draftReply" in c ? c.draftReply : null;
    if (text) {
      at("2026-04-01T09:00:00+08:00");
      const draft = saveReplyDraft(world.staff[lead], { assignmentId: assignmentOf(lead), body: text, category: "A", contactPerson: "邹佳敏", contactPhone: "0574-63023456", cc: "", outstandingReason: "" });
      if ("reply" in c) {
        submitReply(world.staff[lead], draft);
        signOffReply(world.leader[lead], draft);
      }
    }
  });
  return ids;
}

const viewers = (): Actor[] => [world.congress, world.gov, ...Object.values(world.staff), ...Object.values(world.leader), ...Object.values(world.dep)];
const listed = (viewer: Actor, q: string) => listProposals(viewer, { q }, { all: true }).rows.map((r) => r.id).sort((a, b) => a - b);
const publicIds = (q: string, today: string) => rankedMatches(db, { public: today }, q).map((r) => r.id).sort((a, b) => a - b);

describe("search in Chinese", () => {
  let ids: number[];
  beforeAll(() => {
    ids = build();
  });
  afterAll(() => setNow(null));

  it("each query finds what a substring scan of the viewer's readable text finds, for every viewer", () => {
    let nonEmpty = 0;
    for (const viewer of viewers())
      for (const q of QUERIES) {
        const expected = substringScan(db, viewer, q);
        expect(listed(viewer, q), `${viewer.displayName} “${q}”`).toEqual(expected);
        if (expected.length) nonEmpty++;
      }
    // The corpus is built so that most queries find something for most viewers.
    expect(nonEmpty).toBeGreaterThan(QUERIES.length * 4);
  });

  it("finds a proposal by an opinion's text only where the rules let the viewer read the opinion", () => {
    const gutang = ids[3];
    // 软家电 is only in 市商务局's opinion on No. 202; 小家电企业 only in its opinion on No. 203.
    expect(listed(world.staff.jxj, "内销市场")).toEqual([gutang]); // the lead unit reads the sent opinion
    expect(listed(world.staff.swj, "内销市场")).toEqual([gutang]); // its own unit
    expect(listed(world.congress, "内销市场")).toEqual([gutang]); // the offices
    expect(listed(world.dep.hu, "内销市场")).toEqual([]); // never a deputy
    // A draft reply is its unit's alone.
    expect(listed(world.staff.zjj, "拟于明年")).toEqual([ids[5]]);
    expect(listed(world.congress, "拟于明年")).toEqual([]);
    expect(listed(world.dep.hu, "拟于明年")).toEqual([]);
  });

  it("ranks title matches first and marks the words, with the passage where they occur", () => {
    const rows = listProposals(world.congress, { q: "电商" }).rows;
    expect(rows[0].title).toBe("关于支持电商发展的建议");
    const found = listProposals(world.congress, { q: "扩建" }).rows;
    expect(found.map((r) => r.passage?.source)).toEqual(["答复"]);
    expect(found[0].passage!.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["扩建"]);
  });

  it("the public finds only what is published: nothing before the publication day, never 不公开 or 仅公开标题 text", () => {
    // The replies went on 2026-04-01; 20 working days later they are public.
    const before = "2026-04-02";
    const after = "2026-06-01";
    for (const today of [before, after])
      for (const q of QUERIES) {
        const expected = publicScan(db, today, q);
        expect(publicIds(q, today), `public ${today} “${q}”`).toEqual(expected);
      }
    expect(publicIds("扩建", before)).toEqual([]);
    expect(publicIds("扩建", after)).toEqual([ids[0]]);
    // 不公开: not even its title.
    expect(publicIds("护学岗", after)).toEqual([]);
    expect(publicIds("学校周边", after)).toEqual([]);
    // 仅公开标题: found by its title, never by its body, opinion or reply.
    expect(publicIds("古塘工业", after)).toEqual([ids[3]]);
    expect(publicIds("低散乱", after)).toEqual([]);
    expect(publicIds("改造计划", after)).toEqual([]);
    // A draft is never public.
    expect(publicIds("拟于明年", after)).toEqual([]);
    // A recorded reason not to publish takes the proposal off the portal.
    db.$client.prepare("update proposals set not_public_reason = '涉及个人隐私' where id = ?").run(ids[1]);
    expect(publicIds("路灯", after)).toEqual([]);
    db.$client.prepare("update proposals set not_public_reason = null where id = ?").run(ids[1]);
    expect(publicIds("路灯", after)).toEqual([ids[1]]);
  });

  it("the public proposal page shows the reply in full once published, and nothing of a 仅公开标题 proposal's text", () => {
    const n = (i: number) => 200 + i;
    expect(publicProposal(world.session.id, n(0), "2026-04-02")!.replies).toEqual([]);
    const open = publicProposal(world.session.id, n(0), "2026-06-01")!;
    expect(open.replies.map((r) => r.body)).toEqual([CORPUS[0].reply]);
    const titleOnly = publicProposal(world.session.id, n(3), "2026-06-01")!;
    expect([titleOnly.body, titleOnly.replies]).toEqual([null, []]);
    expect(publicProposal(world.session.id, n(4), "2026-06-01")).toBeNull();
    // The public search's passages come from published text only.
    for (const q of QUERIES)
      for (const r of publicSearch(q, 1, "2026-06-01").rows) if (r.passage) expect(holds(r.passage.parts.map((p) => p.text).join(""), q.trim())).toBe(true);
  });

  it("the index follows every write: an edited body, a new co-signer, a renamed unit, a deleted draft", () => {
    const before = snapshotDb(db);
    db.$client.prepare("update proposals set body = body || '另建议增设充电桩。' where id = ?").run(ids[1]);
    db.$client.prepare("insert into proposal_cosigners (proposal_id, deputy_id, position) values (?, ?, 5)").run(ids[0], world.deputy.ye);
    db.$client.prepare("update units set name = '市住房和城乡建设局' where id = ?").run(world.unit.zjj);
    db.$client.prepare("delete from replies where state = 'draft'").run();
    // Straight from the index (the list keeps results while no business change is recorded, and
    // these raw writes record none).
    const found = (viewer: Actor, q: string) => rankedMatches(db, { actor: viewer }, q).map((r) => r.id).sort((a, b) => a - b);
    for (const q of ["充电桩", "叶晓燕", "住房和城乡", "拟于明年", "路灯", "市住建局"])
      for (const viewer of [world.congress, world.staff.zjj, world.dep.ye]) expect(found(viewer, q), `${viewer.displayName} “${q}”`).toEqual(substringScan(db, viewer, q));
    expect(found(world.congress, "充电桩")).toEqual([ids[1]]);
    expect(found(world.dep.ye, "5G")).toEqual([ids[0]]);
    expect(found(world.congress, "市住建局")).toEqual([]);
    expect(found(world.staff.zjj, "拟于明年")).toEqual([]);
    expect(snapshotDb(db)).not.toEqual(before);
  });
});

describe("search in the demo", () => {
  it("市经信局's staff find No. 155 by 软家电, a word only in 市商务局's opinion", async () => {
    const demo = await demoDb();
    const staff = actorOf(demo, "jxj_staff");
    const { rows } = listProposals(staff, { q: "软家电" });
    const no155 = rows.find((r) => r.number === 155 && r.title === "关于古塘街道工业区块改造提升的建议");
    expect(no155?.passage?.source).toBe("协办意见");
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(substringScan(demo, staff, "软家电"));
    demo.$client.close();
  });
});
