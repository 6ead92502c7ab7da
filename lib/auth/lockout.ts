import { and, desc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { loginFailures, loginLocks } from "@/db/schema";

/**
 * Sign-in lockout (等保 2.0: failures handled by locking), shaped so that an attacker cannot turn
 * it against the account's owner:
 *
 * - **Per name and address.** 5 failures for a name from one address within 15 minutes lock that
 *   name for that address, for 15 minutes. The owner, signing in from their own address, is not
 *   locked by someone guessing elsewhere.
 * - **Per name, slowed (spraying).** Once a name has 20 failures within an hour from any addresses,
 *   its passwords are checked at most once a minute, from anywhere. Guessing from many addresses
 *   gets 60 tries an hour instead of thousands; the owner waits a minute at worst, never forever.
 *
 * A success clears the name's failures and locks. The security administrator lifts a lock from the
 * security page; an administrator whose own account is locked uses `npm run unlock -- <name>` on
 * the server (scripts/unlock.ts), which is audited.
 */
export const LOCKOUT = { failures: 5, windowMinutes: 15, lockMinutes: 15, sprayFailures: 20, sprayWindowMinutes: 60, sprayDelaySeconds: 60 } as const;

const minutes = (n: number) => n * 60_000;
const key = (username: string) => username.trim().toLowerCase().slice(0, 64);
const place = (address: string) => address.slice(0, 64);

/** The end of the lock on this name for this address (or for every address), if one runs. */
export function lockedUntil(db: Db, username: string, address: string, at: Date): Date | null {
  const locks = db
    .select({ until: loginLocks.lockedUntil })
    .from(loginLocks)
    .where(and(eq(loginLocks.username, key(username)), inArray(loginLocks.ip, [place(address), ""])))
    .all();
  const until = locks.map((l) => l.until).filter((u) => u > at);
  return until.length ? new Date(Math.max(...until.map((u) => u.getTime()))) : null;
}

/**
 * Failures on record for the name from the address within the lockout window. The lock lasts as
 * long as the window, so when it ends the failures that caused it have left the window; they stay
 * on record for the name's spraying count.
 */
function recentFailures(db: Db | Tx, name: string, address: string, at: Date) {
  return db
    .select({ id: loginFailures.id })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, name), eq(loginFailures.ip, address), gt(loginFailures.at, new Date(at.getTime() - minutes(LOCKOUT.windowMinutes)))))
    .all().length;
}

/**
 * For a name being sprayed (20 failures within the hour), when its next password may be checked:
 * a minute after the latest failure. Null when the name is not being sprayed.
 */
function nextCheckWhenSprayed(db: Db | Tx, name: string, at: Date, underWay = 0): Date | null {
  const since = new Date(at.getTime() - minutes(LOCKOUT.sprayWindowMinutes));
  const recent = db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, name), gte(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .limit(LOCKOUT.sprayFailures)
    .all();
  // Checks under way count as failures until they prove right (a burst from many addresses at once).
  if (recent.length + underWay < LOCKOUT.sprayFailures) return null;
  return recent.length ? new Date(recent[0].at.getTime() + LOCKOUT.sprayDelaySeconds * 1000) : at;
}

/** When the name's passwords may be checked again because it is being sprayed; null when they may now. */
export function slowedUntil(db: Db | Tx, username: string, at: Date): Date | null {
  const next = nextCheckWhenSprayed(db, key(username), at);
  return next && next > at ? next : null;
}

/** Records a failure; returns the lock's end when this failure locks the name for the address. */
export function recordFailure(db: Db, username: string, address: string, at: Date): Date | null {
  const name = key(username);
  const ip = place(address);
  return db.transaction((tx) => {
    tx.insert(loginFailures).values({ username: name, ip, at }).run();
    // Failures older than the longest window are of no further use.
    tx.delete(loginFailures).where(and(eq(loginFailures.username, name), lt(loginFailures.at, new Date(at.getTime() - minutes(LOCKOUT.sprayWindowMinutes))))).run();
    if (recentFailures(tx, name, ip, at) < LOCKOUT.failures) return null;
    const until = new Date(at.getTime() + minutes(LOCKOUT.lockMinutes));
    tx.insert(loginLocks)
      .values({ username: name, ip, lockedUntil: until })
      .onConflictDoUpdate({ target: [loginLocks.username, loginLocks.ip], set: { lockedUntil: until } })
      .run();
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
const checkingName = new Map<string, number>();

const bump = (map: Map<string, number>, k: string, by: number) => {
  const n = (map.get(k) ?? 0) + by;
  if (n > 0) map.set(k, n);
  else map.delete(k);
};

export type CheckRefusal = "locked" | "slowed";

/**
 * Reserves one password check for the name from the address, or says why not: the address's
 * failures and checks under way reach the limit ("locked"), or the name is being sprayed and a
 * check ran within the last minute or is running now ("slowed").
 */
export function reserveCheck(db: Db, username: string, address: string, at: Date): CheckRefusal | null {
  const name = key(username);
  const ip = place(address);
  const underHere = checking.get(`${name}|${ip}`) ?? 0;
  if (recentFailures(db, name, ip, at) + underHere >= LOCKOUT.failures) return "locked";
  const underWay = checkingName.get(name) ?? 0;
  const next = nextCheckWhenSprayed(db, name, at, underWay);
  if (next && (next > at || underWay > 0)) return "slowed";
  bump(checking, `${name}|${ip}`, 1);
  bump(checkingName, name, 1);
  return null;
}

/** Ends a reserved check (whatever its outcome: a failure is on record by then). */
export function releaseCheck(username: string, address: string) {
  const name = key(username);
  bump(checking, `${name}|${place(address)}`, -1);
  bump(checkingName, name, -1);
}

export function recordSuccess(db: Db, username: string) {
  const name = key(username);
  db.delete(loginFailures).where(eq(loginFailures.username, name)).run();
  db.delete(loginLocks).where(eq(loginLocks.username, name)).run();
}

/** Lifts every lock and forgets every failure of a name; returns the locks there were. */
export function clearLocks(tx: Tx, username: string) {
  const name = key(username);
  const locks = tx.select().from(loginLocks).where(eq(loginLocks.username, name)).all();
  tx.delete(loginLocks).where(eq(loginLocks.username, name)).run();
  tx.delete(loginFailures).where(eq(loginFailures.username, name)).run();
  return locks;
}
