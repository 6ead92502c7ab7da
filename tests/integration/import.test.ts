import { beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { Forbidden, Invalid } from "@/lib/errors";
import { IMPORT_COLUMNS, importProposals, importTemplate, previewImport } from "@/lib/services/import";

/** Every authorization the services make, to show that an import checks the matrix once, not once a row. */
const authorized: string[] = [];
vi.mock("@/lib/authz", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/authz")>();
  return { ...real, authorize: (actor: Actor, action: Parameters<typeof real.authorize>[1]) => (authorized.push(action), real.authorize(actor, action)) };
});

/**
 * A spreadsheet with good rows and each kind of bad row: the preview names every
 * problem by row and column, and nothing is written until all rows are good.
 */
let db: Db;
let sessionId: number;
const actor = (username: string): Actor => {
  const u = db.select().from(users).where(eq(users.username, username)).get()!;
  return { id: u.id, role: u.role, unitId: u.unitId, deputyId: u.deputyId, displayName: u.displayName };
};
const count = () => (db.$client.prepare("select count(*) n from proposals").get() as { n: number }).n;
const history = () => (db.$client.prepare("select count(*) n from history").get() as { n: number }).n;

async function sheet(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("建议清单");
  ws.addRow([...IMPORT_COLUMNS]);
  rows.forEach((r) => ws.addRow(r));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const good1 = [301, "关于加快推进古塘街道智慧停车建设的建议", "胡国锋", "古塘街道代表团", "陈海波、孙丽娟", "城建环保", "建议在古塘街道建设智慧停车系统。", "市住建局、市交通运输局"];
const good2 = [302, "关于支持小家电企业开拓海外市场的建议", "钱美华", "坎墩街道代表团", "", "财政商贸", "建议加大对小家电企业出口的支持。", "市商务局"];

describe("importing proposals from the congress office's spreadsheet", () => {
  beforeAll(async () => {
    db = openDb(":memory:");
    await seed(db);
    sessionId = (db.$client.prepare("select id from congress_sessions where name = '市十八届人大二次会议'").get() as { id: number }).id;
  }, 60_000);

  it("names every problem by row and column, suggests the closest name, and writes nothing", async () => {
    const bytes = await sheet([
      good1, // row 2
      ["", "缺编号的建议", "胡国锋", "古塘街道代表团", "", "综合", "内容", ""], // row 3: missing number
      [155, "编号已被占用的建议", "胡国锋", "古塘街道代表团", "", "综合", "内容", ""], // row 4: number taken in the session
      [301, "与第2行编号重复的建议", "胡国锋", "古塘街道代表团", "", "综合", "内容", ""], // row 5: duplicate in the sheet
      [303, "代表姓名有误的建议", "胡国峰", "古塘街道代表团", "陈海坡", "综合", "内容", ""], // row 6: unknown deputies
      [304, "单位名称有误的建议", "胡国锋", "古塘街道代表团", "", "工业交通", "内容", "市经信委、市商务局"], // row 7: unknown unit
      [305, "领域有误的建议", "胡国锋", "浒山街道代表团", "", "工业", "", ""], // row 8: field, deputation, body
      ["十五", "编号不是数字", "胡国锋", "古塘街道代表团", "", "综合", "内容", ""], // row 9
      good2, // row 10
    ]);
    const before = [count(), history()];
    const preview = await previewImport(actor("rdgw"), sessionId, bytes);
    expect(preview.ok).toBe(false);
    const problems = Object.fromEntries(preview.rows.map((r) => [r.row, r.problems]));
    expect(problems[2]).toEqual([]);
    expect(problems[10]).toEqual([]);
    expect(problems[3]).toEqual([{ column: "编号", message: "缺少编号" }]);
    expect(problems[4]).toEqual([{ column: "编号", message: "市十八届人大二次会议已有第155号建议" }]);
    expect(problems[5]).toEqual([{ column: "编号", message: "与第2行编号重复" }]);
    expect(problems[6]).toEqual([
      { column: "领衔代表", message: "系统中没有代表“胡国峰”，是否为“胡国锋”？" },
      { column: "附议代表", message: "系统中没有代表“陈海坡”，是否为“陈海波”？" },
    ]);
    expect(problems[7]).toEqual([{ column: "建议承办单位", message: "系统中没有单位“市经信委”，是否为“市经信局”？" }]);
    expect(problems[8]).toEqual([
      { column: "建议内容", message: "缺少建议内容" },
      { column: "代表团", message: "胡国锋所在代表团为“古塘街道代表团”，与表中“浒山街道代表团”不符" },
      { column: "领域", message: "系统中没有领域“工业”，是否为“工业交通”？" },
    ]);
    expect(problems[9]).toEqual([{ column: "编号", message: "编号“十五”不是整数" }]);

    // The import refuses the whole sheet while any row has a problem.
    await expect(importProposals(actor("rdgw"), sessionId, bytes)).rejects.toBeInstanceOf(Invalid);
    expect([count(), history()]).toEqual(before);
  });

  it("names a co-signer written twice and an over-long body in the preview, not only at import", async () => {
    const bytes = await sheet([
      [306, "附议代表重复的建议", "胡国锋", "古塘街道代表团", "陈海波、陈海波", "综合", "内容", ""],
      [307, "正文过长的建议", "胡国锋", "古塘街道代表团", "", "综合", "长".repeat(20001), ""],
    ]);
    const preview = await previewImport(actor("rdgw"), sessionId, bytes);
    expect(preview.rows.map((r) => r.problems)).toEqual([
      [{ column: "附议代表", message: "陈海波重复填写" }],
      [{ column: "建议内容", message: "建议内容不能超过20000个字" }],
    ]);
  });

  it("imports every row once all are good, in one go, keeping the suggested units", async () => {
    const before = count();
    const bytes = await sheet([good1, good2]);
    expect((await previewImport(actor("rdgw"), sessionId, bytes)).ok).toBe(true);
    authorized.length = 0;
    const created = await importProposals(actor("rdgw"), sessionId, bytes);
    expect(created).toHaveLength(2);
    expect(authorized).toEqual(["proposal.import"]);
    expect(count()).toBe(before + 2);
    const row = db.$client.prepare("select title, suggested_units, state from proposals where number = 301 and session_id = ?").get(sessionId);
    expect(row).toEqual({ title: good1[1], suggested_units: "市住建局、市交通运输局", state: "registered" });
    const cos = db.$client
      .prepare("select d.name from proposal_cosigners c join deputies d on d.id = c.deputy_id join proposals p on p.id = c.proposal_id where p.number = 301 order by c.position")
      .all();
    expect(cos).toEqual([{ name: "陈海波" }, { name: "孙丽娟" }]);
    // Importing the same sheet again is refused by number, nothing added.
    await expect(importProposals(actor("rdgw"), sessionId, bytes)).rejects.toBeInstanceOf(Invalid);
    expect(count()).toBe(before + 2);
  });

  it("refuses a file that is not a workbook, a sheet without the template's header, and other roles", async () => {
    expect((await previewImport(actor("rdgw"), sessionId, new Uint8Array([0x4d, 0x5a, 1, 2, 3]))).fileProblem).toBe(
      "无法读取该文件，请上传 Excel 工作簿（.xlsx），可先下载模板填写",
    );
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").addRow(["标题", "编号"]);
    expect((await previewImport(actor("rdgw"), sessionId, new Uint8Array(await wb.xlsx.writeBuffer()))).fileProblem).toContain("表头应为");
    await expect(previewImport(actor("dcs"), sessionId, await sheet([good1]))).rejects.toBeInstanceOf(Forbidden);
  });

  it("the template has the columns the importer reads, and its example row is understood", async () => {
    const t = await importTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([...IMPORT_COLUMNS]);
    const preview = await previewImport(actor("rdgw"), sessionId, new Uint8Array(t));
    // The example is No. 155, which the session already has: the only problem the preview finds.
    expect(preview.rows.flatMap((r) => r.problems)).toEqual([{ column: "编号", message: "市十八届人大二次会议已有第155号建议" }]);
  });
});
