import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { MATRIX } from "../lib/authz";
import { login, query, uploadToProposal } from "./helpers";

/**
 * Every page and route handler (the list is lib/authz.ts ROUTES, which the unit test
 * checks against app/) opened over HTTP as every role. A role the matrix allows gets the page
 * (200, or the redirect the page makes by design); any other role gets 404 or 403, never the data.
 * The route list is parsed from lib/authz.ts; who may open each comes from its MATRIX.
 */
const ACCOUNTS = {
  system_admin: "sysadmin",
  security_admin: "secadmin",
  audit_admin: "auditor",
  congress_office: "rdgw",
  gov_office: "dcs",
  unit_staff: "jxj_staff",
  unit_leader: "jxj_leader",
  deputy: "hugf",
} as const;
type Role = keyof typeof ACCOUNTS;

const authz = fs.readFileSync(path.resolve("lib/authz.ts"), "utf8");
/** The route table: file → action, as written in lib/authz.ts. */
const routes = [...authz.matchAll(/^\s+"(app\/[^"]+)": (null|"([\w.]+)"),$/gm)].map((m) => ({ file: m[1], action: m[3] ?? null }));

/** Who may do an action, from the matrix in lib/authz.ts. */
function allowedRoles(): Record<string, Role[]> {
  return Object.fromEntries(Object.entries(MATRIX).map(([a, rule]) => [a, Object.keys(rule) as Role[]]));
}

/** A URL for each route, with records inside the role's own scope (so "allowed" means the page itself opens). */
function urlFor(file: string, role: Role): string {
  const unit = query<{ id: number }>("select id from units where name = '市经信局'")[0].id;
  const deputy = query<{ id: number }>("select deputy_id as id from users where username = 'hugf'")[0].id;
  const proposal =
    role === "unit_staff" || role === "unit_leader"
      ? query<{ id: number }>("select proposal_id as id from assignments where unit_id = ? order by id limit 1", unit)[0].id
      : role === "deputy"
        ? query<{ id: number }>("select id from proposals where lead_deputy_id = ? order by id limit 1", deputy)[0].id
        : query<{ id: number }>("select id from proposals order by id limit 1")[0].id;
  const reply =
    role === "unit_staff" || role === "unit_leader"
      ? query<{ id: number }>("select r.id from replies r join assignments a on a.id = r.assignment_id where a.unit_id = ? and r.state = 'sent' order by r.id limit 1", unit)[0].id
      : role === "deputy"
        ? query<{ id: number }>(
            "select r.id from replies r join assignments a on a.id = r.assignment_id join proposals p on p.id = a.proposal_id where p.lead_deputy_id = ? and r.state = 'sent' order by r.id limit 1",
            deputy,
          )[0].id
        : query<{ id: number }>("select id from replies where state = 'sent' order by id limit 1")[0].id;
  // This file's own attachments (uploaded below), whose readers follow from docs/rules.md § "Visibility":
  // a file on a proposal is seen by whoever sees the proposal — the offices every one, a unit those it
  // handles, a deputy his own. So each role opens the one in its scope, and not the one on a proposal
  // neither 市经信局 nor 胡国锋 has any part in (the offices see that one too).
  const office = role === "congress_office" || role === "gov_office";
  const attachment = role === "deputy" ? uploaded.deputy : uploaded.unit;
  expect(attachment, `an attachment inside ${role}'s scope`).toBeDefined();
  outOfScope.set(role, office ? undefined : uploaded.neither);
  const map: Record<string, string> = {
    "app/login/page.tsx": "/login",
    "app/bench/floor/page.tsx": "/bench/floor",
    "app/api/auth/[...nextauth]/route.ts": "/api/auth/session",
    "app/public/page.tsx": "/public",
    "app/public/search/page.tsx": "/public/search?q=古塘",
    "app/public/[session]/[number]/page.tsx": `/public/${query<{ id: number }>("select session_id as id from proposals where number = 155")[0].id}/155`,
    "app/public/feed.xml/route.ts": "/public/feed.xml",
    "app/(app)/page.tsx": "/",
    "app/(app)/proposals/page.tsx": "/proposals",
    "app/(app)/proposals/[id]/page.tsx": `/proposals/${proposal}`,
    "app/(app)/proposals/new/page.tsx": "/proposals/new",
    "app/(app)/proposals/import/page.tsx": "/proposals/import",
    "app/(app)/documents/[kind]/[id]/print/page.tsx": `/documents/reply/${reply}/print`,
    "app/(app)/supervision/page.tsx": "/supervision",
    "app/(app)/supervision/list/page.tsx": `/supervision/list?measure=overdue&session=${query<{ id: number }>("select session_id as id from proposals where number = 155")[0].id}`,
    "app/(app)/supervision/key/page.tsx": "/supervision/key",
    "app/(app)/notifications/page.tsx": "/notifications",
    "app/(app)/admin/page.tsx": "/admin",
    "app/(app)/admin/[entity]/page.tsx": "/admin/users",
    "app/(app)/admin/calendar/page.tsx": "/admin/calendar",
    "app/(app)/security/page.tsx": "/security",
    "app/(app)/audit/page.tsx": "/audit",
    "app/account/password/page.tsx": "/account/password",
    "app/account/two-factor/page.tsx": "/account/two-factor",
    "app/api/attachments/[id]/route.ts": `/api/attachments/${attachment}`,
    "app/api/documents/[kind]/[id]/[format]/route.ts": `/api/documents/reply/${reply}/docx`,
    "app/api/export/proposals/route.ts": "/api/export/proposals",
    "app/api/export/supervision/route.ts": "/api/export/supervision?view=units",
    "app/api/import/template/route.ts": "/api/import/template",
  };
  if (!(file in map)) throw new Error(`no URL for ${file}: add it here`);
  return map[file];
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
  const allowed = allowedRoles();
  expect(routes.length).toBeGreaterThanOrEqual(24);
  let checked = 0;
  let outside = 0;
  for (const role of Object.keys(ACCOUNTS) as Role[]) {
    await login(page, ACCOUNTS[role]);
    for (const { file, action } of routes) {
      const url = urlFor(file, role);
      const code = await status(page, url);
      const may = action == null || allowed[action].includes(role);
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
