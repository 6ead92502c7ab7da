import { sql } from "drizzle-orm";
import { getDb } from "@/db";

/*
 * Counts and figures kept in memory while the data under them has not changed.
 *
 * Every business change writes a history entry in its own transaction (record() in
 * lib/services/common.ts: proposals registered, assigned, withdrawn; documents saved and sent;
 * contacts, ratings, requests; calendar, session, unit and deputy edits), so the newest history id
 * marks the state of the data. A result computed for one mark is right until the mark moves. The
 * mark is read from the database on every use (one indexed lookup), so a change made by another
 * process is seen as well. What depends on the day (lights) puts the day in its key.
 */

const KEPT_PER_DATABASE = 256;
const store = new WeakMap<object, Map<string, unknown>>();

/** The newest history id: moves with every business change. */
export function dataMark(): number {
  return getDb().get<{ id: number | null }>(sql`select max(id) as id from history`)?.id ?? 0;
}

/** Freezes a kept result: every request that reads it shares it, so none may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * `compute()` for `key` at the current data mark, computed once per mark and shared (frozen). A
 * caller keeping several results in one go reads the mark once and passes it.
 */
export function kept<T>(key: string, compute: () => T, mark = dataMark()): T {
  const db = getDb();
  let results = store.get(db);
  if (!results) store.set(db, (results = new Map()));
  const at = `${mark}|${key}`;
  if (results.has(at)) return results.get(at) as T;
  const value = deepFreeze(compute());
  // Oldest first out; results of an older mark are never read again.
  if (results.size >= KEPT_PER_DATABASE) results.delete(results.keys().next().value!);
  results.set(at, value);
  return value;
}
