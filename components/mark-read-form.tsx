"use client";

import { ActionForm, SubmitButton } from "@/components/ui/form";
import { markReadAction } from "@/app/(app)/notifications/actions";

export function MarkAllReadForm() {
  return (
    <ActionForm action={markReadAction} label="全部标为已读">
      <SubmitButton variant="secondary">全部标为已读</SubmitButton>
    </ActionForm>
  );
}
