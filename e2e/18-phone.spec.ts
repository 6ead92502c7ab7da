import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { login, query } from "./helpers";

/**
 * On a phone (390 × 844), each role's first screen answers "what must I do, by when": the state,
 * the deadline and the next step are on the first screen, and nothing is wider than the screen.
 * Lists are cards below 640 px. Screenshots are attached to each test.
 */

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function shot(page: Page, info: TestInfo, name: string) {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await info.attach(name, { path: file, contentType: "image/png" });
}

/** The page never scrolls sideways. */
async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "page wider than the phone").toBeLessThanOrEqual(client);
}

/** Visible, inside the screen's width, and above the fold (without scrolling). */
async function onFirstScreen(el: Locator) {
  await expect(el).toBeVisible();
  const box = (await el.boundingBox())!;
  expect(box.x, "starts left of the screen").toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, "runs past the right edge").toBeLessThanOrEqual(PHONE.width + 0.5);
  expect(box.y + box.height, "below the first screen").toBeLessThanOrEqual(PHONE.height);
}


const cell = (row: Locator, label: string) => row.locator(`td[data-label="${label}"]`);

test("承办人：工作台卡片和建议首屏显示状态、期限、下一步", async ({ page }, info) => {
  await login(page, "jxj_staff");
  await page.goto("/");
  const card = page.getByRole("region", { name: /待办理/ }).locator("tbody tr").first();
  for (const label of ["办理状态", "办理期限", "下一步"]) await onFirstScreen(cell(card, label));
  await expect(cell(card, "办理期限")).toHaveText(/\d{4}-\d{2}-\d{2}/);
  await noSidewaysScroll(page);
  await shot(page, info, "staff-workbench");

  // A proposal 市经信局 leads whose reply is still being written (the editor shows).
  const { id } = query<{ id: number }>(
    `select a.proposal_id id from assignments a join units u on u.id = a.unit_id
      where u.name = '市经信局' and a.role = 'lead' and a.state in ('received', 'rehandling')
        and not exists (select 1 from replies r where r.assignment_id = a.id and r.round = a.round and r.state in ('pending', 'sent'))
      order by a.id limit 1`,
  )[0];
  await page.goto(`/proposals/${id}`);
  const now = page.getByTestId("now");
  await onFirstScreen(now.getByTestId("now-state"));
  await expect(now.getByTestId("now-state")).toContainText("市经信局（主办）");
  await onFirstScreen(now.getByTestId("now-deadline"));
  await expect(now.getByTestId("now-deadline")).toContainText(/\d{4}-\d{2}-\d{2}/);
  await onFirstScreen(now.getByTestId("now-next"));
  await noSidewaysScroll(page);
  await shot(page, info, "staff-proposal");
  // The proposal's text folds below the editor; the next step leads to the editor.
  await expect(page.getByTestId("proposal-text").locator("p").first()).toBeHidden();
  await now.getByRole("link", { name: /答复/ }).click();
  await expect(page.getByRole("form", { name: "答复" }).getByLabel("答复正文")).toBeInViewport();
  await noSidewaysScroll(page);
  await shot(page, info, "staff-proposal-editor");
});

