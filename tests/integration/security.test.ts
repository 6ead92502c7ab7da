import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// TOTP secrets are sealed with a key derived from the server secret: set it before anything reads it.
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = "test-secret-security-suite";
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import { authOptions } from "@/auth";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { pendingOf } from "@/lib/auth/pending";
import { LOCKOUT, lockedUntil } from "@/lib/auth/lockout";
import { checkSession, startSession } from "@/lib/auth/sessions";
import { codeAt, newSecret, openSecret, sealSecret } from "@/lib/auth/totp";
import { GENESIS, audit, auditIn, hashOf, pruneAudit, verifyAudit } from "@/lib/audit";
import { ACTIONS, MATRIX, scopeOf, type Action } from "@/lib/authz";
import { now, setNow } from "@/lib/clock";
import { withRequest } from "@/lib/request-context";
import { resetRateLimits } from "@/lib/rate-limit";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { POLICY, POLICY_KEYS, readPolicy, type Policy } from "@/lib/security-settings";
import { changePassword, disableTwoFactor, enrolTwoFactor } from "@/lib/services/account";
import { saveDeputy, saveSession, saveUnit, saveUser } from "@/lib/services/admin";
import { listAudit, verifyAuditLog } from "@/lib/services/audit";
import { saveCalendarDay } from "@/lib/services/calendar";
import { markNotificationsRead } from "@/lib/services/notifications";
import { registerProposal } from "@/lib/services/proposals";
import { decideAccountChange, resetTwoFactor, savePolicy, setRole, unlockAccount } from "@/lib/services/security";
import { setFixedReplyDue } from "@/lib/services/sessions";
import { ADMIN_ROLES, ROLES, type Role } from "@/lib/workflow";
import { addActor } from "../fixtures";

/*
 * 等保 level 3 rules, each held by a test that fails without it: server-side sessions (idle and
 * absolute timeouts, ended on account changes), forced and expiring passwords, TOTP for
 * administrators (sealed, replay-proof, counted toward the lockout), the sign-in lockout, the
 * append-only hash-chained audit log, and 三员分立. Sign-in goes through the real next-auth
 * Credentials `authorize`. Fresh migrated database per test.
 */

// ---------------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------------

const PASSWORD = "Banli#Test2026x";
const NEW_PASSWORD = "Quite-New#Pass42";
const IP = "10.1.2.3";
const UA = "vitest-security-suite";
const REQ = { headers: { "x-forwarded-for": IP, "user-agent": UA } };

/** A whole minute (and so the start of a 30-second TOTP step). */
const T0 = new Date("2026-03-02T10:00:00+08:00");
const plus = (ms: number, from = T0) => new Date(from.getTime() + ms);
const min = (m: number, from = T0) => plus(m * 60_000, from);
const sec = (s: number, from = T0) => plus(s * 1000, from);
const days = (d: number, from = T0) => plus(d * 86_400_000, from);
const monthsBefore = (n: number, from = T0) => {
  const d = new Date(from);
  d.setMonth(d.getMonth() - n);
  return d;
};

let HASH: string;
beforeAll(async () => {
  HASH = await hashPassword(PASSWORD);
});

function makeFixture(db: Db = openDb(":memory:")) {
  useDb(db);
  const session = db.insert(t.congressSessions).values({ term: 18, meeting: 2, name: "市十八届人大二次会议", openedOn: "2026-02-24" }).returning().get();
  const unitId = db.insert(t.units).values({ name: "市经信局", shortName: "慈经信" }).returning().get().id;
  const deputyId = db.insert(t.deputies).values({ name: "胡国锋", deputation: "古塘街道代表团", phone: "13800000000" }).returning().get().id;
  const user = (username: string, displayName: string, role: Role, unitId: number | null = null, deputyId: number | null = null) =>
    addActor(db, username, displayName, role, { unitId, deputyId, passwordHash: HASH, passwordChangedAt: T0 });
  const actors = {
    system_admin: user("sysadmin", "系统管理员", "system_admin"),
    security_admin: user("secadmin", "安全管理员", "security_admin"),
    audit_admin: user("auditor", "安全审计员", "audit_admin"),
    congress_office: user("rdgw", "王丽萍", "congress_office"),
    gov_office: user("dcs", "陈建国", "gov_office"),
    unit_staff: user("jxj_staff", "经信局承办人", "unit_staff", unitId),
    unit_leader: user("jxj_leader", "经信局分管领导", "unit_leader", unitId),
    deputy: user("hu", "胡国锋", "deputy", null, deputyId),
  } satisfies Record<Role, Actor>;
  return { db, session, unitId, deputyId, ...actors, as: actors };
}

let fx: ReturnType<typeof makeFixture>;
const dirs: string[] = [];

/**
 * Moves both clocks: the application's (lib/clock.ts) and the real one, which an authenticator
 * app follows and which TOTP checks may read directly.
 */
function clock(at: Date) {
  setNow(at);
  vi.setSystemTime(at);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  clock(T0);
  // Sign-in attempts per address are limited in this process's memory: each test starts afresh.
  resetRateLimits();
  fx = makeFixture();
});

afterEach(() => {
  setNow(null);
  vi.useRealTimers();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const userRow = (id: number, db: Db = fx.db) => db.select().from(t.users).where(eq(t.users.id, id)).get()!;
const sessionRow = (id: string) => fx.db.select().from(t.authSessions).where(eq(t.authSessions.id, id)).get()!;
const auditRows = (db: Db = fx.db) => db.select().from(t.auditLog).orderBy(asc(t.auditLog.id)).all();
const historyRows = () => fx.db.select().from(t.history).all();
const defaults = () => Object.fromEntries(POLICY_KEYS.map((k) => [k, POLICY[k].default])) as Policy;

/** Every row of every table, to show a refused call wrote nothing at all. */
function snapshot(db: Db = fx.db) {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`SELECT * FROM "${name}"`).all()]));
}

