import { expect, test, type Browser, type Page } from "@playwright/test";
import { login, query } from "./helpers";

/**
 * Nothing typed is lost when two tabs (or two colleagues) work on one draft: the refusal is shown
 * where the user acted, the typed text stays in the editor, saving over the newer text takes an
 * explicit choice, and afterwards the version history holds both texts.
 */

/** A unit's reply that can still be written (none yet, a draft, or returned), with that unit's staff and leader. */
function writableReply() {
  return query<{ id: number; staff: string; leader: string }>(
    `select a.proposal_id id,
            (select min(username) from users s where s.unit_id = a.unit_id and s.role = 'unit_staff') staff,
            (select min(username) from users l where l.unit_id = a.unit_id and l.role = 'unit_leader') leader
       from assignments a
      where a.role in ('lead', 'parallel') and a.state = 'received'
        and not exists (select 1 from replies r where r.assignment_id = a.id and r.state in ('pending', 'sent'))
      order by a.id desc limit 1`,
  )[0];
}

async function twoTabs(browser: Browser, username: string, url: string): Promise<[Page, Page]> {
  // One person, one session, two tabs.
  const context = await browser.newContext();
  const a = await context.newPage();
  await login(a, username);
  const b = await context.newPage();
  await a.goto(url);
  await b.goto(url);
  return [a, b];
}

async function fillReply(page: Page, body: string) {
  const form = page.getByRole("form", { name: "答复" });
  await form.getByLabel("答复类别").selectOption("A");
  await form.getByLabel("答复正文").fill(body);
  await form.getByLabel("联系电话").fill("0574-63011111");
  // Where a co-unit's opinion is still awaited, the reply says why it goes first.
  const reason = form.getByLabel(/尚未收到协办意见/);
  if (await reason.count()) await reason.fill("代表要求尽快答复，协办意见收到后另行补充。");
  return form;
}

async function versionsPage(page: Page) {
  await page.getByRole("link", { name: "历次稿本" }).first().click();
  await expect(page.getByRole("heading", { name: "答复历次稿本" })).toBeVisible();
}

