import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { congressSessions, deputies, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/workflow";

/*
 * Set-up shared by the test files that build their own small database: an account and the actor
 * the services take for it, a small world of sessions, units, deputies and accounts, and a
 * snapshot of every table. (tests/demo-db.ts is the other shared set-up: the whole demo.)
 */

type Extra = Omit<Partial<typeof users.$inferInsert>, "username" | "displayName" | "role">;

/** Adds an account (with a placeholder password hash unless one is given) and returns its actor. */
export function addActor(db: Db, username: string, displayName: string, role: Role, { unitId = null, deputyId = null, ...extra }: Extra = {}): Actor {
  const row = db
    .insert(users)
    .values({ passwordHash: "not-a-real-hash", ...extra, username, displayName, role, unitId, deputyId })
    .returning()
    .get();
  return { id: row.id, role, unitId: row.unitId, deputyId: row.deputyId, displayName };
}

/** The actor of an existing account, by user name (for the seeded demo). */
export function actorOf(db: Db, username: string): Actor {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  if (!row) throw new Error(`no user ${username}`);
  return { id: row.id, role: row.role, unitId: row.unitId, deputyId: row.deputyId, displayName: row.displayName };
}

/** The units of the small world: No. 155's lead (市经信局) and co-unit (市商务局), and two more. */
export const UNITS = {
  jxj: { name: "市经信局", shortName: "慈经信" },
  swj: { name: "市商务局", shortName: "慈商" },
  fgj: { name: "市发改局", shortName: "慈发改" },
  zjj: { name: "市住建局", shortName: "慈建" },
} as const;
export type UnitKey = keyof typeof UNITS;
export const UNIT_KEYS = Object.keys(UNITS) as UnitKey[];

/** No. 155's lead deputy and co-signers, and a deputy of another deputation. */
export const DEPUTIES = {
  hu: { name: "胡国锋", deputation: "古塘街道代表团" },
  chen: { name: "陈海波", deputation: "古塘街道代表团" },
  sun: { name: "孙丽娟", deputation: "古塘街道代表团" },
  ye: { name: "叶晓燕", deputation: "浒山街道代表团" },
} as const;
export type DeputyKey = keyof typeof DEPUTIES;

export const SESSION_NAME = "市十八届人大二次会议";

/**
 * A small world of direct inserts for the service tests: the current session and last year's
 * (closed), the four units and a retired one, the four deputies and a retired one, one account
 * for each office and administrator, a staff member and a leader in every unit, and an account
 * for every deputy. `account` adds fields to every account (an e-mail address, a password hash).
 */
export function smallWorld(db: Db, { account = () => ({}) }: { account?: (username: string) => Extra } = {}) {
  const session = db.insert(congressSessions).values({ term: 18, meeting: 2, name: SESSION_NAME, openedOn: "2026-02-24" }).returning().get();
  const oldSession = db
    .insert(congressSessions)
    .values({ term: 18, meeting: 1, name: "市十八届人大一次会议", openedOn: "2025-02-20", active: false })
    .returning()
    .get();
  const unit = {} as Record<UnitKey, number>;
  for (const k of UNIT_KEYS) unit[k] = db.insert(units).values(UNITS[k]).returning().get().id;
  const retiredUnit = db.insert(units).values({ name: "市旧机构", shortName: "慈旧", active: false }).returning().get().id;
  const deputy = {} as Record<DeputyKey, number>;
  for (const [k, d] of Object.entries(DEPUTIES)) deputy[k as DeputyKey] = db.insert(deputies).values({ ...d, phone: "13800000000" }).returning().get().id;
  const retiredDeputy = db.insert(deputies).values({ name: "离任代表", deputation: "宗汉街道代表团", active: false }).returning().get().id;

  const user = (username: string, displayName: string, role: Role, unitId: number | null = null, deputyId: number | null = null) =>
    addActor(db, username, displayName, role, { ...account(username), unitId, deputyId });
  const admin = user("sysadmin", "系统管理员", "system_admin");
  const secAdmin = user("secadmin", "安全管理员", "security_admin");
  const auditor = user("auditor", "安全审计员", "audit_admin");
  const congress = user("rdgw", "王丽萍", "congress_office");
  const gov = user("dcs", "陈建国", "gov_office");
  const staff = {} as Record<UnitKey, Actor>;
  const leader = {} as Record<UnitKey, Actor>;
  for (const k of UNIT_KEYS) {
    staff[k] = user(`${k}_staff`, `${UNITS[k].shortName}承办人`, "unit_staff", unit[k]);
    leader[k] = user(`${k}_leader`, `${UNITS[k].shortName}分管领导`, "unit_leader", unit[k]);
  }
  const dep = {} as Record<DeputyKey, Actor>;
  for (const k of Object.keys(DEPUTIES) as DeputyKey[]) dep[k] = user(k, DEPUTIES[k].name, "deputy", null, deputy[k]);
  /** One account per role: for a unit role, the given unit's; for a deputy, the given deputy's. */
  const actorFor = (role: Role, u: UnitKey = "jxj", d: DeputyKey = "hu"): Actor =>
    ({ system_admin: admin, security_admin: secAdmin, audit_admin: auditor, congress_office: congress, gov_office: gov, unit_staff: staff[u], unit_leader: leader[u], deputy: dep[d] })[role];
  return { db, session, oldSession, unit, retiredUnit, deputy, retiredDeputy, user, admin, secAdmin, auditor, congress, gov, staff, leader, dep, actorFor };
}

/**
 * The tables a snapshot reads, each with the statement that lists its rows in a stable order:
 * every table, the search index's shadow tables included (some have no rowid: they are read in
 * key order); the index's virtual tables themselves hold nothing of their own.
 */
export function snapshotQueries(db: Db): [name: string, query: string][] {
  const tables = db.$client.prepare("select name, sql from sqlite_master where type = 'table' order by name").all() as { name: string; sql: string | null }[];
  return tables
    .filter((t) => !/^create virtual table/i.test(t.sql ?? ""))
    .map((t) => [t.name, /without rowid/i.test(t.sql ?? "") ? `select * from "${t.name}"` : `select * from "${t.name}" order by rowid`]);
}

/** Every row of every table (including sqlite_sequence and the migrations journal): a refused call changes none. */
export function snapshotDb(db: Db) {
  return Object.fromEntries(snapshotQueries(db).map(([name, query]) => [name, db.$client.prepare(query).all()]));
}
