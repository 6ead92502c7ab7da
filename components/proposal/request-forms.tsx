"use client";

import { useState } from "react";
import { ActionForm, Hidden, Select, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import { decideRequestAction, requestAdjustmentAction, requestExtensionAction, setFixedReplyDueAction } from "@/app/(app)/proposals/actions";

type Option = { value: string; label: string };

export function AdjustmentForm({ assignmentId, units, windowEnd }: { assignmentId: number; units: Option[]; windowEnd: string }) {
  return (
    <ActionForm action={requestAdjustmentAction} label="申请调整">
      <Hidden name="assignmentId" value={assignmentId} />
      <p className="text-sm text-stone-600">认为该建议不属于本单位职责的，可在 {windowEnd} 前申请调整，逾期不再受理；调整后办理时限不重新计算。</p>
      <TextArea name="reason" label="申请理由" rows={3} required />
      <Select name="suggestedUnitId" label="建议承办单位（可不选）" placeholder="—" options={units} />
      <SubmitButton variant="secondary">提交调整申请</SubmitButton>
    </ActionForm>
  );
}

export function ExtensionForm({ assignmentId, due, limit }: { assignmentId: number; due: string | null; limit: string }) {
  return (
    <ActionForm action={requestExtensionAction} label="申请延期">
      <Hidden name="assignmentId" value={assignmentId} />
      <p className="text-sm text-stone-600">
        现期限 {due ?? "—"}；延期后总时限不得超过 {limit}。批准后，延期理由将告知代表。
      </p>
      <TextField name="requestedDue" label="申请延期至" type="date" required />
      <TextArea name="reason" label="延期理由" rows={3} required />
      <SubmitButton variant="secondary">提交延期申请</SubmitButton>
    </ActionForm>
  );
}

export function DecideForm({ requestId, kind, units }: { requestId: number; kind: "adjustment" | "extension"; units: Option[] }) {
  const [decision, setDecision] = useState("approve");
  return (
    <ActionForm action={decideRequestAction} label="审核申请">
      <Hidden name="requestId" value={requestId} />
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-1 text-sm font-medium">审核意见</legend>
        {[
          ["approve", "同意"],
          ["reject", "不同意"],
        ].map(([value, label]) => (
          <label key={value} className="flex min-h-10 items-center gap-2 rounded-md border border-stone-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} className="accent-brand-600" />
            {label}
          </label>
        ))}
      </fieldset>
      {kind === "adjustment" && decision === "approve" && (
        <Select name="newUnitId" label="调整后的承办单位" required placeholder="请选择" options={units} />
      )}
      <TextArea name="decisionReason" label="审核理由" rows={2} required />
      <SubmitButton>提交审核意见</SubmitButton>
    </ActionForm>
  );
}

export function FixedDueForm({ sessions }: { sessions: (Option & { fixedReplyDue: string | null })[] }) {
  const [sessionId, setSessionId] = useState(sessions[0]?.value ?? "");
  const current = sessions.find((s) => s.value === sessionId);
  return (
    <ActionForm action={setFixedReplyDueAction} label="统一答复期限" className="grid gap-3 sm:grid-cols-3">
      <label className="block text-sm">
        <span className="mb-1 block font-medium">届次</span>
        <select name="sessionId" value={sessionId} onChange={(e) => setSessionId(e.target.value)} className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm">
          {sessions.map((s) => (
            <option key={s.value} value={s.value}>{s.label}</option>
          ))}
        </select>
      </label>
      <TextField key={sessionId} name="fixedReplyDue" label="统一答复期限（留空则按交办后月数计算）" type="date" defaultValue={current?.fixedReplyDue ?? ""} />
      <div className="flex items-end">
        <SubmitButton variant="secondary">保存</SubmitButton>
      </div>
    </ActionForm>
  );
}
