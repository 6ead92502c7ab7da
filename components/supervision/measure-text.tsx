import type { SupervisionMeasure } from "@/db/queries/supervision";

/**
 * What each figure counts, in the words the drill-down list shows above the proposals behind it.
 * The rules themselves are in db/queries/supervision.ts; this is only how they read.
 */
export const measureText: Record<SupervisionMeasure, { title: string; description: string }> = {
  assignments: {
    title: "承办件数",
    description: "本届次交由该单位承办（主办、协办或分办）的建议。经批准调整给其他单位的不计入原单位。",
  },
  asLead: {
    title: "主办件数",
    description: "本届次由该单位主办的建议（主办单位是唯一答复代表的单位）。",
  },
  asCo: {
    title: "协办件数",
    description: "本届次由该单位协办的建议（协办单位向主办单位送协办意见，不直接答复代表）。",
  },
  asParallel: {
    title: "分办件数",
    description: "本届次分办给该单位的建议（各分办单位就各自部分分别答复代表）。",
  },
  replied: {
    title: "已答复件数",
    description: "该单位作为主办或分办单位、第一轮答复已签发送达代表的建议。按时办复率、面商率、解决率和平均答复天数都以此为基数。",
  },
  onTime: {
    title: "按时答复",
    description: "第一轮答复的签发日期不晚于当时适用的答复期限（交办后按月计算或统一确定的期限；经批准延期的，以延期后的期限为准）。",
  },
  late: {
    title: "逾期答复",
    description: "第一轮答复的签发日期晚于当时适用的答复期限。",
  },
  contacted: {
    title: "答复前已联系代表",
    description: "在第一轮答复签发当日或之前，已登记与代表面商或沟通记录的建议。",
  },
  notContacted: {
    title: "答复前未联系代表",
    description: "第一轮答复签发时，尚无与代表面商或沟通记录的建议（答复后补登的联系不计）。",
  },
  A: {
    title: "A类（已解决或基本解决）",
    description: "最近一次签发的答复为A类的建议，占已答复件数的比例即解决率。",
  },
  AB: {
    title: "A类和B类",
    description: "最近一次签发的答复为A类（已解决或基本解决）或B类（正在解决或列入计划逐步解决）的建议。",
  },
  rehandled: {
    title: "重新办理",
    description: "代表评价不满意后进入第二轮及以后答复的建议。",
  },
  overdue: {
    title: "当前超期",
    description: "尚在办理中（待签收、办理中或重新办理）且已超过当前期限的承办事项，含协办单位逾期未送协办意见的；已撤案的不计。",
  },
  ratings: {
    title: "代表评价",
    description: "代表对该单位答复的评价。同一代表对同一件建议评价过多轮的，只计最近一轮。",
  },
  attitudeSatisfied: {
    title: "办理态度满意或基本满意",
    description: "代表对办理态度评价为满意或基本满意的评价（每位代表每件建议只计最近一轮）。",
  },
  attitudeUnsatisfied: {
    title: "办理态度不满意",
    description: "代表对办理态度评价为不满意的评价（每位代表每件建议只计最近一轮）。",
  },
  outcomeSatisfied: {
    title: "办理结果满意或基本满意",
    description: "代表对办理结果评价为满意或基本满意的评价（每位代表每件建议只计最近一轮）。",
  },
  outcomeUnsatisfied: {
    title: "办理结果不满意",
    description: "代表对办理结果评价为不满意的评价（每位代表每件建议只计最近一轮）。",
  },
  unsatisfied: {
    title: "不满意",
    description: "代表对办理态度或办理结果任一项评价为不满意的评价（每位代表每件建议只计最近一轮）。",
  },
};

/** "93.3%", or a dash when nothing was counted. */
export function percent(rate: number | null) {
  return rate == null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function listHref(sessionId: number, unitId: number | null, measure: SupervisionMeasure) {
  const params = new URLSearchParams({ session: String(sessionId) });
  if (unitId != null) params.set("unit", String(unitId));
  params.set("measure", measure);
  return `/supervision/list?${params}`;
}
