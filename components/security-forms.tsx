"use client";

import { ActionForm, Hidden, Select, SubmitButton, TextField } from "@/components/ui/form";
import { decideAccountAction, resetTwoFactorAction, savePolicyAction, setRoleAction, unlockAction } from "@/app/(app)/security/actions";
import { roleLabel } from "@/lib/labels";
import { POLICY, POLICY_KEYS, type Policy } from "@/lib/policy";
import { ROLES } from "@/lib/workflow";

type Option = { value: string; label: string };

export function RoleForm({ user, units, deputies }: { user: { id: number; role: string; unitId: number | null; deputyId: number | null }; units: Option[]; deputies: Option[] }) {
  return (
    <ActionForm action={setRoleAction} label="调整角色" className="grid gap-3 sm:grid-cols-3">
      <Hidden name="userId" value={user.id} />
      <Select name="role" label="角色" required defaultValue={user.role} options={ROLES.map((r) => ({ value: r, label: roleLabel[r] }))} />
      <Select name="unitId" label="所属单位（承办人、签发领导）" placeholder="—" defaultValue={user.unitId ? String(user.unitId) : undefined} options={units} />
      <Select name="deputyId" label="对应代表（代表账号）" placeholder="—" defaultValue={user.deputyId ? String(user.deputyId) : undefined} options={deputies} />
      <div><SubmitButton>保存角色</SubmitButton></div>
    </ActionForm>
  );
}

export function UnlockButton({ username }: { username: string }) {
  return (
    <ActionForm action={unlockAction} label={`解除锁定 ${username}`} className="inline">
      <Hidden name="username" value={username} />
      <SubmitButton variant="secondary">解除锁定</SubmitButton>
    </ActionForm>
  );
}

/** 批准 / 驳回 what the system administrator asked for an account. */
export function AccountDecisionButtons({ userId, name }: { userId: number; name: string }) {
  return (
    <span className="inline-flex gap-2">
      {(["approve", "reject"] as const).map((decision) => (
        <ActionForm key={decision} action={decideAccountAction} label={`${decision === "approve" ? "批准" : "驳回"} ${name} 的账号变更`} className="inline">
          <Hidden name="userId" value={userId} />
          <Hidden name="decision" value={decision} />
          <SubmitButton variant={decision === "approve" ? "primary" : "secondary"}>{decision === "approve" ? "批准" : "驳回"}</SubmitButton>
        </ActionForm>
      ))}
    </span>
  );
}

export function ResetTwoFactorButton({ userId, name }: { userId: number; name: string }) {
  return (
    <ActionForm action={resetTwoFactorAction} label={`重置 ${name} 的双因素认证`} className="inline">
      <Hidden name="userId" value={userId} />
      <SubmitButton variant="secondary">重置</SubmitButton>
    </ActionForm>
  );
}

export function PolicyForm({ policy }: { policy: Policy }) {
  return (
    <ActionForm action={savePolicyAction} label="安全策略" className="grid gap-3 sm:grid-cols-4">
      {POLICY_KEYS.map((k) => (
        <TextField key={k} name={k} type="number" label={POLICY[k].label} required defaultValue={String(policy[k])} hint={`${POLICY[k].min}–${POLICY[k].max}`} />
      ))}
      <div className="sm:col-span-4"><SubmitButton>保存安全策略</SubmitButton></div>
    </ActionForm>
  );
}
