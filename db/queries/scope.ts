import { sql, type SQL } from "drizzle-orm";
import { assignments, proposalCosigners, proposals } from "@/db/schema";
import { isOffice, isUnitRole, type Actor } from "@/lib/auth/actor";
import { Forbidden } from "@/lib/errors";

/**
 * Which proposals a viewer may see at all: offices every one, a unit those assigned to it, a deputy
 * their own (led or co-signed). Each as a lookup on an index: the unit's assignments, the deputy's
 * proposals ∪ co-signatures.
 */
export function scopeOf(actor: Actor): SQL | undefined {
  if (isOffice(actor.role)) return undefined;
  if (isUnitRole(actor.role) && actor.unitId != null)
    return sql`${proposals.id} in (select ${assignments.proposalId} from ${assignments} where ${assignments.unitId} = ${actor.unitId})`;
  if (actor.role === "deputy" && actor.deputyId != null)
    return sql`${proposals.id} in (select p2.id from ${proposals} p2 where p2.lead_deputy_id = ${actor.deputyId}
      union select ${proposalCosigners.proposalId} from ${proposalCosigners} where ${proposalCosigners.deputyId} = ${actor.deputyId})`;
  throw new Forbidden("您的账号不办理建议。");
}
