"use client";

import { ActionForm, Checkbox, Hidden, Select, SubmitButton, TextField } from "@/components/ui/form";
import { saveDeputyAction, saveSessionAction, saveUnitAction, saveUserAction } from "@/app/(app)/admin/actions";
import { roleLabel, unitKindLabel } from "@/lib/labels";
import { ROLES, UNIT_KINDS, isAdminRole, type Role } from "@/lib/workflow";

type Option = { value: string; label: string };
type Values = Record<string, string | number | boolean | null | undefined>;
const str = (v: Values[string]) => (v == null ? undefined : String(v));

const grid = "grid gap-3 sm:grid-cols-2 lg:grid-cols-3";

export function SessionForm({ row }: { row?: Values }) {
  return (
    <ActionForm action={saveSessionAction} label="届次" className={grid}>
      {row?.id != null && <Hidden name="id" value={String(row.id)} />}
      <TextField name="name" label="名称" required defaultValue={str(row?.name)} hint="如：市十八届人大二次会议" />
      <TextField name="term" label="届" type="number" required defaultValue={str(row?.term)} />
      <TextField name="meeting" label="次（闭会期间填0）" type="number" required defaultValue={str(row?.meeting)} />
      <TextField name="openedOn" label="开幕日期" type="date" defaultValue={str(row?.openedOn)} />
      <TextField name="returnWindowWorkdays" label="申请调整时限（交办后工作日）" type="number" defaultValue={str(row?.returnWindowWorkdays) ?? "10"} />
      <TextField name="opinionMonths" label="协办意见时限（交办后月数）" type="number" defaultValue={str(row?.opinionMonths) ?? "1"} />
      <TextField name="replyMonths" label="答复时限（交办后月数）" type="number" defaultValue={str(row?.replyMonths) ?? "3"} />
      <TextField name="extensionTotalMonths" label="延期总时限（交办后月数）" type="number" defaultValue={str(row?.extensionTotalMonths) ?? "6"} />
      <TextField name="rehandlingMonths" label="重新办理时限（评价后月数）" type="number" defaultValue={str(row?.rehandlingMonths) ?? "1"} />
      <TextField name="publicationWorkdays" label="答复公开时限（发文后工作日）" type="number" defaultValue={str(row?.publicationWorkdays) ?? "20"} />
      <TextField name="warnWorkdays" label="黄灯提醒（到期前工作日）" type="number" defaultValue={str(row?.warnWorkdays) ?? "5"} />
      <Checkbox name="interim" label="闭会期间建议" defaultChecked={!!row?.interim} />
      <Checkbox name="active" label="启用" defaultChecked={row ? !!row.active : true} />
      <div><SubmitButton>{row ? "保存修改" : "新增届次"}</SubmitButton></div>
    </ActionForm>
  );
}

export function UnitForm({ row }: { row?: Values }) {
  return (
    <ActionForm action={saveUnitAction} label="单位" className={grid}>
      {row?.id != null && <Hidden name="id" value={String(row.id)} />}
      <TextField name="name" label="单位名称" required defaultValue={str(row?.name)} />
      <TextField name="shortName" label="文号代字" required defaultValue={str(row?.shortName)} hint="如：慈商（生成“慈商函〔2026〕12号”）" />
      <Select name="kind" label="单位类型" required defaultValue={str(row?.kind) ?? "department"} options={UNIT_KINDS.map((k) => ({ value: k, label: unitKindLabel[k] }))} />
      <Checkbox name="active" label="启用" defaultChecked={row ? !!row.active : true} />
      <div><SubmitButton>{row ? "保存修改" : "新增单位"}</SubmitButton></div>
    </ActionForm>
  );
}

export function DeputyForm({ row }: { row?: Values }) {
  return (
    <ActionForm action={saveDeputyAction} label="代表" className={grid}>
      {row?.id != null && <Hidden name="id" value={String(row.id)} />}
      <TextField name="name" label="姓名" required defaultValue={str(row?.name)} />
      <TextField name="deputation" label="代表团" required defaultValue={str(row?.deputation)} />
      <TextField name="phone" label="联系电话" defaultValue={str(row?.phone)} />
      <Checkbox name="active" label="在任" defaultChecked={row ? !!row.active : true} />
      <div><SubmitButton>{row ? "保存修改" : "新增代表"}</SubmitButton></div>
    </ActionForm>
  );
}

export function UserForm({ row, units, deputies }: { row?: Values; units: Option[]; deputies: Option[] }) {
  return (
    <ActionForm action={saveUserAction} label="账号" className={grid}>
      {row?.id != null && <Hidden name="id" value={String(row.id)} />}
      <TextField name="username" label="用户名" required defaultValue={str(row?.username)} autoComplete="off" />
      <TextField name="displayName" label="姓名" required defaultValue={str(row?.displayName)} />
      <TextField name="email" label="电子邮箱（接收提醒，可不填）" type="email" defaultValue={str(row?.email)} />
      {row ? (
        <div className="space-y-1 text-sm">
          <Hidden name="role" value={str(row.role) ?? ""} />
          <span className="block font-medium text-stone-800">角色</span>
          <span className="block py-2">{roleLabel[row.role as Role]}<span className="ml-2 text-xs text-stone-500">（角色由安全管理员调整）</span></span>
        </div>
      ) : (
        <Select
          name="role"
          label="角色"
          required
          placeholder="请选择"
          options={ROLES.filter((r) => !isAdminRole(r)).map((r) => ({ value: r, label: roleLabel[r] }))}
          hint="管理员角色由安全管理员授予"
        />
      )}
      <Select name="unitId" label="所属单位（承办人、签发领导）" placeholder="—" defaultValue={str(row?.unitId)} options={units} />
      <Select name="deputyId" label="对应代表（代表账号）" placeholder="—" defaultValue={str(row?.deputyId)} options={deputies} />
      <TextField name="password" label={row ? "重设密码（不改请留空；本人登录后须修改）" : "初始密码（本人首次登录后须修改）"} type="password" required={!row} autoComplete="new-password" hint="至少10位，含大写字母、小写字母、数字、符号中的三类，不含用户名" />
      <Checkbox name="active" label="启用" defaultChecked={row ? !!row.active : true} />
      <div><SubmitButton>{row ? "保存修改" : "新增账号"}</SubmitButton></div>
    </ActionForm>
  );
}
