"use client";

import { ActionForm, Checkbox, CheckboxGroup, Select, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import { registerProposalAction } from "@/app/(app)/proposals/actions";
import { FIELDS } from "@/lib/workflow";

type Option = { value: string; label: string };

export function RegisterForm({ sessions, deputies }: { sessions: Option[]; deputies: Option[] }) {
  return (
    <ActionForm action={registerProposalAction} label="登记建议" className="grid gap-3 sm:grid-cols-2">
      <Select name="sessionId" label="届次" required options={sessions} defaultValue={sessions[0]?.value} />
      <TextField name="number" label="建议编号" type="number" required />
      <div className="sm:col-span-2">
        <TextField name="title" label="建议标题" required hint="如：关于古塘街道工业区块改造提升的建议" />
      </div>
      <Select name="field" label="所属领域" required placeholder="请选择" options={FIELDS.map((f) => ({ value: f, label: f }))} />
      <Select name="leadDeputyId" label="领衔代表" required placeholder="请选择" options={deputies} />
      <div className="sm:col-span-2">
        <CheckboxGroup name="cosignerIds" label="附议代表" options={deputies} />
      </div>
      <Select
        name="disclosure"
        label="公开选项（代表意见）"
        required
        defaultValue="full"
        options={[
          { value: "full", label: "全文公开" },
          { value: "title_only", label: "仅公开标题" },
          { value: "none", label: "不公开" },
        ]}
      />
      <div>
        <Checkbox name="isKey" label="列为重点督办建议" />
        <TextField name="supervisor" label="督办领导" />
      </div>
      <div className="sm:col-span-2">
        <TextArea name="body" label="建议内容" rows={12} serif required />
      </div>
      <div>
        <SubmitButton>登记</SubmitButton>
      </div>
    </ActionForm>
  );
}
