import { and, desc, eq, gte, inArray, like, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { audit, verifyAudit } from "../audit";
import { actionLabel, actionText } from "../labels";
import { auditObjectNames } from "@/db/queries/audit";
import { parse } from "../validation";
import { authorize, getDb, now } from "./common";

/** The audit administrator reads the log and verifies its chain; nobody can change it. */
const Filter = z.object({
  q: z.string().trim().max(100).optional().default(""),
  result: z.enum(["", "ok", "refused", "invalid", "failed"]).optional().default(""),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal("").transform(() => undefined)),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});
export type AuditFilter = z.input<typeof Filter>;
export const AUDIT_PAGE_SIZE = 50;

export function listAudit(actor: Actor, raw: AuditFilter) {
  authorize(actor, "audit.view");
  const f = parse(Filter, raw);
  // The words find the actions whose label holds them too ("登录" finds every sign-in entry).
  const labelled = f.q ? Object.entries(actionLabel).filter(([, label]) => label.includes(f.q)).map(([code]) => code) : [];
  const conds = [
    f.q
      ? or(
          like(auditLog.action, `%${f.q}%`),
          labelled.length ? inArray(auditLog.action, labelled) : undefined,
          like(auditLog.actorName, `%${f.q}%`),
          like(auditLog.objectId, `%${f.q}%`),
          like(auditLog.ip, `%${f.q}%`),
        )
      : undefined,
    f.result ? eq(auditLog.result, f.result) : undefined,
    f.from ? gte(auditLog.at, new Date(`${f.from}T00:00:00+08:00`)) : undefined,
    f.to ? lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000)) : undefined,
  ].filter(Boolean);
  const where = conds.length ? and(...conds) : undefined;
  const db = getDb();
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()!.n;
  const rows = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const names = auditObjectNames(db, rows);
  // The page shows words; the codes stay with each row for the administrator who wants them.
  const named = rows.map((r) => ({ ...r, actionText: actionText(r.action), object: names.get(r.id)! }));
  return { rows: named, total, page: f.page, filter: f };
}

/** Verifies the whole chain and records that it was verified (with the outcome). */
export function verifyAuditLog(actor: Actor) {
  authorize(actor, "audit.verify");
  const db = getDb();
  const result = verifyAudit(db);
  audit(db, { actor, action: "audit.verify", objectType: "audit_log", result: result.ok ? "ok" : "failed", detail: result }, now());
  return result;
}
