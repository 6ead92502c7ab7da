import "server-only";
import { asc, gt } from "drizzle-orm";
import { getDb } from "@/db";
import { deputies, loginLocks, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";
import { now } from "@/lib/clock";
import { readPolicy } from "@/lib/security-settings";

/** What the security administrator works from: accounts with roles and 2FA, current locks, the policy. */
export function securityOverview(actor: Actor) {
  authorize(actor, "security.view");
  const db = getDb();
  return {
    users: db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        unitId: users.unitId,
        deputyId: users.deputyId,
        active: users.active,
        totp: users.totpSecret,
        passwordChangedAt: users.passwordChangedAt,
        mustChangePassword: users.mustChangePassword,
        pendingChange: users.pendingChange,
      })
      .from(users)
      .orderBy(asc(users.role), asc(users.id))
      .all()
      .map(({ totp, ...u }) => ({ ...u, totp: !!totp })),
    locks: db.select().from(loginLocks).where(gt(loginLocks.lockedUntil, now())).all(),
    units: db.select({ id: units.id, name: units.name, active: units.active }).from(units).orderBy(asc(units.id)).all(),
    deputies: db.select({ id: deputies.id, name: deputies.name, deputation: deputies.deputation, active: deputies.active }).from(deputies).all(),
    policy: readPolicy(db),
  };
}
