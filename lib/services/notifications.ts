import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { MAX_LIST_IDS, parse, recordId } from "../validation";
import { authorize, getDb, now } from "./common";

const MarkReadInput = z.object({
  ids: z.array(recordId("通知"), { error: "通知无效" }).max(MAX_LIST_IDS, `一次最多标记${MAX_LIST_IDS}条通知`).optional().default([]),
});

/** Marks the actor's own notifications read: the listed ones, or all when none is listed. */
export function markNotificationsRead(actor: Actor, raw: unknown) {
  authorize(actor, "notification.markRead");
  const { ids } = parse(MarkReadInput, raw);
  const at = now();
  return getDb()
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), ids.length ? inArray(notifications.id, ids) : undefined))
    .run().changes;
}
