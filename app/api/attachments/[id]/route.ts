import { Readable } from "node:stream";
import { attachmentForDownload } from "@/db/queries/attachments";
import { blobExists, contentDisposition, extensionFor, openBlob } from "@/lib/attachments-store";
import { auditRequest } from "@/lib/audit-events";
import { ATTACHMENT } from "@/lib/rate-limit";
import { routeHandler, textResponse } from "@/lib/route";

/**
 * One attachment, only for those who may see the record it belongs to (404 for everyone else, and
 * for deleted files). Always a download, typed by what the content was found to be at upload.
 */
export const GET = routeHandler<{ id: string }>(
  {
    action: "attachment.download",
    audit: { action: "attachment.download", objectType: "attachment", objectId: (p) => p.id },
    refused: { status: 404, message: "未找到该附件，或您无权查看。" },
    valid: (p) => /^\d{1,9}$/.test(p.id),
    limits: [{ preset: ATTACHMENT, subject: "user" }],
    failure: "附件下载失败，请稍后重试。",
  },
  async ({ actor, request, params }) => {
    const file = attachmentForDownload(actor, Number(params.id));
    if (!blobExists(file.sha256)) {
      console.error("attachment file missing", { id: file.id, sha256: file.sha256 });
      return textResponse("附件文件暂时无法读取，请联系系统管理员。", 500);
    }
    auditRequest(request, actor, { action: "attachment.download", objectType: "attachment", objectId: file.id, result: "ok", detail: { fileName: file.fileName, size: file.size } });
    const body = Readable.toWeb(openBlob(file.sha256)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": file.mimeType,
        "content-length": String(file.size),
        "content-disposition": contentDisposition(file.fileName, extensionFor(file.mimeType)),
        "x-content-type-options": "nosniff",
        // Should a browser render it anyway, it gets no scripts and no origin.
        "content-security-policy": "sandbox; default-src 'none'",
        "cache-control": "private, no-store",
      },
    });
  },
);
