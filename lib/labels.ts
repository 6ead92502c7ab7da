import { dayOf } from "./deadlines";
import type {
  AssignmentRole,
  AssignmentState,
  DocumentState,
  ProposalState,
  RatingLevel,
  ReplyCategory,
  Role,
} from "./workflow";

/** The interface's words for the stable codes in lib/workflow.ts. */
export const roleLabel: Record<Role, string> = {
  system_admin: "系统管理员",
  security_admin: "安全管理员",
  audit_admin: "安全审计员",
  congress_office: "人大代表工委",
  gov_office: "政府督查室",
  unit_staff: "承办人",
  unit_leader: "签发领导",
  deputy: "人大代表",
};

export const proposalStateLabel: Record<ProposalState, string> = {
  registered: "待交办",
  handling: "办理中",
  replied: "已答复待评价",
  rehandling: "重新办理",
  closed: "已办结",
  withdrawn: "已撤案",
};

export const assignmentStateLabel: Record<AssignmentState, string> = {
  assigned: "待签收",
  received: "办理中",
  opinion_sent: "已送协办意见",
  replied: "已答复待评价",
  rehandling: "重新办理",
  closed: "已办结",
  transferred: "已调整",
};

export const assignmentRoleLabel: Record<AssignmentRole, string> = {
  lead: "主办",
  co: "协办",
  parallel: "分办",
};

export const documentStateLabel: Record<DocumentState, string> = {
  draft: "草稿",
  pending: "待签发",
  returned: "退回修改",
  sent: "已签发",
};

export const categoryLabel: Record<ReplyCategory, string> = {
  A: "A类（已解决或基本解决）",
  B: "B类（正在解决或列入计划逐步解决）",
  C: "C类（因条件限制需待以后解决）",
  D: "D类（留作参考）",
};

export const ratingLabel: Record<RatingLevel, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  unsatisfied: "不满意",
};

export const channelLabel = {
  in_person: "当面走访",
  meeting: "座谈会",
  phone: "电话",
  online: "网络",
} as const;

export const disclosureLabel = {
  full: "全文公开",
  title_only: "仅公开标题",
  none: "不公开",
} as const;

/** A label table as the options of a select or a choice, in the table's order. */
export const optionsOf = <K extends string>(labels: Record<K, string>, only?: readonly K[]) =>
  (Object.keys(labels) as K[]).filter((k) => !only || only.includes(k)).map((value) => ({ value, label: labels[value] }));

export const screeningLabel = {
  normal: "正常办理",
  reference: "参阅件",
  merged: "并案办理",
  withdrawn: "撤案",
} as const;

export const unitKindLabel = {
  department: "市级部门",
  town: "镇（街道）",
  other: "其他单位",
} as const;

/** History actions as the timeline shows them. */
export const actionLabel: Record<string, string> = {
  "proposal.register": "登记建议",
  "proposal.mark": "调整分类标记",
  "proposal.withdraw": "撤案",
  "proposal.assign": "交办",
  "proposal.state": "建议状态变更",
  "assignment.receive": "签收",
  "assignment.state": "承办状态变更",
  "contact.log": "记录联系代表",
  "opinion.save": "保存协办意见草稿",
  "opinion.submit": "协办意见送签",
  "opinion.signOff": "签发协办意见并送主办单位",
  "opinion.returnForRevision": "退回协办意见",
  "reply.save": "保存答复草稿",
  "reply.submit": "答复送签",
  "reply.signOff": "签发答复并送代表",
  "reply.returnForRevision": "退回答复",
  "rating.create": "代表评价",
  "request.adjustment": "申请调整承办单位",
  "request.extension": "申请延期",
  "request.approved": "批准申请",
  "request.rejected": "不同意申请",
  "assignment.transfer": "调整承办单位",
  "deadline.moved": "办理期限因工作日历调整而变更",
  "attachment.upload": "上传附件",
  "attachment.delete": "删除附件",
};


export function formatDate(d: Date | number | null | undefined) {
  if (d == null) return "—";
  return dayOf(typeof d === "number" ? new Date(d) : d);
}

export function formatDateTime(d: Date | number | null | undefined) {
  if (d == null) return "—";
  const date = typeof d === "number" ? new Date(d) : d;
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })
    .format(date)
    .replaceAll("/", "-");
}

