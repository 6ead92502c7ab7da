import { letterFor } from "@/db/queries/letters";
import { currentActor } from "@/lib/auth/current";
import { may } from "@/lib/authz";
import { letterDocx } from "@/lib/documents/docx";
import { ConverterBusy, docxToPdf } from "@/lib/documents/pdf";
import { auditRequest } from "@/lib/audit-events";
import { ServiceError } from "@/lib/errors";
import { DOCUMENT, DOCUMENT_RENDER, DOCUMENT_RENDER_SERVER, overLimit, serverBusyMessage } from "@/lib/rate-limit";

type Params = { params: Promise<{ kind: string; id: string; format: string }> };

const types = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;

/** The letter as .docx (or PDF through LibreOffice), only for those who may see the document. */
export async function GET(request: Request, { params }: Params) {
  const { kind, id, format } = await params;
  const actor = await currentActor();
  const object = { action: "document.download", objectType: kind.slice(0, 20), objectId: id.slice(0, 20) };
  const refused = (reason: string) => auditRequest(request, actor, { ...object, result: "refused", detail: { reason, format: format.slice(0, 10) } });
  if (!actor) {
    refused("signed_out");
    return new Response("请先登录。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (!may(actor, "document.print") || !(format in types) || !/^\d{1,9}$/.test(id)) {
    refused("not_found");
    return notFound();
  }
  // A PDF starts LibreOffice: limited per account, and for everyone together.
  const limited =
    format === "pdf"
      ? (overLimit(DOCUMENT_RENDER, `user:${actor.id}`) ?? overLimit(DOCUMENT_RENDER_SERVER, "server", serverBusyMessage))
      : overLimit(DOCUMENT, `user:${actor.id}`);
  if (limited) return limited;
  try {
    const { letter } = letterFor(actor, kind, Number(id));
    const docx = await letterDocx(letter);
    const body = format === "pdf" ? await docxToPdf(docx) : docx;
    const name = `${letter.docNumber ?? ""}${letter.title}.${format}`;
    auditRequest(request, actor, { ...object, result: "ok", detail: { format, docNumber: letter.docNumber } });
    return new Response(new Uint8Array(body), {
      headers: {
        "content-type": types[format as keyof typeof types],
        // ASCII fallback plus the UTF-8 name (RFC 6266 / 5987); no user text reaches the header unencoded.
        "content-disposition": `attachment; filename="letter.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof ServiceError && (error.code === "not_found" || error.code === "forbidden")) {
      refused("not_found");
      return notFound();
    }
    if (error instanceof ConverterBusy)
      return new Response(error.message, { status: 503, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "10" } });
    console.error("letter failed", error);
    return new Response("文稿生成失败，请稍后重试。", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

const notFound = () => new Response("未找到该文稿，或您无权查看。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
