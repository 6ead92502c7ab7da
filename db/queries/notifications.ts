import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { notifications, proposals } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";

/** The header shows up to "99+": counted no further than 100 (an office may have thousands unread). */
export const UNREAD_SHOWN = 99;

export function unreadCount(actor: Actor) {
  return getDb()
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .limit(UNREAD_SHOWN + 1)
    .all().length;
}

export const NOTIFICATIONS_PAGE = 30;

/** One person's notifications, newest first, each with its proposal's number and title. */
export function myNotifications(actor: Actor, page = 1) {
  authorize(actor, "notification.view");
  const where = eq(notifications.userId, actor.id);
  const db = getDb();
  return {
    rows: db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        proposalId: notifications.proposalId,
        message: notifications.message,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        proposalNumber: proposals.number,
        proposalTitle: proposals.title,
      })
      .from(notifications)
      .leftJoin(proposals, eq(proposals.id, notifications.proposalId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE)
      .offset((page - 1) * NOTIFICATIONS_PAGE)
      .all(),
    total: db.select({ n: count() }).from(notifications).where(where).get()!.n,
  };
}
