"use client";

import { useActionState, useEffect } from "react";
import { importDocxAction, type ImportState } from "@/app/(app)/proposals/actions";
import { SubmitButton } from "@/components/ui/form";

/**
 * Fills the draft's body from a Word file. The text replaces the body in the editor only:
 * the user reads it, then saves as usual (so a stale version is still caught on save).
 */
export function WordImport({ target }: { target: string }) {
  const [state, dispatch] = useActionState<ImportState, FormData>(importDocxAction, {});
  useEffect(() => {
    if (!state.text) return;
    const area = document.getElementById(target) as HTMLTextAreaElement | null;
    if (area) {
      area.value = state.text;
      area.focus();
    }
  }, [state, target]);
  return (
    <form action={dispatch} aria-label="从Word导入" className="flex flex-wrap items-center gap-2 rounded-md border border-dashed border-stone-300 p-3 text-sm">
      <label className="flex flex-wrap items-center gap-2">
        <span className="whitespace-nowrap text-stone-600">从 Word 导入正文：</span>
        <input type="file" name="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" className="text-sm" />
      </label>
      <SubmitButton variant="secondary">导入</SubmitButton>
      {state.error && <p role="alert" className="w-full text-red-700" data-field-error="file">{state.error}</p>}
      {state.text && <p role="status" className="w-full text-emerald-800">已导入到正文，请核对后保存。</p>}
    </form>
  );
}
