import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { PDF, login, proposalId, query } from "./helpers";

/**
 * Attachments through the browser: a renamed executable and an oversize file are refused with a
 * clear message and nothing stored; a real PDF is stored and served to those who may see it; another
 * unit's staff gets 404 for it.
 */
const files = () => {
  const dir = path.resolve("e2e/.data/files");
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => !fs.statSync(path.join(dir, String(f))).isDirectory()).length : 0;
};
const rows = () => query<{ n: number }>("select count(*) n from attachments")[0].n;

test("附件：改名的可执行文件和超大文件被拒绝；PDF 上传后仅有权查看者可下载", async ({ page }) => {
  const id = proposalId(63); // lead 市经信局, co 市商务局
  await login(page, "dcs");
  await page.goto(`/proposals/${id}`);
  const form = page.getByRole("form", { name: "上传附件" });
  const before = [rows(), files()];

  await form.locator('input[type="file"]').setInputFiles({ name: "签章扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]) });
  await form.getByRole("button", { name: "上传" }).click();
  await expect(form.getByRole("alert").first()).toContainText("仅支持 PDF、图片、Word（.docx）和 Excel（.xlsx）文件");
  expect([rows(), files()]).toEqual(before);

  await form.locator('input[type="file"]').setInputFiles({ name: "超大扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]) });
  await form.getByRole("button", { name: "上传" }).click();
  await expect(form.getByRole("alert").first()).toContainText("文件不能超过 20 MB");
  expect([rows(), files()]).toEqual(before);

  await form.locator('input[type="file"]').setInputFiles({ name: "代表建议原件.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByRole("button", { name: "上传" }).click();
  await expect(page.getByTestId("flash")).toHaveText("附件已上传。");
  expect(rows()).toBe(before[0] + 1);
  const attachment = query<{ id: number }>("select id from attachments order by id desc limit 1")[0].id;
  const ok = await page.request.get(`/api/attachments/${attachment}`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toBe("application/pdf");
  expect(ok.headers()["content-disposition"]).toMatch(/^attachment; /);
  expect((await ok.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // A unit with no part in No. 63 gets nothing.
  await login(page, "jyj_staff");
  expect((await page.request.get(`/api/attachments/${attachment}`)).status()).toBe(404);
  // The units on it see the file.
  await login(page, "swj_staff");
  expect((await page.request.get(`/api/attachments/${attachment}`)).status()).toBe(200);
});
