import "server-only";
import { revalidatePath } from "next/cache";
import type { Action } from "./authz";
import { touchedBy } from "./touches";

/** After a change under `action`: the pages it makes stale are rendered afresh on their next visit. */
export function revalidateTouched(action: Action) {
  for (const [path, type] of touchedBy(action)) revalidatePath(path, type);
}
