import Link from "next/link";
import { RATE_PARTS, supervisionReport, type UnitReport } from "@/db/queries/supervision";
import { proposalStateLabel } from "@/lib/labels";
import { pageParam } from "@/lib/page-param";
import { PROPOSAL_STATES } from "@/lib/workflow";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { CommitmentFigures, CountLink, RateFigure } from "@/components/supervision/figures";
import { listHref, percent } from "@/components/supervision/measure-text";
import { RateChart, type RateChartRow } from "@/components/supervision/rate-chart";
import { SessionPicker } from "@/components/supervision/session-picker";
import { openSupervision, type Search } from "./context";

export const metadata = { title: "办理督查" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** Units per page of the table (and of the chart above it). */
const UNITS_PER_PAGE = 20;

/** Orders for the unit table. Units with nothing to measure yet go last. */
const SORTS = {
  onTime: { label: "按时办复率", key: (u: UnitReport) => u.onTime.rate, desc: true },
  contact: { label: "面商率", key: (u: UnitReport) => u.contactRate.rate, desc: true },
  attitude: { label: "满意率（态度）", key: (u: UnitReport) => u.satisfaction.attitude.rate, desc: true },
  outcome: { label: "满意率（结果）", key: (u: UnitReport) => u.satisfaction.outcome.rate, desc: true },
  resolution: { label: "解决率（A）", key: (u: UnitReport) => u.resolutionA.rate, desc: true },
  overdue: { label: "当前超期", key: (u: UnitReport) => u.overdueNow, desc: true },
  commitments: { label: "承诺事项逾期", key: (u: UnitReport) => u.commitments.overdue, desc: true },
  days: { label: "平均答复天数", key: (u: UnitReport) => u.avgDaysToReply, desc: false },
} as const;
type Sort = keyof typeof SORTS;

function sortUnits(units: UnitReport[], sort: Sort | null) {
  if (!sort) return units;
  const { key, desc } = SORTS[sort];
  return [...units].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
    return desc ? y - x : x - y;
  });
}

/** Standard competition ranking (1, 1, 3): equal figures share a place; nothing measured, no place. */
function rankOf(units: UnitReport[], u: UnitReport, sort: Sort) {
  const { key, desc } = SORTS[sort];
  const mine = key(u);
  if (mine == null) return null;
  return 1 + units.filter((o) => {
    const k = key(o);
    return k != null && (desc ? k > mine : k < mine);
  }).length;
}

