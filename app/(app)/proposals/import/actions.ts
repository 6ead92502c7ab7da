"use server";

import { guardedAction } from "@/lib/action";
import { revalidateTouched } from "@/lib/revalidate";
import { IMPORT } from "@/lib/rate-limit";
import { Invalid, ServiceError } from "@/lib/errors";
import { importProposals, NOT_IMPORTED, previewImport, type ImportRow } from "@/lib/services/import";

export type ImportPreviewState = {
  rows?: ImportRow[];
  ok?: boolean;
  imported?: number;
  message?: string;
  at?: number;
};

/** 预览 or 导入 the uploaded sheet; the import re-checks everything and writes all rows or none. */
export const importAction = guardedAction<ImportPreviewState>(
  "proposal.import",
  async (actor, _prev, form) => {
    const at = Date.now();
    const file = form.get("file");
    const sessionId = Number(form.get("sessionId"));
    if (!(file instanceof File) || file.size === 0) return { message: "请选择要导入的 Excel 文件（.xlsx）。", at };
    if (!Number.isInteger(sessionId) || sessionId <= 0) return { message: "请选择届次。", at };
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The sheet is read once for the answer (a refused file once, not again to list its rows); an
    // import re-reads it inside its transaction, where every row is checked again.
    let preview: Awaited<ReturnType<typeof previewImport>> | undefined;
    try {
      preview = await previewImport(actor, sessionId, bytes);
      if (form.get("intent") === "import" && preview.ok) {
        const created = await importProposals(actor, sessionId, bytes);
        revalidateTouched("proposal.import");
        return { imported: created.length, message: `已导入 ${created.length} 件建议。`, at };
      }
      const problems = preview.rows.filter((r) => r.problems.length).length;
      const message =
        preview.fileProblem ??
        (preview.ok ? `共 ${preview.rows.length} 件，均无问题，可以导入。` : form.get("intent") === "import" ? NOT_IMPORTED : `共 ${preview.rows.length} 件，其中 ${problems} 件有问题，请修改后重新上传。`);
      return { rows: preview.rows, ok: preview.ok, message, at };
    } catch (error) {
      if (error instanceof Invalid) return { rows: preview?.rows, ok: false, message: error.message, at };
      if (error instanceof ServiceError) return { message: error.message, at };
      console.error("import failed", error);
      return { message: "导入失败，未写入任何数据，请稍后重试。", at };
    }
  },
  (message) => ({ message, at: Date.now() }),
  IMPORT,
);
