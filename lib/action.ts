import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "./auth/current";
import type { Actor } from "./auth/actor";
import { Conflict, Invalid, ServiceError } from "./errors";
import type { FormState } from "./form-state";

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

/**
 * The one door from a form to a service: who is asking (from the session, never the form),
 * the service call (which checks role, scope and state itself), and an answer the form can show.
 */
export function formAction<R>(
  service: (actor: Actor, raw: Record<string, string | string[]>) => R | Promise<R>,
  options: { success?: string; redirectTo?: (result: Awaited<R>, raw: Record<string, string | string[]>) => string } = {},
) {
  return async (_prev: FormState, form: FormData): Promise<FormState> => {
    const raw = formToObject(form);
    const at = Date.now();
    const actor = await currentActor();
    if (!actor) return { message: "登录已失效，请重新登录后再操作。", values: raw, at };
    let target: string | undefined;
    try {
      const result = await service(actor, raw);
      revalidatePath("/", "layout");
      if (options.redirectTo) target = options.redirectTo(result, raw);
    } catch (error) {
      // After a conflict, or a composite change that was partly written, the page shows what is
      // stored now. A refusal (forbidden, not found) changed nothing, so the page stays as it is.
      if (error instanceof Invalid || error instanceof Conflict) revalidatePath("/", "layout");
      if (error instanceof Invalid) return { message: error.message, fieldErrors: error.fieldErrors, values: raw, at };
      if (error instanceof Conflict) return { message: error.message, conflict: error.current, values: raw, at };
      if (error instanceof ServiceError) return { message: error.message, values: raw, at };
      console.error("action failed", error);
      return { message: "系统暂时无法完成此项操作，您填写的内容已保留，请稍后重试。", values: raw, at };
    }
    if (target) redirect(target);
    return { ok: true, message: options.success ?? "已保存。", at };
  };
}
