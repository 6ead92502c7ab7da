import "server-only";
import { authorize } from "@/lib/authz";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { assignments, opinions, replies } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { letterOf, type Letter } from "@/lib/documents/letter";
import { getProposalDetail, type ProposalDetail } from "./proposals";

/**
 * The letter of one opinion or reply, for a viewer who may see that document on its proposal page
 * (drafts inside their unit, sent opinions to the lead unit and offices, sent replies to all on it).
 */
export function letterFor(actor: Actor, kind: string, id: number): { letter: Letter; proposalId: number } {
  authorize(actor, "document.print");
  if (kind !== "opinion" && kind !== "reply") throw new NotFound();
  const table = kind === "opinion" ? opinions : replies;
  const row = getDb()
    .select({ proposalId: assignments.proposalId })
    .from(table)
    .innerJoin(assignments, eq(assignments.id, table.assignmentId))
    .where(eq(table.id, id))
    .get();
  if (!row) throw new NotFound("未找到该文稿。");
  const p = getProposalDetail(actor, row.proposalId);
  const doc = kind === "opinion" ? p.opinions.find((o) => o.id === id) : p.replies.find((r) => r.id === id);
  if (!doc) throw new NotFound("未找到该文稿，或您无权查看。");
  return { proposalId: p.id, letter: letterOfDoc(p, kind, doc) };
}

type ShownDoc = ProposalDetail["opinions"][number] & { category?: string; cc?: string };

/** The letter of a document as the proposal page holds it; the screen, print view and .docx share it. */
export function letterOfDoc(p: ProposalDetail, kind: "opinion" | "reply", doc: ShownDoc): Letter {
  return letterOf({
    kind,
    sessionName: p.sessionName,
    number: p.number,
    proposalTitle: p.title,
    leadDeputy: p.leadDeputy.name,
    leadUnitName: p.assignments.find((a) => a.role === "lead")?.unitName ?? "主办单位",
    unitName: doc.unitName,
    doc: { ...doc, category: doc.category ?? null, cc: doc.cc ?? null },
  });
}
