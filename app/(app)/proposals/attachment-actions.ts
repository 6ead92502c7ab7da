"use server";

import { formAction } from "@/lib/action";
import type { FormState } from "@/lib/form-state";
import { deleteAttachment, uploadAttachment } from "@/lib/services/attachments";

/**
 * Uploads one file. The service checks role, scope, size and content itself; next.config.js's
 * Server Action body limit only stops larger requests earlier, and never decides what is accepted.
 */
export async function uploadAttachmentAction(prev: FormState, form: FormData): Promise<FormState> {
  const file = form.get("file");
  return formAction(
    async (actor, raw) =>
      uploadAttachment(actor, raw, file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null),
    { success: "附件已上传。" },
  )(prev, form);
}

export const deleteAttachmentAction = formAction(deleteAttachment, { success: "附件已删除。" });
