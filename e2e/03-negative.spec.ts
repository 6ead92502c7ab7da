import { expect, test, type Page } from "@playwright/test";
import { login, proposalId, query, snapshot } from "./helpers";

/**
 * What the server refuses, by URL and by posting the action directly (a tampered form,
 * or another account's session under a form), each time checking that nothing changed.
 */

async function setHidden(page: Page, form: string, name: string, value: string | number) {
  await page.getByRole("form", { name: form }).locator(`input[name="${name}"]`).evaluate((el, v) => ((el as HTMLInputElement).value = String(v)), value);
}

/** A proposal 市商务局 has nothing to do with. */
function foreignProposal() {
  return query<{ id: number }>(
    "select p.id from proposals p where p.state <> 'registered' and not exists (select 1 from assignments a join units u on u.id = a.unit_id where a.proposal_id = p.id and u.name = '市商务局') limit 1",
  )[0].id;
}

test("市商务局承办人不能通过网址打开其他单位的建议", async ({ page }) => {
  const before = snapshot();
  await login(page, "swj_staff");
  const response = await page.goto(`/proposals/${foreignProposal()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "未找到该页面" })).toBeVisible();
  expect(snapshot()).toEqual(before);
});

test("市商务局承办人改写表单提交其他单位的承办事项，被拒绝且数据不变", async ({ page }) => {
  // One of 市商务局's own assignments where it may still log contacts and draft.
  const own = query<{ proposal_id: number }>(
    `select a.proposal_id from assignments a join units u on u.id = a.unit_id
      where u.name = '市商务局' and a.state = 'received'
        and not exists (select 1 from opinions o where o.assignment_id = a.id and o.state in ('pending', 'sent'))
        and not exists (select 1 from replies r where r.assignment_id = a.id and r.state in ('pending', 'sent'))
      limit 1`,
  )[0];
  const victim = query<{ id: number }>(
    "select a.id from assignments a join units u on u.id = a.unit_id where u.name = '市经信局' and a.state = 'received' limit 1",
  )[0].id;
  await login(page, "swj_staff");
  await page.goto(`/proposals/${own.proposal_id}`);

  // Contact log on 市经信局's assignment.
  const before = snapshot();
  const contact = page.getByRole("form", { name: "记录联系代表" });
  await contact.getByLabel("联系方式").selectOption("phone");
  await contact.getByLabel("参加人员").fill("某代表");
  await contact.getByLabel("沟通情况").fill("篡改的提交");
  await setHidden(page, "记录联系代表", "assignmentId", victim);
  await contact.getByRole("button", { name: "保存联系记录" }).click();
  await expect(contact.getByRole("alert")).toHaveText("未找到该承办事项，或它不属于您的单位。");
  expect(snapshot()).toEqual(before);

  // A draft written into 市经信局's assignment.
  const draftForm = page.getByRole("form", { name: /协办意见|答复/ });
  const formName = (await draftForm.getAttribute("aria-label"))!;
  await draftForm.getByLabel(/正文/).fill("篡改的草稿");
  await draftForm.getByLabel("联系电话").fill("0574-1");
  if (formName === "答复") await draftForm.getByLabel("答复类别").selectOption("A");
  await setHidden(page, formName, "assignmentId", victim);
  await draftForm.getByRole("button", { name: "保存草稿" }).click();
  await expect(draftForm.getByRole("alert")).toHaveText("未找到该承办事项，或它不属于您的单位。");
  expect(snapshot()).toEqual(before);
});

test("签发领导不能签发其他单位的答复", async ({ page }) => {
  // 市经信局's leader has a reply of its own awaiting sign-off; aim the form at another unit's.
  const own = query<{ proposal_id: number }>(
    "select a.proposal_id from replies r join assignments a on a.id = r.assignment_id join units u on u.id = a.unit_id where u.name = '市经信局' and r.state = 'pending' limit 1",
  )[0];
  const foreign = query<{ id: number; version: number }>(
    "select r.id, r.version from replies r join assignments a on a.id = r.assignment_id join units u on u.id = a.unit_id where u.name <> '市经信局' and r.state = 'pending' limit 1",
  )[0];
  await login(page, "jxj_leader");
  await page.goto(`/proposals/${own.proposal_id}`);
  const before = snapshot();
  await setHidden(page, "签发", "documentId", foreign.id);
  await setHidden(page, "签发", "version", foreign.version);
  await page.getByRole("form", { name: "签发" }).getByRole("button", { name: "签发" }).click();
  await expect(page.getByRole("form", { name: "签发" }).getByRole("alert")).toHaveText("未找到该承办事项，或它不属于您的单位。");
  expect(snapshot()).toEqual(before);
  expect(query<{ state: string }>("select state from replies where id = ?", foreign.id)[0].state).toBe("pending");
});

test("代表看不到他人的建议，也看不到未签发的草稿", async ({ page }) => {
  // No. 91: 陈海波 leads, 胡国锋 co-signs; 市教育局 (lead) is handling it. Its staff writes a draft.
  const id = proposalId(91);
  await login(page, "jyj_staff");
  await page.goto(`/proposals/${id}`);
  const reply = page.getByRole("form", { name: "答复" });
  await reply.getByLabel("答复类别").selectOption("B");
  await reply.getByLabel("答复正文").fill("内部草稿：此段文字在签发前不应让代表看到。");
  await reply.getByLabel("联系电话").fill("0574-63000000");
  await reply.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByTestId("flash")).toHaveText(/^答复已保存（第\d+稿）。$/);

  const before = snapshot();
  await login(page, "hugf");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("内部草稿")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).not.toContainText("保存答复草稿");

  // A proposal on which 胡国锋 is neither lead nor co-signer.
  const other = query<{ id: number }>(
    "select p.id from proposals p where p.lead_deputy_id <> (select id from deputies where name = '胡国锋') and not exists (select 1 from proposal_cosigners c join deputies d on d.id = c.deputy_id where c.proposal_id = p.id and d.name = '胡国锋') limit 1",
  )[0].id;
  const response = await page.goto(`/proposals/${other}`);
  expect(response?.status()).toBe(404);
  await page.goto("/");
  await expect(page.getByRole("link", { name: /关于/ })).toHaveCount(
    query<{ n: number }>(
      "select count(*) n from proposals p where p.lead_deputy_id = (select id from deputies where name = '胡国锋') or exists (select 1 from proposal_cosigners c join deputies d on d.id = c.deputy_id where c.proposal_id = p.id and d.name = '胡国锋')",
    )[0].n,
  );
  expect(snapshot()).toEqual(before);
});

test("承办人不能评价答复：在代表的评价表单下换成承办人会话提交，被拒绝", async ({ page, browser }) => {
  // A reply awaiting 孙丽娟's or another deputy's rating: find one with a rating form for a deputy with an account.
  const target = query<{ proposal_id: number; username: string; unit: string; staff: string }>(
    `select a.proposal_id, us.username, un.name unit,
            (select username from users s where s.unit_id = a.unit_id and s.role = 'unit_staff' limit 1) staff
       from replies r
       join assignments a on a.id = r.assignment_id and a.state = 'replied' and r.round = a.round and r.state = 'sent'
       join units un on un.id = a.unit_id
       join proposals p on p.id = a.proposal_id
       join users us on us.deputy_id = p.lead_deputy_id
     where not exists (select 1 from ratings x where x.reply_id = r.id and x.deputy_id = p.lead_deputy_id) limit 1`,
  )[0];
  await login(page, target.username);
  await page.goto(`/proposals/${target.proposal_id}`);
  const form = page.getByRole("form", { name: `评价${target.unit}的答复` });
  await form.getByRole("group", { name: "办理态度" }).getByLabel("满意", { exact: true }).check();
  await form.getByRole("group", { name: "办理结果" }).getByLabel("满意", { exact: true }).check();
  await form.getByLabel("已联系").check();

  // Sign the replying unit's own staff in elsewhere and put their session cookie under this form.
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await login(staffPage, target.staff);
  const staffCookies = await staffContext.cookies();
  await staffContext.close();
  await page.context().clearCookies();
  await page.context().addCookies(staffCookies);

  const before = snapshot();
  await form.getByRole("button", { name: "提交评价" }).click();
  await expect(form.getByRole("alert")).toHaveText("您无权进行此项操作。");
  expect(snapshot()).toEqual(before);
});

test("未知或非法的建议编号显示404页面", async ({ page }) => {
  await login(page, "rdgw");
  for (const path of ["/proposals/999999", "/proposals/abc", "/proposals/-1", "/proposals/1e3"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "未找到该页面" })).toBeVisible();
  }
});

test("未登录访问任何页面都转到登录页", async ({ page }) => {
  await page.context().clearCookies();
  for (const path of ["/", `/proposals/${proposalId(155)}`, "/admin/users"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
});
