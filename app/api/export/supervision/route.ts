import { currentActor } from "@/lib/auth/current";
import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { supervisionWorkbook } from "@/lib/exports";
import { ServiceError } from "@/lib/errors";

/** The dashboard's per-unit table as .xlsx (offices only; the query refuses everyone else). */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (!actor) return new Response("请先登录。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const session = Number(new URL(request.url).searchParams.get("session"));
  if (!Number.isInteger(session) || session <= 0) return new Response("请选择届次。", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  try {
    const body = await supervisionWorkbook(actor, session);
    return new Response(new Uint8Array(body), { headers: attachmentHeaders("承办单位办理情况.xlsx", XLSX_TYPE) });
  } catch (error) {
    if (error instanceof ServiceError)
      return new Response(error.message, { status: error.code === "not_found" ? 404 : 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
