import Link from "next/link";
import { PAGE_SIZE, listProposals } from "@/db/queries/proposals";
import { DESK_PAGE_SIZE, DESK_SECTIONS, awaitingMyRating, pendingRequests, stateCounts, unitDesk, type DeskRow, type DeskSection } from "@/db/queries/workbench";
import { Pagination } from "@/components/ui/pagination";
import { supervisionReport } from "@/db/queries/supervision";
import { listHref } from "@/components/supervision/measure-text";
import { todayInChina } from "@/lib/clock";
import { DeadlineLight } from "@/components/proposal/deadline";
import { FixedDueForm } from "@/components/proposal/request-forms";
import { sessionDueOptions, sessionsInOrder } from "@/db/queries/options";
import { formatDateTime } from "@/lib/labels";
import { requirePage } from "@/lib/auth/current";
import type { Actor } from "@/lib/auth/actor";
import { assignmentRoleLabel, proposalStateLabel } from "@/lib/labels";
import { PROPOSAL_STATES } from "@/lib/workflow";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { AssignmentStateBadge, ProposalStateBadge } from "@/components/proposal/badges";
import { redirect } from "next/navigation";
import { samePageAs } from "@/lib/navigation";
import { pageParam } from "@/lib/page-param";
import { CalendarForesight } from "@/components/calendar-foresight";

