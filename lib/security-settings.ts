import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { settings } from "@/db/schema";

export { POLICY, POLICY_KEYS, type Policy, type PolicyKey } from "./policy";
import { POLICY, POLICY_KEYS, type Policy, type PolicyKey } from "./policy";

export function readPolicy(db: Db | Tx): Policy {
  const rows = db.select().from(settings).all();
  const stored = new Map(rows.map((r) => [r.key, Number(r.value)]));
  const out = {} as Policy;
  for (const key of POLICY_KEYS) {
    const v = stored.get(key);
    const { min, max } = POLICY[key];
    out[key] = v != null && Number.isInteger(v) && v >= min && v <= max ? v : POLICY[key].default;
  }
  return out;
}

export function writePolicy(tx: Tx, key: PolicyKey, value: number, at: Date) {
  tx.insert(settings)
    .values({ key, value: String(value), updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: String(value), updatedAt: at } })
    .run();
}

