import { expect, test } from "@playwright/test";
import { login, proposalId, query } from "./helpers";

/**
 * No. 155 from assignment to closure through the built app, in Chinese, across five roles:
 * 政府督查室 assigns, 市商务局 (co) signs its opinion off to the lead, 市经信局 (lead) replies,
 * the three deputies rate, and the 人大代表工委 sees it closed.
 */
test("第155号建议：交办 → 协办意见 → 答复 → 代表评价 → 办结", async ({ page }) => {
  const id = proposalId(155);
  const url = `/proposals/${id}`;

  // 政府督查室 assigns: lead 市经信局, co 市商务局.
  await login(page, "dcs");
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "关于古塘街道工业区块改造提升的建议" })).toBeVisible();
  await expect(page.getByTestId("proposal-code")).toHaveText("市十八届人大二次会议第155号建议");
  const assign = page.getByRole("form", { name: "交办" });
  await assign.getByLabel("主办单位").selectOption({ label: "市经信局" });
  await assign.getByLabel("市商务局").check();
  await assign.getByRole("button", { name: "确认交办" }).click();
  await expect(page.getByText("已交办，办理时限自今日起计算。")).toBeVisible();
  await expect(page.getByTestId("assignment-市经信局")).toContainText("主办");
  await expect(page.getByTestId("assignment-市商务局")).toContainText("待签收");

  // 市商务局 staff signs for receipt and drafts the co-handling opinion.
  await login(page, "swj_staff");
  await page.goto(url);
  await page.getByRole("button", { name: "签收" }).click();
  await expect(page.getByText("已签收。")).toBeVisible();
  const opinion = page.getByRole("form", { name: "协办意见" });
  await opinion.getByLabel("协办意见正文").fill(
    "市十八届人大二次会议胡国锋等代表《关于古塘街道工业区块改造提升的建议》业已收悉，经研究，结合商务局工作实际，提出如下协办意见：\n建议先行试点区块以商务办公为主，引导电子商务、设计研发、文化创意等生产性服务业集聚。",
  );
  await opinion.getByLabel("联系电话").fill("0574-63012345");
  await opinion.getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(page.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();

  // The lead unit cannot see the opinion before it is signed off.
  await login(page, "jxj_staff");
  await page.goto(url);
  await expect(page.getByTestId("opinion-市商务局")).toHaveCount(0);

  // 市商务局 leader signs it off; it goes to 市经信局.
  await login(page, "swj_leader");
  await page.goto(url);
  await page.getByRole("form", { name: "签发" }).getByRole("button", { name: "签发" }).click();
  await expect(page.getByText("已签发，协办意见已送主办单位。")).toBeVisible();
  await expect(page.getByTestId("assignment-市商务局")).toContainText("已送协办意见");

  // 市经信局 staff receives, sees the opinion, logs the contact with the deputy and drafts the reply.
  await login(page, "jxj_staff");
  await page.goto(url);
  await page.getByRole("button", { name: "签收" }).click();
  await expect(page.getByText("已签收。")).toBeVisible();
  await expect(page.getByTestId("opinion-市商务局")).toContainText("生产性服务业集聚");
  await expect(page.getByTestId("opinion-市商务局")).toContainText(/慈商函〔\d{4}〕\d+号/);
  const contact = page.getByRole("form", { name: "记录联系代表" });
  await contact.getByLabel("联系方式").selectOption("in_person");
  await contact.getByLabel("参加人员").fill("胡国锋代表、市经信局邹佳敏");
  await contact.getByLabel("沟通情况").fill("赴古塘街道当面听取代表意见，介绍工业区块改造提升思路。");
  await contact.getByRole("button", { name: "保存联系记录" }).click();
  await expect(page.getByText("联系记录已保存。")).toBeVisible();
  const reply = page.getByRole("form", { name: "答复" });
  await reply.getByLabel("答复类别").selectOption("B");
  await reply.getByLabel("答复正文").fill("一、关于整体规划。我局已会同市自然资源和规划局开展古塘工业区块整体规划研究。\n二、关于先行试点。拟以科技路两侧区块为试点，年内启动改造。");
  await reply.getByLabel("联系电话").fill("0574-63023456");
  await reply.getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(page.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();

  // 市经信局 leader signs the reply off: it goes to the lead deputy and every co-signer.
  await login(page, "jxj_leader");
  await page.goto(url);
  await expect(page.getByTestId("signing-document")).toContainText("关于整体规划");
  await page.getByRole("form", { name: "签发" }).getByRole("button", { name: "签发" }).click();
  await expect(page.getByText("已签发，答复已送达代表。")).toBeVisible();
  await expect(page.getByTestId("reply-round-1")).toContainText(/慈经信复〔\d{4}〕\d+号/);

  // Each deputy on the proposal rates the reply on a phone-sized screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const deputy of ["hugf", "chenhb", "sunlj"]) {
    await login(page, deputy);
    await page.getByRole("link", { name: /关于古塘街道工业区块改造提升的建议/ }).click();
    const rate = page.getByRole("form", { name: "评价市经信局的答复" });
    await rate.getByRole("group", { name: "办理态度" }).getByLabel("满意", { exact: true }).check();
    await rate.getByRole("group", { name: "办理结果" }).getByLabel("基本满意").check();
    await rate.getByLabel("已联系").check();
    await rate.getByRole("button", { name: "提交评价" }).click();
    await expect(page.getByText("感谢您的评价，已送达承办单位和代表工委。")).toBeVisible();
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // 人大代表工委 sees it closed, with three ratings and the whole history.
  await login(page, "rdgw");
  await page.goto(url);
  await expect(page.getByTestId("proposal-code").locator("..")).toContainText("已办结");
  await expect(page.getByRole("region", { name: "代表评价" }).getByRole("row")).toHaveCount(4);
  await expect(page.getByTestId("timeline")).toContainText("签发答复并送代表");

  const [row] = query<{ state: string }>("select state from proposals where id = ?", id);
  expect(row.state).toBe("closed");
  const states = query<{ state: string }>("select state from assignments where proposal_id = ? order by id", id).map((r) => r.state);
  expect(states).toEqual(["closed", "opinion_sent"]);
});
