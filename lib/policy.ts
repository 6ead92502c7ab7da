/**
 * The security policy (等保 2.0 / ASVS): set by the security administrator, read on every sign-in
 * and request. Each has a default and a range; audit entries are kept at least 6 months.
 */
export const POLICY = {
  passwordMaxAgeDays: { label: "密码有效期（天）", default: 180, min: 30, max: 365 },
  idleMinutes: { label: "无操作自动退出（分钟）", default: 30, min: 5, max: 120 },
  absoluteHours: { label: "单次登录最长时间（小时）", default: 12, min: 1, max: 24 },
  auditRetentionMonths: { label: "审计日志保存期（月）", default: 6, min: 6, max: 120 },
} as const;
export type PolicyKey = keyof typeof POLICY;
export type Policy = Record<PolicyKey, number>;

export const POLICY_KEYS = Object.keys(POLICY) as PolicyKey[];
