import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { now } from "../clock";
import { draftFromDocx } from "../documents/word-import";
import { refusalOf } from "../documents/untrusted";
import { Invalid } from "../errors";
import { authorize, getDb } from "./common";

/**
 * 从 Word 导入: the text of a .docx for the draft editor. Nothing is stored until the draft is
 * saved; the upload itself is audited (its size, and which limit refused it, if one did).
 */
export async function importWordDraft(actor: Actor, bytes: Uint8Array) {
  authorize(actor, "draft.importWord");
  const entry = { actor, action: "draft.importWord" as const, objectType: "file", objectId: null };
  try {
    const text = await draftFromDocx(bytes);
    audit(getDb(), { ...entry, result: "ok", detail: { bytes: bytes.length, chars: text.length } }, now());
    return text;
  } catch (error) {
    if (error instanceof Invalid)
      audit(getDb(), { ...entry, result: "refused", detail: { bytes: bytes.length, limit: refusalOf(error)?.limit ?? "content", reason: error.fieldErrors.file?.[0] ?? error.message } }, now());
    throw error;
  }
}
