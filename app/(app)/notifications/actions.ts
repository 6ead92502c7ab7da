"use server";

import { formAction } from "@/lib/action";
import { markNotificationsRead } from "@/lib/services/notifications";

export const markReadAction = formAction("notification.markRead", markNotificationsRead, { success: "已全部标为已读。" });
