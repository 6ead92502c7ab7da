import "server-only";
import { authorize } from "@/lib/authz";
import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db";
import { assignments, attachments, opinions, replies, units, users } from "@/db/schema";
import { isOffice, isUnitRole, type Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { isFrozen, loadSubject, maySee, mayDelete, viewerOf, type Subject } from "@/lib/access/attachments";

const subjectLabel = (s: Subject, unitName: string | undefined, round?: number) =>
  s.type === "proposal" ? "建议" : s.type === "opinion" ? `${unitName ?? ""}协办意见` : `${unitName ?? ""}${round && round > 1 ? `第${round}轮` : ""}答复`;

/**
 * The files on a proposal this viewer may see (not the deleted ones), each with what it belongs to
 * and whether the viewer may remove it; and what the viewer may attach new files to.
 */
export function attachmentsOf(actor: Actor, proposalId: number) {
  const db = getDb();
  const viewer = viewerOf(db, actor, proposalId);
  if (!viewer.seesProposal) return { files: [], targets: [], waitingForDocument: false };
  const uploaderUnit = alias(units, "uploader_unit");
  const rows = db
    .select({
      id: attachments.id,
      subjectType: attachments.subjectType,
      subjectId: attachments.subjectId,
      unitId: attachments.unitId,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      size: attachments.size,
      createdAt: attachments.createdAt,
      uploader: users.displayName,
      uploaderRole: users.role,
      uploaderUnit: uploaderUnit.name,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById))
    .leftJoin(uploaderUnit, eq(uploaderUnit.id, attachments.unitId))
    .where(and(eq(attachments.proposalId, proposalId), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id))
    .all();

  const docs = documentsOf(proposalId);
  const files = rows.flatMap((r) => {
    const doc = r.subjectType === "proposal" ? undefined : docs.get(`${r.subjectType}:${r.subjectId}`);
    const subject: Subject | undefined =
      r.subjectType === "proposal" ? { type: "proposal", id: r.subjectId, proposalId, unitId: null, assignmentId: null, state: null } : doc?.subject;
    if (!subject || !maySee(viewer, subject)) return [];
    const { subjectType, subjectId, unitId, ...shown } = r;
    return [{ ...shown, on: subjectLabel(subject, doc?.unitName, doc?.round), canDelete: mayDelete(viewer, { subjectType, unitId }, subject) }];
  });

  // New files go on the proposal (offices) or on this unit's own documents.
  const targets: { value: string; label: string }[] = [];
  if (isOffice(actor.role)) targets.push({ value: `proposal:${proposalId}`, label: "本建议（如代表签名的建议原件扫描件）" });
  if (isUnitRole(actor.role) && viewer.mine)
    for (const [key, d] of docs)
      if (d.subject.unitId === viewer.mine.unitId && !isFrozen(d.subject))
        targets.push({ value: key, label: `本单位${d.subject.type === "opinion" ? "协办意见" : `${d.round && d.round > 1 ? `第${d.round}轮` : ""}答复`}` });
  // A unit on the proposal that has not saved its document yet has nothing to attach to; one whose
  // documents are all sent has nothing left it may change.
  const own = isUnitRole(actor.role) && viewer.mine ? [...docs.values()].filter((d) => d.subject.unitId === viewer.mine!.unitId) : [];
  const waitingForDocument = isUnitRole(actor.role) && !!viewer.mine && own.length === 0;
  const allSent = own.length > 0 && own.every((d) => isFrozen(d.subject));
  return { files, targets, waitingForDocument, allSent };
}

export type AttachmentList = ReturnType<typeof attachmentsOf>;

/** Every opinion and reply on the proposal, keyed "opinion:12", with its unit and state. */
function documentsOf(proposalId: number) {
  const db = getDb();
  const map = new Map<string, { subject: Subject; unitName: string; round?: number }>();
  const opinionRows = db
    .select({ id: opinions.id, state: opinions.state, unitId: assignments.unitId, assignmentId: assignments.id, unitName: units.name })
    .from(opinions)
    .innerJoin(assignments, eq(assignments.id, opinions.assignmentId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(eq(assignments.proposalId, proposalId))
    .orderBy(asc(opinions.id))
    .all();
  for (const o of opinionRows)
    map.set(`opinion:${o.id}`, { subject: { type: "opinion", id: o.id, proposalId, unitId: o.unitId, assignmentId: o.assignmentId, state: o.state }, unitName: o.unitName });
  const replyRows = db
    .select({ id: replies.id, state: replies.state, round: replies.round, unitId: assignments.unitId, assignmentId: assignments.id, unitName: units.name })
    .from(replies)
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(eq(assignments.proposalId, proposalId))
    .orderBy(asc(replies.round), asc(replies.id))
    .all();
  for (const r of replyRows)
    map.set(`reply:${r.id}`, {
      subject: { type: "reply", id: r.id, proposalId, unitId: r.unitId, assignmentId: r.assignmentId, state: r.state },
      unitName: r.unitName,
      round: r.round,
    });
  return map;
}

/** One file for download, if this viewer may see the record it belongs to; NotFound otherwise (and once deleted). */
export function attachmentForDownload(actor: Actor, id: number) {
  authorize(actor, "attachment.download");
  const db = getDb();
  const row = db.select().from(attachments).where(eq(attachments.id, id)).get();
  if (!row || row.deletedAt) throw new NotFound("未找到该附件，或您无权查看。");
  const subject = loadSubject(db, row.subjectType, row.subjectId);
  if (!subject || !maySee(viewerOf(db, actor, subject.proposalId), subject)) throw new NotFound("未找到该附件，或您无权查看。");
  return { id: row.id, fileName: row.fileName, mimeType: row.mimeType, size: row.size, sha256: row.sha256 };
}
