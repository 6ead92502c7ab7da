"use client";

import { ActionForm, SubmitButton } from "@/components/ui/form";
import { verifyAuditAction } from "@/app/(app)/audit/actions";

export function VerifyAuditButton() {
  return (
    <ActionForm action={verifyAuditAction} label="校验审计日志" className="inline">
      <SubmitButton variant="secondary">校验完整性</SubmitButton>
    </ActionForm>
  );
}
