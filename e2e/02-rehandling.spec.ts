import { expect, test } from "@playwright/test";
import { login, proposalId, query } from "./helpers";

/**
 * The deputy rates 不满意, the lead unit (市商务局) replies a second time, the deputies
 * rate again and the proposal closes. No. 48 starts replied, awaiting ratings.
 */
test("第48号建议：代表不满意 → 重新办理 → 第二轮答复 → 办结", async ({ page }) => {
  const id = proposalId(48);
  const url = `/proposals/${id}`;
  expect(query<{ state: string }>("select state from proposals where id = ?", id)[0].state).toBe("replied");

  await login(page, "hugf");
  await expect(page.getByText("有 1 件建议的答复等待您评价。")).toBeVisible();
  await page.getByRole("link", { name: /关于古塘街道农贸市场改造提升的建议/ }).click();
  await expect(page).toHaveURL(url);
  const rate = page.getByRole("form", { name: "评价市商务局的答复" });
  await rate.getByRole("group", { name: "办理态度" }).getByLabel("基本满意").check();
  await rate.getByRole("group", { name: "办理结果" }).getByLabel("不满意").check();
  await rate.getByLabel("已联系").check();
  // 不满意 needs a reason, so the unit knows what to do again.
  await rate.getByRole("button", { name: "提交评价" }).click();
  await expect(page.locator('[data-field-error="comment"]')).toHaveText("评价为不满意时，请写明意见，便于重新办理");
  await rate.getByLabel("意见和建议").fill("改造资金和时间安排不明确，请明确具体计划。");
  await rate.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByTestId("flash")).toHaveText("感谢您的评价，已送达承办单位和代表工委。");
  await expect(page.getByTestId("proposal-code").locator("..")).toContainText("重新办理");
  await page.goto("/");
  await expect(page.getByText(/件建议的答复等待您评价/)).toHaveCount(0);

  // The unit sees the deputy's comment and drafts round 2.
  await login(page, "swj_staff");
  await page.goto(url);
  await expect(page.getByRole("region", { name: "代表评价" })).toContainText("改造资金和时间安排不明确");
  const reply = page.getByRole("form", { name: "答复" });
  await expect(page.getByRole("heading", { name: "起草第2轮答复（重新办理）" })).toBeVisible();
  await reply.getByLabel("答复类别").selectOption("A");
  await reply.getByLabel("答复正文").fill("经重新研究，农贸市场改造资金已列入明年财政预算，计划于明年6月底前完成改造。");
  await reply.getByLabel("联系电话").fill("0574-63012345");
  await reply.getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(page.getByText(/已送领导签发，等待签发/)).toBeVisible();

  await login(page, "swj_leader");
  await page.goto(url);
  await page.getByRole("form", { name: "签发" }).getByRole("button", { name: "签发" }).click();
  await expect(page.getByTestId("flash")).toHaveText("已签发，答复已送达代表。");
  await expect(page.getByTestId("reply-round-2")).toContainText("列入明年财政预算");

  for (const deputy of ["hugf", "sunlj"]) {
    await login(page, deputy);
    await page.goto(url);
    const form = page.getByRole("form", { name: "评价市商务局的答复" });
    await form.getByRole("group", { name: "办理态度" }).getByLabel("满意", { exact: true }).check();
    await form.getByRole("group", { name: "办理结果" }).getByLabel("满意", { exact: true }).check();
    await form.getByLabel("已联系").check();
    await form.getByRole("button", { name: "提交评价" }).click();
    await expect(page.getByTestId("flash")).toHaveText("感谢您的评价，已送达承办单位和代表工委。");
  }
  await expect(page.getByTestId("proposal-code").locator("..")).toContainText("已办结");
  expect(query<{ state: string }>("select state from proposals where id = ?", id)[0].state).toBe("closed");
  const rounds = query<{ round: number; state: string }>(
    "select r.round, r.state from replies r join assignments a on a.id = r.assignment_id where a.proposal_id = ? order by r.round",
    id,
  );
  expect(rounds).toEqual([
    { round: 1, state: "sent" },
    { round: 2, state: "sent" },
  ]);
});
