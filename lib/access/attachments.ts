import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { assignments, opinions, proposalCosigners, proposals, replies } from "@/db/schema";
import { isOffice, isUnitRole, type Actor } from "../auth/actor";
import type { DocumentState } from "../workflow";
import { maySeeDocument, maySeeProposal, mineOf, type AssignmentFact } from "./proposal";

/**
 * Access to attachments (docs/rules.md § "Visibility"): a file is seen exactly where the record it
 * belongs to is seen, so a draft's files stay inside the unit until the draft is sent; a sent
 * document's files no longer change. The two readers below load what the rules need.
 */

export const SUBJECT_TYPES = ["proposal", "opinion", "reply"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

type Reader = Db | Tx;

export type Subject = {
  type: SubjectType;
  id: number;
  proposalId: number;
  /** The unit whose opinion or reply it is, and its assignment; null for the proposal. */
  unitId: number | null;
  assignmentId: number | null;
  /** The document's state; null for the proposal. */
  state: DocumentState | null;
};

export function loadSubject(db: Reader, type: SubjectType, id: number): Subject | undefined {
  if (type === "proposal") {
    const p = db.select({ id: proposals.id }).from(proposals).where(eq(proposals.id, id)).get();
    return p && { type, id, proposalId: p.id, unitId: null, assignmentId: null, state: null };
  }
  const table = type === "opinion" ? opinions : replies;
  const row = db
    .select({ state: table.state, proposalId: assignments.proposalId, unitId: assignments.unitId, assignmentId: assignments.id })
    .from(table)
    .innerJoin(assignments, eq(assignments.id, table.assignmentId))
    .where(eq(table.id, id))
    .get();
  return row && { type, id, ...row };
}

/** What decides visibility on one proposal: whether the viewer sees it at all, and their unit's part in it. */
export type Viewer = { actor: Actor; seesProposal: boolean; mine?: Pick<AssignmentFact, "id" | "unitId" | "role"> };

export function viewerOf(db: Reader, actor: Actor, proposalId: number): Viewer {
  const proposal = db.select({ lead: proposals.leadDeputyId }).from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!proposal) return { actor, seesProposal: false };
  const units = db.select({ id: assignments.id, unitId: assignments.unitId, role: assignments.role }).from(assignments).where(eq(assignments.proposalId, proposalId)).all();
  const cosigners = db.select({ id: proposalCosigners.deputyId }).from(proposalCosigners).where(eq(proposalCosigners.proposalId, proposalId)).all();
  const facts = { assignments: units, deputyIds: [proposal.lead, ...cosigners.map((c) => c.id)] };
  return { actor, seesProposal: maySeeProposal(actor, facts), mine: mineOf(actor, units) };
}

/** A file is seen where its record is: the proposal by all who see it, a document by the document rule. */
export function maySee(v: Viewer, s: Subject) {
  if (!v.seesProposal) return false;
  if (s.type === "proposal") return true;
  return maySeeDocument(v.actor, v.mine, { kind: s.type, assignmentId: s.assignmentId!, state: s.state! });
}

/**
 * A signed-off, sent opinion or reply is what the lead unit or the deputy received: its files no
 * longer change, not even by its own unit (only the proposal's own files may still be added).
 */
export const isFrozen = (s: Subject) => s.type !== "proposal" && s.state === "sent";

/** The viewer's unit's own opinion or reply. */
export const ownDocument = (v: Viewer, s: Subject) => s.type !== "proposal" && isUnitRole(v.actor.role) && v.mine != null && s.unitId === v.mine.unitId;

/** Offices attach to the proposal; a unit's staff and leader to their own unit's opinion or reply until it is sent. */
export function mayUploadTo(v: Viewer, s: Subject) {
  if (s.type === "proposal") return isOffice(v.actor.role);
  return !isFrozen(s) && ownDocument(v, s);
}

/** The uploader's unit removes its files until the document is sent; the offices remove the proposal's. */
export function mayDelete(v: Viewer, row: { subjectType: SubjectType; unitId: number | null }, s: Subject) {
  if (row.subjectType === "proposal") return isOffice(v.actor.role);
  return !isFrozen(s) && isUnitRole(v.actor.role) && v.actor.unitId != null && row.unitId === v.actor.unitId;
}

/** History of a file on an unsent draft is the unit's own business, like the draft's. */
export const internalUnit = (s: Subject) => (s.type !== "proposal" && s.state !== "sent" ? s.unitId : null);
