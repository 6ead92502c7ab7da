import { MATRIX, ROUTES } from "../lib/authz";
import type { Role } from "../lib/workflow";
import { query } from "./helpers";

/**
 * Every page and route handler of lib/authz.ts ROUTES with a concrete URL, shared by the browser
 * tests that open them all (authorization, accessibility). A new route gets its URL here.
 */

/** One demo account per role. */
export const ACCOUNTS = {
  system_admin: "sysadmin",
  security_admin: "secadmin",
  audit_admin: "auditor",
  congress_office: "rdgw",
  gov_office: "dcs",
  unit_staff: "jxj_staff",
  unit_leader: "jxj_leader",
  deputy: "hugf",
} as const satisfies Record<Role, string>;
export type { Role };

/** The route table: file → action (null: open to anyone), as in lib/authz.ts. */
export const routes = Object.entries(ROUTES).map(([file, action]) => ({ file, action }));

/** Whether a role may open a route, by the matrix. */
export function mayOpen(role: Role, action: string | null) {
  return action == null || role in (MATRIX as Record<string, object>)[action];
}

/** Whose records a URL points at: a unit's (by name) or a deputy's (by username), for roles scoped so. */
export type Scope = { unit?: string; deputy?: string; attachment?: number };

/**
 * A URL for each route, with records inside the role's own scope (so "allowed" means the page itself
 * opens): the unit's first assignment, the deputy's first proposal, for the offices the first of all.
 * Route handlers that serve one file need `scope.attachment`.
 */
export function urlFor(file: string, role: Role, scope: Scope = {}): string {
  const unitName = scope.unit ?? "市经信局";
  const deputyName = scope.deputy ?? "hugf";
  const unit = query<{ id: number }>("select id from units where name = ?", unitName)[0].id;
  const deputy = query<{ id: number }>("select deputy_id as id from users where username = ?", deputyName)[0].id;
  const session155 = () => query<{ id: number }>("select session_id as id from proposals where number = 155")[0].id;
  const proposal = () =>
    role === "unit_staff" || role === "unit_leader"
      ? query<{ id: number }>("select proposal_id as id from assignments where unit_id = ? order by id limit 1", unit)[0].id
      : role === "deputy"
        ? query<{ id: number }>("select id from proposals where lead_deputy_id = ? order by id limit 1", deputy)[0].id
        : query<{ id: number }>("select id from proposals order by id limit 1")[0].id;
  const reply = () =>
    role === "unit_staff" || role === "unit_leader"
      ? query<{ id: number }>("select r.id from replies r join assignments a on a.id = r.assignment_id where a.unit_id = ? and r.state = 'sent' order by r.id limit 1", unit)[0].id
      : role === "deputy"
        ? query<{ id: number }>(
            "select r.id from replies r join assignments a on a.id = r.assignment_id join proposals p on p.id = a.proposal_id where p.lead_deputy_id = ? and r.state = 'sent' order by r.id limit 1",
            deputy,
          )[0].id
        : query<{ id: number }>("select id from replies where state = 'sent' order by id limit 1")[0].id;
  const map: Record<string, () => string> = {
    "app/login/page.tsx": () => "/login",
    "app/bench/floor/page.tsx": () => "/bench/floor",
    "app/api/auth/[...nextauth]/route.ts": () => "/api/auth/session",
    "app/public/page.tsx": () => "/public",
    "app/public/search/page.tsx": () => "/public/search?q=古塘",
    "app/public/[session]/[number]/page.tsx": () => `/public/${session155()}/155`,
    "app/public/feed.xml/route.ts": () => "/public/feed.xml",
    "app/(app)/page.tsx": () => "/",
    "app/(app)/proposals/page.tsx": () => "/proposals",
    "app/(app)/proposals/[id]/page.tsx": () => `/proposals/${proposal()}`,
    "app/(app)/proposals/new/page.tsx": () => "/proposals/new",
    "app/(app)/proposals/import/page.tsx": () => "/proposals/import",
    "app/(app)/documents/[kind]/[id]/print/page.tsx": () => `/documents/reply/${reply()}/print`,
    "app/(app)/documents/[kind]/[id]/versions/page.tsx": () => `/documents/reply/${reply()}/versions`,
    "app/(app)/supervision/page.tsx": () => "/supervision",
    "app/(app)/supervision/list/page.tsx": () => `/supervision/list?measure=overdue&session=${session155()}`,
    "app/(app)/supervision/key/page.tsx": () => "/supervision/key",
    "app/(app)/notifications/page.tsx": () => "/notifications",
    "app/(app)/admin/page.tsx": () => "/admin",
    "app/(app)/admin/[entity]/page.tsx": () => "/admin/users",
    "app/(app)/admin/calendar/page.tsx": () => "/admin/calendar",
    "app/(app)/security/page.tsx": () => "/security",
    "app/(app)/audit/page.tsx": () => "/audit",
    "app/account/password/page.tsx": () => "/account/password",
    "app/account/two-factor/page.tsx": () => "/account/two-factor",
    "app/api/attachments/[id]/route.ts": () => `/api/attachments/${scope.attachment}`,
    "app/api/documents/[kind]/[id]/[format]/route.ts": () => `/api/documents/reply/${reply()}/docx`,
    "app/api/export/proposals/route.ts": () => "/api/export/proposals",
    "app/api/export/supervision/route.ts": () => "/api/export/supervision?view=units",
    "app/api/import/template/route.ts": () => "/api/import/template",
  };
  if (!(file in map)) throw new Error(`no URL for ${file}: add it to e2e/routes.ts`);
  return map[file]();
}
