import { Forbidden } from "./errors";
import type { Actor } from "./auth/actor";
import {
  ROLES,
  assignmentEvents,
  commitmentEvents,
  commitmentReportEvents,
  documentEvents,
  proposalEvents,
  replyEvents,
  requestEvents,
  type Role,
} from "./workflow";

/**
 * The authorization matrix: for every action, which roles may perform it and over what scope.
 * Services call `authorize` first thing; the scope is then enforced by the service's own query
 * (its unit's assignment, the deputy's own proposal, the account itself). Workflow events take
 * their roles from lib/workflow.ts, so the two cannot disagree.
 *
 * Scopes: all — every record; unit — records of the actor's unit; own — the deputy's own
 * proposals; self — the actor's own account or messages; record — whoever may see the record
 * the action touches (attachments: the record's unit, or the offices).
 */
export type Scope = "all" | "unit" | "own" | "self" | "record";
type Rule = Partial<Record<Role, Scope>>;

const to = (roles: readonly Role[], scope: Scope): Rule => Object.fromEntries(roles.map((r) => [r, scope]));
const everyone = (scope: Scope): Rule => to(ROLES, scope);
const business = ["congress_office", "gov_office", "unit_staff", "unit_leader", "deputy"] as const satisfies readonly Role[];
const offices = ["congress_office", "gov_office"] as const satisfies readonly Role[];
const unitRoles = ["unit_staff", "unit_leader"] as const satisfies readonly Role[];

