import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/db";
import { LOCKOUT, lockedUntil, recordFailure, recordSuccess, releaseCheck, reserveCheck, slowedUntil } from "@/lib/auth/lockout";
import { loginLocks } from "@/db/schema";

/** 5 failures in 15 minutes lock a name for the address they came from, for 15 minutes, kept across a restart; spraying slows a name. */
const t = (minute: number) => new Date(Date.UTC(2026, 10, 27, 1, minute));
const A = "10.1.1.1";
const B = "10.2.2.2";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("login lockout", () => {
  it("locks on the fifth failure within the window, for 15 minutes, whatever the case of the name", () => {
    const db = openDb(":memory:");
    for (let i = 0; i < LOCKOUT.failures - 1; i++) expect(recordFailure(db, "jxj_staff", A, t(i))).toBeNull();
    expect(lockedUntil(db, "jxj_staff", A, t(4))).toBeNull();
    expect(recordFailure(db, "JXJ_Staff", A, t(4))).toEqual(t(19));
    expect(lockedUntil(db, "jxj_staff", A, t(18))).toEqual(t(19));
    expect(lockedUntil(db, "jxj_staff", A, t(19))).toBeNull();
  });

  it("failures spread beyond 15 minutes do not lock; a success clears the count", () => {
    const db = openDb(":memory:");
    for (const m of [0, 5, 10, 16, 21]) expect(recordFailure(db, "dcs", A, t(m))).toBeNull();
    recordSuccess(db, "dcs");
    for (const m of [22, 23, 24, 25]) expect(recordFailure(db, "dcs", A, t(m))).toBeNull();
    expect(lockedUntil(db, "dcs", A, t(25))).toBeNull();
  });

  it("names that do not exist are locked the same way, so a lock reveals nothing", () => {
    const db = openDb(":memory:");
    for (let i = 0; i < LOCKOUT.failures; i++) recordFailure(db, "nobody-here", A, t(i));
    expect(lockedUntil(db, "nobody-here", A, t(5))).toEqual(t(19));
  });

  it("survives a restart: the lock is in the database", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-lock-"));
    dirs.push(dir);
    const file = path.join(dir, "banli.sqlite");
    const first = openDb(file);
    for (let i = 0; i < LOCKOUT.failures; i++) recordFailure(first, "hugf", A, t(i));
    first.$client.close();
    const second = openDb(file);
    expect(lockedUntil(second, "hugf", A, t(10))).toEqual(t(19));
    second.$client.close();
  });

  it("locks the name only for the address the failures came from", () => {
    const db = openDb(":memory:");
    for (let i = 0; i < LOCKOUT.failures; i++) recordFailure(db, "secadmin", A, t(i));
    expect(lockedUntil(db, "secadmin", A, t(5))).toEqual(t(19));
    expect(lockedUntil(db, "secadmin", B, t(5))).toBeNull();
    expect(reserveCheck(db, "secadmin", A, t(5))).toBe("locked");
    expect(reserveCheck(db, "secadmin", B, t(5))).toBeNull();
    releaseCheck("secadmin", B);
  });

  it("a lock made before locks were per address (no address) holds for every address", () => {
    const db = openDb(":memory:");
    db.insert(loginLocks).values({ username: "dcs", ip: "", lockedUntil: t(30) }).run();
    expect(lockedUntil(db, "dcs", B, t(10))).toEqual(t(30));
  });

  it("a name sprayed from many addresses (20 failures within the hour) is checked once a minute", () => {
    const db = openDb(":memory:");
    for (let i = 0; i < LOCKOUT.sprayFailures; i++) recordFailure(db, "rdgw", `10.3.0.${i}`, t(i));
    const last = t(LOCKOUT.sprayFailures - 1);
    expect(slowedUntil(db, "rdgw", last)).toEqual(new Date(last.getTime() + LOCKOUT.sprayDelaySeconds * 1000));
    expect(reserveCheck(db, "rdgw", B, last)).toBe("slowed");
    const later = t(LOCKOUT.sprayFailures);
    expect(slowedUntil(db, "rdgw", later)).toBeNull();
    // One check may run; a second at the same moment waits for it.
    expect(reserveCheck(db, "rdgw", B, later)).toBeNull();
    expect(reserveCheck(db, "rdgw", A, later)).toBe("slowed");
    releaseCheck("rdgw", B);
    // An hour later the count has gone.
    expect(slowedUntil(db, "rdgw", t(LOCKOUT.sprayFailures + 61))).toBeNull();
  });
});

describe("npm run unlock (an administrator locked out of their own account)", () => {
  it("lifts every lock of the name, from every address, and records who ran it in the audit log", async () => {
    const { seed } = await import("@/db/seed");
    const { unlockFromServer } = await import("@/lib/auth/unlock-command");
    const { verifyAudit } = await import("@/lib/audit");
    const db = openDb(":memory:");
    await seed(db);
    for (const ip of [A, B]) for (let i = 0; i < LOCKOUT.failures; i++) recordFailure(db, "secadmin", ip, t(i));
    expect(lockedUntil(db, "secadmin", A, t(5))).not.toBeNull();
    expect(unlockFromServer(db, " SecAdmin ", t(5))).toEqual({ username: "secadmin", locks: 2 });
    expect(lockedUntil(db, "secadmin", A, t(5))).toBeNull();
    expect(lockedUntil(db, "secadmin", B, t(5))).toBeNull();
    const entry = db.$client.prepare("select actor_name, action, result, detail from audit_log order by id desc limit 1").get() as Record<string, string>;
    expect(entry).toMatchObject({ action: "account.unlock", result: "ok" });
    expect(entry.actor_name).toMatch(/^服务器命令（.+@.+）$/);
    expect(JSON.parse(entry.detail).locks).toHaveLength(2);
    expect(verifyAudit(db).ok).toBe(true);
    expect(() => unlockFromServer(db, "nobody", t(6))).toThrow("没有用户名为“nobody”的账号");
  });
});