export default async function SupervisionPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { actor, sp, sessions, session, today } = await openSupervision(searchParams);
  if (!session)
    return (
      <>
        <PageHeader title="办理督查" />
        <EmptyState>尚未设立届次。</EmptyState>
      </>
    );
  const report = supervisionReport(actor, { sessionId: session.id, today });
  const sort = Object.hasOwn(SORTS, one(sp.sort)) ? (one(sp.sort) as Sort) : null;
  const ordered = sortUnits(report.units, sort);
  // A national session has about 200 bodies: the table and the chart show a page of them at a time.
  const pages = Math.max(1, Math.ceil(ordered.length / UNITS_PER_PAGE));
  const upage = Math.min(pages, pageParam(sp.upage));
  const units = ordered.slice((upage - 1) * UNITS_PER_PAGE, upage * UNITS_PER_PAGE);
  const t = report.total;
  const s = session.id;
  const sortHref = (k: Sort | null) => `/supervision?session=${s}${k ? `&sort=${k}` : ""}`;
  const pageHref = (n: number) => `/supervision?session=${s}${sort ? `&sort=${sort}` : ""}${n > 1 ? `&upage=${n}` : ""}`;
  const head = (k: Sort, label: string) => (
    <Link href={sortHref(sort === k ? null : k)} className="hover:text-brand-700 hover:underline" title={`按${SORTS[k].label}排序`}>
      {label}
      {sort === k ? (SORTS[k].desc ? " ▼" : " ▲") : ""}
    </Link>
  );

  const chart: RateChartRow[] = (sort ? units : sortUnits(units, "onTime"))
    .filter((u) => u.onTime.denominator > 0 || u.satisfaction.outcome.denominator > 0)
    .map((u) => ({
      unit: u.unitName,
      onTime: u.onTime.rate == null ? null : Math.round(u.onTime.rate * 1000) / 10,
      satisfaction: u.satisfaction.outcome.rate == null ? null : Math.round(u.satisfaction.outcome.rate * 1000) / 10,
      onTimeOf: `${u.onTime.numerator}/${u.onTime.denominator}`,
      satisfactionOf: `${u.satisfaction.outcome.numerator}/${u.satisfaction.outcome.denominator}`,
    }));

  const tiles: { label: string; value: string; href: string; sub: string; alert?: boolean }[] = [
    { label: "按时办复率", value: percent(t.onTime.rate), href: listHref(s, null, "onTime"), sub: `${t.onTime.numerator}/${t.onTime.denominator} 件` },
    { label: "面商率", value: percent(t.contactRate.rate), href: listHref(s, null, "contacted"), sub: `${t.contactRate.numerator}/${t.contactRate.denominator} 件` },
    { label: "满意率（态度）", value: percent(t.satisfaction.attitude.rate), href: listHref(s, null, "attitudeSatisfied"), sub: `${t.satisfaction.attitude.numerator}/${t.satisfaction.attitude.denominator} 人次` },
    { label: "满意率（结果）", value: percent(t.satisfaction.outcome.rate), href: listHref(s, null, "outcomeSatisfied"), sub: `${t.satisfaction.outcome.numerator}/${t.satisfaction.outcome.denominator} 人次` },
    { label: "解决率（A / A+B）", value: `${percent(t.resolutionA.rate)} / ${percent(t.resolutionAB.rate)}`, href: listHref(s, null, "A"), sub: `A ${t.resolutionA.numerator}、A+B ${t.resolutionAB.numerator}，共 ${t.resolutionA.denominator} 件` },
    { label: "重新办理", value: String(t.rehandlingCount), href: listHref(s, null, "rehandled"), sub: "件" },
    { label: "当前超期", value: String(t.overdueNow), href: listHref(s, null, "overdue"), sub: "项承办事项", alert: t.overdueNow > 0 },
    { label: "平均答复天数", value: t.avgDaysToReply == null ? "—" : String(t.avgDaysToReply), href: listHref(s, null, "replied"), sub: `已答复 ${t.replied} 件` },
  ];

  return (
    <>
      <PageHeader
        title="办理督查"
        subtitle={`${session.name} · 统计至 ${today} · 单位间比较和排名仅供督查工作使用，不对外公开`}
        actions={
          <>
            <a href={`/api/export/supervision?session=${s}`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm hover:bg-stone-100">导出 Excel</a>
            <ButtonLink href={`/supervision/key?session=${s}`}>重点督办建议</ButtonLink>
          </>
        }
      />
      <div className="space-y-4">
        <SessionPicker action="/supervision" sessions={sessions} current={s} hidden={sort ? { sort } : {}} />

        <section aria-label="建议办理状态">
          <h2 className="mb-2 text-sm font-medium text-stone-600">建议 {report.proposalCount} 件，按办理状态</h2>
          <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
            {PROPOSAL_STATES.map((st) => (
              <Link key={st} href={`/proposals?session=${s}&state=${st}`} className="rounded-lg border border-stone-200 bg-white px-3 py-2 hover:border-brand-600">
                <div className="text-xs text-stone-600">{proposalStateLabel[st]}</div>
                <div className="text-xl font-semibold tabular-nums" data-testid={`state-${st}`}>{report.stateCounts[st]}</div>
              </Link>
            ))}
          </div>
        </section>

        <section aria-label="全部单位合计">
          <h2 className="mb-2 text-sm font-medium text-stone-600">全部承办单位合计</h2>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {tiles.map((x) => (
              <Link key={x.label} href={x.href} className="rounded-lg border border-stone-200 bg-white px-3 py-2 hover:border-brand-600">
                <div className="text-xs text-stone-600">{x.label}</div>
                <div className={`text-xl font-semibold tabular-nums ${x.alert ? "text-red-700" : ""}`}>{x.value}</div>
                <div className="text-xs text-stone-500">{x.sub}</div>
              </Link>
            ))}
          </div>
        </section>

        <Card title={pages > 1 ? `各单位按时办复率与满意率（第 ${upage} 页的 ${units.length} 个单位）` : "各单位按时办复率与满意率"}>
          <RateChart rows={chart} />
        </Card>

        <Card
          title={`各承办单位办理情况（${ordered.length}）`}
          actions={sort ? <Link href={sortHref(null)} className="text-sm text-brand-700 hover:underline">恢复默认顺序</Link> : <span className="text-xs text-stone-500">点击列名排序，点击数字查看对应建议</span>}
        >
          {units.length === 0 ? (
            <EmptyState>本届次尚未交办建议。</EmptyState>
          ) : (
            <Table
              caption="各承办单位办理情况"
              head={[
                ...(sort ? ["名次"] : []),
                "承办单位",
                "承办",
                head("onTime", "按时办复率"),
                head("contact", "面商率"),
                head("attitude", "满意率（态度）"),
                head("outcome", "满意率（结果）"),
                head("resolution", "解决率 A"),
                "解决率 A+B",
                "重新办理",
                head("overdue", "当前超期"),
                head("commitments", "承诺事项"),
                head("days", "平均答复天数"),
              ]}
            >
              {units.map((u) => (
                <UnitRow key={u.unitId} u={u} sessionId={s} ranked={!!sort} rank={sort ? rankOf(ordered, u, sort) : null} />
              ))}
              <UnitRow u={{ ...t, unitId: null, unitName: "合计", shortName: "" }} sessionId={s} ranked={!!sort} rank={null} total />
            </Table>
          )}
          {ordered.length > UNITS_PER_PAGE && <Pagination page={upage} pageSize={UNITS_PER_PAGE} total={ordered.length} href={pageHref} unit="个单位" />}
          <p className="mt-3 text-xs leading-relaxed text-stone-500">
            按时办复率、面商率、解决率以第一轮答复已签发的主办、分办事项为基数；满意率以代表评价人次计，同一代表对同一件建议只计最近一轮评价；
            当前超期含协办单位逾期未送协办意见的事项；承诺事项为已签发B类答复中尚未报告完成的承诺事项件数，其中超过承诺时限的计为逾期；平均答复天数为交办至第一轮答复签发的自然日数。经批准调整的承办事项计入调整后的单位，办理时限仍自原交办日起算。
          </p>
        </Card>
      </div>
    </>
  );
}