export const MATRIX = {
  // —— Reading ——
  "workbench.view": everyone("self"),
  "proposal.list": { ...to(offices, "all"), ...to(unitRoles, "unit"), deputy: "own" },
  "proposal.view": { ...to(offices, "all"), ...to(unitRoles, "unit"), deputy: "own" },
  "proposal.export": { ...to(offices, "all"), ...to(unitRoles, "unit") },
  "document.print": { ...to(offices, "all"), ...to(unitRoles, "unit"), deputy: "own" },
  // Every saved text of a draft: for the unit that wrote it only (docs/rules.md § "Documents").
  "document.versions": to(unitRoles, "unit"),
  "attachment.download": to(business, "record"),
  "supervision.view": to(offices, "all"),
  "supervision.export": to(offices, "all"),
  "notification.view": everyone("self"),

  // —— Registration and screening (人大代表工委), assignment (政府督查室) ——
  "proposal.register": { congress_office: "all" },
  "proposal.import": { congress_office: "all" },
  "proposal.mark": to(proposalEvents.mark.by, "all"),
  "proposal.withdraw": to(proposalEvents.withdraw.by, "all"),
  "proposal.assign": to(proposalEvents.assign.by, "all"),
  "session.fixedReplyDue": { gov_office: "all" },

  // —— Handling by the units ——
  "assignment.receive": to(assignmentEvents.receive.by, "unit"),
  "assignment.logContact": to(assignmentEvents.logContact.by, "unit"),
  "opinion.save": to(documentEvents.save.by, "unit"),
  "opinion.submit": to(documentEvents.submit.by, "unit"),
  "opinion.signOff": to(documentEvents.signOff.by, "unit"),
  "opinion.return": to(documentEvents.returnForRevision.by, "unit"),
  "reply.save": to(documentEvents.save.by, "unit"),
  "reply.submit": to(documentEvents.submit.by, "unit"),
  "reply.signOff": to(documentEvents.signOff.by, "unit"),
  "reply.return": to(documentEvents.returnForRevision.by, "unit"),
  "draft.importWord": to(documentEvents.save.by, "unit"),
  "request.adjustment": to(requestEvents.requestAdjustment.by, "unit"),
  "request.extension": to(requestEvents.requestExtension.by, "unit"),
  "request.decide": to(requestEvents.decideRequest.by, "all"),
  // 承诺事项: on the unit's own B reply; reports until each is done (docs/rules.md § "Commitments").
  "commitment.add": to(commitmentEvents.add.by, "unit"),
  "commitment.remove": to(commitmentEvents.remove.by, "unit"),
  "commitment.report": to([...new Set([...commitmentReportEvents.progress.by, ...commitmentReportEvents.done.by])], "unit"),
  "reply.rate": to(replyEvents.rate.by, "own"),
  "reply.publish": to(offices, "all"),
  "attachment.upload": { ...to(offices, "record"), ...to(unitRoles, "unit") },
  "attachment.delete": { ...to(offices, "record"), ...to(unitRoles, "unit") },
  "notification.markRead": everyone("self"),

  // —— One's own account ——
  "account.changePassword": everyone("self"),
  "account.twoFactor": everyone("self"),

  // —— 三员分立: system administrator (users, units, settings) ——
  "admin.view": { system_admin: "all" },
  "admin.session": { system_admin: "all" },
  "admin.unit": { system_admin: "all" },
  "admin.deputy": { system_admin: "all" },
  "admin.user": { system_admin: "all" },
  "admin.calendar": { system_admin: "all" },
  // —— security administrator (roles, lockouts, policies) ——
  "security.view": { security_admin: "all" },
  "security.role": { security_admin: "all" },
  "security.unlock": { security_admin: "all" },
  "security.approveAccount": { security_admin: "all" },
  "security.resetTwoFactor": { security_admin: "all" },
  "security.policy": { security_admin: "all" },
  // —— audit administrator (reads the audit log, nothing else) ——
  "audit.view": { audit_admin: "all" },
  "audit.verify": { audit_admin: "all" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof MATRIX;
export const ACTIONS = Object.keys(MATRIX) as Action[];

export function scopeOf(role: Role, action: Action): Scope | null {
  return (MATRIX[action] as Rule)[role] ?? null;
}

export function may(actor: Pick<Actor, "role">, action: Action) {
  return scopeOf(actor.role, action) != null;
}

/** Refuses the call unless the actor's role may perform the action; returns the scope it may act over. */
export function authorize(actor: Pick<Actor, "role">, action: Action): Scope {
  const scope = scopeOf(actor.role, action);
  if (!scope) throw new Forbidden();
  return scope;
}

/**
 * Every page and route handler, by file, with the action that opens it (null: public). The
 * matrix test fails for a file missing here, and the browser test opens each one as every role.
 */
export const ROUTES: Record<string, Action | null> = {
  "app/login/page.tsx": null,
  "app/bench/floor/page.tsx": null, // the benchmark's floor, served only with BANLI_BENCH=1
  "app/api/auth/[...nextauth]/route.ts": null,
  // The public portal: published material only, read without signing in (docs/rules.md § "Publication").
  "app/public/page.tsx": null,
  "app/public/search/page.tsx": null,
  "app/public/[session]/[number]/page.tsx": null,
  "app/public/feed.xml/route.ts": null,
  "app/(app)/page.tsx": "workbench.view",
  "app/(app)/proposals/page.tsx": "proposal.list",
  "app/(app)/proposals/[id]/page.tsx": "proposal.view",
  "app/(app)/proposals/new/page.tsx": "proposal.register",
  "app/(app)/proposals/import/page.tsx": "proposal.import",
  "app/(app)/documents/[kind]/[id]/print/page.tsx": "document.print",
  "app/(app)/documents/[kind]/[id]/versions/page.tsx": "document.versions",
  "app/(app)/supervision/page.tsx": "supervision.view",
  "app/(app)/supervision/list/page.tsx": "supervision.view",
  "app/(app)/supervision/key/page.tsx": "supervision.view",
  "app/(app)/notifications/page.tsx": "notification.view",
  "app/(app)/admin/page.tsx": "admin.view",
  "app/(app)/admin/[entity]/page.tsx": "admin.view",
  "app/(app)/admin/calendar/page.tsx": "admin.calendar",
  "app/(app)/security/page.tsx": "security.view",
  "app/(app)/audit/page.tsx": "audit.view",
  "app/account/password/page.tsx": "account.changePassword",
  "app/account/two-factor/page.tsx": "account.twoFactor",
  "app/api/attachments/[id]/route.ts": "attachment.download",
  "app/api/documents/[kind]/[id]/[format]/route.ts": "document.print",
  "app/api/export/proposals/route.ts": "proposal.export",
  "app/api/export/supervision/route.ts": "supervision.export",
  "app/api/import/template/route.ts": "proposal.import",
};

/** Where each role lands after sign-in. */
export function homeOf(role: Role) {
  if (role === "system_admin") return "/admin/users";
  if (role === "security_admin") return "/security";
  if (role === "audit_admin") return "/audit";
  return "/";
}
