"use server";

import { formAction } from "@/lib/action";
import { verifyAuditLog } from "@/lib/services/audit";

export const verifyAuditAction = formAction(
  "audit.verify",
  (actor) => {
    const r = verifyAuditLog(actor);
    return r;
  },
  { redirectTo: (r) => `/audit?verified=${r.ok ? `ok-${r.entries}` : `broken-${r.brokenId}`}` },
);
