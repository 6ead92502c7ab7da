import { dayOf } from "../deadlines";
import { and, count, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { assignments, commitments, docSequences, documentVersions, opinions, replies, units, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { assignmentStateLabel, documentStateLabel, formatDateTime } from "../labels";
import {
  DocumentActionInput,
  ReturnDocumentInput,
  SaveOpinionInput,
  SaveReplyInput,
  parse,
} from "../validation";
import {
  COMMITMENT_CATEGORY,
  assignmentStateAfterSending,
  canAssignment,
  canDocument,
  documentKindFor,
  replyNeedsOutstandingReason,
  type DocumentEvent,
  type ReplyCategory,
} from "../workflow";
import { getDb, loadOwnAssignment, moveAssignment, now, record, refuse, authorize } from "./common";
import { deputyAccounts, notifyUnit, notifyUsers, proposalName } from "./notify";
import { noteReplySent, schedulePublication } from "./stored-deadlines";

/**
 * The co-handling opinion (协办意见) and the reply (答复) follow one path inside their unit:
 * staff draft and submit, a leader signs off (and the document leaves) or returns it.
 */
export type DocumentKind = "opinion" | "reply";

const kindLabel: Record<DocumentKind, string> = { opinion: "协办意见", reply: "答复" };

/*
 * Two tables, one shape: a reply has every column an opinion has, and its round, category, 抄送 and
 * reason for going before the opinions. The shared steps work on `Doc` (what both have); the two
 * functions below are the only places that pick the table, each branch typed by its own table.
 */
type Doc = typeof opinions.$inferSelect;
type Reply = typeof replies.$inferSelect;
type DocChanges = Partial<Omit<typeof opinions.$inferInsert, "id" | "assignmentId">>;
type ReplyFields = Pick<Reply, "category" | "cc" | "outstandingReason">;

function documentById(tx: Tx, kind: DocumentKind, id: number): Doc | undefined {
  return kind === "opinion" ? tx.select().from(opinions).where(eq(opinions.id, id)).get() : tx.select().from(replies).where(eq(replies.id, id)).get();
}

/** Changes a document only if it is still in the state and version it was read in; returns whether it did. */
function changeDocument(tx: Tx, kind: DocumentKind, doc: Doc, set: DocChanges, reply: Partial<ReplyFields> = {}) {
  const changed =
    kind === "opinion"
      ? tx.update(opinions).set(set).where(and(eq(opinions.id, doc.id), eq(opinions.state, doc.state), eq(opinions.version, doc.version))).run()
      : tx.update(replies).set({ ...set, ...reply }).where(and(eq(replies.id, doc.id), eq(replies.state, doc.state), eq(replies.version, doc.version))).run();
  return changed.changes === 1;
}

function snapshot(tx: Tx, doc: Doc) {
  const editor = tx.select({ name: users.displayName }).from(users).where(eq(users.id, doc.updatedById)).get();
  return {
    documentId: doc.id,
    version: doc.version,
    body: doc.body,
    contactPerson: doc.contactPerson,
    contactPhone: doc.contactPhone,
    ...("category" in doc ? { category: String(doc.category) } : {}),
    state: doc.state,
    updatedBy: editor?.name ?? "",
    updatedAt: formatDateTime(doc.updatedAt),
  };
}

function staleDraft(tx: Tx, kind: DocumentKind, doc: Doc): never {
  const current = snapshot(tx, doc);
  if (doc.state === "pending" || doc.state === "sent")
    throw new Conflict(`该${kindLabel[kind]}已${documentStateLabel[doc.state]}，不能再修改。`, current);
  throw new Conflict(
    `该${kindLabel[kind]}已由${current.updatedBy}于${current.updatedAt}修改（第${doc.version}稿）。您的内容未保存，请对照下方最新内容修改后再保存。`,
    current,
  );
}

function loadOwnDocument(tx: Tx, actor: Actor, kind: DocumentKind, documentId: number) {
  // A reply is read whole: its steps need its round, category and reason too.
  const reply = kind === "reply" ? tx.select().from(replies).where(eq(replies.id, documentId)).get() : undefined;
  const doc = kind === "reply" ? reply : documentById(tx, kind, documentId);
  if (!doc) throw new NotFound(`未找到该${kindLabel[kind]}。`);
  const { assignment, proposal } = loadOwnAssignment(tx, actor, doc.assignmentId);
  return { doc, reply, assignment, proposal };
}

/** The lead may not send its reply while a co-unit's opinion is outstanding, unless it says why. */
function checkOutstandingOpinions(tx: Tx, proposalId: number, reason: string | null | undefined) {
  const co = tx
    .select({ state: assignments.state })
    .from(assignments)
    .where(and(eq(assignments.proposalId, proposalId), eq(assignments.role, "co")))
    .all();
  if (replyNeedsOutstandingReason(co.map((c) => c.state)) && !reason?.trim())
    throw new Invalid("尚有协办单位未送达协办意见。", {
      outstandingReason: ["尚有协办单位未送达协办意见，如需先行答复，请说明理由"],
    });
}

/** A reply whose commitments are registered stays B: they are removed first (docs/rules.md § "Commitments"). */
function keepCommitmentsCategory(tx: Tx, replyId: number) {
  const { n } = tx.select({ n: count() }).from(commitments).where(eq(commitments.replyId, replyId)).get()!;
  if (n > 0)
    throw new Invalid("该答复已登记承诺事项。", {
      category: [`该答复已登记${n}项承诺事项，改为其他类别前，请先在“承诺事项”中删除`],
    });
}

type DraftInput = {
  assignmentId: number;
  documentId?: number;
  version?: number;
  /** After a conflict: the newer version the writer has seen and chose to save over (a new version on top of it). */
  overwrite?: number;
  /** After a conflict with a draft that has moved on (sent for sign-off): keep the text in the history, aside. */
  setAside?: number;
  body: string;
  contactPerson: string;
  contactPhone: string;
};

/** Every saved text is kept whole, so any two versions can be read and compared by the unit. */
function keepVersion(tx: Tx, actor: Actor, at: Date, kind: DocumentKind, doc: { id: number; version: number }, fields: Pick<DraftInput, "body" | "contactPerson" | "contactPhone">, reply: ReplyFields | null, setAside = false) {
  tx.insert(documentVersions)
    .values({ kind, documentId: doc.id, version: doc.version, ...fields, category: reply?.category ?? null, setAside, savedById: actor.id, savedAt: at })
    .run();
}

export type SavedDraft = { documentId: number; version: number; setAside?: true };

function saveDraft(actor: Actor, kind: DocumentKind, input: DraftInput, reply: ReplyFields | null): SavedDraft {
  const at = now();
  return getDb().transaction((tx) => {
    const { assignment } = loadOwnAssignment(tx, actor, input.assignmentId);
    if (documentKindFor(assignment.role) !== kind)
      throw new Forbidden(kind === "opinion" ? "只有协办单位提交协办意见。" : "协办单位不直接答复代表，请起草协办意见。");
    const existing: Doc | undefined =
      kind === "opinion"
        ? tx.select().from(opinions).where(eq(opinions.assignmentId, assignment.id)).get()
        : tx.select().from(replies).where(and(eq(replies.assignmentId, assignment.id), eq(replies.round, assignment.round))).get();
    const fields = { body: input.body, contactPerson: input.contactPerson, contactPhone: input.contactPhone };
    const drafting = () => {
      const step = canAssignment(kind === "opinion" ? "draftOpinion" : "draftReply", assignment.state, actor.role);
      if (!step.ok) refuse(step.reason, assignmentStateLabel[assignment.state]);
    };
    /** Keeps the saved text as a version and records the save (a draft's history stays in its unit). */
    const saved = (documentId: number, version: number, setAside: boolean, before?: number): SavedDraft => {
      keepVersion(tx, actor, at, kind, { id: documentId, version }, fields, reply, setAside);
      record(tx, actor, at, {
        action: setAside ? `${kind}.setAside` : `${kind}.save`,
        subjectType: kind,
        subjectId: documentId,
        proposalId: assignment.proposalId,
        unitId: assignment.unitId,
        ...(before == null ? {} : { before: { version: before } }),
        after: setAside ? { version, setAside: true } : { version },
      });
      return setAside ? { documentId, version, setAside: true } : { documentId, version };
    };

    if (!existing) {
      drafting();
      if (input.documentId) throw new NotFound(`未找到该${kindLabel[kind]}。`);
      const values = { ...fields, assignmentId: assignment.id, draftedById: actor.id, updatedById: actor.id, updatedAt: at };
      if ((kind === "reply") !== (reply != null)) throw new Error("a reply is saved with its category, cc and reason; an opinion without");
      const created: Doc = reply
        ? tx.insert(replies).values({ ...values, ...reply, round: assignment.round }).returning().get()
        : tx.insert(opinions).values(values).returning().get();
      return saved(created.id, created.version, false);
    }

    // Someone else started this document first, or the form carries an older version: saving
    // needs the writer's explicit choice, made after seeing the newer text (the conflict shows it).
    // A writer who began before the first save has no document id; the choice names the version seen.
    const same = input.documentId === existing.id || (input.documentId == null && (input.overwrite != null || input.setAside != null));
    if (same && input.setAside === existing.version) {
      return saved(existing.id, existing.version, true);
    }
    // Keeping a text aside writes only the history; anything else needs the unit to be drafting.
    if (!same || (input.version !== existing.version && input.overwrite !== existing.version)) staleDraft(tx, kind, existing);
    const decision = canDocument("save", existing.state, actor.role);
    if (!decision.ok) staleDraft(tx, kind, existing);
    drafting();
    if (reply && reply.category !== COMMITMENT_CATEGORY) keepCommitmentsCategory(tx, existing.id);
    if (!changeDocument(tx, kind, existing, { ...fields, version: existing.version + 1, updatedById: actor.id, updatedAt: at }, reply ?? {}))
      staleDraft(tx, kind, documentById(tx, kind, existing.id)!);
    return saved(existing.id, existing.version + 1, false, existing.version);
  });
}

export function saveOpinionDraft(actor: Actor, raw: unknown) {
  authorize(actor, "opinion.save");
  const input = parse(SaveOpinionInput, raw);
  return saveDraft(actor, "opinion", input, null);
}

export function saveReplyDraft(actor: Actor, raw: unknown) {
  authorize(actor, "reply.save");
  const input = parse(SaveReplyInput, raw);
  return saveDraft(actor, "reply", input, { category: input.category, cc: input.cc, outstandingReason: input.outstandingReason || null });
}

/** Moves a document one step in its unit, on the version the actor saw. */
function step(
  actor: Actor,
  kind: DocumentKind,
  event: Exclude<DocumentEvent, "save">,
  input: { documentId: number; version: number },
  apply: (tx: Tx, ctx: ReturnType<typeof loadOwnDocument>, at: Date) => DocChanges,
) {
  const at = now();
  return getDb().transaction((tx) => {
    const ctx = loadOwnDocument(tx, actor, kind, input.documentId);
    const { doc, assignment } = ctx;
    const decision = canDocument(event, doc.state, actor.role);
    if (!decision.ok) refuse(decision.reason, documentStateLabel[doc.state]);
    if (doc.version !== input.version)
      throw new Conflict(`该${kindLabel[kind]}已更新为第${doc.version}稿，请刷新查看最新内容后再操作。`, snapshot(tx, doc));
    const changes = apply(tx, ctx, at);
    if (!changeDocument(tx, kind, doc, { ...changes, state: decision.to, updatedAt: at })) refuse("state");
    record(tx, actor, at, {
      action: `${kind}.${event}`,
      subjectType: kind,
      subjectId: doc.id,
      proposalId: assignment.proposalId,
      // Until it is signed off, a document's path is the unit's own business.
      unitId: event === "signOff" ? null : assignment.unitId,
      before: { state: doc.state },
      after: { state: decision.to, ...changes },
    });
    if (event === "signOff" && ctx.reply) {
      noteReplySent(tx, assignment, ctx.reply, at);
      schedulePublication(tx, ctx.reply.id, ctx.proposal.sessionId, at);
    }
    if (event === "signOff") moveAssignment(tx, actor, at, assignment, assignmentStateAfterSending(assignment.role));
    notifyAfter(tx, kind, event, { doc, assignment, at, comment: changes.returnComment ?? undefined });
    return { documentId: doc.id };
  });
}

/** Who hears of each step: the leaders of a submission, the drafter of a return, the recipients of a sent document. */
function notifyAfter(
  tx: Tx,
  kind: DocumentKind,
  event: Exclude<DocumentEvent, "save">,
  { doc, assignment, at, comment }: { doc: Doc; assignment: typeof assignments.$inferSelect; at: Date; comment?: string },
) {
  const name = proposalName(tx, assignment.proposalId);
  const base = { proposalId: assignment.proposalId, assignmentId: assignment.id, at };
  if (event === "submit")
    notifyUnit(tx, assignment.unitId, ["unit_leader"], { ...base, kind: "signoff_pending", message: `${name}的${kindLabel[kind]}待您签发。` });
  else if (event === "returnForRevision")
    notifyUsers(tx, [doc.draftedById, doc.updatedById], { ...base, kind: "returned", message: `${name}的${kindLabel[kind]}被退回修改：${comment ?? ""}` });
  else if (kind === "opinion") {
    const unit = tx.select({ name: units.name }).from(units).where(eq(units.id, assignment.unitId)).get()!;
    const lead = tx
      .select({ unitId: assignments.unitId })
      .from(assignments)
      .where(and(eq(assignments.proposalId, assignment.proposalId), eq(assignments.role, "lead")))
      .all();
    for (const l of lead)
      notifyUnit(tx, l.unitId, ["unit_staff", "unit_leader"], { ...base, kind: "opinion_received", message: `${unit.name}已送达${name}的协办意见。` });
  } else {
    const unit = tx.select({ name: units.name }).from(units).where(eq(units.id, assignment.unitId)).get()!;
    notifyUsers(tx, deputyAccounts(tx, assignment.proposalId), { ...base, kind: "replied", message: `您的${name}已收到${unit.name}的答复，请查看并评价。` });
  }
}

function submit(kind: DocumentKind) {
  return (actor: Actor, raw: unknown) => {
    authorize(actor, `${kind}.submit`);
    const input = parse(DocumentActionInput, raw);
    return step(actor, kind, "submit", input, (tx, { reply, proposal }) => {
      if (reply) checkOutstandingOpinions(tx, proposal.id, reply.outstandingReason);
      return { submittedAt: now(), returnComment: null };
    });
  };
}

function signOff(kind: DocumentKind) {
  return (actor: Actor, raw: unknown) => {
    authorize(actor, `${kind}.signOff`);
    const input = parse(DocumentActionInput, raw);
    return step(actor, kind, "signOff", input, (tx, { reply, assignment, proposal }, at) => {
      if (reply) checkOutstandingOpinions(tx, proposal.id, reply.outstandingReason);
      if (assignment.state !== "received" && assignment.state !== "rehandling")
        refuse("state", assignmentStateLabel[assignment.state]);
      return { signerId: actor.id, sentAt: at, docNumber: allocateDocNumber(tx, assignment.unitId, kind, at) };
    });
  };
}

function returnForRevision(kind: DocumentKind) {
  return (actor: Actor, raw: unknown) => {
    authorize(actor, `${kind}.return`);
    const input = parse(ReturnDocumentInput, raw);
    return step(actor, kind, "returnForRevision", input, () => ({ returnComment: input.comment }));
  };
}

export const submitOpinion = submit("opinion");
export const signOffOpinion = signOff("opinion");
export const returnOpinion = returnForRevision("opinion");
export const submitReply = submit("reply");
export const signOffReply = signOff("reply");
export const returnReply = returnForRevision("reply");

/** 文号: each unit has its own series per year and kind, handed out once, in sign-off order. */
function allocateDocNumber(tx: Tx, unitId: number, kind: DocumentKind, at: Date) {
  const year = Number(dayOf(at).slice(0, 4));
  const unit = tx.select().from(units).where(eq(units.id, unitId)).get()!;
  const key = and(eq(docSequences.unitId, unitId), eq(docSequences.year, year), eq(docSequences.kind, kind));
  const current = tx.select().from(docSequences).where(key).get();
  const next = (current?.last ?? 0) + 1;
  if (current) tx.update(docSequences).set({ last: next }).where(key).run();
  else tx.insert(docSequences).values({ unitId, year, kind, last: next }).run();
  return `${unit.shortName}${kind === "opinion" ? "函" : "复"}〔${year}〕${next}号`;
}
