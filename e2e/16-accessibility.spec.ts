import { expect, test, type Page } from "@playwright/test";
import { axeViolations, describeViolations, type Violation } from "./axe";
import { login, query } from "./helpers";
import { ACCOUNTS, mayOpen, routes, urlFor, type Role, type Scope } from "./routes";

/**
 * Every page (lib/authz.ts ROUTES, URLs from e2e/routes.ts) checked by axe-core against WCAG 2.1 A
 * and AA, as every role that may open it and as an anonymous visitor for the sign-in page and the
 * portal, on a desktop (1280 px) and a phone (390 px). Each account signs in once and walks its
 * pages at both widths. Proposal pages are opened once in each state the account meets (each of its
 * unit's assignment states, each proposal state an office or deputy sees), so every editor, sign-off
 * form and read-only view is checked. No rule is switched off.
 */

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

type Persona = { name: string; role: Role | null; username?: string; scope?: Scope };
const PERSONAS: Persona[] = [
  { name: "未登录访客", role: null },
  { name: "承办单位经办人（主办）", role: "unit_staff", username: ACCOUNTS.unit_staff },
  { name: "承办单位签发领导", role: "unit_leader", username: ACCOUNTS.unit_leader },
  { name: "协办单位经办人", role: "unit_staff", username: "swj_staff", scope: { unit: "市商务局" } },
  { name: "人大代表", role: "deputy", username: ACCOUNTS.deputy },
  { name: "人大代表工委", role: "congress_office", username: ACCOUNTS.congress_office },
  { name: "政府督查室", role: "gov_office", username: ACCOUNTS.gov_office },
  { name: "系统管理员", role: "system_admin", username: ACCOUNTS.system_admin },
  { name: "安全管理员", role: "security_admin", username: ACCOUNTS.security_admin },
  { name: "安全审计员", role: "audit_admin", username: ACCOUNTS.audit_admin },
];

const PAGE_ROUTES = routes.filter((r) => r.file.endsWith("/page.tsx"));

/** The pages a persona may open: the public ones for the visitor, the rest by the matrix. */
function urlsOf(p: Persona): string[] {
  // The open routes' URLs name no one's records: any role gives the same ones.
  if (p.role == null) return PAGE_ROUTES.filter((r) => r.action == null).map((r) => urlFor(r.file, "gov_office"));
  const role = p.role;
  const urls = PAGE_ROUTES.filter((r) => r.action != null && mayOpen(role, r.action)).map((r) => urlFor(r.file, role, p.scope));
  return [...urls, ...extraUrls(p)];
}

/** One proposal in each state the persona meets, and the other tabs of the administrator's console. */
function extraUrls(p: Persona): string[] {
  const ids = (sql: string, ...params: unknown[]) => query<{ id: number }>(sql, ...params).map((r) => `/proposals/${r.id}`);
  switch (p.role) {
    case "unit_staff":
    case "unit_leader":
      return ids(
        "select min(a.proposal_id) id from assignments a join units u on u.id = a.unit_id where u.name = ? group by a.state order by id",
        p.scope?.unit ?? "市经信局",
      );
    case "deputy":
      return ids(
        "select min(p.id) id from proposals p join users u on u.deputy_id = p.lead_deputy_id or u.deputy_id in (select deputy_id from proposal_cosigners c where c.proposal_id = p.id) where u.username = ? group by p.state order by id",
        p.username,
      );
    case "congress_office":
    case "gov_office":
      return [...ids("select min(id) id from proposals group by state order by id"), "/proposals?q=古塘"];
    case "system_admin":
      return ["/admin/units", "/admin/deputies", "/admin/sessions", `/admin/users?edit=${query<{ id: number }>("select id from users where username = 'jxj_staff'")[0].id}`];
    default:
      return [];
  }
}

type Found = { url: string; width: number; violations: Violation[] };

function describe(found: Found[]) {
  return found.map(({ url, width, violations }) => `${url} @${width}px:\n${describeViolations(violations)}`).join("\n");
}

/** Time spent loading pages and in axe-core, for the report at the end. */
const spent = { load: 0, axe: 0 };

/** Opens a page and checks it, unless it redirected to one this window has checked (an administrator's 工作台 is his console). */
async function check(page: Page, url: string, width: number, found: Found[], seen: Set<string>) {
  const t0 = Date.now();
  const res = await page.goto(url);
  expect(res?.status(), `${url} opens`).toBeLessThan(400);
  const landed = page.url();
  if (seen.has(landed)) return 0;
  seen.add(landed);
  const t1 = Date.now();
  const violations = await axeViolations(page);
  spent.load += t1 - t0;
  spent.axe += Date.now() - t1;
  if (violations.length) found.push({ url, width, violations });
  return 1;
}

test.describe.configure({ timeout: 180_000 });
// A trace would snapshot the page at each of axe's many calls: it doubles the time and tells nothing
// the printed violations do not.
test.use({ trace: "off" });

const total = { views: 0, ms: 0 };
test.afterAll(() => {
  console.log(`accessibility: ${total.views} page views checked in ${(total.ms / 1000).toFixed(1)} s (summed over the two windows: loading ${(spent.load / 1000).toFixed(1)} s, axe-core ${(spent.axe / 1000).toFixed(1)} s)`);
});

for (const persona of PERSONAS) {
  test(`无障碍（WCAG 2.1 AA）：${persona.name}可打开的每个页面，桌面和手机宽度均无违规`, async ({ page, browser }) => {
    const started = Date.now();
    await page.setViewportSize(WIDTHS[0]);
    if (persona.username) await login(page, persona.username);
    const urls = urlsOf(persona);
    if (persona.role == null) {
      // A published proposal, as the portal's front page links it.
      await page.goto("/public");
      const href = await page.locator('main a[href^="/public/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!).find((h) => /^\/public\/\d+\/\d+$/.test(h)));
      if (href) urls.push(href);
    }
    // The phone is a second window of the same signed-in session: the two widths are walked side by
    // side (two cores), each page once per width.
    const phone = await (await browser.newContext({ storageState: await page.context().storageState(), viewport: WIDTHS[1] })).newPage();
    const found: Found[] = [];
    let views = 0;
    await Promise.all(
      [page, phone].map(async (p, i) => {
        const seen = new Set<string>();
        for (const url of urls) {
          const checked = await check(p, url, WIDTHS[i].width, found, seen);
          views += checked;
        }
      }),
    );
    await phone.context().close();
    found.sort((a, b) => a.width - b.width);
    total.views += views;
    total.ms += Date.now() - started;
    console.log(`${persona.name}: ${views} page views in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(found.length, `axe-core violations for ${persona.name}:\n${describe(found)}`).toBe(0);
  });
}
