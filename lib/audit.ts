import { createHmac } from "node:crypto";
import { derivedKey } from "./auth/secret";
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { auditLog, auditPrunePermit } from "@/db/schema";
import { requestInfo } from "./request-context";
import { readPolicy } from "./security-settings";
import type { AuditAction } from "./audit-actions";

/**
 * The audit log (等保 2.0 安全审计): who did what to which object, from where, with what result.
 * Entries are chained: each keyed hash covers the entry's fields and the previous entry's hash, so
 * an edited, inserted or removed row breaks the chain from that row on. Removing the newest entries
 * leaves a shorter chain that still verifies: `npm run audit:verify` prints the last entry's hash,
 * to be kept outside the server (with the backups) and compared. The table itself refuses
 * UPDATE, and DELETE outside a retention prune (triggers in migration 0005).
 */
export const GENESIS = "0".repeat(64);

export type AuditResult = "ok" | "refused" | "invalid" | "failed";

export type AuditEntry = {
  actor: { id: number; displayName: string; role: string } | null;
  /** Shown instead of an actor: the name typed at a failed sign-in, or "系统". */
  actorName?: string;
  action: AuditAction;
  objectType: string;
  objectId?: string | number | null;
  result: AuditResult;
  detail?: unknown;
  ip?: string;
};

type Row = typeof auditLog.$inferSelect;
type Fields = Omit<Row, "id" | "hash">;

export function hashOf(f: Fields): string {
  const canonical = JSON.stringify([
    f.at.getTime(),
    f.actorId,
    f.actorName,
    f.actorRole,
    f.ip,
    f.action,
    f.objectType,
    f.objectId,
    f.result,
    f.detail,
    f.prevHash,
  ]);
  // Keyed (HMAC-SHA-256, key from the server secret): with only the database file in hand, nobody
  // can write an entry or rewrite the chain after an edit so that it still verifies.
  return createHmac("sha256", derivedKey("audit")).update(canonical).digest("hex");
}

function lastHash(tx: Db | Tx) {
  return tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? GENESIS;
}

function insert(tx: Db | Tx, e: AuditEntry, at: Date) {
  const detail = e.detail == null ? null : typeof e.detail === "string" ? e.detail : JSON.stringify(e.detail);
  const fields: Fields = {
    at,
    actorId: e.actor?.id ?? null,
    actorName: (e.actor?.displayName ?? e.actorName ?? "系统").slice(0, 100),
    actorRole: e.actor?.role ?? null,
    ip: (e.ip ?? requestInfo().ip).slice(0, 64),
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId == null ? null : String(e.objectId).slice(0, 100),
    result: e.result,
    detail: detail == null ? null : detail.slice(0, 4000),
    prevHash: lastHash(tx),
  };
  tx.insert(auditLog).values({ ...fields, hash: hashOf(fields) }).run();
}

/** Appends inside the caller's transaction, so a change and its audit entry commit together. */
export function auditIn(tx: Tx, entry: AuditEntry, at: Date) {
  insert(tx, entry, at);
}

/** Appends on its own (security events, refusals): an immediate transaction keeps the chain linear. */
export function audit(db: Db, entry: AuditEntry, at: Date) {
  db.transaction((tx) => insert(tx, entry, at), { behavior: "immediate" });
}

export type VerifyResult =
  | { ok: true; entries: number; firstId: number | null; lastId: number | null; lastHash: string | null }
  | { ok: false; entries: number; brokenId: number; reason: string };

/**
 * Walks the chain in id order. The first entry links to the genesis hash, or, after a prune, to
 * the anchor the prune recorded (in its own chained entry). Names the first entry that does not fit.
 */
export function verifyAudit(db: Db | Tx): VerifyResult {
  const anchors = new Set<string>([GENESIS]);
  for (const p of db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, "audit.prune"), eq(auditLog.result, "ok")))
    .all()) {
    try {
      const anchor = JSON.parse(p.detail ?? "{}").anchorHash;
      if (typeof anchor === "string") anchors.add(anchor);
    } catch {
      /* a broken detail shows up as a broken hash below */
    }
  }
  let prev: string | null = null;
  let count = 0;
  let firstId: number | null = null;
  let lastId: number | null = null;
  const pageSize = 2000;
  let after = 0;
  for (;;) {
    const rows = db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(pageSize).all();
    if (rows.length === 0) break;
    for (const row of rows) {
      const { id, hash, ...fields } = row;
      if (prev == null) {
        firstId = id;
        if (!anchors.has(row.prevHash)) return { ok: false, entries: count, brokenId: id, reason: "首条记录与起点或清理锚点不符（前部记录可能被删除）" };
      } else if (row.prevHash !== prev) {
        return { ok: false, entries: count, brokenId: id, reason: "与前一条记录的链接不符（其间记录可能被删除或插入）" };
      }
      if (hashOf(fields) !== hash) return { ok: false, entries: count, brokenId: id, reason: "记录内容与其哈希不符（记录可能被修改）" };
      prev = hash;
      lastId = id;
      count++;
    }
    after = rows[rows.length - 1].id;
  }
  return { ok: true, entries: count, firstId, lastId, lastHash: prev };
}

/**
 * Retention: removes entries older than the policy's months (never fewer than 6), holding the
 * delete permit only inside this transaction, and records the prune with the anchor hash.
 */
export function pruneAudit(db: Db, at: Date): { removed: number } {
  const months = readPolicy(db).auditRetentionMonths;
  const cutoff = new Date(at);
  cutoff.setMonth(cutoff.getMonth() - months);
  return db.transaction(
    (tx) => {
      const last = tx
        .select({ id: auditLog.id, hash: auditLog.hash })
        .from(auditLog)
        .where(lt(auditLog.at, cutoff))
        .orderBy(desc(auditLog.id))
        .limit(1)
        .get();
      if (!last) return { removed: 0 };
      tx.insert(auditPrunePermit).values({ id: 1, anchorHash: last.hash }).run();
      const removed = tx.delete(auditLog).where(sql`${auditLog.id} <= ${last.id}`).run().changes;
      tx.delete(auditPrunePermit).run();
      insert(
        tx,
        {
          actor: null,
          actorName: "系统",
          action: "audit.prune",
          objectType: "audit_log",
          objectId: `..${last.id}`,
          result: "ok",
          detail: { removed, before: cutoff.toISOString(), retentionMonths: months, anchorHash: last.hash },
          ip: "-",
        },
        at,
      );
      return { removed };
    },
    { behavior: "immediate" },
  );
}
