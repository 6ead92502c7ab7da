import { expect, test, type Locator, type Page } from "@playwright/test";
import { login, query, snapshot } from "./helpers";

/**
 * Bad input on the forms (empty, too long, wrong type, unknown id, stale version) gets a
 * clear Chinese message beside the field, keeps what was typed, and changes nothing.
 */

const fieldError = (scope: Page | Locator, name: string) => scope.locator(`[data-field-error="${name}"]`);

async function forceValue(form: Locator, name: string, value: string) {
  await form.locator(`[name="${name}"]`).first().evaluate((el, v) => {
    const input = el as HTMLInputElement | HTMLSelectElement;
    if (input instanceof HTMLSelectElement) {
      const option = document.createElement("option");
      option.value = v;
      option.text = v;
      input.append(option);
    } else {
      input.type = "text";
    }
    input.value = v;
  }, value);
}

test("登记建议：空表单、超长、类型错误、编号重复、未知代表", async ({ page }) => {
  await login(page, "rdgw");
  await page.goto("/proposals/new");
  const form = page.getByRole("form", { name: "登记建议" });
  const before = snapshot();

  // Empty.
  await form.getByRole("button", { name: "登记" }).click();
  await expect(fieldError(form, "title")).toHaveText("请填写建议标题");
  await expect(fieldError(form, "body")).toHaveText("请填写建议内容");
  await expect(fieldError(form, "number")).toHaveText("请填写建议编号");
  await expect(fieldError(form, "field")).toHaveText("请选择所属领域");
  await expect(fieldError(form, "leadDeputyId")).toHaveText("请选择领衔代表");
  await expect(form.getByRole("alert")).toHaveText("请按提示修改后再提交。");

  // Too long, and a number that is not a number; what was typed stays.
  await form.getByLabel("建议标题").fill("关".repeat(201));
  await form.getByLabel("建议内容").fill("建议内容正文。");
  await form.getByLabel("所属领域").selectOption("综合");
  await form.getByLabel("领衔代表").selectOption({ index: 1 });
  await forceValue(form, "number", "十五");
  await form.getByRole("button", { name: "登记" }).click();
  await expect(fieldError(form, "title")).toHaveText("建议标题不能超过200个字");
  await expect(fieldError(form, "number")).toHaveText("建议编号应为数字");
  await expect(form.getByLabel("建议内容")).toHaveValue("建议内容正文。");
  await expect(form.getByLabel("所属领域")).toHaveValue("综合");

  // A number already taken in the session.
  await form.getByLabel("建议标题").fill("关于测试重复编号的建议");
  await form.getByLabel("建议编号").fill("155");
  await form.getByRole("button", { name: "登记" }).click();
  await expect(fieldError(form, "number")).toHaveText("市十八届人大二次会议已有第155号建议");

  // A deputy that does not exist (a tampered choice).
  await form.getByLabel("建议编号").fill("999");
  await forceValue(form, "leadDeputyId", "987654");
  await form.getByRole("button", { name: "登记" }).click();
  await expect(fieldError(form, "leadDeputyId")).toHaveText("所选领衔代表不存在或已不在任");

  expect(snapshot()).toEqual(before);
});

test("草稿版本过期：后保存的人看到较新的内容，自己的内容保留，数据库不被覆盖", async ({ browser }) => {
  // A lead assignment of 市经信局 that is received and has no reply yet.
  const { proposal_id } = query<{ proposal_id: number }>(
    `select a.proposal_id from assignments a join units u on u.id = a.unit_id
      where u.name = '市经信局' and a.role = 'lead' and a.state = 'received'
        and not exists (select 1 from replies r where r.assignment_id = a.id) limit 1`,
  )[0];
  const url = `/proposals/${proposal_id}`;
  const [a, b] = await Promise.all([browser.newPage(), browser.newPage()]);
  for (const p of [a, b]) {
    await login(p, "jxj_staff");
    await p.goto(url);
  }
  const formA = a.getByRole("form", { name: "答复" });
  await formA.getByLabel("答复类别").selectOption("A");
  await formA.getByLabel("答复正文").fill("甲稿：第一位同事保存的内容。");
  await formA.getByLabel("联系电话").fill("0574-63011111");
  await formA.getByRole("button", { name: "保存草稿" }).click();
  await expect(a.getByTestId("flash")).toHaveText(/^答复已保存（第\d+稿）。$/);
  const stored = () =>
    query<{ body: string; version: number }>(
      "select r.body, r.version from replies r join assignments a on a.id = r.assignment_id where a.proposal_id = ? and a.role = 'lead'",
      proposal_id,
    )[0];
  expect(stored()).toEqual({ body: "甲稿：第一位同事保存的内容。", version: 1 });

  // B opened the page before A saved: B's save is refused and shows A's text.
  const before = snapshot();
  const formB = b.getByRole("form", { name: "答复" });
  await formB.getByLabel("答复类别").selectOption("B");
  await formB.getByLabel("答复正文").fill("乙稿：第二位同事在旧页面上写的内容。");
  await formB.getByLabel("联系电话").fill("0574-63022222");
  await formB.getByRole("button", { name: "保存草稿" }).click();
  await expect(formB.getByRole("alert")).toContainText("您的内容未保存");
  await expect(b.getByTestId("conflict-body")).toHaveText("甲稿：第一位同事保存的内容。");
  await expect(formB.getByLabel("答复正文")).toHaveValue("乙稿：第二位同事在旧页面上写的内容。");
  expect(snapshot()).toEqual(before);

  // A saves again (version 2); B, now on version 1 of the page state, is refused again.
  await a.reload();
  await a.getByRole("form", { name: "答复" }).getByLabel("答复正文").fill("甲稿第二版。");
  await a.getByRole("form", { name: "答复" }).getByRole("button", { name: "保存草稿" }).click();
  await expect(a.getByTestId("flash")).toHaveText(/^答复已保存（第\d+稿）。$/);
  expect(stored()).toEqual({ body: "甲稿第二版。", version: 2 });
  await a.close();
  await b.close();
});

