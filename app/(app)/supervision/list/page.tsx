import Link from "next/link";
import { calendarDaysBetween } from "@/lib/deadlines";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import {
  RATING_MEASURES,
  isSupervisionMeasure,
  supervisionList,
  supervisionSessions,
  type SupervisionListRow,
  type SupervisionMeasure,
} from "@/db/queries/supervision";
import { requirePage } from "@/lib/auth/current";
import { todayInChina } from "@/lib/clock";

import { NotFound } from "@/lib/errors";
import { assignmentRoleLabel, categoryLabel, ratingLabel } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { AssignmentStateBadge } from "@/components/proposal/badges";
import { DeadlineLight } from "@/components/proposal/deadline";
import { listHref, measureText } from "@/components/supervision/measure-text";

export const metadata = { title: "督查明细" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const positive = (v: string) => (/^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const PAGE_SIZE = 50;

const dash = <span className="text-stone-500">—</span>;
const day = (d: string | null) => (d ? <span className="whitespace-nowrap tabular-nums">{d}</span> : dash);
const rated = (l: "satisfied" | "basically_satisfied" | "unsatisfied") => (
  <Badge tone={l === "unsatisfied" ? "danger" : "success"}>{ratingLabel[l]}</Badge>
);

/** The columns that explain why a row is counted, by the kind of figure. */
function detailColumns(measure: SupervisionMeasure, today: string): { head: string[]; cells: (r: SupervisionListRow) => ReactNode[] } {
  switch (measure) {
    case "replied":
    case "onTime":
    case "late":
      return {
        head: ["交办日期", "答复期限", "答复签发", "用时（天）"],
        cells: (r) => [
          day(r.assignedOn),
          day(r.firstReplyDue),
          <span key="s" className={r.firstReplyOn && r.firstReplyDue && r.firstReplyOn > r.firstReplyDue ? "font-medium text-red-700" : ""}>{day(r.firstReplyOn)}</span>,
          <span key="d" className="tabular-nums">{r.daysToReply ?? "—"}</span>,
        ],
      };
    case "contacted":
    case "notContacted":
      return {
        head: ["首次联系代表", "答复签发"],
        cells: (r) => [day(r.firstContactOn), day(r.firstReplyOn)],
      };
    case "A":
    case "AB":
      return {
        head: ["最近答复类别", "答复轮次"],
        cells: (r) => [r.latestCategory ? categoryLabel[r.latestCategory] : dash, `第${r.round}轮`],
      };
    case "rehandled":
      return {
        head: ["当前轮次", "当前期限"],
        cells: (r) => [`第${r.round}轮`, <DeadlineLight key="l" light={r.light} due={r.due} />],
      };
    case "overdue":
      return {
        head: ["当前期限", "已超期（天）"],
        cells: (r) => [<DeadlineLight key="l" light={r.light} due={r.due} />, <span key="o" className="tabular-nums text-red-700">{r.due ? calendarDaysBetween(r.due, today) : "—"}</span>],
      };
    case "assignments":
    case "asLead":
    case "asCo":
    case "asParallel":
      return {
        head: ["交办日期", "当前期限"],
        cells: (r) => [day(r.assignedOn), <DeadlineLight key="l" light={r.light} due={r.due} />],
      };
    case "ratings":
    case "attitudeSatisfied":
    case "attitudeUnsatisfied":
    case "outcomeSatisfied":
    case "outcomeUnsatisfied":
    case "unsatisfied":
      return {
        head: ["代表", "评价轮次", "办理态度", "办理结果"],
        cells: (r) =>
          r.rating
            ? [<span key="n" className="whitespace-nowrap">{r.rating.deputyName}</span>, `第${r.rating.round}轮`, rated(r.rating.attitude), rated(r.rating.outcome)]
            : [dash, dash, dash, dash],
      };
  }
}

export default async function SupervisionListPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("supervision.view");
  const sp = await searchParams;
  const measure = one(sp.measure);
  if (!isSupervisionMeasure(measure)) notFound();
  const session = supervisionSessions(actor).find((x) => x.id === positive(one(sp.session)));
  if (!session) notFound();
  const unitId = positive(one(sp.unit)) ?? null;
  const today = todayInChina();

  let list: ReturnType<typeof supervisionList>;
  try {
    list = supervisionList(actor, { sessionId: session.id, unitId, measure, today });
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }

  const text = measureText[measure];
  const isRating = (RATING_MEASURES as readonly string[]).includes(measure);
  const pages = Math.max(1, Math.ceil(list.rows.length / PAGE_SIZE));
  const page = Math.min(positive(one(sp.page)) ?? 1, pages);
  const shown = list.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const detail = detailColumns(measure, today);
  const back = `/supervision?session=${session.id}`;

  return (
    <>
      <PageHeader
        title={`${list.unit?.name ?? "全部承办单位"}：${text.title}`}
        subtitle={`${session.name} · 统计至 ${today} · 共 ${list.rows.length} ${isRating ? "人次" : "件"}`}
        actions={
          <>
            <a href={`/api/export/supervision?session=${session.id}&view=list&measure=${measure}${unitId ? `&unit=${unitId}` : ""}`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm hover:bg-stone-100">导出 Excel</a>
            <ButtonLink href={back}>返回办理督查</ButtonLink>
          </>
        }
      />
      <Card>
        <p className="mb-3 text-sm leading-relaxed text-stone-700">{text.description}</p>
        {shown.length === 0 ? (
          <EmptyState>没有符合该统计口径的建议。</EmptyState>
        ) : (
          <Table
            caption={text.title}
            head={["编号", "建议标题", ...(list.unit ? [] : ["承办单位"]), "承办类型", "承办状态", ...detail.head]}
          >
            {shown.map((r) => (
              <tr key={r.key}>
                <Td className="whitespace-nowrap">第{r.number}号</Td>
                <Td>
                  <Link href={`/proposals/${r.proposalId}`} className="text-brand-700 hover:underline">
                    {r.title}
                  </Link>
                  {r.isKey && (
                    <span className="ml-1">
                      <Badge tone="brand">重点</Badge>
                    </span>
                  )}
                </Td>
                {!list.unit && <Td className="whitespace-nowrap">{r.unitName}</Td>}
                <Td className="whitespace-nowrap">{assignmentRoleLabel[r.role]}</Td>
                <Td>
                  <AssignmentStateBadge state={r.state} />
                </Td>
                {detail.cells(r).map((c, i) => (
                  <Td key={i}>{c}</Td>
                ))}
              </tr>
            ))}
          </Table>
        )}
        {pages > 1 && (
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.rows.length}
            href={(p) => `${listHref(session.id, list.unit?.id ?? null, measure)}${p > 1 ? `&page=${p}` : ""}`}
          />
        )}
        <p className="mt-3 text-sm">
          <Link href={back} className="text-brand-700 hover:underline">
            ‹ 返回{session.name}办理督查
          </Link>
        </p>
      </Card>
    </>
  );
}
