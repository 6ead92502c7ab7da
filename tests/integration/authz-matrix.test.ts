import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { openDb, useDb } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ACTIONS, MATRIX, ROUTES, type Action } from "@/lib/authz";
import { ROLES, type Role } from "@/lib/workflow";

/**
 * Authorization everywhere: every route and every Server Action is listed against the
 * one matrix (lib/authz.ts), and every action's service is called as every role: it must consult
 * the matrix for exactly that action, and be refused exactly when the matrix says so. A new page,
 * route, Server Action or service function without a rule fails here.
 */
const calls: { action: Action; threw: boolean }[] = [];
vi.mock("@/lib/authz", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/authz")>();
  return {
    ...real,
    authorize: (actor: Actor, action: Action) => {
      try {
        const scope = real.authorize(actor, action);
        calls.push({ action, threw: false });
        return scope;
      } catch (e) {
        calls.push({ action, threw: true });
        throw e;
      }
    },
  };
});

const ROOT = path.resolve(import.meta.dirname, "../..");
const walk = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    return e.isDirectory() ? walk(rel) : [rel];
  });
const source = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");

// Every module whose exports take an actor: services, and the queries pages and routes read through.
const MODULES = {
  "lib/services/proposals": () => import("@/lib/services/proposals"),
  "lib/services/assignments": () => import("@/lib/services/assignments"),
  "lib/services/documents": () => import("@/lib/services/documents"),
  "lib/services/ratings": () => import("@/lib/services/ratings"),
  "lib/services/commitments": () => import("@/lib/services/commitments"),
  "lib/services/publication": () => import("@/lib/services/publication"),
  "lib/services/requests": () => import("@/lib/services/requests"),
  "lib/services/sessions": () => import("@/lib/services/sessions"),
  "lib/services/attachments": () => import("@/lib/services/attachments"),
  "lib/services/import": () => import("@/lib/services/import"),
  "lib/services/notifications": () => import("@/lib/services/notifications"),
  "lib/services/calendar": () => import("@/lib/services/calendar"),
  "lib/services/admin": () => import("@/lib/services/admin"),
  "lib/services/security": () => import("@/lib/services/security"),
  "lib/services/account": () => import("@/lib/services/account"),
  "lib/services/audit": () => import("@/lib/services/audit"),
  "lib/services/word": () => import("@/lib/services/word"),
  "lib/exports": () => import("@/lib/exports"),
  "db/queries/proposals": () => import("@/db/queries/proposals"),
  "db/queries/supervision": () => import("@/db/queries/supervision"),
  "db/queries/commitments": () => import("@/db/queries/commitments"),
  "db/queries/letters": () => import("@/db/queries/letters"),
  "db/queries/versions": () => import("@/db/queries/versions"),
  "db/queries/similar": () => import("@/db/queries/similar"),
  "db/queries/attachments": () => import("@/db/queries/attachments"),
  "db/queries/admin": () => import("@/db/queries/admin"),
  "db/queries/security": () => import("@/db/queries/security"),
  "db/queries/notifications": () => import("@/db/queries/notifications"),
  "db/queries/workbench": () => import("@/db/queries/workbench"),
} as const;

/**
 * Each function that takes an actor, with the action it performs. Arguments are deliberately
 * empty: authorization comes before anything else, so a refused role never reaches parsing.
 */
