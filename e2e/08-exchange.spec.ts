import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { Document, Packer, Paragraph, TextRun } from "docx";
import { login, query } from "./helpers";

const COLUMNS = ["编号", "建议标题", "领衔代表", "代表团", "附议代表", "领域", "建议内容", "建议承办单位"];

async function xlsx(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("建议清单");
  ws.addRow(COLUMNS);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const file = (name: string, buffer: Buffer, mimeType: string) => ({ name, mimeType, buffer });
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("导入建议：预览逐行列出问题，改正后一次导入", async ({ page }) => {
  const before = query<{ n: number }>("select count(*) n from proposals")[0].n;
  await login(page, "rdgw");
  await page.goto("/proposals/import");
  const form = page.getByRole("form", { name: "导入建议" });
  await form.locator('input[type="file"]').setInputFiles(
    file("建议清单.xlsx", await xlsx([
      [401, "关于加强古塘街道夜间照明的建议", "胡国锋", "古塘街道代表团", "", "城建环保", "建议增设路灯。", "市住建局"],
      [402, "关于代表姓名写错的建议", "胡国峰", "古塘街道代表团", "", "综合", "内容。", ""],
    ]), XLSX),
  );
  await form.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("import-row-3")).toContainText("【领衔代表】系统中没有代表“胡国峰”，是否为“胡国锋”？");
  await expect(page.getByTestId("import-row-2")).toContainText("无");
  await expect(form.getByRole("button", { name: /确认导入/ })).toBeDisabled();
  expect(query<{ n: number }>("select count(*) n from proposals")[0].n).toBe(before);

  await form.locator('input[type="file"]').setInputFiles(
    file("建议清单.xlsx", await xlsx([
      [401, "关于加强古塘街道夜间照明的建议", "胡国锋", "古塘街道代表团", "", "城建环保", "建议增设路灯。", "市住建局"],
      [402, "关于加强农贸市场管理的建议", "胡国锋", "古塘街道代表团", "", "综合", "内容。", ""],
    ]), XLSX),
  );
  await form.getByRole("button", { name: "预览" }).click();
  await expect(page.getByText("共 2 件，均无问题，可以导入。")).toBeVisible();
  await form.getByRole("button", { name: "确认导入 2 件" }).click();
  await expect(page.getByText("已导入 2 件建议。")).toBeVisible();
  expect(query<{ n: number }>("select count(*) n from proposals")[0].n).toBe(before + 2);
});

test("从 Word 导入草稿正文：去掉标题、称谓和编辑痕迹，保存前可核对", async ({ page }) => {
  // An assignment of 市商务局 that may still draft its opinion or reply.
  const { proposal_id } = query<{ proposal_id: number }>(
    `select a.proposal_id from assignments a join units u on u.id = a.unit_id
      where u.name = '市商务局' and a.state = 'received'
        and not exists (select 1 from opinions o where o.assignment_id = a.id and o.state in ('pending', 'sent'))
        and not exists (select 1 from replies r where r.assignment_id = a.id and r.state in ('pending', 'sent')) limit 1`,
  )[0];
  const doc = new Document({
    sections: [{ children: ["关于市十八届人大二次会议", "第63号建议的协办意见", "", "[bookmark: _GoBack]市经信局：", "一、建议整合电商资源。", "", "二、建议加强人才培训。"].map((t) => new Paragraph({ children: [new TextRun(t)] })) }],
  });
  await login(page, "swj_staff");
  await page.goto(`/proposals/${proposal_id}`);
  const importer = page.getByRole("form", { name: "从Word导入" });
  await importer.locator('input[type="file"]').setInputFiles(file("协办意见.docx", Buffer.from(await Packer.toBuffer(doc)), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  await importer.getByRole("button", { name: "导入", exact: true }).click();
  await expect(importer.getByRole("status")).toHaveText("已导入到正文，请核对后保存。");
  await expect(page.getByRole("form", { name: /^(协办意见|答复)$/ }).getByLabel(/正文/)).toHaveValue("一、建议整合电商资源。\n二、建议加强人才培训。");

  // A renamed executable is refused by content.
  await importer.locator('input[type="file"]').setInputFiles(file("协办意见.docx", Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  await importer.getByRole("button", { name: "导入", exact: true }).click();
  await expect(importer.getByRole("alert")).toHaveText("请选择 Word 文档（.docx）；.doc 等其他格式请先在 Word 中另存为 .docx");
});
