import { expect, test, type Page } from "@playwright/test";
import { login, query, uploadToProposal } from "./helpers";
import { ACCOUNTS, mayOpen, routes, urlFor as routeUrl, type Role } from "./routes";

/**
 * Every page and route handler (the list is lib/authz.ts ROUTES, which the unit test
 * checks against app/) opened over HTTP as every role. A role the matrix allows gets the page
 * (200, or the redirect the page makes by design); any other role gets 404 or 403, never the data.
 * The route list and each route's URL are in e2e/routes.ts; who may open each comes from the MATRIX.
 */

/** A URL for each route (e2e/routes.ts), with this file's own attachment inside the role's scope. */
function urlFor(file: string, role: Role): string {
  // This file's own attachments (uploaded below), whose readers follow from docs/rules.md § "Visibility":
  // a file on a proposal is seen by whoever sees the proposal — the offices every one, a unit those it
  // handles, a deputy his own. So each role opens the one in its scope, and not the one on a proposal
  // neither 市经信局 nor 胡国锋 has any part in (the offices see that one too).
  const office = role === "congress_office" || role === "gov_office";
  const attachment = role === "deputy" ? uploaded.deputy : uploaded.unit;
  expect(attachment, `an attachment inside ${role}'s scope`).toBeDefined();
  outOfScope.set(role, office ? undefined : uploaded.neither);
  return routeUrl(file, role, { attachment });
}

/** Per role, an attachment outside its scope (none for the offices, who see every one). */
const outOfScope = new Map<Role, number | undefined>();
/** The attachments this file uploads, by whose proposal they are on. */
const uploaded: Partial<Record<"unit" | "deputy" | "neither", number>> = {};

/**
 * This file's own attachments: one on a proposal 市经信局 handles, one on a proposal 胡国锋 raised
 * (already under way), and one on a proposal that neither of them has any part in.
 */
test.beforeAll(async ({ browser }) => {
  const jxj = "(select id from units where name = '市经信局')";
  const hugf = "(select deputy_id from users where username = 'hugf')";
  const hugfs = `select id from proposals where lead_deputy_id = ${hugf} union select proposal_id from proposal_cosigners where deputy_id = ${hugf}`;
  const pickNumber = (where: string) => query<{ number: number }>(`select p.number from proposals p where p.state <> 'registered' and (${where}) order by p.number limit 1`)[0]?.number;
  const numbers = {
    unit: pickNumber(`p.id in (select proposal_id from assignments where unit_id = ${jxj})`),
    deputy: pickNumber(`p.id in (${hugfs})`),
    neither: pickNumber(`p.id not in (select proposal_id from assignments where unit_id = ${jxj}) and p.id not in (${hugfs})`),
  };
  expect(Object.values(numbers).every((n) => n != null), JSON.stringify(numbers)).toBe(true);
  const page = await browser.newPage();
  await login(page, "dcs");
  for (const [who, number] of Object.entries(numbers)) uploaded[who as keyof typeof numbers] = await uploadToProposal(page, number!, `授权测试-${who}-${number}.pdf`);
  await page.close();
});

async function status(page: Page, url: string) {
  const res = await page.request.get(url, { maxRedirects: 0 });
  return res.status();
}

test.describe.configure({ timeout: 240_000 });

test("每个页面和接口，按角色：矩阵允许的可以打开，其他角色一律 404/403", async ({ page }) => {
  expect(routes.length).toBeGreaterThanOrEqual(24);
  let checked = 0;
  let outside = 0;
  for (const role of Object.keys(ACCOUNTS) as Role[]) {
    await login(page, ACCOUNTS[role]);
    for (const { file, action } of routes) {
      const url = urlFor(file, role);
      const code = await status(page, url);
      const may = mayOpen(role, action);
      if (may) expect(code, `${role} ${url} (${action}) should open`).toBeLessThan(400);
      else expect([403, 404], `${role} ${url} (${action}) should be refused`).toContain(code);
      checked++;
    }
    // Units and deputies download within their scope only: another's attachment is refused by scope,
    // although the matrix allows the download. (Other roles' whole scope was checked above.)
    if (role === "unit_staff" || role === "unit_leader" || role === "deputy") {
      const other = outOfScope.get(role);
      expect(other, `an attachment outside ${role}'s scope`).toBeDefined();
      expect([403, 404], `${role} /api/attachments/${other} (out of scope)`).toContain(await status(page, `/api/attachments/${other}`));
      outside++;
    }
  }
  console.log(`authorization routes: ${routes.length} routes × ${Object.keys(ACCOUNTS).length} roles, ${checked} requests checked, ${outside} out-of-scope downloads refused`);
  expect(outside).toBe(3);
});
