"use client";

import { ActionForm, Choice, Hidden, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import { addCommitmentAction, removeCommitmentAction, reportCommitmentAction } from "@/app/(app)/proposals/actions";
import { commitmentReportLabel, optionsOf } from "@/lib/labels";

/** 登记承诺事项 on one reply: what will be done, and by when. */
export function AddCommitmentForm({ replyId, min, max }: { replyId: number; min: string; max: string }) {
  return (
    <ActionForm action={addCommitmentAction} label="登记承诺事项" idPrefix={`r${replyId}-`} className="grid gap-3 sm:grid-cols-[1fr_12rem]">
      <Hidden name="replyId" value={replyId} />
      <TextArea name="content" label="承诺事项" rows={2} required hint="写明答复中承诺办理的具体事项，如：2027年6月底前完成横河镇杨梅避雨设施建设" />
      <div className="space-y-3">
        <TextField name="dueOn" label="承诺完成时限" type="date" required hint={`${min} 至 ${max} 之间`} />
        <SubmitButton variant="secondary">登记承诺事项</SubmitButton>
      </div>
    </ActionForm>
  );
}

const kinds = optionsOf(commitmentReportLabel);

/** 报告进展或完成 on one open commitment; a completion needs its evidence. */
export function ReportCommitmentForm({ commitmentId }: { commitmentId: number }) {
  return (
    <ActionForm action={reportCommitmentAction} label="报告办理情况" idPrefix={`c${commitmentId}-`}>
      <Hidden name="commitmentId" value={commitmentId} />
      <Choice name="kind" label="报告类型" required options={kinds} defaultValue="progress" />
      <TextArea name="body" label="办理情况" rows={3} required />
      <TextArea name="evidence" label="佐证材料" rows={2} hint="报告完成时必填：如验收情况、文件文号、现场照片说明" />
      <SubmitButton variant="secondary">提交报告</SubmitButton>
    </ActionForm>
  );
}

/** 删除 a commitment of a reply still in draft. */
export function RemoveCommitmentForm({ commitmentId }: { commitmentId: number }) {
  return (
    <ActionForm action={removeCommitmentAction} label="删除承诺事项" idPrefix={`d${commitmentId}-`} className="inline">
      <Hidden name="commitmentId" value={commitmentId} />
      <SubmitButton variant="danger">删除</SubmitButton>
    </ActionForm>
  );
}
