import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import { congressSessions, deputies, units, users, type PendingChange } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { Forbidden, Invalid, NotFound } from "../errors";
import { endUserSessions } from "../auth/sessions";
import { isAdminRole } from "../workflow";
import { DeputyInput, SessionInput, UnitInput, UserInput, parse } from "../validation";
import { authorize, checkAccountLink, getDb, now, record, recordDeadlineMoves } from "./common";
import { refreshDeadlines } from "./stored-deadlines";

/**
 * The administrator keeps the reference data a deployment runs on. Nothing that history
 * refers to is ever deleted: records are disabled instead.
 */
function upsert<T extends { id: number }>(
  actor: Actor,
  subjectType: "session" | "unit" | "deputy" | "user",
  id: number | undefined,
  load: (tx: Tx, id: number) => T | undefined,
  create: (tx: Tx) => { id: number },
  update: (tx: Tx, id: number, at: Date) => void,
  after: Record<string, unknown>,
) {
  // The caller has checked the matrix (once per call).
  const at = now();
  return getDb().transaction((tx) => {
    if (id == null) {
      const created = create(tx);
      record(tx, actor, at, { action: `${subjectType}.create`, subjectType, subjectId: created.id, after });
      return created;
    }
    const before = load(tx, id);
    if (!before) throw new NotFound();
    update(tx, id, at);
    record(tx, actor, at, { action: `${subjectType}.update`, subjectType, subjectId: id, before, after });
    return { id };
  });
}

export function saveSession(actor: Actor, raw: unknown) {
  authorize(actor, "admin.session");
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
    (tx, id, at) => {
      tx.update(congressSessions).set(values).where(eq(congressSessions.id, id)).run();
      // New periods or warning days move the deadlines of the session's assignments.
      recordDeadlineMoves(tx, actor, at, refreshDeadlines(tx, { sessionId: id }), "届次办理时限设置调整");
    },
    values,
  );
}

export function saveUnit(actor: Actor, raw: unknown) {
  authorize(actor, "admin.unit");
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
  authorize(actor, "admin.deputy");
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

/**
 * The system administrator keeps accounts: creates them with a business role, edits names, units,
 * contact, enables or disables them and sets a new password (which its owner must change at the
 * next sign-in). Roles after creation, and every administrator account, belong to the security
 * administrator (三员分立), who also approves each new account and each new unit or deputy link
 * before it takes effect.
 */
export async function saveUser(actor: Actor, raw: unknown) {
  authorize(actor, "admin.user");
  const { id, password, ...v } = parse(UserInput, raw);
  if (isAdminRole(v.role)) throw new Invalid("管理员角色由安全管理员授予。", { role: ["管理员角色由安全管理员授予"] });
  const passwordHash = password ? await hashPassword(password) : undefined;
  const at = now();
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
      const { passwordHash: _omit, totpSecret: _secret, ...safe } = row;
      return safe;
    },
    (tx) => {
      checkUserRefs(tx, values, undefined);
      // 三员分立: the new account stays disabled, without its unit or deputy, until the security
      // administrator approves what was asked (lib/services/security.ts, decideAccountChange).
      const pendingChange: PendingChange = { kind: "create", unitId: values.unitId, deputyId: values.deputyId, active: values.active, by: actor.id, at: at.toISOString() };
      return tx
        .insert(users)
        .values({ ...values, unitId: null, deputyId: null, active: false, pendingChange, passwordHash: passwordHash!, mustChangePassword: true, passwordChangedAt: at })
        .returning({ id: users.id })
        .get();
    },
    (tx, id) => {
      const prev = tx
        .select({ active: users.active, role: users.role, unitId: users.unitId, deputyId: users.deputyId, pending: users.pendingChange })
        .from(users)
        .where(eq(users.id, id))
        .get()!;
      if (isAdminRole(prev.role)) throw new Forbidden("管理员账号由安全管理员管理。");
      if (prev.role !== values.role) throw new Invalid("账号角色由安全管理员调整。", { role: ["账号角色由安全管理员调整"] });
      // A new unit or deputy waits for the security administrator; so does everything about an
      // account not yet approved. The current link holds meanwhile.
      const awaitingCreation = prev.pending?.kind === "create";
      const relinked = prev.unitId !== values.unitId || prev.deputyId !== values.deputyId;
      const pendingChange: PendingChange | null = awaitingCreation
        ? { ...prev.pending!, unitId: values.unitId, deputyId: values.deputyId, active: values.active }
        : relinked
          ? { kind: "relink", unitId: values.unitId, deputyId: values.deputyId, by: actor.id, at: at.toISOString() }
          : prev.pending;
      const active = awaitingCreation ? false : values.active;
      // A new password or a disabled account ends the account's existing sessions.
      const endSessions = !!passwordHash || prev.active !== active;
      tx.update(users)
        .set({
          ...values,
          unitId: prev.unitId,
          deputyId: prev.deputyId,
          active,
          pendingChange,
          ...(passwordHash ? { passwordHash, mustChangePassword: true, passwordChangedAt: at } : {}),
        })
        .where(eq(users.id, id))
        .run();
      if (endSessions) endUserSessions(tx, id, at, passwordHash ? "password_changed" : "disabled");
    },
    { ...values, passwordChanged: !!passwordHash },
  );
}

function checkUserRefs(tx: Tx, v: { username: string; unitId: number | null; deputyId: number | null }, id: number | undefined) {
  unique(tx, users, users.username, v.username, id, "username", "用户名已被使用");
  checkAccountLink(tx, v);
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
