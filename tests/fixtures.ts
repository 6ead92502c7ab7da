import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/workflow";

/*
 * Set-up shared by the test files that build their own small database: an account, and the
 * actor the services take for it. (tests/demo-db.ts is the other shared set-up: the whole demo.)
 */

type Extra = Omit<Partial<typeof users.$inferInsert>, "username" | "displayName" | "role">;

/** Adds an account (with a placeholder password hash unless one is given) and returns its actor. */
export function addActor(db: Db, username: string, displayName: string, role: Role, { unitId = null, deputyId = null, ...extra }: Extra = {}): Actor {
  const row = db
    .insert(users)
    .values({ passwordHash: "not-a-real-hash", ...extra, username, displayName, role, unitId, deputyId })
    .returning()
    .get();
  return { id: row.id, role, unitId: row.unitId, deputyId: row.deputyId, displayName };
}

/** The actor of an existing account, by user name (for the seeded demo). */
export function actorOf(db: Db, username: string): Actor {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  if (!row) throw new Error(`no user ${username}`);
  return { id: row.id, role: row.role, unitId: row.unitId, deputyId: row.deputyId, displayName: row.displayName };
}
