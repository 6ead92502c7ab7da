"use server";

import { formAction } from "@/lib/action";
import { saveDeputy, saveSession, saveUnit, saveUser } from "@/lib/services/admin";

export const saveSessionAction = formAction(saveSession, { success: "届次已保存。" });
export const saveUnitAction = formAction(saveUnit, { success: "单位已保存。" });
export const saveDeputyAction = formAction(saveDeputy, { success: "代表信息已保存。" });
export const saveUserAction = formAction(saveUser, { success: "账号已保存。" });
