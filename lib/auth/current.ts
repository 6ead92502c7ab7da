import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { and, eq } from "drizzle-orm";
import { authOptions } from "@/auth";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "./actor";

/**
 * The signed-in account, read from the database on every request: a disabled account or one
 * whose password or role changed (session version bumped) is signed out at its next request.
 */
export async function currentActor(): Promise<Actor | null> {
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  const user = getDb()
    .select()
    .from(users)
    .where(and(eq(users.id, session.uid), eq(users.active, true)))
    .get();
  if (!user || user.sessionVersion !== session.sv) return null;
  return { id: user.id, role: user.role, unitId: user.unitId, deputyId: user.deputyId, displayName: user.displayName };
}

/** For pages: the actor, or off to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}
