import { currentActor } from "@/lib/auth/current";
import { auditRequest } from "@/lib/audit-events";
import { may } from "@/lib/authz";
import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { keyProposalsWorkbook, supervisionListWorkbook, supervisionWorkbook } from "@/lib/exports";
import { SUPERVISION_MEASURES, supervisionSessions, type SupervisionMeasure } from "@/db/queries/supervision";
import { ServiceError } from "@/lib/errors";
import { EXPORT, overLimit } from "@/lib/rate-limit";
import { requestInfoOf, withRequest } from "@/lib/request-context";

/** The dashboard's tables as .xlsx: the per-unit table, a drill-down list, or the key proposals (offices only). */
export async function GET(request: Request) {
  const actor = await currentActor();
  // Refused before the export starts: recorded (folded per address, lib/audit-fold.ts).
  const refused = (reason: string) => auditRequest(request, actor, { action: "export", objectType: "export", objectId: "supervision", result: "refused", detail: { reason } });
  if (!actor) {
    refused("signed_out");
    return new Response("请先登录。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  if (!may(actor, "supervision.export")) {
    refused("forbidden");
    return forbidden();
  }
  const limited = overLimit(EXPORT, `user:${actor.id}`);
  if (limited) return limited;
  // Without a session, the newest one, as the dashboard shows by default.
  const session = Number(new URL(request.url).searchParams.get("session") ?? supervisionSessions(actor)[0]?.id);
  if (!Number.isInteger(session) || session <= 0) return new Response("请选择届次。", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  try {
    const sp = new URL(request.url).searchParams;
    const view = sp.get("view") ?? "units";
    const unit = Number(sp.get("unit")) || null;
    const measure = sp.get("measure") ?? "";
    if (view === "list" && !(SUPERVISION_MEASURES as readonly string[]).includes(measure))
      return new Response("统计口径无效。", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    const [body, name] = await withRequest(requestInfoOf(request), async (): Promise<[Awaited<ReturnType<typeof supervisionWorkbook>>, string]> =>
      view === "key"
        ? [await keyProposalsWorkbook(actor, session), "重点督办建议.xlsx"]
        : view === "list"
          ? [await supervisionListWorkbook(actor, session, unit, measure as SupervisionMeasure), "督查明细.xlsx"]
          : [await supervisionWorkbook(actor, session), "承办单位办理情况.xlsx"],
    );
    return new Response(new Uint8Array(body), { headers: attachmentHeaders(name, XLSX_TYPE) });
  } catch (error) {
    if (error instanceof ServiceError)
      return new Response(error.message, { status: error.code === "not_found" ? 404 : 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

const forbidden = () => new Response("您无权进行此项操作。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
