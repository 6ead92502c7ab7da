import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { congressSessions, units } from "@/db/schema";
import { listProposals } from "@/db/queries/proposals";
import type { Actor } from "./auth/actor";
import { isOffice } from "./auth/actor";
import { authorize } from "./authz";
import { audit } from "./audit";
import { Invalid } from "./errors";
import { assignmentRoleLabel, proposalStateLabel, ratingLabel } from "./labels";
import { describeFilters, parseProposalFilters } from "./proposal-filters";
import { tableWorkbook } from "./documents/xlsx";
import { now, todayInChina } from "./clock";
import { dayOf } from "./deadlines";
import { keyProposals, supervisionList, supervisionReport, type Rate, type SupervisionMeasure } from "@/db/queries/supervision";
import { measureText } from "@/components/supervision/measure-text";

/**
 * Who took which list out, and how many rows: an export of deputies' names and proposals is an
 * important operation to audit. The address is the request's (the route runs this inside withRequest);
 * a refused export is recorded by the route's door (lib/route.ts).
 */
function recordExport(actor: Actor, list: string, rows: number, detail: Record<string, unknown>) {
  audit(getDb(), { actor, action: "export", objectType: "export", objectId: list, result: "ok", detail: { rows, ...detail } }, now());
}

/** The most rows one export of the proposal list may have. */
export const EXPORT_MAX_ROWS = 20_000;

/** The viewer's proposal list under the URL's filters, every page, as an .xlsx workbook. */
export async function proposalsWorkbook(actor: Actor, search: URLSearchParams, { maxRows = EXPORT_MAX_ROWS } = {}) {
  authorize(actor, "proposal.export");
  const filters = parseProposalFilters(search, { unitFilter: isOffice(actor.role) });
  // A workbook is built in memory on the server: 10,000 rows take about 3 s and 150 MB. A national
  // session fits; every session at once (100,000) would hold the server for half a minute.
  const { total } = listProposals(actor, { ...filters, page: 1 });
  if (total > maxRows) throw new Invalid(`符合条件的建议有 ${total} 件，超过单次导出上限 ${maxRows} 件。请按届次、办理状态或承办单位筛选后分批导出。`);
  const { rows } = listProposals(actor, filters, { all: true });
  const db = getDb();
  const names = {
    session: filters.sessionId ? db.select({ n: congressSessions.name }).from(congressSessions).where(eq(congressSessions.id, filters.sessionId)).get()?.n : undefined,
    unit: filters.unitId ? db.select({ n: units.name }).from(units).where(eq(units.id, filters.unitId)).get()?.n : undefined,
  };
  recordExport(actor, "proposals", rows.length, { filter: describeFilters(filters, names) });
  return tableWorkbook({
    sheet: "建议列表",
    title: "人大代表建议列表",
    filter: describeFilters(filters, names),
    exportedAt: now(),
    rows,
    columns: [
      { header: "届次", width: 24, value: (r) => r.sessionName },
      { header: "编号", type: "number", width: 8, value: (r) => r.number },
      { header: "建议标题", width: 50, value: (r) => r.title },
      { header: "领衔代表", value: (r) => r.leadDeputy },
      { header: "代表团", width: 18, value: (r) => r.deputation },
      { header: "领域", value: (r) => r.field },
      { header: "承办单位", width: 40, value: (r) => r.units.map((u) => `${u.name}（${assignmentRoleLabel[u.role as keyof typeof assignmentRoleLabel]}）`).join("、") },
      { header: "办理状态", value: (r) => proposalStateLabel[r.state] },
      { header: "重点督办", value: (r) => (r.isKey ? "是" : "否") },
      // A date cell: midnight UTC of the day in China, so Excel shows the same calendar day.
      { header: "登记日期", type: "date", width: 12, value: (r) => new Date(`${dayOf(r.registeredAt)}T00:00:00Z`) },
    ],
  });
}

