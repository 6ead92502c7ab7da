"use server";

import { formAction, guardedAction } from "@/lib/action";
import { publishReply } from "@/lib/services/publication";
import { UPLOAD } from "@/lib/rate-limit";
import { importWordDraft } from "@/lib/services/word";
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
  type SavedDraft,
} from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { addCommitment, removeCommitment, reportCommitment } from "@/lib/services/commitments";
import { decideRequest, requestAdjustment, requestExtension } from "@/lib/services/requests";
import { setFixedReplyDue } from "@/lib/services/sessions";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/db";

export const registerProposalAction = formAction("proposal.register", registerProposal, {
  redirectTo: (created) => `/proposals/${created.id}`,
});
export const markProposalAction = formAction("proposal.mark", markProposal, { success: "分类标记已更新。" });
export const withdrawProposalAction = formAction("proposal.withdraw", withdrawProposal, { success: "已按代表书面申请撤案。" });
export const assignProposalAction = formAction("proposal.assign", assignProposal, { success: "已交办，办理时限自今日起计算。" });
export const receiveAssignmentAction = formAction("assignment.receive", receiveAssignment, { success: "已签收。" });
export const logContactAction = formAction("assignment.logContact", logContact, { success: "联系记录已保存。" });

/** One form, two buttons: save the draft, or save it and send it to the leader for sign-off. */
function saveThenMaybeSubmit(
  save: (actor: Actor, raw: unknown) => SavedDraft,
  submit: (actor: Actor, raw: unknown) => unknown,
) {
  // One transaction (the services' own nest as savepoints): a refused submission keeps nothing,
  // and the form shows the text as typed with the reason.
  return (actor: Actor, raw: Record<string, string | string[]>) =>
    getDb().transaction(() => {
      const saved = save(actor, raw);
      if (raw.intent === "submit" && !saved.setAside) submit(actor, saved);
      return saved;
    });
}

/** What the drafter is told after a save: a text set aside is in the history, not in the document. */
const saved = (what: string) => (result: SavedDraft) =>
  result.setAside ? `您的文本已作为未采用稿留存，可在“历次稿本”中查看、复制和比对。` : `${what}已保存（第${result.version}稿）。`;

export const saveOpinionAction = formAction("opinion.save", saveThenMaybeSubmit(saveOpinionDraft, submitOpinion), { success: saved("协办意见") });
export const saveReplyAction = formAction("reply.save", saveThenMaybeSubmit(saveReplyDraft, submitReply), { success: saved("答复") });
export const signOffOpinionAction = formAction("opinion.signOff", signOffOpinion, { success: "已签发，协办意见已送主办单位。" });
export const returnOpinionAction = formAction("opinion.return", returnOpinion, { success: "已退回承办人修改。" });
export const signOffReplyAction = formAction("reply.signOff", signOffReply, { success: "已签发，答复已送达代表。" });
export const returnReplyAction = formAction("reply.return", returnReply, { success: "已退回承办人修改。" });
export const publishReplyAction = formAction("reply.publish", publishReply, { success: "答复已公开，公众可在公开网站查阅。" });
export const rateReplyAction = formAction("reply.rate", rateReply, { success: "感谢您的评价，已送达承办单位和代表工委。" });
export const addCommitmentAction = formAction("commitment.add", addCommitment, { success: "承诺事项已登记。" });
export const removeCommitmentAction = formAction("commitment.remove", removeCommitment, { success: "承诺事项已删除。" });
export const reportCommitmentAction = formAction("commitment.report", reportCommitment, { success: "承诺事项办理情况已报告。" });

export const requestAdjustmentAction = formAction("request.adjustment", requestAdjustment, { success: "调整申请已提交政府督查室审核。" });
export const requestExtensionAction = formAction("request.extension", requestExtension, { success: "延期申请已提交政府督查室审核。" });
export const decideRequestAction = formAction("request.decide", decideRequest, { success: "已审核。" });
export const setFixedReplyDueAction = formAction("session.fixedReplyDue", setFixedReplyDue, { success: "统一答复期限已保存，相关事项的期限已重新计算。" });

export type ImportState = { text?: string; error?: string; at?: number };

/** 从 Word 导入: the text of an uploaded .docx for the draft editor (nothing is saved until the user saves). */
export const importDocxAction = guardedAction<ImportState>(
  "draft.importWord",
  async (actor, _prev, form) => {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { error: "请选择要导入的 Word 文档（.docx）。", at: Date.now() };
    try {
      return { text: await importWordDraft(actor, new Uint8Array(await file.arrayBuffer())), at: Date.now() };
    } catch (error) {
      if (error instanceof Invalid) return { error: error.fieldErrors.file?.[0] ?? error.message, at: Date.now() };
      console.error("docx import failed", error);
      return { error: "导入失败，请稍后重试。", at: Date.now() };
    }
  },
  (error) => ({ error, at: Date.now() }),
  UPLOAD,
);
