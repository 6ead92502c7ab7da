import { letterFor } from "@/db/queries/letters";
import { auditRequest } from "@/lib/audit-events";
import { letterDocx } from "@/lib/documents/docx";
import { ConverterBusy, docxToPdf } from "@/lib/documents/pdf";
import { DOCUMENT, DOCUMENT_RENDER, DOCUMENT_RENDER_SERVER, serverBusyMessage } from "@/lib/rate-limit";
import { routeHandler, textResponse } from "@/lib/route";

const types = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/** The letter as .docx (or PDF through LibreOffice), only for those who may see the document. */
export const GET = routeHandler<{ kind: string; id: string; format: string }>(
  {
    action: "document.print",
    audit: { action: "document.download", objectType: (p) => p.kind, objectId: (p) => p.id },
    refused: { status: 404, message: "未找到该文稿，或您无权查看。" },
    valid: (p) => p.format in types && /^\d{1,9}$/.test(p.id),
    // A PDF starts LibreOffice: limited per account, and for everyone together.
    limits: (p) =>
      p.format === "pdf"
        ? [
            { preset: DOCUMENT_RENDER, subject: "user" },
            { preset: DOCUMENT_RENDER_SERVER, subject: "server", message: serverBusyMessage },
          ]
        : [{ preset: DOCUMENT, subject: "user" }],
    failure: "文稿生成失败，请稍后重试。",
  },
  async ({ actor, request, params: { kind, id, format } }) => {
    const { letter } = letterFor(actor, kind, Number(id));
    const docx = await letterDocx(letter);
    let body: Buffer;
    try {
      body = format === "pdf" ? await docxToPdf(docx) : docx;
    } catch (error) {
      if (error instanceof ConverterBusy) return textResponse(error.message, 503, { "retry-after": "10" });
      throw error;
    }
    const name = `${letter.docNumber ?? ""}${letter.title}.${format}`;
    auditRequest(request, actor, { action: "document.download", objectType: kind, objectId: id, result: "ok", detail: { format, docNumber: letter.docNumber } });
    return new Response(new Uint8Array(body), {
      headers: {
        "content-type": types[format as keyof typeof types],
        // ASCII fallback plus the UTF-8 name (RFC 6266 / 5987); no user text reaches the header unencoded.
        "content-disposition": `attachment; filename="letter.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  },
);
