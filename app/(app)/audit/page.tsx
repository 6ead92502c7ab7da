import Link from "next/link";
import { requirePage } from "@/lib/auth/current";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/services/audit";
import { formatDateTime, roleLabel } from "@/lib/labels";
import type { Role } from "@/lib/workflow";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { pageParam } from "@/lib/page-param";
import { VerifyAuditButton } from "@/components/audit-verify";

export const metadata = { title: "安全审计" };

const resultLabel = { ok: "成功", refused: "拒绝", invalid: "输入有误", failed: "失败" } as const;
const resultTone = { ok: "success", refused: "danger", invalid: "warn", failed: "danger" } as const;

type Search = { q?: string; result?: string; from?: string; to?: string; page?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("audit.view");
  const sp = await searchParams;
  const valid = (d?: string) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : "");
  const filter = {
    q: (sp.q ?? "").slice(0, 100),
    result: (["ok", "refused", "invalid", "failed"].includes(sp.result ?? "") ? sp.result : "") as "",
    from: valid(sp.from),
    to: valid(sp.to),
    page: pageParam(sp.page),
  };
  const { rows, total, page } = listAudit(actor, filter);
  const href = (p: number) => `/audit?${new URLSearchParams({ ...filter, page: String(p) } as Record<string, string>).toString()}`;
  return (
    <>
      <PageHeader title="安全审计" subtitle="登录、权限和全部业务变更的记录。日志只能查阅，不能修改；每条记录与前一条以哈希相连，任何改动都会被校验发现。" />
      {/* The check's answer is shown from the check itself, never from the address. */}
      <VerifyAuditButton />
      <Card>
        <form className="mb-3 grid gap-2 text-sm sm:grid-cols-5" role="search" aria-label="筛选审计记录">
          <input name="q" defaultValue={filter.q} placeholder="操作（如“登录”）、人员、对象编号或地址" aria-label="关键词" className="rounded-md border border-stone-300 px-2 py-1.5 sm:col-span-2" />
          <select name="result" defaultValue={filter.result} aria-label="结果" className="rounded-md border border-stone-300 px-2 py-1.5">
            <option value="">全部结果</option>
            {Object.entries(resultLabel).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <input name="from" type="date" defaultValue={filter.from} aria-label="起始日期" className="rounded-md border border-stone-300 px-2 py-1.5" />
          <div className="flex gap-2">
            <input name="to" type="date" defaultValue={filter.to} aria-label="截止日期" className="min-w-0 flex-1 rounded-md border border-stone-300 px-2 py-1.5" />
            <button className="rounded-md bg-brand-600 px-3 text-white">查询</button>
          </div>
        </form>
        <p className="mb-2 text-xs text-stone-500">共 {total} 条{filter.q || filter.result || filter.from || filter.to ? <>（已筛选，<Link href="/audit" className="link">清除</Link>）</> : null}</p>
        <Table head={["序号", "时间", "人员", "地址", "操作", "对象", "结果"]}>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <Td className="font-mono text-xs">{r.id}</Td>
              <Td className="whitespace-nowrap">{formatDateTime(r.at)}</Td>
              <Td>{r.actorName}{r.actorRole && <span className="block text-xs text-stone-500">{roleLabel[r.actorRole as Role] ?? r.actorRole}</span>}</Td>
              <Td className="font-mono text-xs">{r.ip}</Td>
              <Td>
                {r.actionText}
                {/* The stored code, for the administrator who searches or compares with other records. */}
                <span className="block font-mono text-xs text-stone-500">{r.action}</span>
              </Td>
              <Td title={r.object.full}>{r.object.text}</Td>
              <Td><Badge tone={resultTone[r.result]}>{resultLabel[r.result]}</Badge></Td>
            </tr>
          ))}
        </Table>
        <Pagination page={page} pageSize={AUDIT_PAGE_SIZE} total={total} href={href} />
      </Card>
    </>
  );
}
