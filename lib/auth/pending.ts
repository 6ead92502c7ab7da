import type { Policy } from "../policy";
import { isAdminRole, type Role } from "../workflow";

/**
 * What a signed-in account must do before anything else: change a password an administrator
 * set or one past its age, or (admin roles) enrol an authenticator app.
 */
export type Pending = "password" | "password_expired" | "totp" | null;

/** What stands between a signed-in account and its work, by the policy at `at`. */
export function pendingOf(
  user: { mustChangePassword: boolean; passwordChangedAt: Date; role: Role; totpSecret: string | null },
  policy: Pick<Policy, "passwordMaxAgeDays">,
  at: Date,
): Pending {
  if (user.mustChangePassword) return "password";
  if (at.getTime() - user.passwordChangedAt.getTime() > policy.passwordMaxAgeDays * 86_400_000) return "password_expired";
  if (isAdminRole(user.role) && !user.totpSecret) return "totp";
  return null;
}

