"use server";

import { formAction } from "@/lib/action";
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
