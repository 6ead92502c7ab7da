import "server-only";
import { asc, desc } from "drizzle-orm";
import { getDb } from "@/db";
import { congressSessions, deputies, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";

export function adminLists(actor: Actor) {
  authorize(actor, "admin.view");
  const db = getDb();
  return {
    sessions: db.select().from(congressSessions).orderBy(desc(congressSessions.term), desc(congressSessions.meeting)).all(),
    units: db.select().from(units).orderBy(asc(units.id)).all(),
    deputies: db.select().from(deputies).orderBy(asc(deputies.deputation), asc(deputies.id)).all(),
    // Never the password hash.
    users: db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        email: users.email,
        role: users.role,
        unitId: users.unitId,
        deputyId: users.deputyId,
        pendingChange: users.pendingChange,
        active: users.active,
      })
      .from(users)
      .orderBy(asc(users.role), asc(users.id))
      .all(),
  };
}
