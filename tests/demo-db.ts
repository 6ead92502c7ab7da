import { openDb, useDb, type Db } from "@/db";
import { seed } from "@/db/seed";
import { setNow } from "@/lib/clock";

/** The day the test files below seed the demo on (the demo is dated back from it). */
export const DEMO_DAY = "2026-11-20T10:00:00+08:00";

/**
 * A fresh in-memory database with the demo data, seeded with the clock on DEMO_DAY and left there,
 * and made the current database. Each test file that calls it prepares its own data.
 */
export async function demoDb(): Promise<Db> {
  setNow(new Date(DEMO_DAY));
  const db = openDb(":memory:");
  await seed(db);
  useDb(db);
  return db;
}
