import { dayOf } from "./deadlines";
import type { AuditAction } from "./audit-actions";
import type {
  AssignmentRole,
  AssignmentState,
  CommitmentReportKind,
  CommitmentStatus,
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

/**
 * Every action as people read it: on the timeline (history actions) and in the audit log (those and
 * the matrix's actions and the audited events; lib/audit-actions.ts lists them all).
 */
export const actionLabel: Record<AuditAction, string> = {
  "proposal.register": "登记建议",
  "proposal.mark": "调整分类标记",
  "proposal.withdraw": "撤案",
  "proposal.assign": "交办",
  "proposal.state": "建议状态变更",
  "assignment.receive": "签收",
  "assignment.state": "承办状态变更",
  "contact.log": "记录联系代表",
  "opinion.save": "保存协办意见草稿",
  "opinion.setAside": "留存协办意见未采用稿",
  "opinion.submit": "协办意见送签",
  "opinion.signOff": "签发协办意见并送主办单位",
  "opinion.returnForRevision": "退回协办意见",
  "reply.save": "保存答复草稿",
  "reply.setAside": "留存答复未采用稿",
  "reply.submit": "答复送签",
  "reply.signOff": "签发答复并送代表",
  "reply.returnForRevision": "退回答复",
  "rating.create": "代表评价",
  "request.adjustment": "申请调整承办单位",
  "request.extension": "申请延期",
  "request.approved": "批准申请",
  "request.rejected": "不同意申请",
  "assignment.transfer": "调整承办单位",
  "deadline.moved": "办理期限变更",
  "attachment.upload": "上传附件",
  "attachment.delete": "删除附件",
  "reply.publish": "提前公开答复",
  // Reference data, settings, accounts
  "session.create": "新增届次",
  "session.update": "修改届次",
  "session.fixedReplyDue": "统一确定答复期限",
  "unit.create": "新增承办单位",
  "unit.update": "修改承办单位",
  "deputy.create": "新增代表",
  "deputy.update": "修改代表信息",
  "user.create": "新建账号",
  "user.update": "修改账号",
  "calendar.create": "添加工作日历日期",
  "calendar.update": "修改工作日历日期",
  "calendar.remove": "删除工作日历日期",
  "account.password": "修改密码",
  "account.totp_enrol": "启用双因素认证",
  "account.totp_disable": "停用双因素认证",
  "account.unlock": "解除登录锁定",
  "user.role": "调整账号角色",
  "user.totp_reset": "重置双因素认证",
  "user.approve": "批准账号变更",
  "user.reject": "驳回账号变更",
  "policy.update": "修改安全策略",
  // Sign-in, downloads, exports, refusals, the audit log itself
  "login.ok": "登录成功",
  "login.failed": "登录失败",
  "login.totp_failed": "动态验证码错误",
  "login.lockout": "登录失败次数过多，账号被锁定",
  "login.locked": "账号锁定期间尝试登录",
  "login.slowed": "登录尝试过于频繁，已限速",
  "login.rate_limited": "同一地址登录尝试过多，已限流",
  logout: "退出登录",
  "page.refused": "访问无权限的页面",
  "attachment.download": "下载附件",
  "document.download": "下载文稿",
  export: "导出数据",
  "proposal.import": "导入建议",
  "draft.importWord": "从文件导入文稿正文",
  "audit.verify": "校验审计日志",
  "audit.prune": "按保存期清理审计日志",
  // The matrix's other actions (a refused or invalid attempt is audited under them)
  "workbench.view": "查看工作台",
  "proposal.list": "查看建议列表",
  "proposal.view": "查看建议",
  "proposal.export": "导出建议清单",
  "document.print": "打印或下载文稿",
  "document.versions": "查阅历次稿本",
  "supervision.view": "查看督办统计",
  "supervision.export": "导出督办统计",
  "notification.view": "查看消息提醒",
  "notification.markRead": "标记消息已读",
  "assignment.logContact": "记录联系代表",
  "opinion.return": "退回协办意见",
  "reply.return": "退回答复",
  "reply.rate": "代表评价答复",
  "request.decide": "审核调整或延期申请",
  "commitment.report": "报告承诺事项办理情况",
  "account.changePassword": "修改密码",
  "account.twoFactor": "设置双因素认证",
  "admin.view": "查看系统管理",
  "admin.session": "维护届次",
  "admin.unit": "维护承办单位",
  "admin.deputy": "维护代表信息",
  "admin.user": "维护账号",
  "admin.calendar": "维护工作日历",
  "security.view": "查看安全管理",
  "security.role": "调整账号角色",
  "security.unlock": "解除登录锁定",
  "security.approveAccount": "审核账号变更",
  "security.resetTwoFactor": "重置双因素认证",
  "security.policy": "修改安全策略",
  "audit.view": "查看审计日志",
  "commitment.add": "登记承诺事项",
  "commitment.remove": "删除承诺事项",
  "commitment.progress": "报告承诺事项进展",
  "commitment.done": "承诺事项办结",
};

/** A commitment as its badge shows it: open, done, or open past its day. */
export const commitmentStatusLabel: Record<CommitmentStatus, string> = {
  open: "进行中",
  done: "已完成",
  overdue: "已逾期",
};

export const commitmentReportLabel: Record<CommitmentReportKind, string> = {
  progress: "进展情况",
  done: "完成情况",
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


/** A reply by its round: "第1轮答复", "第2轮答复（重新办理）". */
export function replyRoundLabel(round: number) {
  return round > 1 ? `第${round}轮答复（重新办理）` : `第${round}轮答复`;
}

/** How many characters of a title a message quotes before it is cut with "…". */
export const TITLE_SHOWN = 30;

/** "第155号建议《关于古塘街道工业区块改造提升的建议》", a long title cut at TITLE_SHOWN characters. */
export function proposalRef(number: number, title: string) {
  return `第${number}号建议《${shortened(title, TITLE_SHOWN)}》`;
}

/** How much of a commitment a message quotes. */
export const QUOTE_SHOWN = 41;

/** A text cut to at most `max` characters (whole characters, not UTF-16 units), an ellipsis marking the cut. */
export function shortened(text: string, max: number) {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/** The role after a person's name in the header, unless the name already says it ("系统管理员"). */
export function roleAfterName(displayName: string, role: Role): string | null {
  return displayName.trim() === roleLabel[role] ? null : roleLabel[role];
}

/** An action's words, or its code when the code names no action known today (an entry older than the list). */
export function actionText(action: string): string {
  return Object.hasOwn(actionLabel, action) ? actionLabel[action as AuditAction] : action;
}

/** What an audit entry is about, by its object type, when no record names it better. */
export const auditObjectLabel: Record<string, string> = {
  user: "用户",
  account: "账号",
  session: "届次",
  unit: "承办单位",
  deputy: "代表",
  proposal: "建议",
  assignment: "承办事项",
  opinion: "协办意见",
  reply: "答复",
  contact: "联系代表记录",
  request: "申请",
  rating: "代表评价",
  attachment: "附件",
  commitment: "承诺事项",
  calendar: "工作日历",
  policy: "安全策略",
  audit_log: "审计日志",
  audit: "审计日志",
  export: "导出数据",
  page: "页面",
  file: "上传的文件",
  template: "导入模板",
  draft: "文稿草稿",
  document: "文稿",
  notification: "消息提醒",
  workbench: "工作台",
  supervision: "督办统计",
  admin: "系统管理",
  security: "安全管理",
};

/** The lists an export may take out, as the audit log names them. */
export const exportListLabel: Record<string, string> = {
  proposals: "建议清单",
  supervision: "督办统计",
  "supervision.units": "各单位督办统计",
  "supervision.list": "督办统计明细",
  "supervision.key": "重点督办建议清单",
};