export const metadata = { title: "工作台" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function Workbench({ searchParams }: { searchParams: Search }) {
  const actor = await requirePage("workbench.view");
  if (samePageAs(actor.role, "/") !== "/") redirect(samePageAs(actor.role, "/"));
  const sp = await searchParams;
  if (actor.role === "deputy") return <DeputyHome actor={actor} page={pageParam(sp.page)} />;
  if (actor.role === "unit_staff" || actor.role === "unit_leader")
    return <UnitHome actor={actor} pages={{ sign: pageParam(sp.sign), open: pageParam(sp.open), done: pageParam(sp.done) }} />;
  return <OfficeHome actor={actor} />;
}

/** Each section pages on its own (`?open=2&done=3`), keeping the others where they were. */
function deskHref(pages: Record<DeskSection, number>, section: DeskSection, page: number) {
  const next = { ...pages, [section]: page };
  const q = DESK_SECTIONS.filter((s) => next[s] > 1).map((s) => `${s}=${next[s]}`).join("&");
  return q ? `/?${q}` : "/";
}

function UnitHome({ actor, pages }: { actor: Actor; pages: Record<DeskSection, number> }) {
  const leader = actor.role === "unit_leader";
  const sections: { section: DeskSection; title: string; empty: string }[] = [
    ...(leader ? [{ section: "sign" as const, title: "待您签发", empty: "暂无待签发的文稿。" }] : []),
    { section: "open", title: leader ? "本单位在办" : "待办理", empty: "暂无待办理事项。" },
    { section: "done", title: "已办理", empty: "暂无。" },
  ];
  return (
    <>
      <PageHeader title="工作台" subtitle={leader ? "待您签发的协办意见和答复，以及本单位承办事项" : "本单位承办的建议及下一步工作，期限最近的在前"} />
      <div className="space-y-4">
        {sections.map(({ section, title, empty }) => {
          const desk = unitDesk(actor, section, pages[section]);
          return (
            <Card key={section} title={`${title}（${desk.total}）`}>
              <DeskTable rows={desk.rows} empty={empty} caption={title} />
              {desk.total > DESK_PAGE_SIZE && (
                <Pagination page={desk.page} pageSize={DESK_PAGE_SIZE} total={desk.total} href={(p) => deskHref(pages, section, p)} />
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}

function DeskTable({ rows, empty, caption }: { rows: DeskRow[]; empty: string; caption: string }) {
  if (!rows.length) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table head={["编号", "建议标题", "承办类型", "办理状态", "办理期限", "下一步"]} caption={caption}>
      {rows.map((r) => (
        <tr key={r.assignmentId}>
          <Td className="whitespace-nowrap">第{r.number}号</Td>
          <Td>
            <Link href={`/proposals/${r.proposalId}`} prefetch={false} className="text-brand-700 hover:underline">
              {r.title}
            </Link>
            {r.isKey && <span className="ml-1"><Badge tone="brand">重点</Badge></span>}
          </Td>
          <Td>{assignmentRoleLabel[r.role]}</Td>
          <Td>
            <AssignmentStateBadge state={r.state} />
          </Td>
          <Td>
            <DeadlineLight light={r.light} due={r.due} />
          </Td>
          <Td className="text-stone-700">{r.next}</Td>
        </tr>
      ))}
    </Table>
  );
}

function OfficeHome({ actor }: { actor: Actor }) {
  // The figures are the newest session's; the list of every session is one click away.
  const session = sessionsInOrder()[0];
  const counts = session ? stateCounts(session.id) : [];
  const waiting = actor.role === "gov_office" ? listProposals(actor, { state: "registered", unmerged: true }) : listProposals(actor, { state: "rehandling" });
  const requests = actor.role === "gov_office" ? pendingRequests(actor) : [];
  return (
    <>
      <PageHeader
        title="工作台"
        subtitle={actor.role === "gov_office" ? "交办建议、掌握办理进度" : "登记建议、甄别督办、掌握办理进度"}
        actions={actor.role === "congress_office" ? <ButtonLink href="/proposals/new" variant="primary">登记建议</ButtonLink> : undefined}
      />
      <CalendarForesight role={actor.role} />
      {session && <LateUnits actor={actor} sessionId={session.id} />}
      {session && <h2 className="mb-2 text-sm font-medium text-stone-600">{session.name}</h2>}
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {PROPOSAL_STATES.map((s) => (
          <Link key={s} href={session ? `/proposals?session=${session.id}&state=${s}` : `/proposals?state=${s}`} className="rounded-lg border border-stone-200 bg-white p-3 hover:border-brand-600">
            <div className="text-sm text-stone-600">{proposalStateLabel[s]}</div>
            <div className="text-2xl font-semibold tabular-nums" data-testid={`count-${s}`}>
              {counts.find((c) => c.state === s)?.n ?? 0}
            </div>
          </Link>
        ))}
      </div>
      {actor.role === "gov_office" && (
        <div className="mb-4">
          <Card title={`待审核的调整和延期申请（${requests.length}）`}>
            {requests.length === 0 ? (
              <EmptyState>暂无待审核的申请。</EmptyState>
            ) : (
              <Table head={["编号", "建议标题", "申请单位", "申请事项", "提交时间"]} caption="待审核申请">
                {requests.map((r) => (
                  <tr key={r.id}>
                    <Td className="whitespace-nowrap">第{r.number}号</Td>
                    <Td>
                      <Link href={`/proposals/${r.proposalId}`} className="text-brand-700 hover:underline">{r.title}</Link>
                    </Td>
                    <Td>{r.unitName}</Td>
                    <Td>{r.kind === "adjustment" ? "调整承办单位" : `延期至 ${r.requestedDue}`}</Td>
                    <Td>{formatDateTime(r.createdAt)}</Td>
                  </tr>
                ))}
              </Table>
            )}
          </Card>
        </div>
      )}
      {actor.role === "gov_office" && (
        <div className="mb-4">
          <Card title="统一答复期限">
            <FixedDueForm sessions={sessionDueOptions()} />
          </Card>
        </div>
      )}
      <Card title={actor.role === "gov_office" ? `待交办（${waiting.total}）` : `重新办理中（${waiting.total}）`}>
        {waiting.rows.length === 0 ? (
          <EmptyState>暂无。</EmptyState>
        ) : (
          <Table head={["编号", "建议标题", "领衔代表", "领域", "状态"]} caption="待处理建议">
            {waiting.rows.map((r) => (
              <tr key={r.id}>
                <Td className="whitespace-nowrap">第{r.number}号</Td>
                <Td>
                  <Link href={`/proposals/${r.id}`} className="text-brand-700 hover:underline">{r.title}</Link>
                </Td>
                <Td>{r.leadDeputy}</Td>
                <Td>{r.field}</Td>
                <Td><ProposalStateBadge state={r.state} /></Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}

/** The offices' first question: who is late now, with how many duties and promises past their day. */
function LateUnits({ actor, sessionId }: { actor: Actor; sessionId: number }) {
  const report = supervisionReport(actor, { sessionId, today: todayInChina() });
  const late = report.units
    .filter((u) => u.overdueNow > 0 || u.commitments.overdue > 0)
    .sort((a, b) => b.overdueNow - a.overdueNow || b.commitments.overdue - a.commitments.overdue);
  return (
    <section aria-label="逾期情况" data-testid="late-units" className="mb-4 rounded-lg border border-red-200 bg-white px-4 py-3 text-sm">
      {late.length === 0 ? (
        <p className="text-emerald-800">{report.session.name}：目前没有逾期的承办事项。</p>
      ) : (
        <>
          <h2 className="mb-2 font-medium text-red-800">
            {report.session.name}：{late.length} 个单位有逾期事项，共 {report.total.overdueNow} 项承办事项已超期
            {report.total.commitments.overdue > 0 && `，${report.total.commitments.overdue} 项承诺事项逾期`}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {late.slice(0, 12).map((u) => (
              <li key={u.unitId}>
                <Link href={listHref(sessionId, u.unitId, "overdue")} className="inline-flex min-h-10 items-center gap-1 rounded-md border border-stone-200 px-3 hover:border-brand-600">
                  <span className="whitespace-nowrap">{u.unitName}</span>
                  {u.overdueNow > 0 && <span className="whitespace-nowrap text-red-700">超期 {u.overdueNow}</span>}
                  {u.commitments.overdue > 0 && <span className="whitespace-nowrap text-amber-800">承诺逾期 {u.commitments.overdue}</span>}
                </Link>
              </li>
            ))}
            {late.length > 12 && (
              <li>
                <Link href="/supervision" className="inline-flex min-h-10 items-center px-2 text-brand-700 hover:underline">
                  全部 {late.length} 个单位 ›
                </Link>
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}

/** A deputy's phone-first list: big rows, the state in words, what awaits them. */
function DeputyHome({ actor, page }: { actor: Actor; page: number }) {
  const { rows, total, page: current } = listProposals(actor, { page });
  const toRate = awaitingMyRating(actor);
  return (
    <>
      <PageHeader title="我的建议" subtitle={`${actor.displayName}代表领衔或附议的建议`} />
      {toRate.size > 0 && <p className="mb-3 rounded-md bg-brand-50 px-3 py-2 text-brand-700">有 {toRate.size} 件建议的答复等待您评价。</p>}
      {rows.length === 0 ? (
        <EmptyState>暂无建议。</EmptyState>
      ) : (
        <ul className="space-y-3">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/proposals/${r.id}`} className="block rounded-lg border border-stone-200 bg-white p-4 hover:border-brand-600">
                <div className="flex items-center justify-between gap-2 text-sm text-stone-600">
                  <span>第{r.number}号 · {r.leadDeputy === actor.displayName ? "领衔" : "附议"}</span>
                  <ProposalStateBadge state={r.state} />
                </div>
                <div className="mt-1 text-lg font-medium leading-snug">{r.title}</div>
                {toRate.has(r.id) && <div className="mt-2 text-base font-medium text-brand-700">已收到答复，请您评价 ›</div>}
                {r.units.length > 0 && <div className="mt-1 text-sm text-stone-500">{r.units.map((u) => `${u.name}（${assignmentRoleLabel[u.role as keyof typeof assignmentRoleLabel]}）`).join("、")}</div>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE_SIZE && <Pagination page={current} pageSize={PAGE_SIZE} total={total} href={(p) => (p > 1 ? `/?page=${p}` : "/")} />}
    </>
  );
}
