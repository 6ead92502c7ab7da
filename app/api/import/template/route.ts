import { currentActor } from "@/lib/auth/current";
import { may } from "@/lib/authz";
import { attachmentHeaders, XLSX_TYPE } from "@/lib/documents/xlsx";
import { importTemplate } from "@/lib/services/import";
import { IMPORT, overLimit } from "@/lib/rate-limit";

export async function GET() {
  const actor = await currentActor();
  if (!actor) return new Response("请先登录。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (!may(actor, "proposal.import")) return forbidden();
  const limited = overLimit(IMPORT, `user:${actor.id}`);
  if (limited) return limited;
  return new Response(new Uint8Array(await importTemplate()), { headers: attachmentHeaders("建议导入模板.xlsx", XLSX_TYPE) });
}

const forbidden = () => new Response("您无权进行此项操作。", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