/** The Credentials provider's own authorize, as next-auth calls it. */
type Authorize = (credentials: Record<string, string> | undefined, req: unknown) => Promise<{ id: string; name: string; sid: string } | null>;
const authorizeFn = () => (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const signIn = (username: string, password: string, code?: string) =>
  authorizeFn()({ username, password, ...(code == null ? {} : { code }) }, REQ);
/** The error message a sign-in throws, or the outcome when it does not throw. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    const r = await p;
    return r == null ? "null" : "ok";
  } catch (e) {
    return (e as Error).message;
  }
}

/** Enrols an authenticator for the account directly (the enrolment service is tested on its own). */
function giveAuthenticator(userId: number) {
  const secret = newSecret();
  fx.db
    .update(t.users)
    .set({ totpSecret: sealSecret(secret), totpLastStep: null })
    .where(eq(t.users.id, userId))
    .run();
  return secret;
}

/** A six-digit code the authenticator does not show anywhere near `at` (one step either way). */
function wrongCode(secret: string, at: Date) {
  const near = new Set([-30, 0, 30].map((s) => codeAt(secret, sec(s, at))));
  return ["000000", "111111", "222222", "333333"].find((c) => !near.has(c))!;
}

async function expectRefused(fn: () => unknown, kind: typeof Forbidden | typeof Invalid = Forbidden) {
  await expect((async () => fn())()).rejects.toBeInstanceOf(kind);
}

// ---------------------------------------------------------------------------------------------
// 1. Sessions
// ---------------------------------------------------------------------------------------------

describe("sessions: idle and absolute timeouts, ended by account changes", () => {
  it("the default policy is 30 minutes idle and 12 hours absolute", () => {
    const p = readPolicy(fx.db);
    expect(p.idleMinutes).toBe(30);
    expect(p.absoluteHours).toBe(12);
  });

  it("a session is live after 29 minutes without activity and ends as idle after 31", () => {
    const policy = readPolicy(fx.db);
    const a = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const b = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    expect(checkSession(fx.db, a, min(29), policy)).toEqual({ ok: true, userId: fx.unit_staff.id });
    expect(checkSession(fx.db, b, min(31), policy)).toEqual({ ok: false, reason: "idle" });
    expect(sessionRow(b)).toMatchObject({ endedAt: min(31), endReason: "idle" });
    // Once ended, it stays ended, even if the next request comes soon after.
    expect(checkSession(fx.db, b, min(31.5), policy)).toEqual({ ok: false, reason: "idle" });
  });

  it("a session used every 10 minutes still ends as expired after 12 hours", () => {
    const policy = readPolicy(fx.db);
    const s = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    for (let m = 10; m <= 12 * 60; m += 10) expect(checkSession(fx.db, s, min(m), policy).ok, `at +${m} min`).toBe(true);
    expect(checkSession(fx.db, s, min(12 * 60 + 10), policy)).toEqual({ ok: false, reason: "expired" });
    expect(sessionRow(s).endReason).toBe("expired");
  });

  it("last-seen is written at most once a minute", () => {
    const policy = readPolicy(fx.db);
    const s = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    checkSession(fx.db, s, sec(30), policy);
    checkSession(fx.db, s, sec(59), policy);
    expect(sessionRow(s).lastSeenAt).toEqual(T0);
    checkSession(fx.db, s, sec(60), policy);
    expect(sessionRow(s).lastSeenAt).toEqual(sec(60));
    checkSession(fx.db, s, sec(100), policy);
    expect(sessionRow(s).lastSeenAt).toEqual(sec(60));
    // The touch is what keeps the session alive: 29 minutes after the last touch it is live.
    expect(checkSession(fx.db, s, min(29, sec(60)), policy).ok).toBe(true);
  });

  it("a changed policy applies to sessions already running (idle 10 minutes, absolute 1 hour)", () => {
    const idleA = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const idleB = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const longOne = startSession(fx.db, fx.unit_leader.id, T0, IP, UA);
    expect(checkSession(fx.db, idleA, min(11), readPolicy(fx.db)).ok).toBe(true);
    expect(checkSession(fx.db, longOne, min(25), readPolicy(fx.db)).ok).toBe(true);
    expect(checkSession(fx.db, longOne, min(50), readPolicy(fx.db)).ok).toBe(true);
    savePolicy(fx.security_admin, { ...defaults(), idleMinutes: 10, absoluteHours: 1 });
    expect(readPolicy(fx.db)).toMatchObject({ idleMinutes: 10, absoluteHours: 1 });
    expect(checkSession(fx.db, idleB, min(11), readPolicy(fx.db))).toEqual({ ok: false, reason: "idle" });
    expect(checkSession(fx.db, longOne, min(61), readPolicy(fx.db))).toEqual({ ok: false, reason: "expired" });
  });

  it("changing one's password ends the account's other sessions and keeps the current one", async () => {
    const current = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const other = startSession(fx.db, fx.unit_staff.id, T0, "10.9.9.9", UA);
    const someoneElse = startSession(fx.db, fx.unit_leader.id, T0, IP, UA);
    clock(min(5));
    await changePassword(fx.unit_staff, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, current);
    expect(sessionRow(other)).toMatchObject({ endedAt: min(5), endReason: "password_changed" });
    expect(sessionRow(current).endedAt).toBeNull();
    expect(sessionRow(someoneElse).endedAt).toBeNull();
    const policy = readPolicy(fx.db);
    expect(checkSession(fx.db, other, min(6), policy)).toEqual({ ok: false, reason: "password_changed" });
    expect(checkSession(fx.db, current, min(6), policy).ok).toBe(true);
  });

  it("disabling an account (system administrator, saveUser) ends its sessions; editing its name does not", async () => {
    const s = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const base = { id: fx.unit_staff.id, username: "jxj_staff", role: "unit_staff", unitId: fx.unitId };
    await saveUser(fx.system_admin, { ...base, displayName: "经信局承办人甲", active: "on" });
    expect(sessionRow(s).endedAt).toBeNull();
    clock(min(2));
    await saveUser(fx.system_admin, { ...base, displayName: "经信局承办人甲" }); // the box left unticked: disabled
    expect(userRow(fx.unit_staff.id).active).toBe(false);
    expect(sessionRow(s)).toMatchObject({ endedAt: min(2), endReason: "disabled" });
  });

  it("a new password set by the system administrator ends the account's sessions", async () => {
    const s = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    await saveUser(fx.system_admin, {
      id: fx.unit_staff.id, username: "jxj_staff", displayName: "经信局承办人", role: "unit_staff", unitId: fx.unitId, active: "on", password: "Reset#Pass2026",
    });
    expect(sessionRow(s).endReason).toBe("password_changed");
  });

  it("a role change by the security administrator (setRole) ends the account's sessions", () => {
    const s = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const keep = startSession(fx.db, fx.unit_leader.id, T0, IP, UA);
    setRole(fx.security_admin, { userId: fx.unit_staff.id, role: "unit_leader", unitId: fx.unitId });
    expect(sessionRow(s).endReason).toBe("role_changed");
    expect(sessionRow(keep).endedAt).toBeNull();
  });

  it("resetting two-factor (security administrator) ends the account's sessions", () => {
    giveAuthenticator(fx.system_admin.id);
    const s = startSession(fx.db, fx.system_admin.id, T0, IP, UA);
    resetTwoFactor(fx.security_admin, { userId: fx.system_admin.id });
    expect(sessionRow(s).endReason).toBe("totp_reset");
    expect(userRow(fx.system_admin.id).totpSecret).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Passwords
// ---------------------------------------------------------------------------------------------

describe("passwords: forced change, maximum age, change rules", () => {
  it("an account the system administrator creates must change its password first; after the change nothing is pending", async () => {
    const initial = "Initial#Pass2026";
    const { id } = await saveUser(fx.system_admin, {
      username: "jxj_new", displayName: "新承办人", role: "unit_staff", unitId: fx.unitId, password: initial, active: "on",
    });
    const created = userRow(id);
    expect(created.mustChangePassword).toBe(true);
    expect(pendingOf(created, readPolicy(fx.db), T0)).toBe("password");

    const actor: Actor = { id, role: "unit_staff", unitId: fx.unitId, deputyId: null, displayName: "新承办人" };
    const sid = startSession(fx.db, id, T0, IP, UA);
    clock(min(1));
    await changePassword(actor, { current: initial, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, sid);
    const changed = userRow(id);
    expect(changed.mustChangePassword).toBe(false);
    expect(changed.passwordChangedAt).toEqual(min(1));
    expect(await verifyPassword(changed.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(pendingOf(changed, readPolicy(fx.db), min(1))).toBeNull();
  });

  it("a password older than 180 days must be changed; a 365-day policy lets it run on", () => {
    fx.db.update(t.users).set({ passwordChangedAt: days(-181) }).where(eq(t.users.id, fx.unit_staff.id)).run();
    expect(pendingOf(userRow(fx.unit_staff.id), readPolicy(fx.db), T0)).toBe("password_expired");
    fx.db.update(t.users).set({ passwordChangedAt: days(-179) }).where(eq(t.users.id, fx.unit_staff.id)).run();
    expect(pendingOf(userRow(fx.unit_staff.id), readPolicy(fx.db), T0)).toBeNull();

    fx.db.update(t.users).set({ passwordChangedAt: days(-181) }).where(eq(t.users.id, fx.unit_staff.id)).run();
    savePolicy(fx.security_admin, { ...defaults(), passwordMaxAgeDays: 365 });
    expect(pendingOf(userRow(fx.unit_staff.id), readPolicy(fx.db), T0)).toBeNull();
  });

  it.each([
    ["a wrong current password", { current: "Wrong#Pass2026", next: NEW_PASSWORD, confirm: NEW_PASSWORD }, "current"],
    ["a too short new password", { current: PASSWORD, next: "Ab#1short", confirm: "Ab#1short" }, "next"],
    ["a new password of fewer than three character classes", { current: PASSWORD, next: "onlylowercaseletters", confirm: "onlylowercaseletters" }, "next"],
    ["a new password containing the user name", { current: PASSWORD, next: "Jxj_Staff#2026", confirm: "Jxj_Staff#2026" }, "next"],
    ["a common new password", { current: PASSWORD, next: "P@ssw0rd123", confirm: "P@ssw0rd123" }, "next"],
    ["the same password again", { current: PASSWORD, next: PASSWORD, confirm: PASSWORD }, "next"],
    ["a confirmation that does not match", { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD + "x" }, "confirm"],
  ])("changePassword refuses %s as Invalid on that field, writing nothing", async (_name, input, field) => {
    const sid = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const before = snapshot();
    const error = await changePassword(fx.unit_staff, input, sid).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fieldErrors)).toContain(field);
    // A wrong current password is a failed attempt, counted like a failed sign-in; nothing else is written.
    const after = snapshot();
    expect(after.login_failures.length).toBe(before.login_failures.length + (field === "current" ? 1 : 0));
    expect({ ...after, login_failures: [] }).toEqual({ ...before, login_failures: [] });
  });

  it("wrong current passwords lock the account like failed sign-ins: the fifth locks, then even the right one is refused, and so is sign-in", async () => {
    const sid = startSession(fx.db, fx.unit_staff.id, T0, IP, UA);
    const wrong = { current: "Wrong#Pass2026", next: NEW_PASSWORD, confirm: NEW_PASSWORD };
    const messages: string[] = [];
    // From the address the session signed in from (Server Actions run inside withRequest).
    const fromOffice = <T,>(fn: () => Promise<T>) => withRequest({ ip: IP, userAgent: UA }, fn);
    for (let i = 0; i < LOCKOUT.failures; i++) messages.push(await fromOffice(() => changePassword(fx.unit_staff, wrong, sid)).then(() => "changed", (e: Error) => e.message));
    expect(messages.slice(0, -1)).toEqual(Array(LOCKOUT.failures - 1).fill("当前密码不正确。"));
    expect(messages.at(-1)).toMatch(/^当前密码连续输错5次，账号已锁定至 /);
    const right = await fromOffice(() => changePassword(fx.unit_staff, { current: PASSWORD, next: NEW_PASSWORD, confirm: NEW_PASSWORD }, sid)).then(() => "changed", (e: Error) => e.message);
    expect(right).toMatch(/^当前密码输错次数过多，账号已锁定至 /);
    expect(lockedUntil(fx.db, "jxj_staff", IP, now())).not.toBeNull();
    expect(await outcome(signIn("jxj_staff", PASSWORD))).toBe("LOCKED");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. TOTP
// ---------------------------------------------------------------------------------------------

describe("two-factor sign-in (TOTP)", () => {
  it("administrator accounts without an authenticator must enrol one; business accounts need not", () => {
    const policy = readPolicy(fx.db);
    for (const role of ROLES) {
      const pending = pendingOf(userRow(fx.as[role].id), policy, T0);
      expect(pending, role).toBe((ADMIN_ROLES as readonly Role[]).includes(role) ? "totp" : null);
    }
    giveAuthenticator(fx.audit_admin.id);
    expect(pendingOf(userRow(fx.audit_admin.id), policy, T0)).toBeNull();
  });

  it("enrolment needs a current code and stores the secret sealed, never in plain text", () => {
    const secret = newSecret();
    const sealed = sealSecret(secret);
    const before = snapshot();
    expect(() => enrolTwoFactor(fx.system_admin, { sealed, code: wrongCode(secret, T0) })).toThrow(Invalid);
    expect(snapshot()).toEqual(before);

    enrolTwoFactor(fx.system_admin, { sealed, code: codeAt(secret, T0) });
    const stored = userRow(fx.system_admin.id).totpSecret!;
    expect(stored).toBeTruthy();
    expect(stored).not.toContain(secret);
    expect(stored.startsWith("v1.")).toBe(true);
    expect(openSecret(stored)).toBe(secret);
    expect(pendingOf(userRow(fx.system_admin.id), readPolicy(fx.db), T0)).toBeNull();
  });

  it("the sealed secret cannot be opened with another server secret", () => {
    const stored = sealSecret(newSecret());
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "some-other-server";
    try {
      expect(() => openSecret(stored)).toThrow();
    } finally {
      process.env.NEXTAUTH_SECRET = saved;
    }
  });

  it("sign-in with the right password but no code is refused with TOTP_REQUIRED", async () => {
    giveAuthenticator(fx.system_admin.id);
    await expect(signIn("sysadmin", PASSWORD)).rejects.toThrow("TOTP_REQUIRED");
    expect(fx.db.select().from(t.authSessions).all()).toHaveLength(0);
  });

  it("a wrong code is refused with TOTP_INVALID and counts as a failure: the fifth locks the name", async () => {
    const secret = giveAuthenticator(fx.system_admin.id);
    for (let i = 0; i < 4; i++) {
      clock(min(i));
      await expect(signIn("sysadmin", PASSWORD, wrongCode(secret, min(i)))).rejects.toThrow("TOTP_INVALID");
    }
    clock(min(4));
    await expect(signIn("sysadmin", PASSWORD, wrongCode(secret, min(4)))).rejects.toThrow("LOCKED");
    clock(min(5));
    await expect(signIn("sysadmin", PASSWORD, codeAt(secret, min(5)))).rejects.toThrow("LOCKED");
    expect(fx.db.select().from(t.authSessions).all()).toHaveLength(0);
  });

  it("the right code signs in; the same code again (same time step, or the next) is refused as a replay", async () => {
    const secret = giveAuthenticator(fx.system_admin.id);
    const code = codeAt(secret, T0);
    const user = await signIn("sysadmin", PASSWORD, code);
    expect(user).toMatchObject({ id: String(fx.system_admin.id), name: "系统管理员" });
    expect(sessionRow(user!.sid)).toMatchObject({ userId: fx.system_admin.id, ip: IP, endedAt: null });
    expect(userRow(fx.system_admin.id).totpLastStep).toBe(Math.floor(T0.getTime() / 30_000));

    clock(sec(10));
    await expect(signIn("sysadmin", PASSWORD, code)).rejects.toThrow("TOTP_INVALID");
    clock(sec(35)); // next step: the old code is still within the drift window, and still refused
    await expect(signIn("sysadmin", PASSWORD, code)).rejects.toThrow("TOTP_INVALID");
    expect(await signIn("sysadmin", PASSWORD, codeAt(secret, sec(35)))).toMatchObject({ id: String(fx.system_admin.id) });
  });

  it("the code used to enrol cannot then be used to sign in", async () => {
    const secret = newSecret();
    const code = codeAt(secret, T0);
    enrolTwoFactor(fx.security_admin, { sealed: sealSecret(secret), code });
    clock(sec(5));
    await expect(signIn("secadmin", PASSWORD, code)).rejects.toThrow("TOTP_INVALID");
  });

  it("administrators cannot turn two-factor off; a business account can", () => {
    const adminSecret = giveAuthenticator(fx.system_admin.id);
    const before = snapshot();
    expect(() => disableTwoFactor(fx.system_admin, { code: codeAt(adminSecret, T0) })).toThrow(Invalid);
    expect(snapshot()).toEqual(before);

    const staffSecret = giveAuthenticator(fx.unit_staff.id);
    disableTwoFactor(fx.unit_staff, { code: codeAt(staffSecret, T0) });
    expect(userRow(fx.unit_staff.id).totpSecret).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Lockout
// ---------------------------------------------------------------------------------------------

/** A sign-in from its own address (each burst request from another one, so only the per-name guard applies). */
const signInFrom = (ip: string, username: string, password: string, code?: string) =>
  authorizeFn()({ username, password, ...(code == null ? {} : { code }) }, { headers: { "x-forwarded-for": ip, "user-agent": UA } });
const auditCount = (action: string, objectId: string) =>
  fx.db.$client.prepare("select count(*) as n from audit_log where action = ? and object_id = ?").get(action, objectId) as { n: number };

describe("sign-in bursts", () => {
  it("200 wrong passwords sent at once check at most 5; the right one in the burst is refused; the name ends locked for that address", async () => {
    const attacker = "203.0.113.9";
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => outcome(signInFrom(attacker, "jxj_staff", i === 10 ? PASSWORD : "Wrong#Pass2026"))));
    expect(auditCount("login.failed", "jxj_staff").n).toBe(LOCKOUT.failures);
    expect(results[10]).toBe("LOCKED");
    // Past the per-address limit of sign-in attempts the rest are refused before the lockout is even asked.
    expect(new Set(results.slice(5))).toEqual(new Set(["LOCKED", "RATE_LIMITED"]));
    expect(fx.db.select().from(t.authSessions).all()).toHaveLength(0);
    expect(lockedUntil(fx.db, "jxj_staff", attacker, now())).not.toBeNull();
  });

  it("the same burst from 200 addresses checks at most 20 (spraying); the owner then waits a minute, not 15, and is never locked out", async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => outcome(signInFrom(`10.9.${i >> 8}.${i & 255}`, "jxj_staff", "Wrong#Pass2026"))));
    expect(auditCount("login.failed", "jxj_staff").n).toBe(LOCKOUT.sprayFailures);
    expect(results.filter((r) => r === "SLOWED")).toHaveLength(200 - LOCKOUT.sprayFailures);
    // The owner, from the office, right after: slowed, not locked.
    expect(await outcome(signInFrom(IP, "jxj_staff", PASSWORD))).toBe("SLOWED");
    expect(lockedUntil(fx.db, "jxj_staff", IP, now())).toBeNull();
    clock(new Date(T0.getTime() + LOCKOUT.sprayDelaySeconds * 1000));
    expect(await outcome(signInFrom(IP, "jxj_staff", PASSWORD))).toBe("ok");
  });

  it("5 wrong passwords from 5 addresses every 15 minutes never lock the owner out (secadmin included)", async () => {
    for (let round = 0; round < 4; round++) {
      clock(new Date(T0.getTime() + round * 15 * 60_000));
      for (let i = 0; i < 5; i++) expect(await outcome(signInFrom(`198.51.100.${round * 5 + i}`, "secadmin", "Wrong#Pass2026"))).toBe("null");
      expect(lockedUntil(fx.db, "secadmin", IP, now())).toBeNull();
    }
    // A minute after the last of 20 failures (spraying), the owner signs in from their own address.
    clock(new Date(T0.getTime() + 3 * 15 * 60_000 + LOCKOUT.sprayDelaySeconds * 1000));
    expect(await outcome(signInFrom(IP, "secadmin", PASSWORD))).toBe("ok");
  });

  it("one TOTP code sent 10 times at once makes one session", async () => {
    const secret = giveAuthenticator(fx.system_admin.id);
    const code = codeAt(secret, T0);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => outcome(signInFrom(`10.8.0.${i}`, "sysadmin", PASSWORD, code))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(fx.db.select().from(t.authSessions).all()).toHaveLength(1);
    expect(auditCount("login.ok", "sysadmin").n).toBe(1);
  });
});

describe("sign-in lockout", () => {
  it("verifies: the Credentials provider's authorize is the one under test", async () => {
    expect(typeof authorizeFn()).toBe("function");
    expect(await signIn("jxj_staff", PASSWORD)).toMatchObject({ id: String(fx.unit_staff.id), name: "经信局承办人" });
  });

  it("five failures within 15 minutes lock the name for 15 minutes, even with the right password", async () => {
    for (let i = 0; i < 4; i++) {
      clock(min(i));
      expect(await signIn("jxj_staff", "Wrong#Pass2026")).toBeNull();
    }
    clock(min(4));
    await expect(signIn("jxj_staff", "Wrong#Pass2026")).rejects.toThrow("LOCKED");
    for (const m of [5, 18]) {
      clock(min(m));
      await expect(signIn("jxj_staff", PASSWORD), `at +${m} min`).rejects.toThrow("LOCKED");
    }
    clock(min(19));
    expect(await signIn("jxj_staff", PASSWORD)).toMatchObject({ id: String(fx.unit_staff.id) });
  });

  it("the lock survives a restart: closing and reopening a file database", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-security-"));
    dirs.push(dir);
    const file = path.join(dir, "banli.sqlite");
    const first = openDb(file);
    makeFixture(first);
    for (let i = 0; i < 5; i++) {
      clock(min(i));
      await outcome(signIn("jxj_staff", "Wrong#Pass2026"));
    }
    first.$client.close();

    const second = openDb(file);
    useDb(second);
    try {
      clock(min(10));
      await expect(signIn("jxj_staff", PASSWORD)).rejects.toThrow("LOCKED");
    } finally {
      second.$client.close();
    }
  });

  it("a name that does not exist is locked the same way, and every answer is the same as for a real name", async () => {
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        clock(min(i));
        out.push(await outcome(signIn(username, "Wrong#Pass2026")));
      }
      clock(min(7));
      out.push(await outcome(signIn(username, PASSWORD)));
      return out;
    };
    const real = await answers("jxj_staff");
    const unknown = await answers("no_such_user");
    expect(real).toEqual(["null", "null", "null", "null", "LOCKED", "LOCKED", "LOCKED"]);
    expect(unknown).toEqual(real);
    const errorOf = async (name: string) => signIn(name, PASSWORD).then(() => null, (e: unknown) => e as Error);
    const [a, b] = [await errorOf("jxj_staff"), await errorOf("no_such_user")];
    expect(a).toBeInstanceOf(Error);
    expect([b!.constructor, b!.message]).toEqual([a!.constructor, a!.message]);
  });

  it("the security administrator's unlockAccount lifts a lock at once", async () => {
    for (let i = 0; i < 5; i++) await outcome(signIn("jxj_staff", "Wrong#Pass2026"));
    await expect(signIn("jxj_staff", PASSWORD)).rejects.toThrow("LOCKED");
    unlockAccount(fx.security_admin, { username: "jxj_staff" });
    expect(await signIn("jxj_staff", PASSWORD)).toMatchObject({ id: String(fx.unit_staff.id) });
    expect(auditRows().some((r) => r.action === "account.unlock" && r.actorId === fx.security_admin.id)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Audit log
// ---------------------------------------------------------------------------------------------

/** Appends n plain entries, a minute apart from `from`. */
function seedAudit(n: number, from = T0, db: Db = fx.db) {
  for (let i = 0; i < n; i++)
    audit(db, { actor: fx.congress_office, action: "proposal.register", objectType: "proposal", objectId: 100 + i, result: "ok", detail: { n: i }, ip: IP }, min(i, from));
}

/**
 * The hash an attacker with file access computes for a row: they have the code (lib/audit.ts's own
 * hashOf) but not the server's secret, so it runs here under a secret of their own.
 */
function forgedHash(r: typeof t.auditLog.$inferSelect) {
  const saved = { n: process.env.NEXTAUTH_SECRET, a: process.env.AUTH_SECRET };
  process.env.NEXTAUTH_SECRET = "what-the-attacker-guesses";
  delete process.env.AUTH_SECRET;
  try {
    const { id: _id, hash: _hash, ...fields } = r;
    return hashOf(fields);
  } finally {
    process.env.NEXTAUTH_SECRET = saved.n;
    if (saved.a != null) process.env.AUTH_SECRET = saved.a;
  }
}

const sqlite = () => fx.db.$client;
const dropTriggers = () => sqlite().exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");

describe("audit log: every change recorded with it, append-only, tamper-evident, kept 6 months", () => {
  it("saveUnit writes the unit, a history row and an audit entry unit.create together", () => {
    const { id } = saveUnit(fx.system_admin, { name: "市商务局", shortName: "慈商", kind: "department", active: "on" });
    expect(historyRows()).toEqual([expect.objectContaining({ action: "unit.create", subjectType: "unit", subjectId: id, actorId: fx.system_admin.id })]);
    expect(auditRows()).toEqual([
      expect.objectContaining({
        action: "unit.create", objectType: "unit", objectId: String(id), result: "ok",
        actorId: fx.system_admin.id, actorName: "系统管理员", actorRole: "system_admin", at: T0, prevHash: GENESIS,
      }),
    ]);
  });

  it.each([
    ["the audit entry cannot be written", "audit_log"],
    ["the history row cannot be written", "history"],
  ])("when %s, the change is not made and neither record remains (one transaction)", (_name, table) => {
    sqlite().exec(`CREATE TRIGGER test_fail BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const before = snapshot();
    expect(() => saveUnit(fx.system_admin, { name: "市商务局", shortName: "慈商", kind: "department", active: "on" })).toThrow(/disk full/);
    expect(snapshot()).toEqual(before);
  });

  it("an audit entry written inside a transaction that then fails is rolled back with it", () => {
    expect(() =>
      fx.db.transaction((tx) => {
        auditIn(tx, { actor: fx.system_admin, action: "unit.create", objectType: "unit", objectId: 9, result: "ok" }, T0);
        throw new Error("later step failed");
      }),
    ).toThrow("later step failed");
    expect(auditRows()).toHaveLength(0);
  });

  it("sign-ins are audited (ok, failed, lockout, locked, TOTP failure) with the client's address and the name", async () => {
    await signIn("jxj_staff", PASSWORD);
    await signIn("jxj_staff", "Wrong#Pass2026");
    const secret = giveAuthenticator(fx.system_admin.id);
    await outcome(signIn("sysadmin", PASSWORD, wrongCode(secret, T0)));
    for (let i = 0; i < 5; i++) await outcome(signIn("nobody", "Wrong#Pass2026"));
    await outcome(signIn("nobody", "Wrong#Pass2026"));

    const rows = auditRows().map((r) => ({ action: r.action, actorName: r.actorName, actorId: r.actorId, ip: r.ip, result: r.result }));
    expect(rows).toEqual([
      { action: "login.ok", actorName: "经信局承办人", actorId: fx.unit_staff.id, ip: IP, result: "ok" },
      { action: "login.failed", actorName: "jxj_staff", actorId: null, ip: IP, result: "refused" },
      { action: "login.totp_failed", actorName: "系统管理员", actorId: fx.system_admin.id, ip: IP, result: "refused" },
      ...Array.from({ length: 5 }, () => ({ action: "login.failed", actorName: "nobody", actorId: null, ip: IP, result: "refused" })),
      { action: "login.lockout", actorName: "nobody", actorId: null, ip: IP, result: "refused" },
      { action: "login.locked", actorName: "nobody", actorId: null, ip: IP, result: "refused" },
    ]);
    expect(verifyAudit(fx.db).ok).toBe(true);
  });

  it("the database refuses UPDATE and DELETE on audit_log (triggers)", () => {
    seedAudit(3);
    const before = auditRows();
    expect(() => sqlite().prepare("UPDATE audit_log SET detail = 'x' WHERE id = 2").run()).toThrow(Database.SqliteError);
    expect(() => sqlite().prepare("UPDATE audit_log SET detail = 'x' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => sqlite().prepare("DELETE FROM audit_log WHERE id = 2").run()).toThrow(Database.SqliteError);
    expect(() => fx.db.delete(t.auditLog).run()).toThrow(/retention prune/);
    expect(auditRows()).toEqual(before);
  });

  it("verifyAudit passes an intact chain", () => {
    expect(verifyAudit(fx.db)).toMatchObject({ ok: true, entries: 0, firstId: null, lastId: null });
    seedAudit(5);
    expect(verifyAudit(fx.db)).toMatchObject({ ok: true, entries: 5, firstId: 1, lastId: 5 });
  });

  it.each([
    ["detail", `'{"n":99}'`],
    ["actor_name", `'某某'`],
    ["actor_id", "NULL"],
    ["ip", `'1.1.1.1'`],
    ["result", `'refused'`],
    ["action", `'proposal.view'`],
    ["at", "at + 1"],
  ])("an entry whose %s was edited behind the triggers is named by its id", (column, value) => {
    seedAudit(6);
    dropTriggers();
    sqlite().exec(`UPDATE audit_log SET ${column} = ${value} WHERE id = 3`);
    expect(verifyAudit(fx.db)).toMatchObject({ ok: false, brokenId: 3, entries: 2 });
  });

  it("a deleted middle entry is caught at the entry after it", () => {
    seedAudit(6);
    dropTriggers();
    sqlite().exec("DELETE FROM audit_log WHERE id = 3");
    expect(verifyAudit(fx.db)).toMatchObject({ ok: false, brokenId: 4 });
  });

  it("deleting the oldest entries without a prune is caught at the first one left", () => {
    seedAudit(6);
    dropTriggers();
    sqlite().exec("DELETE FROM audit_log WHERE id <= 2");
    expect(verifyAudit(fx.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("a forged entry with an invented hash, appended at the end, is caught", () => {
    seedAudit(4);
    const last = auditRows().at(-1)!;
    sqlite()
      .prepare("INSERT INTO audit_log (at, actor_id, actor_name, actor_role, ip, action, object_type, object_id, result, detail, prev_hash, hash) VALUES (?, NULL, '系统', NULL, '-', 'user.create', 'user', '1', 'ok', NULL, ?, ?)")
      .run(min(10).getTime(), last.hash, "f".repeat(64));
    expect(verifyAudit(fx.db)).toMatchObject({ ok: false, brokenId: 5 });
  });

  it("a forged entry slipped between two entries is caught", () => {
    seedAudit(5);
    dropTriggers();
    sqlite().exec("UPDATE audit_log SET id = id + 100 WHERE id > 2");
    const anchor = auditRows()[1];
    const forged = { ...anchor, id: 3, at: min(1.5), actorName: "冒名者", action: "user.role", detail: null, prevHash: anchor.hash };
    forged.hash = forgedHash(forged);
    fx.db.insert(t.auditLog).values(forged).run();
    const result = verifyAudit(fx.db);
    expect(result.ok).toBe(false);
    expect([3, 103]).toContain((result as { brokenId: number }).brokenId);
  });

  // The two below hold the chain to what lib/audit.ts promises ("an edited, inserted or removed row
  // breaks the chain") against the attacker of these tests, who has file access and the code and so
  // also recomputes hashes. They fail while the hash is a plain SHA-256 of the row: it needs a key
  // the database file does not hold (e.g. an HMAC keyed from the server secret).
  it("a forged entry appended with a well-formed hash (computed as lib/audit.ts does) is caught", () => {
    seedAudit(4);
    dropTriggers();
    const last = auditRows().at(-1)!;
    const forged = { ...last, id: 5, at: min(10), actorName: "系统管理员", action: "user.role", detail: null, prevHash: last.hash };
    forged.hash = forgedHash(forged);
    fx.db.insert(t.auditLog).values(forged).run();
    expect(verifyAudit(fx.db)).toMatchObject({ ok: false, brokenId: 5 });
  });

  it("an edited entry is caught even when the attacker recomputes the hashes after it", () => {
    seedAudit(5);
    dropTriggers();
    let prev = auditRows()[1].hash;
    for (const row of auditRows().slice(2)) {
      const next = { ...row, prevHash: prev, actorName: row.id === 3 ? "另一人" : row.actorName };
      next.hash = forgedHash(next);
      sqlite().prepare("UPDATE audit_log SET actor_name = ?, prev_hash = ?, hash = ? WHERE id = ?").run(next.actorName, next.prevHash, next.hash, row.id);
      prev = next.hash;
    }
    expect(verifyAudit(fx.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("pruneAudit with 6 months' retention removes only older entries, records audit.prune, and the chain still verifies", () => {
    for (const [i, m] of [9, 8, 7, 5, 1].entries())
      audit(fx.db, { actor: null, action: "proposal.register", objectType: "proposal", objectId: i, result: "ok" }, monthsBefore(m));
    seedAudit(2);
    const kept = auditRows().slice(3).map((r) => r.id);
    const anchor = auditRows()[2].hash;

    expect(pruneAudit(fx.db, T0)).toEqual({ removed: 3 });
    const rows = auditRows();
    expect(rows.slice(0, -1).map((r) => r.id)).toEqual(kept);
    expect(rows.every((r) => r.at >= monthsBefore(6) || r.action === "audit.prune")).toBe(true);
    const prune = rows.at(-1)!;
    expect(prune).toMatchObject({ action: "audit.prune", result: "ok", objectType: "audit_log", objectId: "..3" });
    expect(JSON.parse(prune.detail!)).toMatchObject({ removed: 3, retentionMonths: 6, anchorHash: anchor });
    expect(rows[0].prevHash).toBe(anchor);
    expect(fx.db.select().from(t.auditPrunePermit).all()).toHaveLength(0);
    expect(() => sqlite().prepare("DELETE FROM audit_log").run()).toThrow(/retention prune/);
    expect(verifyAudit(fx.db)).toMatchObject({ ok: true, entries: rows.length });

    // The log goes on, and a second prune later keeps it verifiable.
    seedAudit(2, min(5));
    expect(pruneAudit(fx.db, T0)).toEqual({ removed: 0 });
    // Six months after 2026-09-01 10:00 (+08:00): the two entries of October 2025 and February 2026 go.
    expect(pruneAudit(fx.db, new Date("2026-09-01T10:00:00+08:00")).removed).toBe(2);
    expect(verifyAudit(fx.db).ok).toBe(true);
  });

  it("retention cannot go below 6 months: savePolicy refuses it, and a lower stored value is not obeyed", () => {
    const before = snapshot();
    let error: unknown;
    try {
      savePolicy(fx.security_admin, { ...defaults(), auditRetentionMonths: 5 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fieldErrors)).toEqual(["auditRetentionMonths"]);
    expect(snapshot()).toEqual(before);

    fx.db.insert(t.settings).values({ key: "auditRetentionMonths", value: "1", updatedAt: T0 }).run();
    expect(readPolicy(fx.db).auditRetentionMonths).toBe(6);
    audit(fx.db, { actor: null, action: "audit.verify", objectType: "x", result: "ok" }, monthsBefore(2));
    expect(pruneAudit(fx.db, T0)).toEqual({ removed: 0 });
  });

  it("verifyAuditLog (the audit administrator) records an audit.verify entry with the outcome", () => {
    seedAudit(3);
    const result = verifyAuditLog(fx.audit_admin);
    expect(result).toMatchObject({ ok: true, entries: 3 });
    const last = auditRows().at(-1)!;
    expect(last).toMatchObject({ action: "audit.verify", result: "ok", actorId: fx.audit_admin.id, actorRole: "audit_admin", objectType: "audit_log" });
    expect(verifyAudit(fx.db)).toMatchObject({ ok: true, entries: 4 });

    dropTriggers();
    sqlite().exec("UPDATE audit_log SET detail = 'x' WHERE id = 2");
    expect(verifyAuditLog(fx.audit_admin)).toMatchObject({ ok: false, brokenId: 2 });
    expect(auditRows().at(-1)).toMatchObject({ action: "audit.verify", result: "failed" });
  });
});

// ---------------------------------------------------------------------------------------------
// 6. 三员分立
// ---------------------------------------------------------------------------------------------

type AdminRole = (typeof ADMIN_ROLES)[number];
const SYS = "system_admin", SEC = "security_admin", AUD = "audit_admin";
const ALL_ADMINS: AdminRole[] = [SYS, SEC, AUD];

/** Typed out by hand: which administrator roles the matrix lets perform each action. */
const EXPECTED_ADMINS: Record<Action, AdminRole[]> = {
  "workbench.view": ALL_ADMINS,
  "proposal.list": [],
  "proposal.view": [],
  "proposal.export": [],
  "document.print": [],
  "document.versions": [],
  "attachment.download": [],
  "supervision.view": [],
  "supervision.export": [],
  "notification.view": ALL_ADMINS,
  "proposal.register": [],
  "proposal.import": [],
  "proposal.mark": [],
  "proposal.withdraw": [],
  "proposal.assign": [],
  "session.fixedReplyDue": [],
  "assignment.receive": [],
  "assignment.logContact": [],
  "opinion.save": [],
  "opinion.submit": [],
  "opinion.signOff": [],
  "opinion.return": [],
  "reply.save": [],
  "reply.submit": [],
  "reply.signOff": [],
  "reply.return": [],
  "draft.importWord": [],
  "request.adjustment": [],
  "request.extension": [],
  "request.decide": [],
  "reply.rate": [],
  "reply.publish": [],
  "commitment.add": [],
  "commitment.remove": [],
  "commitment.report": [],
  "attachment.upload": [],
  "attachment.delete": [],
  "notification.markRead": ALL_ADMINS,
  "account.changePassword": ALL_ADMINS,
  "account.twoFactor": ALL_ADMINS,
  "admin.view": [SYS],
  "admin.session": [SYS],
  "admin.unit": [SYS],
  "admin.deputy": [SYS],
  "admin.user": [SYS],
  "admin.calendar": [SYS],
  "security.view": [SEC],
  "security.role": [SEC],
  "security.unlock": [SEC],
  "security.approveAccount": [SEC],
  "security.resetTwoFactor": [SEC],
  "security.policy": [SEC],
  "audit.view": [AUD],
  "audit.verify": [AUD],
};

const BUSINESS_ROLES = ROLES.filter((r) => !(ADMIN_ROLES as readonly Role[]).includes(r));
const family = (a: Action) => a.split(".")[0];

describe("三员分立: separation of the three administrators", () => {
  it("the expected table covers exactly the matrix's actions", () => {
    expect(Object.keys(EXPECTED_ADMINS).sort()).toEqual([...ACTIONS].sort());
    expect(ACTIONS).toEqual(Object.keys(MATRIX));
  });

  it.each(ACTIONS)("%s: the administrators allowed are exactly those of the hand-typed table", (action) => {
    const allowed = ALL_ADMINS.filter((r) => scopeOf(r, action) != null);
    expect(allowed).toEqual(EXPECTED_ADMINS[action]);
  });

  it("each administrator holds its own family and no other's; the shared actions are their own account's", () => {
    const own: Record<AdminRole, string> = { system_admin: "admin", security_admin: "security", audit_admin: "audit" };
    for (const role of ALL_ADMINS) {
      for (const action of ACTIONS) {
        const f = family(action);
        if (f === own[role]) expect(scopeOf(role, action), `${role} ${action}`).toBe("all");
        else if (["admin", "security", "audit"].includes(f)) expect(scopeOf(role, action), `${role} ${action}`).toBeNull();
        else if (scopeOf(role, action) != null) expect(scopeOf(role, action), `${role} ${action}`).toBe("self");
      }
    }
  });

  it("no business role holds any administrator action", () => {
    for (const role of BUSINESS_ROLES)
      for (const action of ACTIONS.filter((a) => ["admin", "security", "audit"].includes(family(a))))
        expect(scopeOf(role, action), `${role} ${action}`).toBeNull();
  });

  const calls = () => {
    const f = fx;
    return {
      saveUser: (a: Actor) => saveUser(a, { username: "x_new", displayName: "新人", role: "gov_office", password: "Initial#Pass2026", active: "on" }),
      saveUnit: (a: Actor) => saveUnit(a, { name: "市商务局", shortName: "慈商", kind: "department", active: "on" }),
      saveDeputy: (a: Actor) => saveDeputy(a, { name: "陈海波", deputation: "古塘街道代表团", phone: "", active: "on" }),
      saveSession: (a: Actor) => saveSession(a, { term: 18, meeting: 3, name: "市十八届人大三次会议", active: "on" }),
      saveCalendarDay: (a: Actor) => saveCalendarDay(a, { date: "2026-05-01", working: "off", name: "劳动节" }),
      setRole: (a: Actor) => setRole(a, { userId: f.unit_staff.id, role: "gov_office" }),
      unlockAccount: (a: Actor) => unlockAccount(a, { username: "jxj_staff" }),
      resetTwoFactor: (a: Actor) => resetTwoFactor(a, { userId: f.unit_staff.id }),
      savePolicy: (a: Actor) => savePolicy(a, { ...defaults(), idleMinutes: 10 }),
      registerProposal: (a: Actor) =>
        registerProposal(a, { sessionId: f.session.id, number: 1, title: "关于改造的建议", body: "内容", field: "综合", leadDeputyId: f.deputyId, disclosure: "full" }),
      setFixedReplyDue: (a: Actor) => setFixedReplyDue(a, { sessionId: f.session.id, fixedReplyDue: "2026-06-30" }),
      listAudit: (a: Actor) => listAudit(a, {}),
      verifyAuditLog: (a: Actor) => verifyAuditLog(a),
    };
  };
  type Call = keyof ReturnType<typeof calls>;

  /** Sets the stage so that a call that went through would have something to change. */
  async function stage() {
    giveAuthenticator(fx.unit_staff.id);
    for (let i = 0; i < 5; i++) await outcome(signIn("jxj_staff", "Wrong#Pass2026"));
    seedAudit(2);
  }

  const REFUSED: Record<AdminRole, Call[]> = {
    audit_admin: ["saveUser", "saveUnit", "saveDeputy", "saveSession", "saveCalendarDay", "setRole", "unlockAccount", "resetTwoFactor", "savePolicy", "registerProposal", "setFixedReplyDue"],
    system_admin: ["setRole", "unlockAccount", "resetTwoFactor", "savePolicy", "listAudit", "verifyAuditLog", "registerProposal", "setFixedReplyDue"],
    security_admin: ["saveUser", "saveUnit", "saveDeputy", "saveSession", "saveCalendarDay", "listAudit", "verifyAuditLog", "registerProposal", "setFixedReplyDue"],
  };

  for (const role of ALL_ADMINS)
    it(`the ${role} is refused (Forbidden) everything outside its family, and nothing is written: ${REFUSED[role].join(", ")}`, async () => {
      await stage();
      const actor = fx.as[role];
      for (const name of REFUSED[role]) {
        const before = snapshot();
        await expect((async () => calls()[name](actor))(), `${role} ${name}`).rejects.toBeInstanceOf(Forbidden);
        expect(snapshot(), `${role} ${name}`).toEqual(before);
      }
    });

  it("the same calls go through for the administrator whose family they are (the refusals are by role, not by input)", async () => {
    await stage();
    const c = calls();
    await c.saveUser(fx.system_admin);
    c.saveUnit(fx.system_admin);
    c.saveDeputy(fx.system_admin);
    c.saveSession(fx.system_admin);
    c.saveCalendarDay(fx.system_admin);
    c.unlockAccount(fx.security_admin);
    c.resetTwoFactor(fx.security_admin);
    c.setRole(fx.security_admin);
    c.savePolicy(fx.security_admin);
    expect(c.listAudit(fx.audit_admin).total).toBeGreaterThan(0);
    expect(c.verifyAuditLog(fx.audit_admin).ok).toBe(true);
  });

  it("listAudit and verifyAuditLog are refused to every role but the audit administrator", async () => {
    seedAudit(2);
    for (const role of ROLES.filter((r) => r !== "audit_admin")) {
      const before = snapshot();
      await expectRefused(() => listAudit(fx.as[role], {}));
      await expectRefused(() => verifyAuditLog(fx.as[role]));
      expect(snapshot(), role).toEqual(before);
    }
  });

  it("notifications are everyone's own: the audit administrator may mark its own read, and touches nobody else's", () => {
    const mine = fx.db.insert(t.notifications).values({ userId: fx.audit_admin.id, kind: "info", message: "审计提醒", createdAt: T0 }).returning().get().id;
    const theirs = fx.db.insert(t.notifications).values({ userId: fx.unit_staff.id, kind: "info", message: "承办提醒", createdAt: T0 }).returning().get().id;
    expect(markNotificationsRead(fx.audit_admin, { ids: [theirs] })).toBe(0);
    expect(markNotificationsRead(fx.audit_admin, {})).toBe(1);
    const read = Object.fromEntries(fx.db.select().from(t.notifications).all().map((n) => [n.id, n.readAt]));
    expect(read[mine]).toEqual(T0);
    expect(read[theirs]).toBeNull();
  });

  it("the system administrator cannot create or edit administrator accounts; the security administrator cannot change its own role", async () => {
    const before = snapshot();
    await expectRefused(
      () => saveUser(fx.system_admin, { username: "second_sec", displayName: "另一安全员", role: "security_admin", password: "Initial#Pass2026", active: "on" }),
      Invalid,
    );
    await expectRefused(() => saveUser(fx.system_admin, { id: fx.audit_admin.id, username: "auditor", displayName: "改名", role: "audit_admin", active: "on" }), Invalid);
    await expectRefused(() => saveUser(fx.system_admin, { id: fx.audit_admin.id, username: "auditor", displayName: "改名", role: "gov_office", active: "on" }), Forbidden);
    await expectRefused(() => saveUser(fx.system_admin, { id: fx.unit_staff.id, username: "jxj_staff", displayName: "x", role: "gov_office", active: "on" }), Invalid);
    await expectRefused(() => setRole(fx.security_admin, { userId: fx.security_admin.id, role: "system_admin" }), Invalid);
    expect(snapshot()).toEqual(before);
  });
});

describe("三员分立 for accounts: what the system administrator asks, the security administrator approves", () => {
  const userRowOf = (username: string) => fx.db.select().from(t.users).where(eq(t.users.username, username)).get();
  const NEW = { username: "x_gov", displayName: "新来的督查员", role: "gov_office", password: "Initial#Pass2026", active: "on" };

  it("a new account stays disabled, unable to sign in, until the security administrator approves it; the system administrator cannot approve", async () => {
    await saveUser(fx.system_admin, NEW);
    const row = userRowOf("x_gov")!;
    expect(row).toMatchObject({ active: false, role: "gov_office", pendingChange: { kind: "create", active: true, by: fx.system_admin.id } });
    expect(await outcome(signIn("x_gov", "Initial#Pass2026"))).toBe("null");
    // Editing it meanwhile does not enable it either.
    await saveUser(fx.system_admin, { ...NEW, id: String(row.id), displayName: "督查员" });
    expect(userRowOf("x_gov")).toMatchObject({ active: false, displayName: "督查员" });
    for (const who of [fx.system_admin, fx.audit_admin, fx.gov_office]) expect(() => decideAccountChange(who, { userId: row.id, decision: "approve" })).toThrow(Forbidden);
    decideAccountChange(fx.security_admin, { userId: row.id, decision: "approve" });
    expect(userRowOf("x_gov")).toMatchObject({ active: true, pendingChange: null });
    expect(await outcome(signIn("x_gov", "Initial#Pass2026"))).toBe("ok");
    expect(auditRows().some((r) => r.action === "user.approve" && r.actorId === fx.security_admin.id)).toBe(true);
  });

  it("a rejected new account is removed, so it cannot be enabled later", async () => {
    await saveUser(fx.system_admin, NEW);
    decideAccountChange(fx.security_admin, { userId: userRowOf("x_gov")!.id, decision: "reject" });
    expect(userRowOf("x_gov")).toBeUndefined();
  });

  it("re-linking a deputy account waits for approval; the open session keeps its own deputy until then, and ends when approved", async () => {
    const other = fx.db.insert(t.deputies).values({ name: "陈海波", deputation: "古塘街道代表团", phone: "" }).returning().get().id;
    const account = { username: "hu_guofeng", displayName: "胡国锋", role: "deputy", password: "Initial#Pass2026", active: "on" };
    const { id } = await saveUser(fx.system_admin, { ...account, deputyId: String(fx.deputyId) });
    decideAccountChange(fx.security_admin, { userId: id, decision: "approve" });
    const sid = startSession(fx.db, id, T0, IP, UA);
    const before = userRowOf("hu_guofeng")!;
    expect(before.deputyId).toBe(fx.deputyId);
    await saveUser(fx.system_admin, { ...account, password: "", id: String(id), deputyId: String(other) });
    expect(userRowOf("hu_guofeng")).toMatchObject({ deputyId: fx.deputyId, pendingChange: { kind: "relink", deputyId: other } });
    expect(fx.db.select().from(t.authSessions).where(eq(t.authSessions.id, sid)).get()?.endedAt).toBeNull();
    decideAccountChange(fx.security_admin, { userId: before.id, decision: "approve" });
    expect(userRowOf("hu_guofeng")).toMatchObject({ deputyId: other, pendingChange: null });
    expect(fx.db.select().from(t.authSessions).where(eq(t.authSessions.id, sid)).get()?.endedAt).not.toBeNull();
  });

  it("a rejected re-link leaves the account as it was", async () => {
    const before = userRowOf("jxj_staff")!;
    const unit2 = fx.db.insert(t.units).values({ name: "市商务局", shortName: "慈商务" }).returning().get().id;
    await saveUser(fx.system_admin, { id: String(before.id), username: "jxj_staff", displayName: before.displayName, role: "unit_staff", unitId: String(unit2), active: "on" });
    decideAccountChange(fx.security_admin, { userId: before.id, decision: "reject" });
    expect(userRowOf("jxj_staff")).toMatchObject({ unitId: fx.unitId, pendingChange: null, active: true });
    expect(() => decideAccountChange(fx.security_admin, { userId: before.id, decision: "approve" })).toThrow(NotFound);
  });
});
