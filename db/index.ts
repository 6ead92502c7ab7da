import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Where the embedded database lives: `BANLI_DATA_DIR`, or `./data` beside the app. */
export function dataDir() {
  return path.resolve(/*turbopackIgnore: true*/ process.env.BANLI_DATA_DIR ?? "data");
}

export function migrationsDir() {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");
}

/** How many migrations the database has had (drizzle's journal table; none yet on a new file). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  return table ? (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n : 0;
}

/** Opens (creating if needed) and migrates a database. WAL for concurrent readers, foreign keys on. */
export function openDb(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  // A migration that rebuilds a table (to add a CHECK constraint or a foreign key) drops the old one;
  // SQLite's own procedure for that runs with foreign keys off and checks them all afterwards. The
  // migrations run in one transaction, where the pragma cannot change, so it is set around them.
  // The check reads every row (about a minute at 100,000 proposals), so it runs only after migrations
  // were applied, not on every start.
  sqlite.pragma("foreign_keys = OFF");
  const before = appliedMigrations(sqlite);
  migrate(db, { migrationsFolder: migrationsDir() });
  if (appliedMigrations(sqlite) !== before) {
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length) throw new Error(`database migration left ${broken.length} broken references: ${JSON.stringify(broken.slice(0, 5))}`);
  }
  sqlite.pragma("foreign_keys = ON");
  return db;
}

const globalForDb = globalThis as unknown as { banliDb?: Db };

/**
 * The one connection, opened lazily: `next build` imports route modules, and an import-time
 * open would create the database file during the build.
 */
export function getDb(): Db {
  if (!globalForDb.banliDb) {
    globalForDb.banliDb = openDb(path.join(dataDir(), "banli.sqlite"));
  }
  return globalForDb.banliDb;
}

/** Tests give each case a fresh in-memory database. */
export function useDb(db: Db) {
  globalForDb.banliDb = db;
}