type Call = { fn: string; action: Action; call: (f: (...a: unknown[]) => unknown, actor: Actor) => unknown };
const c = (fn: string, action: Action, call: Call["call"] = (f, a) => f(a, {})): Call => ({ fn, action, call });
const CALLS: Record<keyof typeof MODULES, Call[]> = {
  "lib/services/proposals": [c("registerProposal", "proposal.register"), c("markProposal", "proposal.mark"), c("withdrawProposal", "proposal.withdraw"), c("assignProposal", "proposal.assign")],
  "lib/services/assignments": [c("receiveAssignment", "assignment.receive"), c("logContact", "assignment.logContact")],
  "lib/services/documents": [
    c("saveOpinionDraft", "opinion.save"),
    c("submitOpinion", "opinion.submit"),
    c("signOffOpinion", "opinion.signOff"),
    c("returnOpinion", "opinion.return"),
    c("saveReplyDraft", "reply.save"),
    c("submitReply", "reply.submit"),
    c("signOffReply", "reply.signOff"),
    c("returnReply", "reply.return"),
  ],
  "lib/services/ratings": [c("rateReply", "reply.rate")],
  "lib/services/commitments": [c("addCommitment", "commitment.add"), c("removeCommitment", "commitment.remove"), c("reportCommitment", "commitment.report")],
  "lib/services/publication": [c("publishReply", "reply.publish")],
  "lib/services/requests": [c("requestAdjustment", "request.adjustment"), c("requestExtension", "request.extension"), c("decideRequest", "request.decide")],
  "lib/services/sessions": [c("setFixedReplyDue", "session.fixedReplyDue")],
  "lib/services/attachments": [c("uploadAttachment", "attachment.upload", (f, a) => f(a, {}, null)), c("deleteAttachment", "attachment.delete")],
  "lib/services/import": [c("previewImport", "proposal.import", (f, a) => f(a, 1, new Uint8Array())), c("importProposals", "proposal.import", (f, a) => f(a, 1, new Uint8Array()))],
  "lib/services/notifications": [c("markNotificationsRead", "notification.markRead")],
  "lib/services/calendar": [c("saveCalendarDay", "admin.calendar"), c("removeCalendarDay", "admin.calendar")],
  "lib/services/admin": [c("saveSession", "admin.session"), c("saveUnit", "admin.unit"), c("saveDeputy", "admin.deputy"), c("saveUser", "admin.user")],
  "lib/services/security": [c("setRole", "security.role"), c("unlockAccount", "security.unlock"), c("decideAccountChange", "security.approveAccount"), c("resetTwoFactor", "security.resetTwoFactor"), c("savePolicy", "security.policy")],
  "lib/services/account": [c("changePassword", "account.changePassword", (f, a) => f(a, {}, "sid")), c("enrolTwoFactor", "account.twoFactor"), c("disableTwoFactor", "account.twoFactor")],
  "lib/services/audit": [c("listAudit", "audit.view"), c("verifyAuditLog", "audit.verify", (f, a) => f(a))],
  "lib/services/word": [c("importWordDraft", "draft.importWord", (f, a) => f(a, new Uint8Array()))],
  "lib/exports": [
    c("proposalsWorkbook", "proposal.export", (f, a) => f(a, new URLSearchParams())),
    c("supervisionWorkbook", "supervision.export", (f, a) => f(a, 999999)),
    c("supervisionListWorkbook", "supervision.export", (f, a) => f(a, 999999, null, "overdue")),
    c("keyProposalsWorkbook", "supervision.export", (f, a) => f(a, 999999)),
  ],
  "db/queries/proposals": [c("listProposals", "proposal.list"), c("getProposalDetail", "proposal.view", (f, a) => f(a, 999999))],
  "db/queries/supervision": [
    c("supervisionSessions", "supervision.view", (f, a) => f(a)),
    c("supervisionReport", "supervision.view", (f, a) => f(a, { sessionId: 999999, today: "2026-11-27" })),
    c("supervisionList", "supervision.view", (f, a) => f(a, { sessionId: 999999, measure: "overdue", today: "2026-11-27" })),
    c("keyProposals", "supervision.view", (f, a) => f(a, { sessionId: 999999, today: "2026-11-27" })),
  ],
  "db/queries/commitments": [c("proposalCommitments", "proposal.view", (f, a) => f(a, 999999))],
  "db/queries/letters": [c("letterFor", "document.print", (f, a) => f(a, "opinion", 999999))],
  "db/queries/versions": [c("draftVersions", "document.versions", (f, a) => f(a, "reply", 999999))],
  "db/queries/similar": [c("similarProposals", "proposal.mark", (f, a) => f(a, 999999))],
  "db/queries/attachments": [c("attachmentForDownload", "attachment.download", (f, a) => f(a, 999999))],
  "db/queries/admin": [c("adminLists", "admin.view", (f, a) => f(a))],
  "db/queries/security": [c("securityOverview", "security.view", (f, a) => f(a))],
  "db/queries/notifications": [c("myNotifications", "notification.view", (f, a) => f(a))],
  "db/queries/workbench": [],
};

/**
 * Actions opened only by a page (no service of their own): the route test in the browser
 * (e2e/12-authorization.spec.ts) opens each of those pages as every role.
 */
const PAGE_ONLY: Action[] = ["workbench.view"];

/**
 * Exports that take an actor but are no action of their own: readers that only ever return the
 * actor's own rows (their unit's desk, their messages) on a page whose action is checked first.
 */
const NOT_ACTIONS: Partial<Record<keyof typeof MODULES, string[]>> = {
  "db/queries/attachments": ["attachmentsOf"], // on the proposal page (proposal.view), filtered by viewerOf
  "db/queries/notifications": ["unreadCount"], // the actor's own count, in the header
  "db/queries/workbench": ["awaitingMyRating", "pendingRequests", "unitDesk"], // the workbench (workbench.view), own rows only
};

