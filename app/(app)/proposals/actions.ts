"use server";

import { formAction } from "@/lib/action";
import { currentActor } from "@/lib/auth/current";
import { draftFromDocx } from "@/lib/documents/word-import";
import { Invalid } from "@/lib/errors";
import { assignProposal, markProposal, registerProposal, withdrawProposal } from "@/lib/services/proposals";
import { logContact, receiveAssignment } from "@/lib/services/assignments";
import {
  returnOpinion,
  returnReply,
  saveOpinionDraft,
  saveReplyDraft,
  signOffOpinion,
  signOffReply,
  submitOpinion,
  submitReply,
} from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { decideRequest, requestAdjustment, requestExtension } from "@/lib/services/requests";
import { setFixedReplyDue } from "@/lib/services/sessions";
import type { Actor } from "@/lib/auth/actor";

export const registerProposalAction = formAction(registerProposal, {
  redirectTo: (created) => `/proposals/${created.id}`,
});
export const markProposalAction = formAction(markProposal, { success: "分类标记已更新。" });
export const withdrawProposalAction = formAction(withdrawProposal, { success: "已按代表书面申请撤案。" });
export const assignProposalAction = formAction(assignProposal, { success: "已交办，办理时限自今日起计算。" });
export const receiveAssignmentAction = formAction(receiveAssignment, { success: "已签收。" });
export const logContactAction = formAction(logContact, { success: "联系记录已保存。" });

/** One form, two buttons: save the draft, or save it and send it to the leader for sign-off. */
function saveThenMaybeSubmit(
  save: (actor: Actor, raw: unknown) => { documentId: number; version: number },
  submit: (actor: Actor, raw: unknown) => unknown,
) {
  return (actor: Actor, raw: Record<string, string | string[]>) => {
    const saved = save(actor, raw);
    if (raw.intent === "submit") submit(actor, saved);
    return saved;
  };
}

export const saveOpinionAction = formAction(saveThenMaybeSubmit(saveOpinionDraft, submitOpinion), {
  success: "协办意见已保存。",
});
export const saveReplyAction = formAction(saveThenMaybeSubmit(saveReplyDraft, submitReply), {
  success: "答复已保存。",
});
export const signOffOpinionAction = formAction(signOffOpinion, { success: "已签发，协办意见已送主办单位。" });
export const returnOpinionAction = formAction(returnOpinion, { success: "已退回承办人修改。" });
export const signOffReplyAction = formAction(signOffReply, { success: "已签发，答复已送达代表。" });
export const returnReplyAction = formAction(returnReply, { success: "已退回承办人修改。" });
export const rateReplyAction = formAction(rateReply, { success: "感谢您的评价，已送达承办单位和代表工委。" });

export const requestAdjustmentAction = formAction(requestAdjustment, { success: "调整申请已提交政府督查室审核。" });
export const requestExtensionAction = formAction(requestExtension, { success: "延期申请已提交政府督查室审核。" });
export const decideRequestAction = formAction(decideRequest, { success: "已审核。" });
export const setFixedReplyDueAction = formAction(setFixedReplyDue, { success: "统一答复期限已保存，相关事项的期限已重新计算。" });

export type ImportState = { text?: string; error?: string; at?: number };

/** 从 Word 导入: the text of an uploaded .docx for the draft editor (nothing is saved until the user saves). */
export async function importDocxAction(_prev: ImportState, form: FormData): Promise<ImportState> {
  const actor = await currentActor();
  if (!actor) return { error: "登录已失效，请重新登录后再操作。", at: Date.now() };
  if (actor.role !== "unit_staff") return { error: "只有承办人可以导入草稿。", at: Date.now() };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { error: "请选择要导入的 Word 文档（.docx）。", at: Date.now() };
  try {
    return { text: await draftFromDocx(new Uint8Array(await file.arrayBuffer())), at: Date.now() };
  } catch (error) {
    if (error instanceof Invalid) return { error: error.fieldErrors.file?.[0] ?? error.message, at: Date.now() };
    console.error("docx import failed", error);
    return { error: "导入失败，请稍后重试。", at: Date.now() };
  }
}
