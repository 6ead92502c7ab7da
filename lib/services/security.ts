import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { clearLocks } from "../auth/lockout";
import type { Actor } from "../auth/actor";
import { endUserSessions } from "../auth/sessions";
import { Invalid, NotFound } from "../errors";
import { POLICY, POLICY_KEYS, readPolicy, writePolicy, type Policy } from "../security-settings";
import { choice, parse, recordId } from "../validation";
import { ROLES } from "../workflow";
import { authorize, checkAccountLink, getDb, now, record } from "./common";

/**
 * The security administrator (三员分立): roles, sign-in locks, two-factor resets and the
 * security policy. Cannot change their own account's role.
 */
const RoleInput = z
  .object({
    userId: recordId("账号"),
    role: choice(ROLES, "角色"),
    unitId: recordId("所属单位", true).optional().or(z.literal("").transform(() => undefined)),
    deputyId: recordId("对应代表", true).optional().or(z.literal("").transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    if ((v.role === "unit_staff" || v.role === "unit_leader") && !v.unitId)
      ctx.addIssue({ code: "custom", path: ["unitId"], message: "承办人和签发领导须选择所属单位" });
    if (v.role === "deputy" && !v.deputyId) ctx.addIssue({ code: "custom", path: ["deputyId"], message: "代表账号须关联一位代表" });
  });

export function setRole(actor: Actor, raw: unknown) {
  authorize(actor, "security.role");
  const v = parse(RoleInput, raw);
  if (v.userId === actor.id) throw new Invalid("不能调整自己的角色。", { role: ["不能调整自己的角色"] });
  const at = now();
  const unitId = v.role === "unit_staff" || v.role === "unit_leader" ? v.unitId! : null;
  const deputyId = v.role === "deputy" ? v.deputyId! : null;
  return getDb().transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, v.userId)).get();
    if (!user) throw new NotFound("未找到该账号。");
    checkAccountLink(tx, { unitId, deputyId });
    const before = { role: user.role, unitId: user.unitId, deputyId: user.deputyId };
    const after = { role: v.role, unitId, deputyId };
    if (JSON.stringify(before) === JSON.stringify(after)) return { id: user.id, changed: false };
    tx.update(users)
      .set(after)
      .where(eq(users.id, user.id))
      .run();
    endUserSessions(tx, user.id, at, "role_changed");
    record(tx, actor, at, { action: "user.role", subjectType: "user", subjectId: user.id, before, after });
    return { id: user.id, changed: true };
  });
}

const UnlockInput = z.object({ username: z.string({ error: "请选择账号" }).trim().min(1, "请选择账号").max(64, "用户名过长") });

/** Lifts a sign-in lock before it runs out (the owner called in, identity checked). */
export function unlockAccount(actor: Actor, raw: unknown) {
  authorize(actor, "security.unlock");
  const { username } = parse(UnlockInput, raw);
  const name = username.toLowerCase();
  const at = now();
  return getDb().transaction((tx) => {
    const locks = clearLocks(tx, name).filter((l) => l.lockedUntil > at);
    if (!locks.length) throw new NotFound("该账号当前未被锁定。");
    const user = tx.select({ id: users.id }).from(users).where(eq(users.username, name)).get();
    record(tx, actor, at, { action: "account.unlock", subjectType: "user", subjectId: user?.id ?? 0, before: { locks: locks.map((l) => ({ ip: l.ip, lockedUntil: l.lockedUntil })) } });
    return { username: name };
  });
}

const UserRef = z.object({ userId: recordId("账号") });

/** Clears an account's authenticator (lost phone): it enrols again at its next sign-in. */
export function resetTwoFactor(actor: Actor, raw: unknown) {
  authorize(actor, "security.resetTwoFactor");
  const { userId } = parse(UserRef, raw);
  if (userId === actor.id) throw new Invalid("不能重置自己的双因素认证。");
  const at = now();
  return getDb().transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user) throw new NotFound("未找到该账号。");
    if (!user.totpSecret) throw new Invalid("该账号尚未启用双因素认证。");
    tx.update(users)
      .set({ totpSecret: null, totpLastStep: null })
      .where(eq(users.id, userId))
      .run();
    endUserSessions(tx, userId, at, "totp_reset");
    record(tx, actor, at, { action: "user.totp_reset", subjectType: "user", subjectId: userId });
    return { id: userId };
  });
}

const PolicyInput = z.object(
  Object.fromEntries(
    POLICY_KEYS.map((k) => {
      const { label, min, max } = POLICY[k];
      const name = label.replace(/（.*）/, "");
      return [
        k,
        z.coerce
          .number({ error: `请填写${name}` })
          .int(`${name}须为整数`)
          .min(min, `${name}不能少于${min}`)
          .max(max, `${name}不能超过${max}`),
      ];
    }),
  ) as Record<keyof Policy, z.ZodNumber>,
);

export function savePolicy(actor: Actor, raw: unknown) {
  authorize(actor, "security.policy");
  const next = parse(PolicyInput, raw) as Policy;
  const at = now();
  return getDb().transaction((tx) => {
    const before = readPolicy(tx);
    for (const k of POLICY_KEYS) if (before[k] !== next[k]) writePolicy(tx, k, next[k], at);
    record(tx, actor, at, { action: "policy.update", subjectType: "policy", subjectId: 0, before, after: next });
    return next;
  });
}

const DecisionInput = z.object({ userId: recordId("账号"), decision: choice(["approve", "reject"] as const, "审核意见") });

/**
 * 三员分立 for accounts: the security administrator approves or rejects what the system
 * administrator asked. Approving a new account enables it with its unit or deputy; approving a new
 * link moves the account and ends its sessions (an open session must not see the new unit's or
 * deputy's proposals under the old sign-in). Rejecting removes a new account (never used) and
 * leaves an existing one as it was.
 */
export function decideAccountChange(actor: Actor, raw: unknown) {
  authorize(actor, "security.approveAccount");
  const v = parse(DecisionInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, v.userId)).get();
    const pending = user?.pendingChange;
    if (!user || !pending) throw new NotFound("该账号没有待审核的变更。");
    if (pending.by === actor.id) throw new Invalid("不能审核自己提出的账号变更。");
    const link = { unitId: pending.unitId, deputyId: pending.deputyId };
    if (v.decision === "approve") {
      checkAccountLink(tx, link);
      tx.update(users)
        .set({ ...link, ...(pending.kind === "create" ? { active: pending.active ?? true } : {}), pendingChange: null })
        .where(eq(users.id, user.id))
        .run();
      if (pending.kind === "relink") endUserSessions(tx, user.id, at, "role_changed");
    } else if (pending.kind === "create") {
      // A rejected new account is not kept: left disabled, the system administrator could enable it.
      tx.delete(users).where(eq(users.id, user.id)).run();
    } else {
      tx.update(users).set({ pendingChange: null }).where(eq(users.id, user.id)).run();
    }
    record(tx, actor, at, {
      action: v.decision === "approve" ? "user.approve" : "user.reject",
      subjectType: "user",
      subjectId: user.id,
      before: { kind: pending.kind, role: user.role, unitId: user.unitId, deputyId: user.deputyId, requestedBy: pending.by },
      after: v.decision === "approve" ? { role: user.role, ...link } : undefined,
    });
    return { id: user.id, decision: v.decision };
  });
}
