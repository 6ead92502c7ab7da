import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { authSessions } from "@/db/schema";
import type { Policy } from "../security-settings";

/**
 * Server-side sign-in sessions. The cookie (a next-auth JWT) carries only the session id; whether
 * the session still counts is decided here on every request, from the database and the policy.
 */
export type EndReason = "signed_out" | "idle" | "expired" | "password_changed" | "disabled" | "role_changed" | "totp_reset";

export const endReasonLabel: Record<EndReason, string> = {
  signed_out: "已退出登录",
  idle: "长时间未操作，已自动退出",
  expired: "登录时间已超过上限，请重新登录",
  password_changed: "密码已修改，请重新登录",
  disabled: "账号已停用",
  role_changed: "账号角色已调整，请重新登录",
  totp_reset: "双因素认证已重置，请重新登录",
};

/** Last-seen is written at most once a minute: enough for a 5-minute-or-longer idle timeout. */
const TOUCH_MS = 60_000;

export function startSession(db: Db | Tx, userId: number, at: Date, ip: string, userAgent: string) {
  const id = randomBytes(24).toString("base64url");
  db.insert(authSessions).values({ id, userId, createdAt: at, lastSeenAt: at, ip, userAgent: userAgent.slice(0, 300) }).run();
  return id;
}

export type SessionCheck = { ok: true; userId: number } | { ok: false; reason: EndReason | "unknown" };

/** Whether a session is still live at `at`; ends it (idle, expired) if not, and touches it if so. */
export function checkSession(db: Db, id: string, at: Date, policy: Policy): SessionCheck {
  const row = db.select().from(authSessions).where(eq(authSessions.id, id)).get();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.endedAt) return { ok: false, reason: (row.endReason as EndReason) ?? "signed_out" };
  const t = at.getTime();
  let ended: EndReason | null = null;
  if (t - row.createdAt.getTime() > policy.absoluteHours * 3_600_000) ended = "expired";
  else if (t - row.lastSeenAt.getTime() > policy.idleMinutes * 60_000) ended = "idle";
  if (ended) {
    endSession(db, id, at, ended);
    return { ok: false, reason: ended };
  }
  if (t - row.lastSeenAt.getTime() >= TOUCH_MS)
    db.update(authSessions).set({ lastSeenAt: at }).where(and(eq(authSessions.id, id), isNull(authSessions.endedAt))).run();
  return { ok: true, userId: row.userId };
}

export function endSession(db: Db | Tx, id: string, at: Date, reason: EndReason) {
  db.update(authSessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(authSessions.id, id), isNull(authSessions.endedAt)))
    .run();
}

/** Ends every open session of an account (password changed, disabled, role changed). */
export function endUserSessions(db: Db | Tx, userId: number, at: Date, reason: EndReason, exceptId?: string) {
  const open = db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.endedAt)))
    .all();
  for (const s of open) if (s.id !== exceptId) endSession(db, s.id, at, reason);
  return open.length - (exceptId && open.some((s) => s.id === exceptId) ? 1 : 0);
}
