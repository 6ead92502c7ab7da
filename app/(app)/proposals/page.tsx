import { redirect } from "next/navigation";
import { samePageAs } from "@/lib/navigation";
import { PAGE_SIZE, listProposals } from "@/db/queries/proposals";
import { filterQuery, parseProposalFilters } from "@/lib/proposal-filters";
import { sessionOptions, unitOptions } from "@/db/queries/options";
import { requirePage } from "@/lib/auth/current";
import { isOffice } from "@/lib/auth/actor";
import { assignmentRoleLabel, categoryLabel, proposalStateLabel } from "@/lib/labels";
import { FIELDS, PROPOSAL_STATES, REPLY_CATEGORIES } from "@/lib/workflow";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { ProposalStateBadge } from "@/components/proposal/badges";
import { Highlight, Marked } from "@/components/ui/highlight";

export const metadata = { title: "建议列表" };

type Search = Record<string, string | string[] | undefined>;

export default async function ProposalsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("proposal.list");
  // A deputy's own proposals are the home page (lib/navigation.ts).
  if (samePageAs(actor.role, "/proposals") !== "/proposals") redirect(samePageAs(actor.role, "/proposals"));
  const sp = await searchParams;
  const filters = parseProposalFilters(sp, { unitFilter: isOffice(actor.role) });
  const { rows, total, page, capped } = listProposals(actor, filters);
  const query = (p: number) => `/proposals?${filterQuery(filters, p)}`;
  const select = "block w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm";

  return (
    <>
      <PageHeader
        title={isOffice(actor.role) ? "建议总览" : "本单位承办的建议"}
        actions={
          <>
            <a href={`/api/export/proposals?${filterQuery({ ...filters, page: 1 })}`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm hover:bg-stone-100">
              导出 Excel
            </a>
            {actor.role === "congress_office" && <ButtonLink href="/proposals/new" variant="primary">登记建议</ButtonLink>}
          </>
        }
      />
      <Card>
        <form method="get" className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-8" aria-label="筛选">
          <label className="text-xs text-stone-600">
            届次
            <select name="session" defaultValue={filters.sessionId ?? ""} className={select}>
              <option value="">全部</option>
              {sessionOptions().map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </label>
          <label className="text-xs text-stone-600">
            状态
            <select name="state" defaultValue={filters.state ?? ""} className={select}>
              <option value="">全部</option>
              {PROPOSAL_STATES.map((s) => <option key={s} value={s}>{proposalStateLabel[s]}</option>)}
            </select>
          </label>
          {isOffice(actor.role) && (
            <label className="text-xs text-stone-600">
              承办单位
              <select name="unit" defaultValue={filters.unitId ?? ""} className={select}>
                <option value="">全部</option>
                {unitOptions().map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            </label>
          )}
          <label className="text-xs text-stone-600">
            领域
            <select name="field" defaultValue={filters.field ?? ""} className={select}>
              <option value="">全部</option>
              {FIELDS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <label className="text-xs text-stone-600">
            答复类别
            <select name="category" defaultValue={filters.category ?? ""} className={select}>
              <option value="">全部</option>
              {REPLY_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel[c]}</option>)}
            </select>
          </label>
          <label className="text-xs text-stone-600">
            关键词
            <input name="q" type="search" defaultValue={filters.q ?? ""} placeholder="标题、内容、代表、单位、答复" className={select} />
          </label>
          <label className="flex items-end gap-2 pb-2 text-sm">
            <input type="checkbox" name="key" value="1" defaultChecked={filters.key} className="h-4 w-4 accent-brand-600" />
            仅重点督办
          </label>
          <div className="flex items-end gap-2">
            <Button type="submit">筛选</Button>
            <ButtonLink href="/proposals" variant="ghost">清除</ButtonLink>
          </div>
        </form>
        {filters.q && rows.length > 0 && (
          <p className="mb-2 text-sm text-stone-600">
            {capped ? `按相关程度列出最相关的 ${total} 件，请增加关键词或筛选条件缩小范围。` : `找到 ${total} 件，按相关程度排列。`}
          </p>
        )}
        {rows.length === 0 ? (
          <EmptyState>{filters.q ? `没有找到含“${filters.q}”的建议。` : "没有符合条件的建议。"}</EmptyState>
        ) : (
          <Table head={["编号", "建议标题", "领衔代表", "领域", "承办单位", "状态"]} caption="建议列表">
            {rows.map((r) => (
              <tr key={r.id}>
                <Td className="whitespace-nowrap">第{r.number}号</Td>
                <Td>
                  <a href={`/proposals/${r.id}`} className="text-brand-700 hover:underline"><Highlight text={r.title} q={filters.q} /></a>
                  {r.isKey && <span className="ml-1"><Badge tone="brand">重点</Badge></span>}
                  <div className="text-xs text-stone-500">{r.sessionName}</div>
                  {r.passage && (
                    <p className="mt-1 text-xs text-stone-600">
                      <span className="text-stone-500">{r.passage.source}：</span>
                      <Marked parts={r.passage.parts} />
                    </p>
                  )}
                </Td>
                <Td className="whitespace-nowrap">{r.leadDeputy}</Td>
                <Td className="whitespace-nowrap">{r.field}</Td>
                <Td className="text-xs">{r.units.map((u) => `${u.name}（${assignmentRoleLabel[u.role as keyof typeof assignmentRoleLabel]}）`).join("、") || "—"}</Td>
                <Td><ProposalStateBadge state={r.state} /></Td>
              </tr>
            ))}
          </Table>
        )}
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} href={query} />
      </Card>
    </>
  );
}
