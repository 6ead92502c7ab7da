import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { IMPORT } from "@/lib/rate-limit";
import { routeHandler } from "@/lib/route";
import { importTemplate } from "@/lib/services/import";

/** The spreadsheet the congress office fills in to import proposals. */
export const GET = routeHandler(
  {
    action: "proposal.import",
    audit: { action: "proposal.import", objectType: "template" },
    refused: { status: 403, message: "您无权进行此项操作。" },
    limits: [{ preset: IMPORT, subject: "user" }],
    failure: "模板生成失败，请稍后重试。",
  },
  async () => new Response(new Uint8Array(await importTemplate()), { headers: attachmentHeaders("建议导入模板.xlsx", XLSX_TYPE) }),
);