function UnitRow({
  u,
  sessionId,
  ranked,
  rank,
  total,
}: {
  u: Omit<UnitReport, "unitId"> & { unitId: number | null };
  sessionId: number;
  ranked: boolean;
  rank: number | null;
  total?: boolean;
}) {
  const ref = { sessionId, unitId: u.unitId };
  return (
    <tr className={total ? "border-t-2 border-stone-200 bg-stone-50 font-medium" : undefined}>
      {ranked && <Td className="text-stone-500 tabular-nums">{rank ?? ""}</Td>}
      <Td className="whitespace-nowrap">{u.unitName}</Td>
      <Td className="whitespace-nowrap">
        <CountLink n={u.assignments} {...ref} measure="assignments" />
        <div className="text-xs text-stone-500">
          主<CountLink n={u.lead} {...ref} measure="asLead" /> 协<CountLink n={u.co} {...ref} measure="asCo" /> 分
          <CountLink n={u.parallel} {...ref} measure="asParallel" />
        </div>
      </Td>
      <Td><RateFigure rate={u.onTime} {...ref} parts={RATE_PARTS.onTime} /></Td>
      <Td><RateFigure rate={u.contactRate} {...ref} parts={RATE_PARTS.contactRate} /></Td>
      <Td><RateFigure rate={u.satisfaction.attitude} {...ref} parts={RATE_PARTS.satisfactionAttitude} /></Td>
      <Td><RateFigure rate={u.satisfaction.outcome} {...ref} parts={RATE_PARTS.satisfactionOutcome} /></Td>
      <Td><RateFigure rate={u.resolutionA} {...ref} parts={RATE_PARTS.resolutionA} /></Td>
      <Td><RateFigure rate={u.resolutionAB} {...ref} parts={RATE_PARTS.resolutionAB} /></Td>
      <Td><CountLink n={u.rehandlingCount} {...ref} measure="rehandled" /></Td>
      <Td><CountLink n={u.overdueNow} {...ref} measure="overdue" alert testId={total ? "overdue-total" : `overdue-${u.unitName}`} /></Td>
      <Td><CommitmentFigures {...u.commitments} testId={total ? "total" : u.unitName} /></Td>
      <Td className="tabular-nums">
        {u.avgDaysToReply == null ? (
          <span className="text-stone-500">—</span>
        ) : (
          <a href={listHref(sessionId, u.unitId, "replied")} className="fig">
            {u.avgDaysToReply.toFixed(1)}
          </a>
        )}
      </Td>
    </tr>
  );
}
