import "server-only";
import { cache } from "react";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { auditAccess } from "../audit-events";
import { requestOf } from "../request-context";
import { notFound, redirect } from "next/navigation";
import { may, type Action } from "../authz";
import { eq } from "drizzle-orm";
import { authOptions } from "@/auth";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { now } from "../clock";
import { readPolicy } from "../security-settings";
import { pendingOf, type Pending } from "./pending";
import type { Actor } from "./actor";
import { checkSession, type EndReason } from "./sessions";

export type { Pending } from "./pending";

export type SignedIn = { actor: Actor; sid: string; pending: Pending; username: string; totp: boolean };

/**
 * The signed-in account, read from the database on every request through its server-side
 * session: ended by sign-out, idle or absolute timeout, a password change, a role change or
 * disabling, each noticed at the next request.
 */
export const currentSession = cache(async (): Promise<SignedIn | { ended: EndReason | "unknown" } | null> => {
  const sid = await sessionIdFromCookie();
  if (!sid) return null;
  const session = { sid };
  const db = getDb();
  const at = now();
  const policy = readPolicy(db);
  const check = checkSession(db, session.sid, at, policy);
  if (!check.ok) return { ended: check.reason };
  const user = db.select().from(users).where(eq(users.id, check.userId)).get();
  if (!user || !user.active) return { ended: "disabled" };
  const actor: Actor = { id: user.id, role: user.role, unitId: user.unitId, deputyId: user.deputyId, displayName: user.displayName };
  const pending = pendingOf(user, policy, at);
  return { actor, sid: session.sid, pending, username: user.username, totp: !!user.totpSecret };
});

export async function signedIn(): Promise<SignedIn | null> {
  const s = await currentSession();
  return s && "actor" in s ? s : null;
}

/**
 * The server-side session id, read from the session cookie's token here on the server. It is never
 * handed to next-auth's session endpoint, so page scripts (`/api/auth/session`) cannot see it.
 * The cookie carries the `__Secure-` prefix when the site is served over HTTPS.
 */
async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  const raw = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  if (!raw || !authOptions.secret) return null;
  try {
    const token = await decode({ token: raw, secret: authOptions.secret });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null; // a cookie not made by this server, or under another secret
  }
}

/** The actor allowed to act: signed in, session live, nothing pending. */
export async function currentActor(): Promise<Actor | null> {
  const s = await signedIn();
  return s && !s.pending ? s.actor : null;
}

/** For pages: the actor, or off to the login page (with the reason) or to what is pending. */
export async function requireActor(): Promise<Actor> {
  const s = await currentSession();
  if (!s) redirect("/login");
  if ("ended" in s) redirect(`/login?ended=${s.ended}`);
  if (s.pending === "totp") redirect("/account/two-factor");
  if (s.pending) redirect("/account/password");
  return s.actor;
}

/** For pages: the actor, who must be allowed the page's action; anyone else gets "not found". */
export async function requirePage(action: Action): Promise<Actor> {
  const actor = await requireActor();
  if (!may(actor, action)) {
    // Recorded (folded when repeated), then answered as if the page did not exist.
    auditAccess(actor, { action: "page.refused", objectType: "page", objectId: action, result: "refused" }, (await requestOf()).ip);
    notFound();
  }
  return actor;
}
