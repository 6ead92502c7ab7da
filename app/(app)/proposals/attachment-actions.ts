"use server";

import { formAction } from "@/lib/action";
import { UPLOAD } from "@/lib/rate-limit";
import { deleteAttachment, uploadAttachment } from "@/lib/services/attachments";

/**
 * Uploads one file. The service checks role, scope, size and content itself; next.config.js's
 * Server Action body limit only stops larger requests earlier, and never decides what is accepted.
 */
export const uploadAttachmentAction = formAction(
  "attachment.upload",
  async (actor, raw, form) => {
    const file = form.get("file");
    return uploadAttachment(actor, raw, file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
  },
  { success: "附件已上传。", rateLimit: UPLOAD },
);

export const deleteAttachmentAction = formAction("attachment.delete", deleteAttachment, { success: "附件已删除。" });
