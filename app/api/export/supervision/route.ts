import { SUPERVISION_MEASURES, supervisionSessions, type SupervisionMeasure } from "@/db/queries/supervision";
import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { Invalid } from "@/lib/errors";
import { keyProposalsWorkbook, supervisionListWorkbook, supervisionWorkbook } from "@/lib/exports";
import { EXPORT } from "@/lib/rate-limit";
import { routeHandler } from "@/lib/route";

/** The dashboard's tables as .xlsx: the per-unit table, a drill-down list, or the key proposals (offices only). */
export const GET = routeHandler(
  {
    action: "supervision.export",
    audit: { action: "export", objectType: "export", objectId: () => "supervision" },
    refused: { status: 403, message: "您无权进行此项操作。" },
    limits: [{ preset: EXPORT, subject: "user" }],
    failure: "导出失败，请稍后重试。",
  },
  async ({ actor, request }) => {
    const sp = new URL(request.url).searchParams;
    // Without a session, the newest one, as the dashboard shows by default.
    const session = Number(sp.get("session") ?? supervisionSessions(actor)[0]?.id);
    if (!Number.isInteger(session) || session <= 0) throw new Invalid("请选择届次。");
    const view = sp.get("view") ?? "units";
    const unit = Number(sp.get("unit")) || null;
    const measure = sp.get("measure") ?? "";
    if (view === "list" && !(SUPERVISION_MEASURES as readonly string[]).includes(measure)) throw new Invalid("统计口径无效。");
    const [body, name] =
      view === "key"
        ? [await keyProposalsWorkbook(actor, session), "重点督办建议.xlsx"]
        : view === "list"
          ? [await supervisionListWorkbook(actor, session, unit, measure as SupervisionMeasure), "督查明细.xlsx"]
          : [await supervisionWorkbook(actor, session), "承办单位办理情况.xlsx"];
    return new Response(new Uint8Array(body), { headers: attachmentHeaders(name, XLSX_TYPE) });
  },
);
