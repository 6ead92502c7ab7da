"use client";

import { ActionForm, Hidden, Select, SubmitButton, TextField } from "@/components/ui/form";
import { removeCalendarDayAction, saveCalendarDayAction } from "@/app/(app)/admin/actions";

export function CalendarDayForm({ entry }: { entry?: { date: string; working: boolean; name: string } }) {
  return (
    <ActionForm action={saveCalendarDayAction} label="工作日历" className="grid gap-3 sm:grid-cols-4">
      {entry && <Hidden name="original" value={entry.date} />}
      <TextField name="date" label="日期" type="date" required defaultValue={entry?.date} />
      <Select
        name="working"
        label="类型"
        required
        defaultValue={entry ? (entry.working ? "on" : "off") : "off"}
        options={[
          { value: "off", label: "放假（节假日）" },
          { value: "on", label: "上班（调休工作日）" },
        ]}
      />
      <TextField name="name" label="名称" required defaultValue={entry?.name} hint="如：春节、国庆节" />
      <div className="flex items-end">
        <SubmitButton>{entry ? "保存修改" : "添加"}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function RemoveCalendarDayForm({ date }: { date: string }) {
  return (
    <ActionForm action={removeCalendarDayAction} label={`删除${date}`} className="inline">
      <Hidden name="date" value={date} />
      <button type="submit" className="min-h-8 text-sm text-red-700 hover:underline">删除</button>
    </ActionForm>
  );
}
