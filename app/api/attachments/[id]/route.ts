import { Readable } from "node:stream";
import { attachmentForDownload } from "@/db/queries/attachments";
import { blobExists, contentDisposition, extensionFor, openBlob } from "@/lib/attachments-store";
import { currentActor } from "@/lib/auth/current";
import { may } from "@/lib/authz";
import { auditRequest } from "@/lib/audit-events";
import { ServiceError } from "@/lib/errors";
import { ATTACHMENT, overLimit } from "@/lib/rate-limit";

type Params = { params: Promise<{ id: string }> };

/**
 * One attachment, only for those who may see the record it belongs to (404 for everyone else, and
 * for deleted files). Always a download, typed by what the content was found to be at upload.
 */
export async function GET(request: Request, { params }: Params) {
  const { id } = await params;
  const actor = await currentActor();
  const refused = (reason: string) => auditRequest(request, actor, { action: "attachment.download", objectType: "attachment", objectId: id.slice(0, 20), result: "refused", detail: { reason } });
  if (!actor) {
    refused("signed_out");
    return text("请先登录。", 401);
  }
  if (!may(actor, "attachment.download") || !/^\d{1,9}$/.test(id)) {
    refused("not_found");
    return notFound();
  }
  const limited = overLimit(ATTACHMENT, `user:${actor.id}`);
  if (limited) return limited;
  try {
    const file = attachmentForDownload(actor, Number(id));
    if (!blobExists(file.sha256)) {
      console.error("attachment file missing", { id: file.id, sha256: file.sha256 });
      return text("附件文件暂时无法读取，请联系系统管理员。", 500);
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
  } catch (error) {
    if (error instanceof ServiceError && (error.code === "not_found" || error.code === "forbidden")) {
      refused("not_found");
      return notFound();
    }
    console.error("attachment download failed", error);
    return text("附件下载失败，请稍后重试。", 500);
  }
}

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" } });
const notFound = () => text("未找到该附件，或您无权查看。", 404);
