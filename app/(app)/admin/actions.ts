"use server";

import { formAction } from "@/lib/action";
import { saveDeputy, saveSession, saveUnit, saveUser } from "@/lib/services/admin";
import { removeCalendarDay, saveCalendarDay } from "@/lib/services/calendar";

export const saveSessionAction = formAction("admin.session", saveSession, { success: "届次已保存。" });
export const saveUnitAction = formAction("admin.unit", saveUnit, { success: "单位已保存。" });
export const saveDeputyAction = formAction("admin.deputy", saveDeputy, { success: "代表信息已保存。" });
export const saveUserAction = formAction("admin.user", saveUser, { success: "账号已保存。新建的账号和单位、代表关联的变更，经安全管理员审核后生效。" });

export const saveCalendarDayAction = formAction("admin.calendar", saveCalendarDay, { success: "工作日历已保存，在办事项的期限已按新日历重新计算。" });
export const removeCalendarDayAction = formAction("admin.calendar", removeCalendarDay, { success: "已删除，在办事项的期限已按新日历重新计算。" });
