"use server";

import { guardedAction } from "@/lib/action";
import { verifyAuditLog } from "@/lib/services/audit";

export type VerifyAnswer = { ok: boolean | null; message: string; at: number };

/** Checks the chain and answers with the result itself (the page shows it; nothing rides in the URL). */
export const verifyAuditAction = guardedAction<VerifyAnswer>(
  "audit.verify",
  async (actor) => {
    const r = verifyAuditLog(actor);
    return r.ok
      ? { ok: true, message: `校验通过：共 ${r.entries} 条记录，哈希链完整。`, at: Date.now() }
      : { ok: false, message: `校验未通过：第 ${r.brokenId} 号记录起哈希链断开，该记录或其前一条可能被修改或删除。请立即报告。`, at: Date.now() };
  },
  (message) => ({ ok: null, message, at: Date.now() }),
);
