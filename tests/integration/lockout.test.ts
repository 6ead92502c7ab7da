import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/db";
import { LOCKOUT, lockedUntil, recordFailure, recordSuccess } from "@/lib/auth/lockout";

/** Issue 4 (first part): 5 failures in 15 minutes lock a name for 15 minutes, kept across a restart. */
const t = (minute: number) => new Date(Date.UTC(2026, 10, 27, 1, minute));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("login lockout", () => {
  it("locks on the fifth failure within the window, for 15 minutes, whatever the case of the name", () => {
    const db = openDb(":memory:");
    for (let i = 0; i < LOCKOUT.failures - 1; i++) expect(recordFailure(db, "jxj_staff", t(i))).toBeNull();
    expect(lockedUntil(db, "jxj_staff", t(4))).toBeNull();
    expect(recordFailure(db, "JXJ_Staff", t(4))).toEqual(t(19));
    expect(lockedUntil(db, "jxj_staff", t(18))).toEqual(t(19));
    expect(lockedUntil(db, "jxj_staff", t(19))).toBeNull();
  });

  it("failures spread beyond 15 minutes do not lock; a success clears the count", () => {
    const db = openDb(":memory:");
    for (const m of [0, 5, 10, 16, 21]) expect(recordFailure(db, "dcs", t(m))).toBeNull();
    recordSuccess(db, "dcs");
    for (const m of [22, 23, 24, 25]) expect(recordFailure(db, "dcs", t(m))).toBeNull();
    expect(lockedUntil(db, "dcs", t(25))).toBeNull();
  });

  it("names that do not exist are locked the same way, so a lock reveals nothing", () => {
    const db = openDb(":memory:");
    for (let i = 0; i < LOCKOUT.failures; i++) recordFailure(db, "nobody-here", t(i));
    expect(lockedUntil(db, "nobody-here", t(5))).toEqual(t(19));
  });

  it("survives a restart: the lock is in the database", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "banli-lock-"));
    dirs.push(dir);
    const file = path.join(dir, "banli.sqlite");
    const first = openDb(file);
    for (let i = 0; i < LOCKOUT.failures; i++) recordFailure(first, "hugf", t(i));
    first.$client.close();
    const second = openDb(file);
    expect(lockedUntil(second, "hugf", t(10))).toEqual(t(19));
    second.$client.close();
  });
});