test("其他表单：空提交逐项提示，数据不变", async ({ page }) => {
  // Contact log and draft on a 市经信局 assignment whose document is still being written (the
  // editor shows): none yet, a draft, or returned; not one awaiting sign-off or sent.
  const { proposal_id } = query<{ proposal_id: number }>(
    `select a.proposal_id from assignments a join units u on u.id = a.unit_id
      where u.name = '市经信局' and a.state = 'received'
        and not exists (select 1 from replies r where r.assignment_id = a.id and r.round = a.round and r.state in ('pending', 'sent'))
        and not exists (select 1 from opinions o where o.assignment_id = a.id and o.state in ('pending', 'sent'))
      order by a.id limit 1`,
  )[0];
  await login(page, "jxj_staff");
  await page.goto(`/proposals/${proposal_id}`);
  let before = snapshot();
  const contact = page.getByRole("form", { name: "记录联系代表" });
  await contact.getByLabel("联系日期").fill("");
  await contact.getByRole("button", { name: "保存联系记录" }).click();
  await expect(fieldError(contact, "contactedOn")).toHaveText("联系日期格式应为“年-月-日”");
  await expect(fieldError(contact, "channel")).toHaveText("请选择联系方式");
  await expect(fieldError(contact, "people")).toHaveText("请填写参加人员");
  await expect(fieldError(contact, "summary")).toHaveText("请填写沟通情况");
  const draft = page.getByRole("form", { name: /协办意见|答复/ });
  await draft.getByLabel(/正文/).fill("");
  await draft.getByRole("button", { name: "保存草稿" }).click();
  await expect(fieldError(draft, "body")).toHaveText("请填写正文");
  await expect(fieldError(draft, "contactPhone")).toBeVisible();
  expect(snapshot()).toEqual(before);

  // Returning a document without a comment.
  const pending = query<{ proposal_id: number }>(
    "select a.proposal_id from replies r join assignments a on a.id = r.assignment_id join units u on u.id = a.unit_id where u.name = '市经信局' and r.state = 'pending' limit 1",
  )[0];
  await login(page, "jxj_leader");
  await page.goto(`/proposals/${pending.proposal_id}`);
  before = snapshot();
  const back = page.getByRole("form", { name: "退回修改" });
  await back.getByRole("button", { name: "退回修改" }).click();
  await expect(fieldError(back, "comment")).toHaveText("请填写退回意见");
  expect(snapshot()).toEqual(before);

  // Assigning without a lead unit.
  const registered = query<{ id: number }>("select id from proposals where state = 'registered' and number <> 155 limit 1")[0];
  await login(page, "dcs");
  await page.goto(`/proposals/${registered.id}`);
  before = snapshot();
  const assign = page.getByRole("form", { name: "交办" });
  await assign.getByRole("button", { name: "确认交办" }).click();
  await expect(fieldError(assign, "leadUnitId")).toHaveText("请选择主办单位");
  await assign.getByLabel("分办").check();
  await assign.getByRole("button", { name: "确认交办" }).click();
  await expect(fieldError(assign, "parallelUnitIds")).toHaveText("分办至少选择两个单位");
  expect(snapshot()).toEqual(before);

  // A deputy's rating with nothing chosen.
  const rateable = query<{ proposal_id: number; username: string }>(
    `select a.proposal_id, us.username from replies r
       join assignments a on a.id = r.assignment_id and a.state = 'replied' and r.round = a.round and r.state = 'sent'
       join proposals p on p.id = a.proposal_id
       join users us on us.deputy_id = p.lead_deputy_id
     where not exists (select 1 from ratings x where x.reply_id = r.id and x.deputy_id = p.lead_deputy_id) limit 1`,
  )[0];
  await login(page, rateable.username);
  await page.goto(`/proposals/${rateable.proposal_id}`);
  before = snapshot();
  const rate = page.getByRole("form", { name: /^评价/ });
  await rate.getByRole("button", { name: "提交评价" }).click();
  await expect(fieldError(rate, "attitude")).toHaveText("请选择对办理态度的评价");
  await expect(fieldError(rate, "outcome")).toHaveText("请选择对办理结果的评价");
  await expect(fieldError(rate, "wasContacted")).toHaveText("请选择办理前是否与您联系");
  expect(snapshot()).toEqual(before);

  // An administrator's new account with nothing filled in, then a username already taken.
  await login(page, "sysadmin");
  await page.goto("/admin/users");
  before = snapshot();
  const user = page.getByRole("form", { name: "账号" });
  await user.getByRole("button", { name: "新增账号" }).click();
  await expect(fieldError(user, "username")).toHaveText("用户名至少3个字符");
  await expect(fieldError(user, "displayName")).toHaveText("请填写姓名");
  await expect(fieldError(user, "role")).toHaveText("请选择角色");
  await user.getByLabel("用户名").fill("jxj_staff");
  await user.getByLabel("姓名").fill("重名测试");
  await user.getByLabel("角色").selectOption("gov_office");
  await user.getByLabel("初始密码").fill("Another#Pass2026");
  await user.getByRole("button", { name: "新增账号" }).click();
  await expect(fieldError(user, "username")).toHaveText("用户名已被使用");
  expect(snapshot()).toEqual(before);
});
