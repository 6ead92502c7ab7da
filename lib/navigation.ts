import { isUnitRole } from "./auth/actor";
import { homeOf, may, type Action } from "./authz";
import { isAdminRole, type Role } from "./workflow";

/**
 * The main navigation, from the authorization matrix: each page a role may open, once. A page that
 * is another page for a role is not listed twice: an administrator's 工作台 is his console, a
 * deputy's list of proposals is his home (`samePageAs`; the pages redirect by the same rule).
 */
const ENTRIES: { href: string; action: Action; label: (role: Role) => string }[] = [
  { href: "/", action: "workbench.view", label: (r) => (r === "deputy" ? "我的建议" : "工作台") },
  { href: "/proposals", action: "proposal.list", label: (r) => (isUnitRole(r) ? "本单位建议" : "建议总览") },
  { href: "/supervision", action: "supervision.view", label: () => "督办统计" },
  { href: "/proposals/new", action: "proposal.register", label: () => "登记建议" },
  { href: "/proposals/import", action: "proposal.import", label: () => "导入建议" },
  { href: "/admin/users", action: "admin.view", label: () => "系统管理" },
  { href: "/admin/calendar", action: "admin.calendar", label: () => "工作日历" },
  { href: "/security", action: "security.view", label: () => "安全管理" },
  { href: "/audit", action: "audit.view", label: () => "安全审计" },
];

/** Where a page really is for a role: itself, or the page it stands for. */
export function samePageAs(role: Role, href: string) {
  if (href === "/" && isAdminRole(role)) return homeOf(role);
  if (href === "/proposals" && role === "deputy") return "/";
  return href;
}

export function navigationFor(role: Role): { href: string; label: string }[] {
  return ENTRIES.filter((e) => may({ role }, e.action) && samePageAs(role, e.href) === e.href).map((e) => ({ href: e.href, label: e.label(role) }));
}
