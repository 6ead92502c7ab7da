import { todayInChina } from "@/lib/clock";
import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { proposalsWorkbook } from "@/lib/exports";
import { EXPORT } from "@/lib/rate-limit";
import { routeHandler } from "@/lib/route";

/** 导出 Excel: the list the viewer sees, under the same filters, all pages (too many rows: 400 with what to do). */
export const GET = routeHandler(
  {
    action: "proposal.export",
    audit: { action: "export", objectType: "export", objectId: () => "proposals" },
    refused: { status: 403, message: "您无权进行此项操作。" },
    limits: [{ preset: EXPORT, subject: "user" }],
    failure: "导出失败，请稍后重试。",
  },
  async ({ actor, request }) => {
    const body = await proposalsWorkbook(actor, new URL(request.url).searchParams);
    return new Response(new Uint8Array(body), { headers: attachmentHeaders(`建议列表-${todayInChina()}.xlsx`, XLSX_TYPE) });
  },
);
