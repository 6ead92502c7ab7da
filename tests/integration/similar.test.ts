import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { similarProposals } from "@/db/queries/similar";
import { registerProposal } from "@/lib/services/proposals";
import { Forbidden } from "@/lib/errors";
import { anyOf, bigramsOf, sharedWords, trigramsOf } from "@/lib/search/similar";
import { actorOf } from "../fixtures";
import { demoDb } from "../demo-db";

/*
 * Similar proposals (docs/rules.md § "Search"): a proposal raised again in other words is listed
 * first among the demo's forty-odd, ahead of proposals that share its place or its kind of work,
 * with the words the two share.
 */
let db: Db;
beforeAll(async () => {
  db = await demoDb();
});
afterAll(() => db.$client.close());

const idOf = (number: number) => (db.$client.prepare("select id from proposals where number = ?").get(number) as { id: number }).id;
let next = 900;
function raise(title: string, body: string) {
  const congress = actorOf(db, "rdgw");
  const session = (db.$client.prepare("select session_id s from proposals where number = 155").get() as { s: number }).s;
  const lead = (db.$client.prepare("select id from deputies order by id limit 1").get() as { id: number }).id;
  return registerProposal(congress, { sessionId: session, number: ++next, title, body, field: "综合", leadDeputyId: lead, cosignerIds: [], disclosure: "full", suggestedUnits: "" }).id;
}

describe("similar proposals", () => {
  it("a reworded No. 155 lists No. 155 first, ahead of the other 古塘 and 改造提升 proposals, with the words they share", () => {
    const id = raise(
      "关于推动古塘老工业区块整体改造和产业升级的建议",
      "古塘街道老工业区块厂房陈旧、容积率低，小家电零部件小作坊集中，安全隐患多。建议坚持整体规划，选取区块先行试点，导入新兴产业。",
    );
    const found = similarProposals(actorOf(db, "rdgw"), id);
    expect(found[0].id).toBe(idOf(155));
    expect(found[0].title).toBe("关于古塘街道工业区块改造提升的建议");
    expect(found[0].shared).toEqual(expect.arrayContaining(["工业区块", "古塘街道", "小家电零部件"]));
    expect(found[0].shared.join()).not.toMatch(/关于|的建议/);
    // The proposals that share only its place or its kind of work come after it.
    expect(found.slice(1).map((f) => f.title)).toEqual(expect.arrayContaining(["关于古塘街道农贸市场改造提升的建议"]));
  });

  it("two more reworded duplicates: each original first", () => {
    const cases: [string, string, number][] = [
      ["关于老旧住宅小区增设电梯的建议", "九十年代建成的多层住宅老年人多，上下楼难，加装电梯审批部门多、流程长，建议简化加梯审批。", 36],
      ["关于扶持跨境电子商务发展的建议", "我市跨境电商卖家规模小，海外仓、品牌注册、物流通关存在短板，建议加大海外仓建设扶持。", 27],
    ];
    for (const [title, body, original] of cases) {
      const number = (db.$client.prepare("select number from proposals where title like ?").get(`%${original === 36 ? "加装电梯" : "跨境电商"}%`) as { number: number }).number;
      const found = similarProposals(actorOf(db, "rdgw"), raise(title, body));
      expect(found[0]?.number, title).toBe(number);
    }
  });

  it("the words shared are whole runs, longest first, without 关于 and 的建议", () => {
    expect(sharedWords("关于古塘街道工业区块改造提升的建议", "关于推动古塘老工业区块整体改造的建议")).toEqual(["工业区块", "古塘", "改造"]);
    expect(trigramsOf("关于5G基站的建议")).toEqual(["5g基", "g基站"]);
    expect(bigramsOf("关于5G基站的建议")).toEqual(["5g", "g基", "基站"]);
    expect(anyOf(["电梯", "5g"])).toBe("e794b5e6a2af OR 3567");
  });

  it("is for those who screen proposals (甄别), as the matrix says", () => {
    const id = idOf(155);
    for (const name of ["jxj_staff", "hugf"]) expect(() => similarProposals(actorOf(db, name), id)).toThrow(Forbidden);
    expect(similarProposals(actorOf(db, "rdgw"), id).length).toBeGreaterThan(0);
  });
});

describe("similar proposals at import", () => {
  // A demo of its own, without the proposals registered above.
  beforeAll(async () => {
    db.$client.close();
    db = await demoDb();
  });

  it("the preview names the registered proposal a row is like, and only one that is alike enough", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const { IMPORT_COLUMNS, previewImport } = await import("@/lib/services/import");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("建议清单");
    ws.addRow([...IMPORT_COLUMNS]);
    ws.addRow([950, "关于推动古塘老工业区块整体改造和产业升级的建议", "胡国锋", "", "", "工业交通", "古塘街道老工业区块厂房陈旧、容积率低，小家电零部件小作坊集中。", "市经信局"]);
    ws.addRow([951, "关于建设城市森林步道的建议", "胡国锋", "", "", "城建环保", "建议利用山体绿地建设森林步道，方便市民健身休闲。", "市住建局"]);
    const session = (db.$client.prepare("select session_id s from proposals where number = 155").get() as { s: number }).s;
    const { rows } = await previewImport(actorOf(db, "rdgw"), session, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(rows[0].similar).toMatchObject({ number: 155, title: "关于古塘街道工业区块改造提升的建议" });
    expect(rows[0].similar!.shared).toContain("工业区块");
    expect(rows[1].similar).toBeUndefined();
  });
});
