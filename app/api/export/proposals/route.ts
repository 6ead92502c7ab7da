import { currentActor } from "@/lib/auth/current";
import { auditRequest } from "@/lib/audit-events";
import { may } from "@/lib/authz";
import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { proposalsWorkbook } from "@/lib/exports";
import { Invalid, ServiceError } from "@/lib/errors";
import { EXPORT, overLimit } from "@/lib/rate-limit";
import { requestInfoOf, withRequest } from "@/lib/request-context";

/** 导出 Excel: the list the viewer sees, under the same filters, all pages. */
export async function GET(request: Request) {
  const actor = await currentActor();
  // Refused before the export starts: recorded (folded per address, lib/audit-fold.ts).
  const refused = (reason: string) => auditRequest(request, actor, { action: "export", objectType: "export", objectId: "proposals", result: "refused", detail: { reason } });
  if (!actor) {
    refused("signed_out");
    return new Response("请先登录。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (!may(actor, "proposal.export")) {
    refused("forbidden");
    return forbidden();
  }
  const limited = overLimit(EXPORT, `user:${actor.id}`);
  if (limited) return limited;
  try {
    const body = await withRequest(requestInfoOf(request), () => proposalsWorkbook(actor, new URL(request.url).searchParams));
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    return new Response(new Uint8Array(body), { headers: attachmentHeaders(`建议列表-${day}.xlsx`, XLSX_TYPE) });
  } catch (error) {
    // Too many rows, a filter out of range: the user's to fix, said in words.
    if (error instanceof Invalid) return new Response(error.message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    if (error instanceof ServiceError) return new Response(error.message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

const forbidden = () => new Response("您无权进行此项操作。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
