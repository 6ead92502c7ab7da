import "server-only";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { currentActor, signedIn, type SignedIn } from "./auth/current";
import type { Actor } from "./auth/actor";
import { audit, type AuditResult } from "./audit";
import { authorize, type Action } from "./authz";
import { now } from "./clock";
import { Conflict, Invalid, ServiceError } from "./errors";
import type { FormState } from "./form-state";
import { requestOf, withRequest, type RequestInfo } from "./request-context";
import { revalidateTouched } from "./revalidate";
import { limitBy, tooManyMessage, type RateLimitPreset } from "./rate-limit";

/** Form fields as plain values; names ending in "Ids" are lists (checkbox groups). */
export function formToObject(form: FormData) {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$")) continue; // React's own fields
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = key.endsWith("Ids") ? all : (all[0] ?? "");
  }
  return out;
}

/** The ids a form names, for the audit entry of a refused call. */
function objectOf(raw: Record<string, string | string[]>) {
  const ids = Object.entries(raw).filter(([k, v]) => /Id$/.test(k) && typeof v === "string" && v);
  return ids.length ? ids.map(([k, v]) => `${k}=${String(v).slice(0, 20)}`).join(",") : null;
}

/** The refusal message when an account is past an action's rate limit, else null. */
function overActionLimit(preset: RateLimitPreset | undefined, actor: Actor) {
  const limited = preset ? limitBy(preset, `user:${actor.id}`) : null;
  return limited && !limited.ok ? tooManyMessage(limited.retryAfterSeconds) : null;
}

/** Records a call that did not go through: refused, invalid or failed. Successful changes are recorded by the services. */
export function auditFailure(actor: Actor, key: Action, result: AuditResult, message: string, objectId: string | null, info: RequestInfo) {
  try {
    audit(getDb(), { actor, action: key, objectType: key.split(".")[0], objectId, result, detail: { message }, ip: info.ip }, now());
  } catch (e) {
    console.error("audit failed", e);
  }
}

/**
 * The one door from a form to a service: who is asking (from the session, never the form), the
 * service call (which checks the matrix, scope and state itself, once), an audit entry under the
 * action's name when the call does not go through, and an answer the form can show.
 */
export function formAction<R>(
  key: Action,
  service: (actor: Actor, raw: Record<string, string | string[]>, form: FormData, session: SignedIn | null) => R | Promise<R>,
  options: {
    /** The sentence shown after the change; a function when it depends on what the service did. */
    success?: string | ((result: Awaited<R>) => string);
    redirectTo?: (result: Awaited<R>, raw: Record<string, string | string[]>) => string;
    /** For one's own account: allowed while a password change or 2FA enrolment is still pending. */
    whilePending?: boolean;
    /** For expensive actions (uploads): at most so many per account and window. */
    rateLimit?: RateLimitPreset;
  } = {},
) {
  return async (_prev: FormState, form: FormData): Promise<FormState> => {
    const raw = formToObject(form);
    // Secrets typed into the form are never sent back with the answer.
    const values = Object.fromEntries(Object.entries(raw).filter(([k]) => !/password|^current$|^next$|^confirm$|^code$|^sealed$/i.test(k)));
    const at = Date.now();
    const session = options.whilePending ? await signedIn() : null;
    const actor = options.whilePending ? (session?.actor ?? null) : await currentActor();
    if (!actor) return { message: "登录已失效，请重新登录后再操作。", values, at };
    const info = await requestOf();
    const tooMany = overActionLimit(options.rateLimit, actor);
    if (tooMany) return { message: tooMany, values, at };
    let target: string | undefined;
    let done: string | undefined;
    try {
      await withRequest(info, async () => {
        // The service checks the matrix itself (once per call); a refusal lands in the catch below.
        const result = await service(actor, raw, form, session);
        revalidateTouched(key);
        if (options.redirectTo) target = options.redirectTo(result, raw);
        done = typeof options.success === "function" ? options.success(result) : options.success;
      });
    } catch (error) {
      const result: AuditResult = error instanceof Invalid ? "invalid" : error instanceof ServiceError ? "refused" : "failed";
      auditFailure(actor, key, result, error instanceof Error ? error.message : String(error), objectOf(raw), info);
      // After a composite change that was partly written, the page shows what is stored now. After a
      // conflict or a refusal the page stays as the user left it: the form they filled in (a draft
      // another tab has just sent for sign-off, a return comment on a document signed off meanwhile)
      // stays with what they typed and the message, which says what to do next.
      if (error instanceof Invalid) revalidateTouched(key);
      if (error instanceof Invalid) return { message: error.message, fieldErrors: error.fieldErrors, values, at };
      if (error instanceof Conflict) return { message: error.message, conflict: error.current, values, at };
      if (error instanceof ServiceError) return { message: error.message, values, at };
      console.error("action failed", error);
      return { message: "系统暂时无法完成此项操作，您填写的内容已保留，请稍后重试。", values, at };
    }
    if (target) redirect(target);
    return { ok: true, message: done ?? "已保存。", at };
  };
}

/**
 * For actions with their own answer shape (uploads that return a preview or extracted text):
 * the same door — session, matrix, request context, audit of a refusal — around `run`.
 */
export function guardedAction<S, P = S>(
  key: Action,
  run: (actor: Actor, prev: P, form: FormData) => Promise<S>,
  refused: (message: string) => S,
  rateLimit?: RateLimitPreset,
) {
  return async (prev: P, form: FormData): Promise<S> => {
    const actor = await currentActor();
    if (!actor) return refused("登录已失效，请重新登录后再操作。");
    const info = await requestOf();
    try {
      authorize(actor, key);
    } catch (error) {
      const message = error instanceof Error ? error.message : "您无权进行此项操作。";
      auditFailure(actor, key, "refused", message, null, info);
      return refused(message);
    }
    const tooMany = overActionLimit(rateLimit, actor);
    if (tooMany) return refused(tooMany);
    return withRequest(info, () => run(actor, prev, form));
  };
}
