import { expect, test, type Page } from "@playwright/test";
import { login, proposalId, query, runReminderJob, setClock } from "./helpers";

/**
 * A B reply's commitments followed to the end (docs/rules.md § "Commitments"), on No. 45 of the
 * journey data (市农业农村局 leads, 市商务局's opinion is in): the unit's staff draft a B reply with
 * two commitments, the leader signs it off, the staff report progress on both and completion of one
 * with its evidence; the clock moves past the other's day: the dashboard counts one overdue for the
 * unit, and the lead deputy sees both on his proposal, one 已完成 with its evidence, one 已逾期.
 */
test.afterAll(() => setClock(null));

/** A day in China, `days` from now, as YYYY-MM-DD. */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

const NEAR = { content: "6月底前完成横河、匡堰两镇杨梅避雨设施建设", dueOn: chinaDay(7) };
const FAR = { content: "建成杨梅冷链保鲜仓储中心并投入使用", dueOn: chinaDay(300) };
const EVIDENCE = "市农业农村局验收单（慈农验〔2026〕12号）及现场照片6张";

const item = (page: Page, content: string) => page.getByTestId(/^commitment-\d+$/).filter({ hasText: content });

async function report(page: Page, content: string, kind: "进展情况" | "完成情况", body: string, evidence = "") {
  const li = item(page, content);
  const form = li.getByRole("form", { name: "报告办理情况" });
  // The form folds under its summary (it may still be open from the last report).
  if (!(await form.isVisible())) await li.getByText("报告进展或完成情况").click();
  await form.getByLabel(kind).check();
  await form.getByLabel("办理情况").fill(body);
  if (evidence) await form.getByLabel("佐证材料").fill(evidence);
  await form.getByRole("button", { name: "提交报告" }).click();
  await expect(page.getByTestId("flash")).toHaveText("承诺事项办理情况已报告。");
}

test("B类答复承诺事项：登记 → 签发 → 报告进展 → 报告完成 → 逾期亮红 → 代表查看", async ({ page }) => {
  const id = proposalId(45);
  const url = `/proposals/${id}`;
  const section = () => page.getByRole("region", { name: "承诺事项" });
  setClock(null);

  // 市农业农村局's staff draft a B reply: the page asks for its commitments.
  await login(page, "nyj_staff");
  await page.goto(url);
  const reply = page.getByRole("form", { name: "答复" });
  await reply.getByLabel("答复类别").selectOption("B");
  await reply.getByLabel("答复正文").fill("一、关于老果园改造和避雨设施。我局已将杨梅避雨设施纳入年度农业项目计划。\n二、关于冷链保鲜。正在会同市商务局研究杨梅冷链保鲜仓储中心建设方案。");
  await reply.getByLabel("联系电话").fill("0574-63025678");
  await reply.getByRole("button", { name: "保存草稿" }).click();
  await expect(section()).toContainText("答复类别为B类，请登记承诺事项");

  for (const c of [NEAR, FAR]) {
    const add = page.getByRole("form", { name: "登记承诺事项" });
    await add.getByLabel("承诺事项").fill(c.content);
    await add.getByLabel("承诺完成时限").fill(c.dueOn);
    await add.getByRole("button", { name: "登记承诺事项" }).click();
    await expect(page.getByTestId("flash")).toHaveText("承诺事项已登记。");
    await expect(item(page, c.content)).toHaveAttribute("data-status", "open");
  }
  await expect(section()).not.toContainText("请登记承诺事项");
  await page.getByRole("form", { name: "答复" }).getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(page.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();

  // The leader sees the two commitments beside the reply he signs, and signs it off.
  await login(page, "nyj_leader");
  await page.goto(url);
  await expect(item(page, NEAR.content)).toContainText(NEAR.dueOn);
  await expect(item(page, FAR.content)).toContainText(FAR.dueOn);
  await page.getByRole("form", { name: "签发" }).getByRole("button", { name: "签发" }).click();
  await expect(page.getByText("已签发，答复已送达代表。")).toBeVisible();

  // The staff report progress on both, then the far one done ahead of time, with its evidence.
  await login(page, "nyj_staff");
  await page.goto(url);
  await report(page, NEAR.content, "进展情况", "已完成横河、匡堰两镇选址和设计，设施主体正在施工。");
  await report(page, FAR.content, "进展情况", "冷链保鲜仓储中心已完成立项和招标。");
  await report(page, FAR.content, "完成情况", "冷链保鲜仓储中心已建成，经验收合格投入使用。", EVIDENCE);
  await expect(item(page, FAR.content)).toHaveAttribute("data-status", "done");
  await expect(item(page, FAR.content).getByRole("form")).toHaveCount(0);
  await expect(item(page, NEAR.content)).toHaveAttribute("data-status", "open");

  // The day after the near one's day: it is overdue.
  setClock(`${chinaDay(8)}T09:00:00+08:00`);
  await login(page, "dcs");
  await page.goto("/supervision");
  await expect(page.getByTestId("commitments-overdue-市农业农村局")).toHaveText("1");
  await expect(page.getByTestId("commitments-open-市农业农村局")).toHaveText("1");

  // The reminder job tells the unit, once.
  runReminderJob();
  runReminderJob();
  const reminded = query<{ n: number }>(
    "select count(*) n from notifications n join users u on u.id = n.user_id where u.username = 'nyj_staff' and n.kind = 'commitment_overdue' and n.proposal_id = ?",
    id,
  )[0].n;
  expect(reminded).toBe(1);

  // The lead deputy, on his phone, sees both: one done with its evidence, one overdue; no form.
  const [deputy] = query<{ username: string }>("select u.username from users u join proposals p on p.lead_deputy_id = u.deputy_id where p.id = ?", id);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, deputy.username);
  await page.goto(url);
  const done = item(page, FAR.content);
  await expect(done).toHaveAttribute("data-status", "done");
  await expect(done).toContainText("已完成");
  await expect(done).toContainText(EVIDENCE);
  const late = item(page, NEAR.content);
  await expect(late).toHaveAttribute("data-status", "overdue");
  await expect(late).toContainText("已逾期");
  await expect(late).toContainText("已完成横河、匡堰两镇选址和设计");
  await expect(section().getByRole("form")).toHaveCount(0);
  // He was told when it was done.
  await page.goto("/notifications");
  await expect(page.locator('[data-kind="commitment_done"]')).toContainText(FAR.content);
  await page.setViewportSize({ width: 1280, height: 900 });
});