/** The dashboard's per-unit table (and its total) for a session, as an .xlsx workbook; rates as percentages. */
export async function supervisionWorkbook(actor: Actor, sessionId: number) {
  authorize(actor, "supervision.export");
  const today = todayInChina();
  const report = supervisionReport(actor, { sessionId, today });
  const session = getDb().select({ n: congressSessions.name }).from(congressSessions).where(eq(congressSessions.id, sessionId)).get();
  const rate = (r: Rate) => r.rate;
  type Row = (typeof report.units)[number];
  recordExport(actor, "supervision.units", report.units.length, { sessionId });
  return tableWorkbook<Row>({
    sheet: "承办单位办理情况",
    title: "各承办单位办理情况（仅供督查工作使用）",
    filter: `届次：${session?.n ?? sessionId}；统计至 ${today}`,
    exportedAt: now(),
    rows: [...report.units, { ...report.total, unitName: "合计" } as Row],
    columns: [
      { header: "承办单位", width: 22, value: (u) => u.unitName },
      { header: "承办件数", type: "number", value: (u) => u.assignments },
      { header: "按时办复率", type: "percent", value: (u) => rate(u.onTime) },
      { header: "面商率", type: "percent", value: (u) => rate(u.contactRate) },
      { header: "满意率（态度）", type: "percent", value: (u) => rate(u.satisfaction.attitude) },
      { header: "满意率（结果）", type: "percent", value: (u) => rate(u.satisfaction.outcome) },
      { header: "解决率（A）", type: "percent", value: (u) => rate(u.resolutionA) },
      { header: "解决率（A+B）", type: "percent", value: (u) => rate(u.resolutionAB) },
      { header: "重新办理", type: "number", value: (u) => u.rehandlingCount },
      { header: "当前超期", type: "number", value: (u) => u.overdueNow },
      { header: "承诺事项未完成", type: "number", value: (u) => u.commitments.open },
      { header: "承诺事项逾期", type: "number", value: (u) => u.commitments.overdue },
      { header: "平均答复天数", type: "number", value: (u) => u.avgDaysToReply },
    ],
  });
}

/** A drill-down list (the proposals behind one figure) as .xlsx. */
export async function supervisionListWorkbook(actor: Actor, sessionId: number, unitId: number | null, measure: SupervisionMeasure) {
  authorize(actor, "supervision.export");
  const list = supervisionList(actor, { sessionId, unitId, measure, today: todayInChina() });
  type Row = (typeof list.rows)[number];
  const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
  recordExport(actor, "supervision.list", list.rows.length, { sessionId, unitId, measure });
  return tableWorkbook<Row>({
    sheet: "明细",
    title: `${measureText[measure].title}明细`,
    filter: `届次：${list.session.name}；单位：${list.unit?.name ?? "全部单位"}；统计至 ${list.today}`,
    exportedAt: now(),
    rows: list.rows,
    columns: [
      { header: "编号", type: "number", value: (r) => r.number },
      { header: "建议标题", width: 44, value: (r) => r.title },
      { header: "承办单位", width: 18, value: (r) => r.unitName },
      { header: "承办类型", value: (r) => assignmentRoleLabel[r.role] },
      { header: "交办日期", type: "date", value: (r) => day(r.assignedOn) },
      { header: "首次答复", type: "date", value: (r) => day(r.firstReplyOn) },
      { header: "答复期限", type: "date", value: (r) => day(r.firstReplyDue) },
      { header: "首次联系代表", type: "date", value: (r) => day(r.firstContactOn) },
      { header: "答复类别", value: (r) => r.latestCategory ?? "" },
      { header: "当前期限", type: "date", value: (r) => day(r.due) },
      { header: "评价代表", value: (r) => r.rating?.deputyName ?? "" },
      { header: "办理态度", value: (r) => (r.rating ? ratingLabel[r.rating.attitude] : "") },
      { header: "办理结果", value: (r) => (r.rating ? ratingLabel[r.rating.outcome] : "") },
    ],
  });
}

/** 重点督办建议 as .xlsx. */
export async function keyProposalsWorkbook(actor: Actor, sessionId: number) {
  authorize(actor, "supervision.export");
  const list = keyProposals(actor, { sessionId });
  const session = getDb().select({ n: congressSessions.name }).from(congressSessions).where(eq(congressSessions.id, sessionId)).get();
  type Row = (typeof list)[number];
  recordExport(actor, "supervision.key", list.length, { sessionId });
  return tableWorkbook<Row>({
    sheet: "重点督办建议",
    title: "重点督办建议",
    filter: `届次：${session?.n ?? sessionId}`,
    exportedAt: now(),
    rows: list,
    columns: [
      { header: "编号", type: "number", value: (r) => r.number },
      { header: "建议标题", width: 44, value: (r) => r.title },
      { header: "督办领导", width: 16, value: (r) => r.supervisor ?? "" },
      { header: "办理状态", value: (r) => proposalStateLabel[r.state] },
      { header: "主办（分办）单位", width: 24, value: (r) => r.units.map((u) => u.unitName).join("、") },
      { header: "协办单位", width: 24, value: (r) => r.coUnits.join("、") },
      { header: "答复期限", type: "date", value: (r) => (r.units[0]?.due ? new Date(`${r.units[0].due}T00:00:00Z`) : null) },
      { header: "面商日期", type: "date", value: (r) => (r.units[0]?.metOn ? new Date(`${r.units[0].metOn}T00:00:00Z`) : null) },
    ],
  });
}