test("一个标签页送签，另一个标签页保存：提示原因，文本仍在编辑框，留存后两稿都在历次稿本中", async ({ browser }, info) => {
  const { id, staff } = writableReply();
  const [a, b] = await twoTabs(browser, staff, `/proposals/${id}`);

  const sent = "甲：送领导签发的答复正文。一、关于古塘街道工业区块改造，我局已列入年度计划。";
  const formA = await fillReply(a, sent);
  await formA.getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(a.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();

  const typed = "乙：在另一个标签页里写的答复正文，补充了分期实施的安排。";
  const formB = await fillReply(b, typed);
  await formB.getByRole("button", { name: "保存草稿" }).click();
  await expect(formB.getByRole("alert")).toContainText("不能再修改");
  await expect(formB.getByLabel("答复正文")).toHaveValue(typed);
  await expect(b.getByTestId("conflict-body")).toHaveText(sent);
  await b.screenshot({ path: info.outputPath("two-tabs-sent-elsewhere.png"), fullPage: true });

  await formB.getByRole("button", { name: "留存我的文本" }).click();
  await expect(b.getByTestId("flash")).toContainText("未采用稿留存");
  await b.goto(`/proposals/${id}`);
  await versionsPage(b);
  const texts = await b.locator("li[data-testid^=version-]").allTextContents();
  expect(texts.some((t) => t.includes(sent))).toBe(true);
  expect(texts.some((t) => t.includes(typed) && t.includes("未采用"))).toBe(true);
  await b.context().close();
});

test("两处同时修改草稿：后保存的一方须选择，选择另存为新稿后两稿都可阅读和比对", async ({ browser }, info) => {
  const { id, staff } = writableReply();
  const [a, b] = await twoTabs(browser, staff, `/proposals/${id}`);
  const first = "甲稿：我局将于年内启动古塘街道工业区块改造。";
  await (await fillReply(a, first)).getByRole("button", { name: "保存草稿" }).click();
  await expect(a.getByTestId("flash")).toHaveText(/^答复已保存（第\d+稿）。$/);

  const mine = "乙稿：我局将于今年六月启动古塘街道工业区块改造提升。";
  const formB = await fillReply(b, mine);
  await formB.getByRole("button", { name: "保存草稿" }).click();
  await expect(formB.getByRole("alert")).toContainText("您的内容未保存");
  await expect(formB.getByLabel("答复正文")).toHaveValue(mine);
  await expect(b.getByTestId("conflict-body")).toHaveText(first);
  // Saving again without a choice is refused again: the newer text is never silently replaced.
  await formB.getByRole("button", { name: "保存草稿" }).click();
  await expect(formB.getByRole("alert")).toContainText("您的内容未保存");
  await expect(formB.getByLabel("答复正文")).toHaveValue(mine);

  await formB.getByRole("button", { name: "保留我的文本，另存为新稿" }).click();
  await expect(b.getByTestId("flash")).toHaveText(/^答复已保存（第\d+稿）。$/);
  await b.reload();
  await versionsPage(b);
  const texts = await b.locator("li[data-testid^=version-]").allTextContents();
  expect(texts.some((t) => t.includes(first))).toBe(true);
  expect(texts.some((t) => t.includes(mine))).toBe(true);
  // The newest against the one before: the words changed, in Chinese.
  const comparison = b.getByTestId("comparison");
  await expect(comparison).toContainText(/增加 \d+ 字，删除 \d+ 字/);
  await expect(comparison.locator("ins").filter({ hasText: /^今年六月$/ })).toHaveCount(1);
  await expect(comparison.locator("del").filter({ hasText: /^年内$/ })).toHaveCount(1);
  await b.screenshot({ path: info.outputPath("two-tabs-versions.png"), fullPage: true });

  // The other tab takes the newer text into its editor and works on from it.
  const formA = a.getByRole("form", { name: "答复" });
  await formA.getByLabel("答复正文").fill("甲稿：再改一处。");
  await formA.getByRole("button", { name: "保存草稿" }).click();
  await expect(a.getByTestId("conflict-body")).toHaveText(mine);
  await formA.getByRole("button", { name: "采用最新稿" }).click();
  await expect(formA.getByLabel("答复正文")).toHaveValue(mine);
  await formA.getByLabel("答复正文").fill(`${mine}并同步推进配套道路建设。`);
  await formA.getByRole("button", { name: "保存草稿" }).click();
  await expect(a.getByTestId("flash")).toHaveText(/^答复已保存（第\d+稿）。$/);
  await b.context().close();
});

test("领导在一个标签页签发，另一个标签页退回：提示原因，退回意见仍在", async ({ browser }, info) => {
  const { id, staff, leader } = writableReply();
  const writer = await browser.newPage();
  await login(writer, staff);
  await writer.goto(`/proposals/${id}`);
  await (await fillReply(writer, "送签的答复正文：我局已将古塘街道工业区块改造列入计划。")).getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(writer.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();
  await writer.close();

  const [a, b] = await twoTabs(browser, leader, `/proposals/${id}`);
  await a.getByRole("button", { name: "签发", exact: true }).click();
  await expect(a.getByTestId("flash")).toContainText("已签发");

  const comment = "请补充分期实施的时间安排。";
  const back = b.getByRole("form", { name: "退回修改" });
  await back.getByLabel("退回意见").fill(comment);
  await back.getByRole("button", { name: "退回修改" }).click();
  await expect(back.getByRole("alert")).toContainText("不能进行此项操作");
  await expect(back.getByLabel("退回意见")).toHaveValue(comment);
  await expect(back.getByRole("button", { name: "刷新查看最新情况" })).toBeVisible();
  await b.context().close();
});
