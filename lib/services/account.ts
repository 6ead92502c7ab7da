import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { LOCKOUT, lockedUntil, recordFailure } from "../auth/lockout";
import { requestInfo } from "../request-context";
import { hashPassword, verifyPassword } from "../auth/password";
import { formatDateTime } from "../labels";
import { passwordProblem } from "../auth/password-policy";
import { endUserSessions } from "../auth/sessions";
import { acceptCode, openSecret, sealSecret } from "../auth/totp";
import { Invalid } from "../errors";
import { parse, password } from "../validation";
import { isAdminRole } from "../workflow";
import { authorize, getDb, now, record } from "./common";

/**
 * What an account does for itself: change its password (at first sign-in, when it has expired,
 * or any time) and enrol or remove an authenticator app. These run while a sign-in is still
 * pending, so they take the actor as signed in, not as cleared to work.
 */
const ChangePasswordInput = z
  .object({
    current: z.string({ error: "请填写当前密码" }).min(1, "请填写当前密码").max(256, "当前密码不正确"),
    next: password.min(1, "请填写新密码"),
    confirm: z.string({ error: "请再次输入新密码" }).max(256, "两次输入的新密码不一致"),
  })
  .superRefine((v, ctx) => {
    if (v.next !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "两次输入的新密码不一致" });
  });

export async function changePassword(actor: Actor, raw: unknown, sessionId: string) {
  authorize(actor, "account.changePassword");
  const v = parse(ChangePasswordInput, raw);
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!user) throw new Invalid("账号不存在。");
  // Wrong current passwords count towards the same lockout as sign-in: a session left open is not a
  // way to guess the password without limit.
  const { ip } = requestInfo();
  const lock = lockedUntil(db, user.username, ip, now());
  if (lock) throw new Invalid(`当前密码输错次数过多，账号已锁定至 ${formatDateTime(lock)}，请届时再试或联系安全管理员解锁。`, { current: ["账号已锁定"] });
  if (!(await verifyPassword(user.passwordHash, v.current))) {
    const locked = recordFailure(db, user.username, ip, now());
    if (locked) throw new Invalid(`当前密码连续输错${LOCKOUT.failures}次，账号已锁定至 ${formatDateTime(locked)}。`, { current: ["账号已锁定"] });
    throw new Invalid("当前密码不正确。", { current: ["当前密码不正确"] });
  }
  const weak = passwordProblem(v.next, user.username);
  if (weak) throw new Invalid(weak + "。", { next: [weak] });
  if (await verifyPassword(user.passwordHash, v.next)) throw new Invalid("新密码不能与当前密码相同。", { next: ["新密码不能与当前密码相同"] });
  const passwordHash = await hashPassword(v.next);
  const at = now();
  db.transaction((tx) => {
    tx.update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: at })
      .where(eq(users.id, user.id))
      .run();
    // Other sign-ins of the account end; this one goes on.
    endUserSessions(tx, user.id, at, "password_changed", sessionId);
    record(tx, actor, at, { action: "account.password", subjectType: "user", subjectId: user.id, after: { forced: user.mustChangePassword } });
  });
  return { id: user.id };
}

const EnrolInput = z.object({
  sealed: z.string({ error: "请刷新页面后重试" }).min(10, "请刷新页面后重试").max(500, "请刷新页面后重试"),
  code: z.string({ error: "请输入验证码" }).trim().regex(/^\d{6}$/, "请输入验证器上显示的6位数字"),
});

/** Confirms enrolment: the code from the app proves it holds the secret shown on the page. */
export function enrolTwoFactor(actor: Actor, raw: unknown) {
  authorize(actor, "account.twoFactor");
  const v = parse(EnrolInput, raw);
  let secret: string;
  try {
    secret = openSecret(v.sealed);
  } catch {
    throw new Invalid("页面已过期，请刷新后重新扫码。");
  }
  const at = now();
  // The authenticator runs on real time, whatever clock the application is pinned to.
  const step = acceptCode(secret, v.code, new Date(), null);
  if (step == null) throw new Invalid("验证码不正确，请核对手机时间后重试。", { code: ["验证码不正确"] });
  return getDb().transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, actor.id)).get()!;
    if (user.totpSecret) throw new Invalid("已启用双因素认证。");
    tx.update(users).set({ totpSecret: sealSecret(secret), totpLastStep: step }).where(eq(users.id, actor.id)).run();
    record(tx, actor, at, { action: "account.totp_enrol", subjectType: "user", subjectId: actor.id });
    return { id: actor.id };
  });
}

const DisableInput = z.object({ code: EnrolInput.shape.code });

/** Removes the authenticator, with a current code; administrators may not (it is required for them). */
export function disableTwoFactor(actor: Actor, raw: unknown) {
  authorize(actor, "account.twoFactor");
  if (isAdminRole(actor.role)) throw new Invalid("管理员账号必须启用双因素认证。");
  const { code } = parse(DisableInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, actor.id)).get()!;
    if (!user.totpSecret) throw new Invalid("尚未启用双因素认证。");
    const step = acceptCode(openSecret(user.totpSecret), code, new Date(), user.totpLastStep);
    if (step == null) throw new Invalid("验证码不正确。", { code: ["验证码不正确"] });
    tx.update(users).set({ totpSecret: null, totpLastStep: null }).where(eq(users.id, actor.id)).run();
    record(tx, actor, at, { action: "account.totp_disable", subjectType: "user", subjectId: actor.id });
    return { id: actor.id };
  });
}
