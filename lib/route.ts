import "server-only";
import type { Actor } from "./auth/actor";
import { currentActor } from "./auth/current";
import { may, type Action } from "./authz";
import { auditRequest } from "./audit-events";
import type { AuditAction } from "./audit-actions";
import { Conflict, Invalid, ServiceError } from "./errors";
import { overLimit, tooManyMessage, type RateLimitPreset } from "./rate-limit";
import { requestInfoOf, withRequest } from "./request-context";

/** A plain-text answer in Chinese, never sniffed as anything else. */
export const textResponse = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", ...headers } });

type Limit = { preset: RateLimitPreset; subject: "user" | "server"; message?: (retryAfterSeconds: number) => string };

export type RouteOptions<P> = {
  /** The matrix entry the route needs. */
  action: Action;
  /** How a refusal is written in the audit log: the action and what it was about. */
  audit: { action: AuditAction; objectType: string | ((params: P) => string); objectId?: (params: P) => string | null };
  /**
   * What a viewer who may not have the thing is told: 404 for a record (whether it exists is not
   * said), 403 for a kind of request (an export) the role may not make.
   */
  refused: { status: 403 | 404; message: string };
  /** Rate limits, checked in order after the sign-in and the matrix: per account, or for everyone. */
  limits?: Limit[] | ((params: P) => Limit[]);
  /** Checks the route's own parameters before any work; false answers as `refused`. */
  valid?: (params: P) => boolean;
  /** The sentence for an unexpected failure (500). */
  failure: string;
};

/**
 * The one door from a route handler to the services, beside `formAction` for forms: the session,
 * the authorization matrix, the route's rate limits, the request's address for the audit log, and
 * each kind of refusal mapped and audited once (folded per address) — 401 signed out, 403/404
 * refused, 400 invalid input (with the sentence), 409 conflict, 429 too many, 500 anything else (logged).
 */
export function routeHandler<P extends Record<string, string> = Record<string, never>>(
  options: RouteOptions<P>,
  handle: (ctx: { actor: Actor; request: Request; params: P }) => Promise<Response>,
) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    const params = ((await context?.params) ?? {}) as P;
    const actor = await currentActor();
    const objectId = options.audit.objectId?.(params)?.slice(0, 40) ?? null;
    const objectType = (typeof options.audit.objectType === "function" ? options.audit.objectType(params) : options.audit.objectType).slice(0, 20);
    // Every refusal is recorded here, once, and nowhere below (the services record what they did).
    const record = (reason: string, result: "refused" | "invalid" = "refused") =>
      auditRequest(request, actor, { action: options.audit.action, objectType, objectId, result, detail: { reason } });
    const refuse = (reason: string) => {
      record(reason);
      return textResponse(options.refused.message, options.refused.status);
    };
    if (!actor) {
      record("signed_out");
      return textResponse("请先登录。", 401);
    }
    if (!may(actor, options.action)) return refuse("forbidden");
    if (options.valid && !options.valid(params)) return refuse("not_found");
    const limits = typeof options.limits === "function" ? options.limits(params) : (options.limits ?? []);
    for (const limit of limits) {
      const limited = overLimit(limit.preset, limit.subject === "user" ? `user:${actor.id}` : "server", limit.message ?? tooManyMessage);
      if (limited) return limited;
    }
    try {
      return await withRequest(requestInfoOf(request), () => handle({ actor, request, params }));
    } catch (error) {
      if (error instanceof Invalid) {
        record(error.message.slice(0, 200), "invalid");
        return textResponse(error.message, 400);
      }
      if (error instanceof Conflict) return textResponse(error.message, 409);
      if (error instanceof ServiceError && error.code === "not_found" && options.refused.status === 403) {
        // A thing the request names (a session, a unit) that is not there or not the viewer's.
        record("not_found");
        return textResponse(error.message, 404);
      }
      if (error instanceof ServiceError) return refuse(error.code === "forbidden" ? "forbidden" : "not_found");
      console.error(`${options.audit.action} failed`, error);
      return textResponse(options.failure, 500);
    }
  };
}
