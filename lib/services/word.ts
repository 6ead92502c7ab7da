import type { Actor } from "../auth/actor";
import { draftFromDocx } from "../documents/word-import";
import { authorize } from "./common";

/** 从 Word 导入: the text of a .docx for the draft editor. Nothing is stored until the draft is saved. */
export async function importWordDraft(actor: Actor, bytes: Uint8Array) {
  authorize(actor, "draft.importWord");
  return draftFromDocx(bytes);
}
