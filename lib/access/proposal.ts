import { isOffice, isUnitRole, type Actor } from "../auth/actor";
import type { Day } from "../deadlines";
import {
  COMMITMENT_CATEGORY,
  MAX_COMMITMENTS_PER_REPLY,
  canAssignment,
  canCommitment,
  canReportCommitment,
  canDocument,
  canProposal,
  canRate,
  canRequest,
  documentKindFor,
  type AssignmentRole,
  type AssignmentState,
  type DocumentState,
  type ProposalState,
  type ReplyCategory,
} from "../workflow";

/**
 * Access on one proposal, as pure functions of what is recorded (docs/rules.md § "Visibility" and
 * § "States and events"): what a viewer may see — the proposal, each document, rating, request and
 * history entry — and what they may do on it now. The queries filter with it, the attachment
 * service decides with it, the proposal page offers exactly its actions; the services still check
 * every write themselves (a page is never the guard).
 */

export type Viewer = Pick<Actor, "id" | "role" | "unitId" | "deputyId">;

export type AssignmentFact = { id: number; unitId: number; role: AssignmentRole; state: AssignmentState; round: number };
export type DocumentKind = "opinion" | "reply";
export type DocumentFact = { id: number; kind: DocumentKind; assignmentId: number; state: DocumentState; round: number };

/** Does the viewer see the proposal at all? Offices every one, a unit those it is or was on, a deputy his own. */
export function maySeeProposal(v: Viewer, p: { assignments: readonly { unitId: number }[]; deputyIds: readonly number[] }) {
  if (isOffice(v.role)) return true;
  if (isUnitRole(v.role)) return v.unitId != null && p.assignments.some((a) => a.unitId === v.unitId);
  if (v.role === "deputy") return v.deputyId != null && p.deputyIds.includes(v.deputyId);
  return false;
}

/** The viewer's own unit's assignment on the proposal, if the viewer works for a unit on it. */
export function mineOf<A extends { unitId: number }>(v: Viewer, assignments: readonly A[]): A | undefined {
  return isUnitRole(v.role) && v.unitId != null ? assignments.find((a) => a.unitId === v.unitId) : undefined;
}

/**
 * A document: its own unit sees it in every state (drafts stay inside the unit); once sent, an
 * opinion goes to the lead unit and the offices (never to a deputy), a reply to everyone who sees
 * the proposal.
 */
export function maySeeDocument(v: Viewer, mine: Pick<AssignmentFact, "id" | "role"> | undefined, doc: Pick<DocumentFact, "kind" | "assignmentId" | "state">) {
  if (mine && doc.assignmentId === mine.id) return true;
  if (doc.state !== "sent") return false;
  if (doc.kind === "opinion") return isOffice(v.role) || mine?.role === "lead";
  return true;
}

/** A rating: the deputy who gave it; units and offices see all of them. */
export const maySeeRating = (v: Viewer, rating: { deputyId: number }) => v.role !== "deputy" || rating.deputyId === v.deputyId;

/** An adjustment or extension request: the unit that asked, and the offices. */
export const maySeeRequest = (v: Viewer, mine: { unitId: number } | undefined, request: { unitId: number }) =>
  isOffice(v.role) || (mine != null && request.unitId === mine.unitId);

/**
 * A history entry: those about the proposal for everyone who sees it, those inside a unit (its
 * drafts) for that unit only; a rating for its deputy only (and the units and offices).
 */
export function maySeeHistory(v: Viewer, mine: { unitId: number } | undefined, entry: { unitId: number | null; action: string; actorId: number | null }) {
  if (entry.unitId != null && entry.unitId !== mine?.unitId) return false;
  return v.role !== "deputy" || entry.action !== "rating.create" || entry.actorId === v.id;
}

/** What a viewer may do on the proposal now. */
export type Offer =
  | { action: "assign" | "mark" | "withdraw" | "receive" | "logContact" | "requestAdjustment" | "requestExtension" }
  | { action: "draft"; kind: DocumentKind; round: number; documentId: number | null }
  | { action: "signOff"; kind: DocumentKind; documentId: number }
  | { action: "rate"; replyId: number };

