"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/form";
import { Alert } from "@/components/ui/card";
import { verifyAuditAction, type VerifyAnswer } from "@/app/(app)/audit/actions";

/** The integrity check: a button, and the answer of the check it ran. */
export function VerifyAuditButton() {
  const [answer, dispatch] = useActionState(verifyAuditAction, { ok: null, message: "", at: 0 } satisfies VerifyAnswer);
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <form action={dispatch} aria-label="校验审计日志">
        <SubmitButton variant="secondary">校验完整性</SubmitButton>
      </form>
      {answer.message && (
        <div className="min-w-0 flex-1" key={answer.at}>
          <Alert tone={answer.ok ? "success" : "error"}>{answer.message}</Alert>
        </div>
      )}
    </div>
  );
}
