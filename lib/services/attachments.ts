import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { assignments, attachments, opinions, proposalCosigners, proposals, replies } from "@/db/schema";
import { isOffice, isUnitRole, type Actor } from "../auth/actor";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { parse, recordId } from "../validation";
import type { AssignmentRole, DocumentState } from "../workflow";
import { cleanFileName, detectFileKind, FILE_KINDS, maxUploadBytes, maxUploadMb, sha256Of, storeBlob } from "../attachments-store";
import { getDb, now, record, authorize } from "./common";
import { internalUnit, isFrozen, loadSubject, maySee, mayDelete, mayUploadTo, ownDocument, viewerOf, type SubjectType } from "../access/attachments";

const FROZEN_MESSAGE = "该文稿已签发送出，附件不能再增删。需补充的材料请联系代表工委或政府督查室作为建议附件上传。";

/**
 * Attachments (附件): signed scans and supporting files on a proposal (uploaded by the offices) or on
 * a unit's opinion or reply (by that unit's staff or leader). A file is seen exactly where the record
 * it belongs to is seen, so a draft's files stay inside the unit until the draft is sent.
 */



export const TYPES_MESSAGE = "仅支持 PDF、图片、Word（.docx）和 Excel（.xlsx）文件";

/** What the file goes on, as the form's choice posts it: "proposal:3", "opinion:12" or "reply:40". */
export const UploadAttachmentInput = z.object({
  target: z
    .string({ error: "请选择附件所属的事项" })
    .regex(/^(proposal|opinion|reply):[1-9]\d{0,9}$/, "请选择附件所属的事项")
    .transform((v) => {
      const [type, id] = v.split(":");
      return { type: type as SubjectType, id: Number(id) };
    }),
});

export const DeleteAttachmentInput = z.object({ attachmentId: recordId("附件") });

/** A file as the action hands it over: the name the browser sent and the bytes, nothing else trusted. */
export type UploadedFile = { name: string; bytes: Uint8Array };


// ---- Verbs ----

/** Size first (so a huge zip is never opened), then what the content really is. */
function checkFile(file: UploadedFile | null | undefined) {
  if (!file || file.bytes.length === 0) throw new Invalid("请选择要上传的文件。", { file: ["请选择要上传的文件"] });
  if (file.bytes.length > maxUploadBytes()) {
    const message = `文件不能超过 ${maxUploadMb()} MB`;
    throw new Invalid(`${message}。`, { file: [message] });
  }
  const kind = detectFileKind(file.bytes);
  if (!kind) throw new Invalid(`${TYPES_MESSAGE}。旧版 .doc、.xls 请先在 Office 中另存为 .docx、.xlsx。`, { file: [TYPES_MESSAGE] });
  return { kind, fileName: cleanFileName(file.name, kind), sha256: sha256Of(file.bytes) };
}

export function uploadAttachment(actor: Actor, raw: unknown, file: UploadedFile | null | undefined) {
  authorize(actor, "attachment.upload");
  const input = parse(UploadAttachmentInput, raw);
  const checked = checkFile(file);
  const at = now();
  return getDb().transaction((tx) => {
    const subject = loadSubject(tx, input.target.type, input.target.id);
    const viewer = subject && viewerOf(tx, actor, subject.proposalId);
    if (!subject || !viewer || !maySee(viewer, subject)) throw new NotFound("未找到附件所属的建议或文稿，或您无权查看。");
    if (!mayUploadTo(viewer, subject)) {
      if (isFrozen(subject) && ownDocument(viewer, subject)) throw new Conflict(FROZEN_MESSAGE);
      throw new Forbidden(
        subject.type === "proposal" ? "建议的附件由代表工委或政府督查室上传。" : "只能为本单位的协办意见或答复上传附件。",
      );
    }
    const mimeType = FILE_KINDS[checked.kind].mime;
    const size = file!.bytes.length;
    const created = tx
      .insert(attachments)
      .values({
        subjectType: subject.type,
        subjectId: subject.id,
        proposalId: subject.proposalId,
        unitId: isUnitRole(actor.role) ? actor.unitId : null,
        fileName: checked.fileName,
        mimeType,
        size,
        sha256: checked.sha256,
        uploadedById: actor.id,
        createdAt: at,
      })
      .returning({ id: attachments.id })
      .get();
    record(tx, actor, at, {
      action: "attachment.upload",
      subjectType: "attachment",
      subjectId: created.id,
      proposalId: subject.proposalId,
      unitId: internalUnit(subject),
      after: { on: subject.type, onId: subject.id, fileName: checked.fileName, mimeType, size, sha256: checked.sha256 },
    });
    // Last, so a refusal above never leaves a file behind; a failed write rolls the row back.
    storeBlob(file!.bytes, checked.sha256);
    return { id: created.id, fileName: checked.fileName };
  });
}

export function deleteAttachment(actor: Actor, raw: unknown) {
  authorize(actor, "attachment.delete");
  const input = parse(DeleteAttachmentInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const row = tx.select().from(attachments).where(eq(attachments.id, input.attachmentId)).get();
    const subject = row && !row.deletedAt ? loadSubject(tx, row.subjectType, row.subjectId) : undefined;
    const viewer = subject && viewerOf(tx, actor, subject.proposalId);
    if (!row || !subject || !viewer || !maySee(viewer, subject)) throw new NotFound("未找到该附件，或它已被删除。");
    if (!mayDelete(viewer, row, subject)) {
      if (isFrozen(subject) && ownDocument(viewer, subject)) throw new Conflict(FROZEN_MESSAGE);
      throw new Forbidden(row.subjectType === "proposal" ? "建议的附件只能由代表工委或政府督查室删除。" : "只能删除本单位上传的附件。");
    }
    const changed = tx
      .update(attachments)
      .set({ deletedAt: at, deletedById: actor.id })
      .where(and(eq(attachments.id, row.id), isNull(attachments.deletedAt)))
      .run();
    if (changed.changes !== 1) throw new Conflict("该附件刚被他人删除，请刷新页面查看。");
    record(tx, actor, at, {
      action: "attachment.delete",
      subjectType: "attachment",
      subjectId: row.id,
      proposalId: row.proposalId,
      unitId: internalUnit(subject),
      before: { deletedAt: null },
      after: { on: row.subjectType, onId: row.subjectId, fileName: row.fileName, sha256: row.sha256 },
    });
    return { id: row.id };
  });
}
