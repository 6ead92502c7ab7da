import { z } from "zod";
import { Invalid } from "./errors";
import { xmlSafe } from "./xml-safe";
import { passwordProblem } from "./auth/password-policy";
import {
  ASSIGNMENT_ROLES,
  COMMITMENT_REPORT_KINDS,
  CONTACT_CHANNELS,
  DISCLOSURES,
  FIELDS,
  RATING_LEVELS,
  REPLY_CATEGORIES,
  ROLES,
  UNIT_KINDS,
  sendsBack,
} from "./workflow";

z.config(z.locales.zhCN());

/**
 * Required text, without characters a letter cannot hold (lib/xml-safe.ts), trimmed, with a length
 * limit; messages name the field the way a form does.
 */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .overwrite(xmlSafe)
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);

export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}格式不正确` })
    .overwrite(xmlSafe)
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .optional()
    .default("");

/**
 * A record id from a form: a positive whole number. `chosen` ids come from a list the user picks
 * from, so a missing one asks them to choose; a missing hidden id is simply invalid.
 */
export const recordId = (label: string, chosen = false) =>
  z.preprocess(
    (v) => (v === "" || v == null ? undefined : typeof v === "string" && /^\d{1,10}$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: (issue) => (issue.input === undefined && chosen ? `请选择${label}` : `${label}无效`) })
      .int(`${label}无效`)
      .positive(`${label}无效`)
      .max(2 ** 31, `${label}无效`),
  );

const version = recordId("版本号");

export const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `请选择${label}` });

/** Checkboxes post "on" (or nothing); API callers may post booleans. */
const flag = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/**
 * A checkbox group's ids. Bounded: no form offers more choices than this, and every id becomes a
 * bound parameter of one SQL statement, which SQLite caps (at 32766).
 */
export const MAX_LIST_IDS = 100;

const idList = (label: string) =>
  z
    .array(recordId(label, true), { error: `${label}无效` })
    .max(MAX_LIST_IDS, `${label}不能超过${MAX_LIST_IDS}个`)
    .optional()
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, `${label}有重复`);

const phone = z
  .string({ error: "联系电话格式不正确" })
  .trim()
  .max(30, "联系电话不能超过30个字")
  .regex(/^[0-9+\-（）() ]*$/, "联系电话只能包含数字、空格和“-”");

/**
 * The years a date field accepts. Every date the app stores is near the present, and the deadline
 * arithmetic walks day by day: a due date in 9999 took it past the year 10000, where it never ends.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;
const inYears = (s: string) => s >= `${FIRST_YEAR}-01-01` && s <= `${LAST_YEAR}-12-31`;

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为“年-月-日”`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label}不是有效日期`)
    .refine(inYears, `${label}须在${FIRST_YEAR}年至${LAST_YEAR}年之间`);

export const RegisterProposalInput = z.object({
  sessionId: recordId("届次", true),
  number: z.preprocess(
    (v) => (v === "" || v == null ? undefined : typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? "请填写建议编号" : "建议编号应为数字") })
      .int("建议编号应为整数")
      .min(1, "建议编号应从1开始")
      .max(99999, "建议编号过大"),
  ),
  title: requiredText("建议标题", 200),
  body: requiredText("建议内容", 20000),
  field: choice(FIELDS, "所属领域"),
  leadDeputyId: recordId("领衔代表", true),
  cosignerIds: idList("附议代表"),
  disclosure: choice(DISCLOSURES, "公开选项"),
  isKey: flag,
  supervisor: optionalText("督办领导", 50),
  suggestedUnits: optionalText("建议承办单位", 200),
});

export const MarkProposalInput = z.object({
  proposalId: recordId("建议"),
  screening: choice(["normal", "reference", "merged"] as const, "甄别结果"),
  isKey: flag,
  supervisor: optionalText("督办领导", 50),
  /** 并案: the number, in the same session, of the proposal this one joins. */
  mergedInto: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number({ error: "并入的建议编号应为数字" }).int("并入的建议编号应为整数").min(1, "并入的建议编号应为正整数").max(99999, "并入的建议编号过大").optional()),
  /** 重复提出: in how many earlier years the matter was raised. */
  raisedBefore: z.preprocess((v) => (v === "" || v == null ? 0 : v), z.coerce.number({ error: "往年提出年数应为数字" }).int("往年提出年数应为整数").min(0, "往年提出年数不能为负").max(50, "往年提出年数过大")),
  /** Why the proposal is not published although the deputy chose to. */
  notPublicReason: optionalText("不予公开的理由", 200),
  /** The marks the form showed (`markToken`): a save over marks someone changed since is refused. */
  basedOn: z.string().max(120).optional(),
});

export const WithdrawProposalInput = z.object({
  proposalId: recordId("建议"),
  reason: requiredText("撤案理由（代表书面申请）", 500),
});

export const AssignProposalInput = z
  .object({
    proposalId: recordId("建议"),
    mode: choice(["lead", "parallel"] as const, "交办方式"),
    leadUnitId: recordId("主办单位", true).optional(),
    coUnitIds: idList("协办单位"),
    parallelUnitIds: idList("分办单位"),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "lead") {
      if (!v.leadUnitId) ctx.addIssue({ code: "custom", path: ["leadUnitId"], message: "请选择主办单位" });
      else if (v.coUnitIds.includes(v.leadUnitId))
        ctx.addIssue({ code: "custom", path: ["coUnitIds"], message: "主办单位不能同时为协办单位" });
    } else if (v.parallelUnitIds.length < 2) {
      ctx.addIssue({ code: "custom", path: ["parallelUnitIds"], message: "分办至少选择两个单位" });
    }
  });

export const AssignmentActionInput = z.object({ assignmentId: recordId("承办事项") });

/**
 * A contact with the deputy happened between the assignment day and today (China time), both
 * included: a day before the assignment or in the future is a typing error, and 面商率 counts
 * contacts by their day (docs/rules.md § "Supervision measures"). The field message, or null.
 */
export function contactDateProblem(contactedOn: string, assignedOn: string, today: string): string | null {
  return contactedOn < assignedOn || contactedOn > today ? `联系日期应在交办日（${assignedOn}）至今天之间` : null;
}

export const LogContactInput = z.object({
  assignmentId: recordId("承办事项"),
  contactedOn: isoDate("联系日期"),
  channel: choice(CONTACT_CHANNELS, "联系方式"),
  people: requiredText("参加人员", 200),
  summary: requiredText("沟通情况", 2000),
});

const documentFields = {
  assignmentId: recordId("承办事项"),
  documentId: recordId("稿件").optional(),
  version: version.optional(),
  overwrite: version.optional(),
  setAside: version.optional(),
  body: requiredText("正文", 20000),
  contactPerson: requiredText("联系人", 50),
  contactPhone: phone.min(1, "请填写联系电话"),
};

export const SaveOpinionInput = z.object(documentFields);

export const SaveReplyInput = z.object({
  ...documentFields,
  category: choice(REPLY_CATEGORIES, "答复类别"),
  cc: optionalText("抄送", 300),
  outstandingReason: optionalText("未收齐协办意见的说明", 500),
});

export const DocumentActionInput = z.object({
  documentId: recordId("稿件"),
  version,
});

export const ReturnDocumentInput = DocumentActionInput.extend({
  comment: requiredText("退回意见", 500),
});

export const PublishReplyInput = z.object({ replyId: recordId("答复") });

export const RateReplyInput = z
  .object({
    replyId: recordId("答复"),
    attitude: choice(RATING_LEVELS, "对办理态度的评价"),
    outcome: choice(RATING_LEVELS, "对办理结果的评价"),
    comment: optionalText("意见建议", 1000),
    wasContacted: choice(["yes", "no"] as const, "办理前是否与您联系").transform((v) => v === "yes"),
  })
  .superRefine((v, ctx) => {
    if (sendsBack(v) && !v.comment)
      ctx.addIssue({ code: "custom", path: ["comment"], message: "评价为不满意时，请写明意见，便于重新办理" });
  });

// ---- Administration ----

/** A whole-number setting with its bounds; empty means the default. */
const setting = (label: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === "" || v == null ? fallback : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: `${label}应为整数` }).int(`${label}应为整数`).min(min, `${label}不能小于${min}`).max(max, `${label}不能大于${max}`),
  );

export const SessionInput = z.object({
  id: recordId("届次", true).optional(),
  term: z.coerce.number({ error: "届应为数字" }).int("届应为整数").min(1, "届应大于0").max(99, "届过大"),
  meeting: z.coerce.number({ error: "次应为数字" }).int("次应为整数").min(0, "次不能为负").max(20, "次过大"),
  name: requiredText("名称", 60),
  interim: flag,
  openedOn: isoDate("开幕日期").optional().or(z.literal("").transform(() => undefined)),
  active: flag,
  // Deadline settings (docs/rules.md § "Deadlines"); the defaults apply when a form leaves them out.
  returnWindowWorkdays: setting("申请调整时限（工作日）", 1, 60, 10),
  opinionMonths: setting("协办意见时限（月）", 1, 6, 1),
  replyMonths: setting("答复时限（月）", 1, 12, 3),
  extensionTotalMonths: setting("延期总时限（月）", 1, 12, 6),
  rehandlingMonths: setting("重新办理时限（月）", 1, 6, 1),
  publicationWorkdays: setting("答复公开时限（工作日）", 1, 120, 20),
  warnWorkdays: setting("黄灯提前（工作日）", 1, 30, 5),
}).superRefine((v, ctx) => {
  if (v.extensionTotalMonths < v.replyMonths)
    ctx.addIssue({ code: "custom", path: ["extensionTotalMonths"], message: "延期总时限不能短于答复时限" });
});

export const UnitInput = z.object({
  id: recordId("单位").optional(),
  name: requiredText("单位名称", 60),
  shortName: requiredText("文号代字", 10),
  kind: choice(UNIT_KINDS, "单位类型"),
  active: flag,
});

export const DeputyInput = z.object({
  id: recordId("代表").optional(),
  name: requiredText("姓名", 30),
  deputation: requiredText("代表团", 60),
  phone: phone,
  active: flag,
});

export const password = z.string({ error: "请填写密码" }).max(128, "密码不能超过128位");

export const UserInput = z
  .object({
    id: recordId("账号").optional(),
    username: z
      .string({ error: "请填写用户名" })
      .trim()
      .min(3, "用户名至少3个字符")
      .max(32, "用户名不能超过32个字符")
      .regex(/^[a-z0-9_.-]+$/, "用户名只能用小写字母、数字、下划线、点和短横线"),
    displayName: requiredText("姓名", 30),
    email: z
      .string({ error: "电子邮箱格式不正确" })
      .trim()
      .max(100, "电子邮箱不能超过100个字符")
      .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "电子邮箱格式不正确")
      .optional()
      .transform((v) => v || null),
    role: choice(ROLES, "角色"),
    unitId: recordId("所属单位", true).optional().or(z.literal("").transform(() => undefined)),
    deputyId: recordId("对应代表", true).optional().or(z.literal("").transform(() => undefined)),
    password: password.optional().or(z.literal("").transform(() => undefined)),
    active: flag,
  })
  .superRefine((v, ctx) => {
    if ((v.role === "unit_staff" || v.role === "unit_leader") && !v.unitId)
      ctx.addIssue({ code: "custom", path: ["unitId"], message: "承办人和签发领导须选择所属单位" });
    if (v.role === "deputy" && !v.deputyId)
      ctx.addIssue({ code: "custom", path: ["deputyId"], message: "代表账号须关联一位代表" });
    if (!v.id && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "新建账号须设置初始密码" });
    const weak = v.password ? passwordProblem(v.password, v.username) : null;
    if (weak) ctx.addIssue({ code: "custom", path: ["password"], message: weak });
  });


/** Parses service input; a failure becomes `Invalid` with every field's first message. */
export function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new Invalid("请按提示修改后再提交。", fieldErrors);
}

// ---- Deadlines, requests, calendar ----

const day = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为“年-月-日”`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label}不是有效日期`)
    .refine(inYears, `${label}须在${FIRST_YEAR}年至${LAST_YEAR}年之间`);

export const RequestAdjustmentInput = z.object({
  assignmentId: recordId("承办事项"),
  reason: requiredText("申请理由", 1000),
  suggestedUnitId: z.preprocess((v) => (v === "" ? undefined : v), recordId("建议承办单位").optional()),
});

export const RequestExtensionInput = z.object({
  assignmentId: recordId("承办事项"),
  reason: requiredText("延期理由", 1000),
  requestedDue: day("申请延期至"),
});

export const DecideRequestInput = z
  .object({
    requestId: recordId("申请"),
    decision: choice(["approve", "reject"] as const, "审核意见"),
    decisionReason: requiredText("审核理由", 500),
    newUnitId: z.preprocess((v) => (v === "" ? undefined : v), recordId("调整后的承办单位", true).optional()),
  });

export const CalendarDayInput = z.object({
  date: day("日期"),
  working: choice(["off", "on"] as const, "类型").transform((v) => v === "on"),
  name: requiredText("名称", 20),
  /** Set when changing an existing entry; absent when adding one. */
  original: z.preprocess((v) => (v === "" ? undefined : v), day("原日期").optional()),
});

export const RemoveCalendarDayInput = z.object({ date: day("日期") });

export const FixedDueInput = z.object({
  sessionId: recordId("届次", true),
  fixedReplyDue: z.preprocess((v) => (v === "" ? undefined : v), day("统一答复期限").optional()),
});

// ---- Commitments (承诺事项) of a B-category reply ----

export const AddCommitmentInput = z.object({
  replyId: recordId("答复"),
  content: requiredText("承诺事项", 500),
  dueOn: day("承诺完成时限"),
});

export const RemoveCommitmentInput = z.object({ commitmentId: recordId("承诺事项") });

export const ReportCommitmentInput = z
  .object({
    commitmentId: recordId("承诺事项"),
    kind: choice(COMMITMENT_REPORT_KINDS, "报告类型"),
    body: requiredText("办理情况", 2000),
    evidence: optionalText("佐证材料", 1000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "done" && !v.evidence)
      ctx.addIssue({ code: "custom", path: ["evidence"], message: "报告完成时请写明佐证材料，如验收情况、文件文号、现场照片说明" });
  });
