"use server";

import { formAction } from "@/lib/action";
import { homeOf } from "@/lib/authz";
import { changePassword, disableTwoFactor, enrolTwoFactor } from "@/lib/services/account";
import { isAdminRole } from "@/lib/workflow";

export const changePasswordAction = formAction(
  "account.changePassword",
  async (actor, raw, _form, session) => {
    await changePassword(actor, raw, session!.sid);
    return actor;
  },
  {
    success: "密码已修改。",
    whilePending: true,
    redirectTo: (actor) => (isAdminRole(actor.role) ? "/account/two-factor?changed=1" : `${homeOf(actor.role)}?flash=password`),
  },
);

export const enrolTwoFactorAction = formAction(
  "account.twoFactor",
  (actor, raw) => {
    enrolTwoFactor(actor, raw);
    return actor;
  },
  { whilePending: true, redirectTo: (actor) => `${homeOf(actor.role)}` },
);

export const disableTwoFactorAction = formAction("account.twoFactor", disableTwoFactor, {
  success: "已关闭双因素认证。",
  whilePending: true,
});