export type ProposalFacts = {
  state: ProposalState;
  deputyIds: readonly number[];
  assignments: readonly AssignmentFact[];
  /** Every opinion and reply of the proposal, in every state. */
  documents: readonly DocumentFact[];
  /** Requests that move the clock, with the unit that asked. */
  requests: readonly { assignmentId: number; state: "pending" | "approved" | "rejected" }[];
  /** The replies the viewing deputy has already rated. */
  ratedByViewer: readonly number[];
  today: Day;
  /** The viewer's unit's clock: the last day to ask for an adjustment, the due day, the furthest extension. */
  clock?: { returnWindowEnd: Day; due: Day | null; extensionLimit: Day };
};

/**
 * Exactly the actions the viewer may take now, in the order the page shows them. Each is what the
 * service would accept: the event's roles and states (lib/workflow.ts), the viewer's own unit, the
 * request windows, a deputy's own unrated replies.
 */
export function offersFor(v: Viewer, p: ProposalFacts): Offer[] {
  const offers: Offer[] = [];
  if (!maySeeProposal(v, p)) return offers;
  for (const action of ["assign", "mark", "withdraw"] as const) if (canProposal(action, p.state, v.role).ok) offers.push({ action });

  const mine = mineOf(v, p.assignments);
  if (mine) {
    if (canAssignment("receive", mine.state, v.role).ok) offers.push({ action: "receive" });
    const kind = documentKindFor(mine.role);
    const doc = p.documents.find((d) => d.kind === kind && d.assignmentId === mine.id && (kind === "opinion" || d.round === mine.round));
    const draftEvent = kind === "opinion" ? "draftOpinion" : "draftReply";
    if (canAssignment(draftEvent, mine.state, v.role).ok && (!doc || canDocument("save", doc.state, v.role).ok))
      offers.push({ action: "draft", kind, round: mine.round, documentId: doc?.id ?? null });
    if (doc && canDocument("signOff", doc.state, v.role).ok) offers.push({ action: "signOff", kind, documentId: doc.id });
    const asking = p.requests.some((r) => r.assignmentId === mine.id && r.state === "pending");
    if (!asking && p.clock) {
      if (canRequest("requestExtension", mine.state, v.role).ok && (p.clock.due ?? "") < p.clock.extensionLimit) offers.push({ action: "requestExtension" });
      if (canRequest("requestAdjustment", mine.state, v.role).ok && p.today <= p.clock.returnWindowEnd) offers.push({ action: "requestAdjustment" });
    }
    if (canAssignment("logContact", mine.state, v.role).ok) offers.push({ action: "logContact" });
  }

  if (v.role === "deputy" && v.deputyId != null && p.deputyIds.includes(v.deputyId))
    for (const r of p.documents) {
      if (r.kind !== "reply" || r.state !== "sent") continue;
      const a = p.assignments.find((x) => x.id === r.assignmentId);
      if (!a || r.round !== a.round || !canRate(a.state, v.role).ok || p.ratedByViewer.includes(r.id)) continue;
      offers.push({ action: "rate", replyId: r.id });
    }
  return offers;
}

/**
 * What the viewer may do with one reply's commitments now (docs/rules.md § "Commitments"): the
 * replying unit's staff add them to its B reply while it is drafted or once it is sent, and remove
 * them while it is a draft; its staff or leader report on the open ones of a sent reply. The service
 * (lib/services/commitments.ts) checks the same rules on every call.
 */
export function commitmentOffersFor(
  v: Viewer,
  p: { state: ProposalState },
  mine: Pick<AssignmentFact, "id" | "state" | "round"> | undefined,
  reply: { assignmentId: number; state: DocumentState; round: number; category: ReplyCategory; commitments: number },
) {
  const own = mine != null && reply.assignmentId === mine.id && p.state !== "withdrawn";
  // A draft is worked on only while its unit is still drafting that round.
  const workable = reply.state === "sent" || (mine != null && canAssignment("draftReply", mine.state, v.role).ok && reply.round === mine.round);
  return {
    add:
      own &&
      workable &&
      reply.category === COMMITMENT_CATEGORY &&
      canCommitment("add", reply.state, v.role).ok &&
      reply.commitments < MAX_COMMITMENTS_PER_REPLY,
    remove: own && workable && canCommitment("remove", reply.state, v.role).ok,
    report: own && reply.state === "sent" && canReportCommitment("progress", "open", v.role).ok,
  };
}
