"use client";

import type { ProposalDetail } from "@/db/queries/proposals";
import { useState } from "react";
import { markToken } from "@/lib/workflow";
import { channelLabel, optionsOf, ratingLabel, screeningLabel } from "@/lib/labels";
import {
  ActionForm,
  Checkbox,
  CheckboxGroup,
  Choice,
  Hidden,
  Select,
  SubmitButton,
  TextArea,
  TextField,
} from "@/components/ui/form";
import {
  assignProposalAction,
  logContactAction,
  markProposalAction,
  rateReplyAction,
  receiveAssignmentAction,
  returnOpinionAction,
  returnReplyAction,
  saveOpinionAction,
  saveReplyAction,
  signOffOpinionAction,
  signOffReplyAction,
  withdrawProposalAction,
  publishReplyAction,
} from "@/app/(app)/proposals/actions";
import { WordImport } from "./word-import";

type Option = { value: string; label: string };

export function AssignForm({ proposalId, units }: { proposalId: number; units: Option[] }) {
  const [mode, setMode] = useState<"lead" | "parallel">("lead");
  return (
    <ActionForm action={assignProposalAction} label="交办">
      <Hidden name="proposalId" value={proposalId} />
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-1 text-sm font-medium">交办方式</legend>
        <label className="flex min-h-10 items-center gap-2 rounded-md border border-stone-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
          <input type="radio" name="mode" value="lead" checked={mode === "lead"} onChange={() => setMode("lead")} className="accent-brand-600" /> 主办 + 协办
        </label>
        <label className="flex min-h-10 items-center gap-2 rounded-md border border-stone-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
          <input type="radio" name="mode" value="parallel" checked={mode === "parallel"} onChange={() => setMode("parallel")} className="accent-brand-600" /> 分办
        </label>
      </fieldset>
      {mode === "lead" ? (
        <>
          <Select name="leadUnitId" label="主办单位" required options={units} placeholder="请选择主办单位" />
          <CheckboxGroup name="coUnitIds" label="协办单位（可多选）" options={units} hint="协办单位向主办单位提交书面协办意见，不直接答复代表。" />
        </>
      ) : (
        <CheckboxGroup name="parallelUnitIds" label="分办单位（至少两个）" options={units} hint="各分办单位分别就各自职责答复代表。" />
      )}
      <SubmitButton>确认交办</SubmitButton>
    </ActionForm>
  );
}

export function MarkForm({ p }: { p: Pick<ProposalDetail, "id" | "screening" | "isKey" | "supervisor" | "mergedIntoId" | "raisedBefore" | "notPublicReason" | "mergedInto"> }) {
  return (
    <ActionForm action={markProposalAction} label="甄别与督办">
      <Hidden name="proposalId" value={p.id} />
      <Hidden name="basedOn" value={markToken(p)} />
      <Select
        name="screening"
        label="甄别结果"
        defaultValue={p.screening === "withdrawn" ? "normal" : p.screening}
        options={optionsOf(screeningLabel, ["normal", "reference", "merged"])}
      />
      <TextField name="mergedInto" label="并入第几号建议" defaultValue={p.mergedInto ? String(p.mergedInto.number) : ""} hint="并案办理时填写同一届次中主办的那一件；本件代表将一并收到答复并评价" />
      <TextField name="raisedBefore" label="往年已提出年数" defaultValue={String(p.raisedBefore)} hint="重复提出的建议，填写此前已提出几年；首次提出填 0" />
      <Checkbox name="isKey" label="列为重点督办建议" defaultChecked={p.isKey} />
      <TextField name="supervisor" label="督办领导" defaultValue={p.supervisor ?? ""} hint="重点督办建议须填写，如：副市长 王建华" />
      <TextField name="notPublicReason" label="不予公开的理由" defaultValue={p.notPublicReason ?? ""} hint="填写后本件建议及答复不在公开网站发布，如：涉及个人隐私" />
      <SubmitButton variant="secondary">保存</SubmitButton>
    </ActionForm>
  );
}

export function WithdrawForm({ proposalId }: { proposalId: number }) {
  return (
    <ActionForm action={withdrawProposalAction} label="撤案">
      <Hidden name="proposalId" value={proposalId} />
      <TextArea name="reason" label="撤案理由（依据代表书面申请）" rows={2} required />
      <SubmitButton variant="danger">撤案</SubmitButton>
    </ActionForm>
  );
}

/** 提前公开: an office publishes a sent reply today instead of on its publication day. */
export function PublishForm({ replyId }: { replyId: number }) {
  return (
    <ActionForm action={publishReplyAction} label="提前公开">
      <Hidden name="replyId" value={replyId} />
      <SubmitButton variant="secondary">立即公开</SubmitButton>
    </ActionForm>
  );
}

export function ReceiveForm({ assignmentId }: { assignmentId: number }) {
  return (
    <ActionForm action={receiveAssignmentAction} label="签收">
      <Hidden name="assignmentId" value={assignmentId} />
      <SubmitButton>签收</SubmitButton>
    </ActionForm>
  );
}

