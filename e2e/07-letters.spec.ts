import { expect, test } from "@playwright/test";
import { login, query } from "./helpers";

/** Letters: the print view and the .docx of a sent opinion, only for those who may see it. */
test("协办意见的打印预览和Word下载；代表和无关单位无权获取", async ({ page }) => {
  // A sent opinion and a staff account of its proposal's lead unit.
  const { id, lead } = query<{ id: number; lead: string }>(
    `select o.id, u.username lead from opinions o join assignments a on a.id = o.assignment_id
       join assignments l on l.proposal_id = a.proposal_id and l.role = 'lead'
       join users u on u.unit_id = l.unit_id and u.role = 'unit_staff'
      where o.state = 'sent' order by o.id limit 1`,
  )[0];

  await login(page, lead);
  await page.goto(`/documents/opinion/${id}/print`);
  await expect(page.getByTestId("print-letter").getByRole("heading", { level: 1 })).toContainText("协办意见");
  await expect(page.getByTestId("print-letter")).toContainText(/函〔\d{4}〕\d+号/);
  const docx = await page.request.get(`/api/documents/opinion/${id}/docx`);
  expect(docx.status()).toBe(200);
  expect(docx.headers()["content-type"]).toContain("wordprocessingml");
  expect(docx.headers()["content-disposition"]).toContain("filename*=UTF-8''");
  expect((await docx.body()).subarray(0, 2).toString()).toBe("PK");

  const deputy = query<{ username: string }>(
    `select u.username from opinions o join assignments a on a.id = o.assignment_id join proposals p on p.id = a.proposal_id
       join users u on u.deputy_id = p.lead_deputy_id where o.id = ?`,
    id,
  )[0].username;
  await login(page, deputy);
  expect((await page.request.get(`/api/documents/opinion/${id}/docx`)).status()).toBe(404);
  expect((await page.goto(`/documents/opinion/${id}/print`))?.status()).toBe(404);

  await page.context().clearCookies();
  expect((await page.request.get(`/api/documents/opinion/${id}/docx`, { maxRedirects: 0 })).status()).not.toBe(200);
});
