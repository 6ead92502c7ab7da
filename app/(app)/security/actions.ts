"use server";

import { formAction } from "@/lib/action";
import { decideAccountChange, resetTwoFactor, savePolicy, setRole, unlockAccount } from "@/lib/services/security";

export const setRoleAction = formAction("security.role", setRole, { success: "角色已调整，该账号需重新登录。" });
export const unlockAction = formAction("security.unlock", unlockAccount, { success: "已解除锁定。" });
export const resetTwoFactorAction = formAction("security.resetTwoFactor", resetTwoFactor, { success: "已重置双因素认证，该账号下次登录时重新绑定。" });
export const savePolicyAction = formAction("security.policy", savePolicy, { success: "安全策略已保存。" });
export const decideAccountAction = formAction("security.approveAccount", decideAccountChange, { success: "已审核，结果已记入审计日志。" });
