import { and, eq, gte, lt } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { loginFailures, loginLocks } from "@/db/schema";

/** After 5 failed sign-ins within 15 minutes a name is locked for 15 minutes (issue 4; 等保 2.0). */
export const LOCKOUT = { failures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

const minutes = (n: number) => n * 60_000;
const key = (username: string) => username.trim().toLowerCase().slice(0, 64);

export function lockedUntil(db: Db, username: string, at: Date): Date | null {
  const lock = db.select().from(loginLocks).where(eq(loginLocks.username, key(username))).get();
  return lock && lock.lockedUntil > at ? lock.lockedUntil : null;
}

/** Failures on record for the name within the lockout window. */
function recentFailures(db: Db | Tx, name: string, at: Date) {
  return db
    .select({ id: loginFailures.id })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, name), gte(loginFailures.at, new Date(at.getTime() - minutes(LOCKOUT.windowMinutes)))))
    .all().length;
}

/** Records a failure; returns the lock's end when this failure locks the name. */
export function recordFailure(db: Db, username: string, at: Date): Date | null {
  const name = key(username);
  return db.transaction((tx) => {
    tx.insert(loginFailures).values({ username: name, at }).run();
    // Old failures are of no further use.
    tx.delete(loginFailures).where(and(eq(loginFailures.username, name), lt(loginFailures.at, new Date(at.getTime() - minutes(LOCKOUT.windowMinutes))))).run();
    if (recentFailures(tx, name, at) < LOCKOUT.failures) return null;
    const until = new Date(at.getTime() + minutes(LOCKOUT.lockMinutes));
    tx.insert(loginLocks).values({ username: name, lockedUntil: until }).onConflictDoUpdate({ target: loginLocks.username, set: { lockedUntil: until } }).run();
    tx.delete(loginFailures).where(eq(loginFailures.username, name)).run();
    return until;
  });
}

/*
 * A burst of sign-ins for one name (199 wrong passwords sent at once) must not check more passwords
 * than the lockout allows: each check reserves its place before the slow hash, and counts as a
 * failure until it proves right. JavaScript runs one request's synchronous code at a time, so the
 * count and the reservation are one step; the server is one process (the reservations are in it).
 */
const checking = new Map<string, number>();

/** Reserves one password check for the name; false when the failures on record and the checks under way already reach the limit. */
export function reserveCheck(db: Db, username: string, at: Date): boolean {
  const name = key(username);
  const under = checking.get(name) ?? 0;
  if (recentFailures(db, name, at) + under >= LOCKOUT.failures) return false;
  checking.set(name, under + 1);
  return true;
}

/** Ends a reserved check (whatever its outcome: a failure is on record by then). */
export function releaseCheck(username: string) {
  const name = key(username);
  const under = (checking.get(name) ?? 1) - 1;
  if (under > 0) checking.set(name, under);
  else checking.delete(name);
}

export function recordSuccess(db: Db, username: string) {
  const name = key(username);
  db.delete(loginFailures).where(eq(loginFailures.username, name)).run();
  db.delete(loginLocks).where(eq(loginLocks.username, name)).run();
}
