import "server-only";
import { getDb } from "@/db";
import type { Actor } from "./auth/actor";
import { audit, type AuditResult } from "./audit";
import type { AuditAction } from "./audit-actions";
import { foldedDetail } from "./audit-fold";
import { now } from "./clock";
import { clientIp } from "./request-context";

/**
 * Audit entries for what happens outside the services' own transactions: downloads and exports
 * (who took which data out), and refused page or route requests. A refusal is folded with the same
 * ones before it (lib/audit-fold.ts), so a script repeating it cannot flood the log.
 */
export type AccessEvent = { action: AuditAction; objectType: string; objectId?: string | number | null; result: AuditResult; detail?: Record<string, unknown> };

export function auditAccess(actor: Actor | null, event: AccessEvent, ip: string) {
  const detail = event.result === "ok" ? event.detail : foldedDetail(`${ip}|${actor?.id ?? "-"}|${event.action}|${event.objectType}:${event.objectId ?? ""}`, event.detail);
  if (detail === null) return;
  audit(getDb(), { actor, actorName: actor ? undefined : "未登录", ...event, detail, ip }, now());
}

/** The same, for a route handler: the address from the request. */
export function auditRequest(request: Request, actor: Actor | null, event: AccessEvent) {
  auditAccess(actor, event, clientIp((name) => request.headers.get(name)));
}
