import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { assignments, congressSessions, documentVersions, opinions, proposals, replies, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/authz";
import { NotFound } from "@/lib/errors";
import { compareTexts } from "@/lib/documents/compare";

export type VersionKind = "opinion" | "reply";

/** The newest versions shown on one page (each up to 20,000 characters); older ones stay stored. */
export const VERSIONS_SHOWN = 50;

/**
 * Every saved text of one draft, oldest first, for the unit that wrote it (no one else reads a
 * unit's drafts: docs/rules.md § "Documents"), with the comparison of two of them when asked.
 */
export function draftVersions(actor: Actor, kind: string, documentId: number, compare?: { a?: number; b?: number }) {
  authorize(actor, "document.versions");
  if (kind !== "opinion" && kind !== "reply") throw new NotFound();
  const db = getDb();
  const table = kind === "opinion" ? opinions : replies;
  const doc = db
    .select({ id: table.id, version: table.version, state: table.state, unitId: assignments.unitId, unitName: units.name, proposalId: proposals.id, number: proposals.number, title: proposals.title, sessionName: congressSessions.name })
    .from(table)
    .innerJoin(assignments, eq(assignments.id, table.assignmentId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(congressSessions, eq(congressSessions.id, proposals.sessionId))
    .where(eq(table.id, documentId))
    .get();
  if (!doc || actor.unitId == null || doc.unitId !== actor.unitId) throw new NotFound("未找到该稿件，或它不属于您的单位。");
  const versions = db
    .select({
      id: documentVersions.id,
      version: documentVersions.version,
      body: documentVersions.body,
      category: documentVersions.category,
      setAside: documentVersions.setAside,
      savedBy: users.displayName,
      savedAt: documentVersions.savedAt,
    })
    .from(documentVersions)
    .innerJoin(users, eq(users.id, documentVersions.savedById))
    .where(and(eq(documentVersions.kind, kind), eq(documentVersions.documentId, documentId)))
    .orderBy(desc(documentVersions.version), desc(documentVersions.id))
    .limit(VERSIONS_SHOWN)
    .all()
    .reverse();
  // By default the newest version against the one before it; any two by their row ids.
  const pick = (id: number | undefined, fallback: (typeof versions)[number] | undefined) => versions.find((v) => v.id === id) ?? fallback;
  const a = pick(compare?.a, versions.at(-2));
  const b = pick(compare?.b, versions.at(-1));
  const comparison = a && b && a.id !== b.id ? { a, b, result: compareTexts(a.body, b.body) } : null;
  return { kind: kind as VersionKind, doc, versions, comparison };
}
