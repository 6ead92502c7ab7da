import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import { congressSessions, deputies, units, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { Invalid, NotFound } from "../errors";
import { DeputyInput, SessionInput, UnitInput, UserInput, parse } from "../validation";
import { getDb, now, record, requireRole } from "./common";

/**
 * The administrator keeps the reference data a deployment runs on. Nothing that history
 * refers to is ever deleted: records are disabled instead.
 */
function upsert<T extends { id: number }>(
  actor: Actor,
  subjectType: string,
  id: number | undefined,
  load: (tx: Tx, id: number) => T | undefined,
  create: (tx: Tx) => { id: number },
  update: (tx: Tx, id: number) => void,
  after: Record<string, unknown>,
) {
  requireRole(actor, ["admin"]);
  const at = now();
  return getDb().transaction((tx) => {
    if (id == null) {
      const created = create(tx);
      record(tx, actor, at, { action: `${subjectType}.create`, subjectType, subjectId: created.id, after });
      return created;
    }
    const before = load(tx, id);
    if (!before) throw new NotFound();
    update(tx, id);
    record(tx, actor, at, { action: `${subjectType}.update`, subjectType, subjectId: id, before, after });
    return { id };
  });
}

export function saveSession(actor: Actor, raw: unknown) {
  requireRole(actor, ["admin"]);
  const { id, ...v } = parse(SessionInput, raw);
  const values = { ...v, openedOn: v.openedOn ?? null };
  return upsert(
    actor,
    "session",
    id,
    (tx, id) => {
      unique(tx, congressSessions, congressSessions.name, v.name, id, "name", "已有同名届次");
      return tx.select().from(congressSessions).where(eq(congressSessions.id, id)).get();
    },
    (tx) => {
      unique(tx, congressSessions, congressSessions.name, v.name, undefined, "name", "已有同名届次");
      return tx.insert(congressSessions).values(values).returning({ id: congressSessions.id }).get();
    },
    (tx, id) => tx.update(congressSessions).set(values).where(eq(congressSessions.id, id)).run(),
    values,
  );
}

export function saveUnit(actor: Actor, raw: unknown) {
  requireRole(actor, ["admin"]);
  const { id, ...values } = parse(UnitInput, raw);
  return upsert(
    actor,
    "unit",
    id,
    (tx, id) => {
      unique(tx, units, units.name, values.name, id, "name", "已有同名单位");
      unique(tx, units, units.shortName, values.shortName, id, "shortName", "文号代字已被其他单位使用");
      return tx.select().from(units).where(eq(units.id, id)).get();
    },
    (tx) => {
      unique(tx, units, units.name, values.name, undefined, "name", "已有同名单位");
      unique(tx, units, units.shortName, values.shortName, undefined, "shortName", "文号代字已被其他单位使用");
      return tx.insert(units).values(values).returning({ id: units.id }).get();
    },
    (tx, id) => tx.update(units).set(values).where(eq(units.id, id)).run(),
    values,
  );
}

export function saveDeputy(actor: Actor, raw: unknown) {
  requireRole(actor, ["admin"]);
  const { id, ...values } = parse(DeputyInput, raw);
  return upsert(
    actor,
    "deputy",
    id,
    (tx, id) => tx.select().from(deputies).where(eq(deputies.id, id)).get(),
    (tx) => tx.insert(deputies).values(values).returning({ id: deputies.id }).get(),
    (tx, id) => tx.update(deputies).set(values).where(eq(deputies.id, id)).run(),
    values,
  );
}

export async function saveUser(actor: Actor, raw: unknown) {
  requireRole(actor, ["admin"]);
  const { id, password, ...v } = parse(UserInput, raw);
  const passwordHash = password ? await hashPassword(password) : undefined;
  const values = {
    ...v,
    unitId: v.role === "unit_staff" || v.role === "unit_leader" ? (v.unitId ?? null) : null,
    deputyId: v.role === "deputy" ? (v.deputyId ?? null) : null,
  };
  return upsert(
    actor,
    "user",
    id,
    (tx, id) => {
      checkUserRefs(tx, values, id);
      const row = tx.select().from(users).where(eq(users.id, id)).get();
      if (!row) return undefined;
      const { passwordHash: _omit, ...safe } = row;
      return safe;
    },
    (tx) => {
      checkUserRefs(tx, values, undefined);
      return tx
        .insert(users)
        .values({ ...values, passwordHash: passwordHash! })
        .returning({ id: users.id })
        .get();
    },
    (tx, id) => {
      if (id === actor.id && (!values.active || values.role !== "admin"))
        throw new Invalid("不能停用自己的账号或取消自己的管理员角色。", { active: ["不能停用自己的账号或取消自己的管理员角色"] });
      const prev = tx.select({ sv: users.sessionVersion, active: users.active, role: users.role }).from(users).where(eq(users.id, id)).get()!;
      // A new password, a disabled account or a new role ends the account's existing sessions.
      const endSessions = !!passwordHash || prev.active !== values.active || prev.role !== values.role;
      tx.update(users)
        .set({ ...values, ...(passwordHash ? { passwordHash } : {}), sessionVersion: endSessions ? prev.sv + 1 : prev.sv })
        .where(eq(users.id, id))
        .run();
    },
    { ...values, passwordChanged: !!passwordHash },
  );
}

function checkUserRefs(tx: Tx, v: { username: string; unitId: number | null; deputyId: number | null }, id: number | undefined) {
  unique(tx, users, users.username, v.username, id, "username", "用户名已被使用");
  if (v.unitId != null && !tx.select({ id: units.id }).from(units).where(eq(units.id, v.unitId)).get())
    throw new Invalid("所属单位不存在。", { unitId: ["所属单位不存在"] });
  if (v.deputyId != null && !tx.select({ id: deputies.id }).from(deputies).where(eq(deputies.id, v.deputyId)).get())
    throw new Invalid("所选代表不存在。", { deputyId: ["所选代表不存在"] });
}

function unique(
  tx: Tx,
  table: typeof units | typeof users | typeof congressSessions,
  column: typeof units.name | typeof units.shortName | typeof users.username | typeof congressSessions.name,
  value: string,
  exceptId: number | undefined,
  field: string,
  message: string,
) {
  const t = table as typeof units;
  const clash = tx
    .select({ id: t.id })
    .from(t)
    .where(exceptId == null ? eq(column as typeof units.name, value) : and(eq(column as typeof units.name, value), ne(t.id, exceptId)))
    .get();
  if (clash) throw new Invalid(message, { [field]: [message] });
}
