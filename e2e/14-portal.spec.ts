import { expect, test, type Page } from "@playwright/test";
import { login, proposalId, query } from "./helpers";

/**
 * The public portal (docs/rules.md § "Publication"): an anonymous visitor on a phone finds No. 155
 * by searching 古塘, and once the reply is published reads it there; the portal's pages render
 * without JavaScript.
 */

const TITLE = "关于古塘街道工业区块改造提升的建议";
const REPLY = "我局已会同市自然资源和规划局开展古塘工业区块整体规划研究";

/** No. 155 with a sent reply: walked here when this file runs alone (the journey file does more). */
async function replySent(page: Page) {
  const url = `/proposals/${proposalId(155)}`;
  const sent = () => query<{ n: number }>("select count(*) n from replies r join assignments a on a.id = r.assignment_id join proposals p on p.id = a.proposal_id where p.number = 155 and r.state = 'sent'")[0].n;
  if (sent()) return;
  await login(page, "dcs");
  await page.goto(url);
  const assign = page.getByRole("form", { name: "交办" });
  await assign.getByLabel("主办单位").selectOption({ label: "市经信局" });
  await assign.getByRole("button", { name: "确认交办" }).click();
  await expect(page.getByText("已交办，办理时限自今日起计算。")).toBeVisible();
  await login(page, "jxj_staff");
  await page.goto(url);
  await page.getByRole("button", { name: "签收" }).click();
  await expect(page.getByText("已签收。")).toBeVisible();
  const reply = page.getByRole("form", { name: "答复" });
  await reply.getByLabel("答复类别").selectOption("B");
  await reply.getByLabel("答复正文").fill(`一、关于整体规划。${REPLY}。`);
  await reply.getByLabel("联系电话").fill("0574-63023456");
  await reply.getByRole("button", { name: "保存并送领导签发" }).click();
  await expect(page.getByText(/第\d+稿已送领导签发，等待签发。/)).toBeVisible();
  await login(page, "jxj_leader");
  await page.goto(url);
  await page.getByRole("form", { name: "签发" }).getByRole("button", { name: "签发" }).click();
  await expect(page.getByText("已签发，答复已送达代表。")).toBeVisible();
  expect(sent()).toBe(1);
}

test.describe.configure({ timeout: 180_000 });

test("公众在手机上检索“古塘”找到第155号建议，答复公开后阅读答复全文", async ({ page, browser }) => {
  await replySent(page);
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await visitor.newPage();

  // Before publication: found by its title, the reply not yet shown.
  await phone.goto("/public/search?q=古塘");
  await expect(phone).toHaveTitle(/检索：古塘/);
  const card = phone.getByRole("link", { name: new RegExp(`第155号[\\s\\S]*${TITLE}`) });
  await expect(card).toBeVisible();
  await expect(card.locator("mark").first()).toHaveText("古塘");
  await card.click();
  await expect(phone.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(phone.getByText("答复尚未公开")).toBeVisible();
  await expect(phone.getByText(REPLY)).toHaveCount(0);
  // Nothing on the page is wider than the phone.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: "e2e/.data/portal-155-before.png", fullPage: true });

  // 政府督查室 publishes the reply now instead of in 20 working days.
  await login(page, "dcs");
  await page.goto(`/proposals/${proposalId(155)}`);
  await expect(page.getByTestId("publication").first()).toContainText("将于");
  await page.getByRole("form", { name: "提前公开" }).getByRole("button", { name: "立即公开" }).click();
  await expect(page.getByText("答复已公开，公众可在公开网站查阅。")).toBeVisible();
  await expect(page.getByTestId("publication").first()).toContainText("已于");

  // The visitor reads it in full; the search now finds No. 155 by the reply's words too.
  await phone.reload();
  await expect(phone.getByRole("region", { name: "市经信局的答复" })).toContainText(REPLY);
  await phone.screenshot({ path: "e2e/.data/portal-155-after.png", fullPage: true });
  await phone.goto("/public/search?q=自然资源和规划局");
  await expect(phone.getByRole("link", { name: new RegExp(TITLE) })).toBeVisible();
  await expect(phone.getByText("答复：")).toBeVisible();
  await visitor.close();
});

test("公开网站的页面不需要 JavaScript：首页、检索、建议页、订阅", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/public");
  await expect(page.getByRole("heading", { level: 2, name: /建议$/ })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "届次" }).getByRole("link").first()).toBeVisible();
  // The search form is a plain GET form.
  await page.getByLabel("检索建议和答复").fill("古塘");
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page).toHaveURL(/\/public\/search\?q=%E5%8F%A4%E5%A1%98/);
  await expect(page.getByRole("link", { name: new RegExp(TITLE) })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(TITLE) }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText("胡国锋").first()).toBeVisible();
  // Never on the portal: phone numbers, contact logs, ratings, drafts.
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/1[3-9]\d{9}|0574-\d{8}|联系记录|满意|草稿/);
  // A 不公开 proposal is not there at all.
  const hidden = query<{ session_id: number; number: number }>("select session_id, number from proposals where disclosure = 'none' limit 1")[0];
  if (hidden) expect((await page.request.get(`/public/${hidden.session_id}/${hidden.number}`)).status()).toBe(404);
  // No script runs on the portal at all: its policy allows none.
  const again = await page.request.get(new URL(page.url()).pathname);
  expect(again.headers()["content-security-policy"]).toContain("script-src 'none'");
  // The same page for every visitor: cacheable by a browser and a shared cache, and no cookie set.
  expect(again.headers()["cache-control"]).toBe("public, max-age=60, s-maxage=300, stale-while-revalidate=600");
  expect(again.headers()["set-cookie"]).toBeUndefined();
  const feed = await page.request.get("/public/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
  await context.close();
});