/** The contact's day lies between the assignment day and today (docs/rules.md § "States and events", contacts). */
export function ContactForm({ assignmentId, assignedOn, today }: { assignmentId: number; assignedOn: string; today: string }) {
  return (
    <ActionForm action={logContactAction} label="记录联系代表" className="grid gap-3 sm:grid-cols-2">
      <Hidden name="assignmentId" value={assignmentId} />
      <TextField name="contactedOn" label="联系日期" type="date" defaultValue={today} min={assignedOn} max={today} required hint={`交办日（${assignedOn}）至今天`} />
      <Select
        name="channel"
        label="联系方式"
        required
        placeholder="请选择"
        options={optionsOf(channelLabel)}
      />
      <div className="sm:col-span-2">
        <TextField name="people" label="参加人员" required hint="如：胡国锋代表、市经信局张伟" />
      </div>
      <div className="sm:col-span-2">
        <TextArea name="summary" label="沟通情况" rows={3} required />
      </div>
      <div>
        <SubmitButton variant="secondary">保存联系记录</SubmitButton>
      </div>
    </ActionForm>
  );
}

type DraftProps = {
  assignmentId: number;
  doc?: { id: number; version: number; body: string; contactPerson: string; contactPhone: string };
  defaults: { contactPerson: string };
};

export function OpinionEditor({ assignmentId, doc, defaults }: DraftProps) {
  return (
    <>
    <WordImport target="f-body" />
    <ActionForm action={saveOpinionAction} label="协办意见">
      <Hidden name="assignmentId" value={assignmentId} />
      {doc && <Hidden name="documentId" value={doc.id} />}
      {doc && <Hidden name="version" value={doc.version} />}
      <TextArea name="body" label="协办意见正文" rows={14} serif required defaultValue={doc?.body} hint="标题、主送单位和落款由系统按公文格式生成，此处只填写正文。" />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="contactPerson" label="联系人" required defaultValue={doc?.contactPerson ?? defaults.contactPerson} />
        <TextField name="contactPhone" label="联系电话" required defaultValue={doc?.contactPhone} />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="secondary" name="intent" value="save">保存草稿</SubmitButton>
        <SubmitButton name="intent" value="submit">保存并送领导签发</SubmitButton>
      </div>
    </ActionForm>
    </>
  );
}

export function ReplyEditor({
  assignmentId,
  doc,
  defaults,
  categories,
  outstanding,
}: DraftProps & {
  doc?: DraftProps["doc"] & { category: string; cc: string; outstandingReason: string | null };
  categories: Option[];
  outstanding: string[];
}) {
  return (
    <>
    <WordImport target="f-body" />
    <ActionForm action={saveReplyAction} label="答复">
      <Hidden name="assignmentId" value={assignmentId} />
      {doc && <Hidden name="documentId" value={doc.id} />}
      {doc && <Hidden name="version" value={doc.version} />}
      <Select name="category" label="答复类别" required options={categories} placeholder="请选择答复类别" defaultValue={doc?.category} />
      <TextArea name="body" label="答复正文" rows={14} serif required defaultValue={doc?.body} hint="称谓、“您提出的……收悉”开头和落款由系统生成，此处逐条写明办理情况。" />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="contactPerson" label="联系人" required defaultValue={doc?.contactPerson ?? defaults.contactPerson} />
        <TextField name="contactPhone" label="联系电话" required defaultValue={doc?.contactPhone} />
      </div>
      <TextField name="cc" label="抄送" defaultValue={doc?.cc ?? "市人大常委会代表工委，市政府督查室"} />
      {outstanding.length > 0 && (
        <TextArea
          name="outstandingReason"
          label={`尚未收到协办意见：${outstanding.join("、")}。如需先行答复，请说明理由`}
          rows={2}
          defaultValue={doc?.outstandingReason ?? ""}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="secondary" name="intent" value="save">保存草稿</SubmitButton>
        <SubmitButton name="intent" value="submit">保存并送领导签发</SubmitButton>
      </div>
    </ActionForm>
    </>
  );
}

export function SignOffForms({ kind, documentId, version }: { kind: "opinion" | "reply"; documentId: number; version: number }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <ActionForm action={kind === "opinion" ? signOffOpinionAction : signOffReplyAction} label="签发">
        <Hidden name="documentId" value={documentId} />
        <Hidden name="version" value={version} />
        <p className="text-sm text-stone-600">{kind === "opinion" ? "签发后协办意见即送达主办单位。" : "签发后答复即送达领衔代表和全体附议代表。"}</p>
        <SubmitButton>签发</SubmitButton>
      </ActionForm>
      <ActionForm action={kind === "opinion" ? returnOpinionAction : returnReplyAction} label="退回修改">
        <Hidden name="documentId" value={documentId} />
        <Hidden name="version" value={version} />
        <TextArea name="comment" label="退回意见" rows={2} required />
        <SubmitButton variant="danger">退回修改</SubmitButton>
      </ActionForm>
    </div>
  );
}

const levels = optionsOf(ratingLabel);

export function RatingForm({ replyId, unitName }: { replyId: number; unitName: string }) {
  return (
    <ActionForm action={rateReplyAction} label={`评价${unitName}的答复`} className="space-y-4">
      <Hidden name="replyId" value={replyId} />
      <Choice name="attitude" label="办理态度" required options={levels} />
      <Choice name="outcome" label="办理结果" required options={levels} />
      <Choice
        name="wasContacted"
        label="答复前承办单位是否与您联系"
        required
        options={[
          { value: "yes", label: "已联系" },
          { value: "no", label: "未联系" },
        ]}
      />
      <TextArea name="comment" label="意见和建议" rows={3} hint="评价为不满意时请写明理由，承办单位将重新办理。" />
      <SubmitButton>提交评价</SubmitButton>
    </ActionForm>
  );
}