let db: ReturnType<typeof openDb>;
const actors = {} as Record<Role, Actor>;
beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "authz-matrix-test-secret";
  db = openDb(":memory:");
  useDb(db);
  const unit = db.insert(t.units).values({ name: "市经信局", shortName: "慈经信" }).returning().get();
  const deputy = db.insert(t.deputies).values({ name: "胡国锋", deputation: "古塘街道代表团" }).returning().get();
  for (const role of ROLES) {
    const unitId = role === "unit_staff" || role === "unit_leader" ? unit.id : null;
    const deputyId = role === "deputy" ? deputy.id : null;
    const row = db.insert(t.users).values({ username: role, displayName: role, passwordHash: "x", role, unitId, deputyId }).returning().get();
    actors[role] = { id: row.id, role, unitId, deputyId, displayName: role };
  }
});
afterAll(() => db.$client.close());

describe("the authorization matrix", () => {
  it("lists every page and route handler in app/", () => {
    const files = walk("app").filter((f) => /\/(page\.tsx|route\.ts)$/.test(f)).sort();
    expect(files).toEqual(Object.keys(ROUTES).sort());
    for (const action of Object.values(ROUTES)) if (action) expect(ACTIONS).toContain(action);
    // Every route handler goes through the door (lib/route.ts) with the action listed here.
    for (const f of files.filter((f) => f.endsWith("route.ts") && ROUTES[f])) {
      const bound = /export const GET = routeHandler(?:<[^>]*>)?\(\s*\{\s*action:\s*"([\w.]+)"/.exec(source(f));
      expect(bound?.[1], `${f} must export GET = routeHandler({ action: "${ROUTES[f]}", … })`).toBe(ROUTES[f]);
    }
    console.log(`authorization matrix: ${files.length} routes (pages and route handlers), each with its action`);
  });

  it("binds every Server Action to an action of the matrix", () => {
    const files = [...walk("app"), ...walk("components"), ...walk("lib")].filter(
      (f) => /\.(ts|tsx)$/.test(f) && /^\s*["']use server["']/.test(source(f)),
    );
    expect(files.length).toBeGreaterThan(0);
    let count = 0;
    for (const f of files) {
      const text = source(f);
      const exported = [...text.matchAll(/^export\s+(?:async\s+)?(?:const|function|let)\s+(\w+)/gm)].map((m) => m[1]);
      for (const name of exported) {
        const bound = new RegExp(`^export const ${name} = (?:formAction|guardedAction)(?:<[^>]*>)?\\(\\s*"([\\w.]+)"`, "m").exec(text);
        expect(bound, `${f}: ${name} must be formAction("action", …) or guardedAction("action", …)`).not.toBeNull();
        expect(ACTIONS, `${f}: ${name}`).toContain(bound![1]);
        count++;
      }
    }
    console.log(`authorization matrix: ${count} Server Actions in ${files.length} files, each bound to an action`);
  });

  it("knows every exported function that takes an actor, and every action has a service or a page", async () => {
    for (const [mod, load] of Object.entries(MODULES) as [keyof typeof MODULES, () => Promise<Record<string, unknown>>][]) {
      const exports = await load();
      const takesActor = Object.entries(exports)
        .filter(([, v]) => typeof v === "function" && /^(?:async\s*)?(?:function\s*\w*)?\s*\(\s*actor\b/.test(String(v)))
        .map(([k]) => k)
        .sort();
      const known = [...CALLS[mod].map((x) => x.fn), ...(NOT_ACTIONS[mod] ?? [])].sort();
      expect(takesActor, mod).toEqual([...new Set(known)].sort());
    }
    const covered = new Set([...Object.values(CALLS).flat().map((x) => x.action), ...PAGE_ONLY]);
    expect([...covered].sort()).toEqual([...ACTIONS].sort());
    for (const a of PAGE_ONLY) expect(Object.values(ROUTES)).toContain(a);
  });

  const cases = (Object.entries(CALLS) as [keyof typeof MODULES, Call[]][]).flatMap(([mod, list]) =>
    list.flatMap((x) => ROLES.map((role) => ({ mod, ...x, role, allowed: (MATRIX[x.action] as Partial<Record<Role, string>>)[role] != null }))),
  );
  it(`calls ${cases.length} service × role combinations`, () => {
    console.log(`authorization matrix: ${ACTIONS.length} actions × ${ROLES.length} roles; ${cases.length} service calls checked`);
    expect(cases.length).toBeGreaterThan(ACTIONS.length * ROLES.length - PAGE_ONLY.length * ROLES.length - 1);
  });

  it.each(cases)("$mod.$fn as $role: $allowed", async ({ mod, fn, action, call, role, allowed }) => {
    const f = (await MODULES[mod]())[fn as never] as (...a: unknown[]) => unknown;
    calls.length = 0;
    let error: unknown = null;
    try {
      await call(f, actors[role]);
    } catch (e) {
      error = e;
    }
    // The first authorization the call makes is for its own action, and its outcome is the matrix's.
    expect(calls[0], `${fn} must call authorize(actor, "${action}") first`).toEqual({ action, threw: !allowed });
    if (!allowed) expect((error as Error)?.message).toBe("您无权进行此项操作。");
  });
});