test("签发领导：待您签发在首屏，签发面板在建议正文之前", async ({ page }, info) => {
  // A unit with a document awaiting its leader's signature.
  const row = query<{ username: string; proposal_id: number; title: string }>(
    `select u.username, a.proposal_id, p.title from replies r
       join assignments a on a.id = r.assignment_id join proposals p on p.id = a.proposal_id
       join users u on u.unit_id = a.unit_id and u.role = 'unit_leader'
      where r.state = 'pending' and r.round = a.round
     union all
     select u.username, a.proposal_id, p.title from opinions o
       join assignments a on a.id = o.assignment_id join proposals p on p.id = a.proposal_id
       join users u on u.unit_id = a.unit_id and u.role = 'unit_leader'
      where o.state = 'pending'
     limit 1`,
  )[0];
  expect(row, "the demo has a document awaiting sign-off").toBeTruthy();
  await login(page, row.username);
  await page.goto("/");
  const card = page.getByRole("region", { name: /待您签发/ }).locator("tbody tr").first();
  for (const label of ["办理状态", "办理期限", "下一步"]) await onFirstScreen(cell(card, label));
  await expect(cell(card, "下一步")).toContainText("待您签发");
  await noSidewaysScroll(page);
  await shot(page, info, "leader-workbench");

  await page.goto(`/proposals/${row.proposal_id}`);
  const now = page.getByTestId("now");
  for (const id of ["now-state", "now-deadline", "now-next"]) await onFirstScreen(now.getByTestId(id));
  await expect(now.getByTestId("now-next")).toContainText("待您签发");
  await noSidewaysScroll(page);
  await shot(page, info, "leader-proposal");
  await now.getByRole("link", { name: /待您签发/ }).click();
  await expect(page.getByRole("button", { name: "签发", exact: true })).toBeVisible();
  // The signing panel comes before the proposal's own text.
  const sign = await page.locator("#sign").boundingBox();
  const content = await page.getByRole("region", { name: "建议内容" }).boundingBox();
  expect(sign!.y).toBeLessThan(content!.y);
});

test("代表：我的建议首屏显示状态；答复在评价表之前", async ({ page }, info) => {
  // A deputy with a reply awaiting his rating.
  const row = query<{ username: string; proposal_id: number }>(
    `select u.username, a.proposal_id from assignments a
       join replies r on r.assignment_id = a.id and r.round = a.round and r.state = 'sent'
       join proposals p on p.id = a.proposal_id
       join users u on u.deputy_id = p.lead_deputy_id
      -- an account other specs leave as the demo made it (others disable, lock or re-password some deputies' accounts)
      where u.active = 1 and u.must_change_password = 0 and u.pending_change is null and u.username not in ('yexy', 'luozm', 'qianmh')
        and a.state = 'replied'
        and not exists (select 1 from ratings x where x.reply_id = r.id and x.deputy_id = p.lead_deputy_id)
      limit 1`,
  )[0];
  expect(row, "the demo has a reply awaiting a deputy's rating").toBeTruthy();
  await login(page, row.username);
  await page.goto("/");
  await expect(page.getByText(/件建议的答复等待您评价/)).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, info, "deputy-home");

  await page.goto(`/proposals/${row.proposal_id}`);
  const now = page.getByTestId("now");
  for (const id of ["now-state", "now-deadline", "now-next"]) await onFirstScreen(now.getByTestId(id));
  await expect(now.getByTestId("now-next")).toContainText("请对答复作出评价");
  await noSidewaysScroll(page);
  await shot(page, info, "deputy-proposal");
  // The proposal and the reply come before the form that asks to rate it.
  const content = (await page.getByRole("region", { name: "建议内容" }).boundingBox())!;
  const reply = (await page.getByRole("region", { name: "答复", exact: true }).boundingBox())!;
  const rating = (await page.locator("#rating").boundingBox())!;
  expect(content.y).toBeLessThan(reply.y);
  expect(reply.y).toBeLessThan(rating.y);
  await now.getByRole("link", { name: /请对答复作出评价/ }).click();
  await expect(page.getByRole("form", { name: /评价/ }).first()).toBeInViewport();
  await noSidewaysScroll(page);
  await shot(page, info, "deputy-rating");
});

test("办公室：首屏显示逾期单位；列表为卡片", async ({ page }, info) => {
  await login(page, "dcs");
  await page.goto("/proposals");
  const card = page.locator("tbody tr").first();
  await onFirstScreen(cell(card, "状态"));
  await noSidewaysScroll(page);
  await shot(page, info, "office-list");
  // The proposal with the most overdue units.
  const { id } = query<{ id: number }>(
    `select a.proposal_id id from assignments a where a.state in ('assigned', 'received', 'rehandling') group by a.proposal_id order by min(a.assigned_at) limit 1`,
  )[0];
  await page.goto(`/proposals/${id}`);
  for (const id of ["now-state", "now-deadline", "now-next"]) await onFirstScreen(page.getByTestId(id));
  await noSidewaysScroll(page);
  await shot(page, info, "office-proposal");
});
