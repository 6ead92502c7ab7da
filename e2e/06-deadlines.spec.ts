import { expect, test } from "@playwright/test";
import { login, proposalId, query, runReminderJob, setClock } from "./helpers";

/**
 * A co-unit's opinion goes overdue (the test moves the server's clock), the
 * unit shows red on the proposal and on the dashboard, the reminder appears once; an extension
 * is approved and the light turns back.
 */
test.afterAll(() => setClock(null));

test("协办意见逾期亮红灯、提醒只发一次；批准延期后恢复", async ({ page }) => {
  const id = proposalId(247);
  const url = `/proposals/${id}`;
  const swjRow = () => page.getByTestId("assignment-市商务局");

  // Assigned on Tuesday 1 September 2026: the opinion is due one month later, 1 October, which is
  // 国庆节, so the period runs to the next working day.
  setClock("2026-09-01T09:00:00+08:00");
  await login(page, "dcs");
  await page.goto(url);
  const assign = page.getByRole("form", { name: "交办" });
  await assign.getByLabel("主办单位").selectOption({ label: "市经信局" });
  await assign.getByLabel("市商务局").check();
  await assign.getByRole("button", { name: "确认交办" }).click();
  await expect(page.getByTestId("flash")).toHaveText("已交办，办理时限自今日起计算。");
  await expect(swjRow()).toContainText("交办 2026-09-01 起 1 个月 → 2026-10-01（国庆节），顺延至下一工作日 2026-10-08");
  await expect(swjRow().locator("[data-light]")).toHaveAttribute("data-light", "green");

  // Within five working days of the due day the light is yellow (29 Sep; 1–7 Oct are holidays).
  // Four weeks on, yesterday's session has long ended (12 hours at most): sign in again.
  setClock("2026-09-29T09:00:00+08:00");
  await login(page, "dcs");
  await page.goto(url);
  await expect(swjRow().locator("[data-light]")).toHaveAttribute("data-light", "yellow");

  // The day after: red, on 市商务局 and not on the lead unit.
  setClock("2026-10-09T09:00:00+08:00");
  await login(page, "dcs");
  await page.goto(url);
  await expect(swjRow().locator("[data-light]")).toHaveAttribute("data-light", "red");
  await expect(swjRow()).toContainText("已逾期");
  await expect(page.getByTestId("assignment-市经信局").locator("[data-light]")).toHaveAttribute("data-light", "green");

  // The dashboard's overdue figure for 市商务局 includes this proposal.
  await page.goto("/supervision");
  await page.getByTestId("overdue-市商务局").click();
  await expect(page.getByRole("link", { name: "关于加强农村独居老人关爱服务的建议" })).toBeVisible();

  // The reminder job, run twice: one overdue reminder for the unit's staff.
  runReminderJob();
  runReminderJob();
  const reminders = () =>
    query<{ n: number }>(
      "select count(*) n from notifications n join users u on u.id = n.user_id where u.username = 'swj_staff' and n.kind = 'overdue' and n.proposal_id = ?",
      id,
    )[0].n;
  expect(reminders()).toBe(1);
  await login(page, "swj_staff");
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await page.goto("/notifications");
  await expect(page.locator('[data-kind="overdue"]').filter({ hasText: "第247号建议《关于加强农村独居老人关爱服务的建议》的协办意见已逾期（期限 2026-10-08）" })).toHaveCount(1);

  // 市商务局 asks for more time; the government office approves it.
  await page.goto(url);
  const ext = page.getByRole("form", { name: "申请延期" });
  await ext.getByLabel("申请延期至").fill("2026-10-30");
  await ext.getByLabel("延期理由").fill("需会同古塘街道实地调查区块企业情况后提出意见。");
  await ext.getByRole("button", { name: "提交延期申请" }).click();
  await expect(page.getByTestId("flash")).toHaveText("延期申请已提交政府督查室审核。");

  await login(page, "dcs");
  await expect(page.getByRole("region", { name: /待审核的调整和延期申请/ })).toContainText("延期至 2026-10-30");
  await page.goto(url);
  const decide = page.getByRole("form", { name: "审核申请" });
  await decide.getByLabel("审核理由").fill("理由充分，同意延期。");
  await decide.getByRole("button", { name: "提交审核意见" }).click();
  await expect(page.getByTestId("flash")).toHaveText("已审核。");
  await expect(swjRow().locator("[data-light]")).toHaveAttribute("data-light", "green");
  await expect(swjRow()).toContainText("经批准延期至 2026-10-30（需会同古塘街道实地调查区块企业情况后提出意见。）");

  // The deputy sees the new due date and why.
  const deputy = query<{ username: string }>(
    "select u.username from users u join proposals p on p.lead_deputy_id = u.deputy_id where p.id = ?",
    id,
  )[0].username;
  await login(page, deputy);
  await page.goto(url);
  await expect(swjRow()).toContainText("经批准延期至 2026-10-30");

  // Running the job again creates no second overdue reminder.
  runReminderJob();
  expect(reminders()).toBe(1);
});

test("工作日历：新增放假日顺延在办事项期限并记入办理记录；重复和超出范围的日期被拒绝", async ({ page }) => {
  const id = proposalId(247);
  setClock("2026-10-09T09:00:00+08:00");
  await login(page, "sysadmin");
  await page.goto("/admin/calendar?year=2026");
  const form = page.getByRole("form", { name: "工作日历" });

  // Refused: a day already in the calendar, and a year out of range; nothing changes.
  const before = query<{ n: number }>("select count(*) n from calendar_days")[0].n;
  await form.getByLabel("日期").fill("2026-10-01");
  await form.getByLabel("名称").fill("国庆节");
  await form.getByRole("button", { name: "添加" }).click();
  await expect(form.locator('[data-field-error="date"]')).toHaveText("2026-10-01 已在工作日历中（国庆节），请修改该条记录");
  await form.getByLabel("日期").fill("2003-05-01");
  await form.getByRole("button", { name: "添加" }).click();
  await expect(form.locator('[data-field-error="date"]')).toHaveText("日期须在2004年至2028年之间");
  expect(query<{ n: number }>("select count(*) n from calendar_days")[0].n).toBe(before);

  // A day off on 市商务局's extended due day (Friday 30 October) moves it to Monday 2 November.
  await form.getByLabel("日期").fill("2026-10-30");
  await form.getByLabel("名称").fill("临时放假");
  await form.getByRole("button", { name: "添加" }).click();
  await expect(page.getByTestId("flash")).toHaveText("工作日历已保存，在办事项的期限已按新日历重新计算。");
  await expect(page.getByTestId("day-2026-10-30")).toContainText("临时放假");

  await login(page, "dcs");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByTestId("assignment-市商务局").locator("[data-light]")).toContainText("2026-11-02");
  await expect(page.getByTestId("timeline")).toContainText("办理期限变更");
  await expect(page.getByTestId("timeline")).toContainText("市商务局：2026-10-30 → 2026-11-02（工作日历调整）");

  // Removing it again restores the due day.
  await login(page, "sysadmin");
  await page.goto("/admin/calendar?year=2026");
  await page.getByRole("form", { name: "删除2026-10-30" }).getByRole("button", { name: "删除" }).click();
  await expect(page.getByTestId("flash")).toHaveText("已删除，在办事项的期限已按新日历重新计算。");
  await login(page, "dcs");
  await page.goto(`/proposals/${id}`);
  await expect(page.getByTestId("assignment-市商务局").locator("[data-light]")).toContainText("2026-10-30");
});
