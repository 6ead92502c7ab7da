import Link from "next/link";
import { keyProposals } from "@/db/queries/supervision";
import { assignmentRoleLabel } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { AssignmentStateBadge, ProposalStateBadge } from "@/components/proposal/badges";
import { DeadlineLight } from "@/components/proposal/deadline";
import { SessionPicker } from "@/components/supervision/session-picker";
import { openSupervision, type Search } from "../context";

export const metadata = { title: "重点督办建议" };


export default async function KeyProposalsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { actor, sessions, session, today } = await openSupervision(searchParams);
  if (!session)
    return (
      <>
        <PageHeader title="重点督办建议" />
        <EmptyState>尚未设立届次。</EmptyState>
      </>
    );
  const list = keyProposals(actor, { sessionId: session.id, today });
  const red = list.filter((p) => p.units.some((u) => u.light === "red")).length;

  return (
    <>
      <PageHeader
        title="重点督办建议"
        subtitle={`${session.name} · ${list.length} 件${red ? `，其中 ${red} 件有承办单位超期` : ""} · 统计至 ${today}`}
        actions={
          <>
            <a href={`/api/export/supervision?session=${session.id}&view=key`} className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm hover:bg-stone-100">导出 Excel</a>
            <ButtonLink href={`/supervision?session=${session.id}`}>返回办理督查</ButtonLink>
          </>
        }
      />
      <div className="space-y-4">
        <SessionPicker action="/supervision/key" sessions={sessions} current={session.id} />
        <Card>
          {list.length === 0 ? (
            <EmptyState>本届次暂无重点督办建议。</EmptyState>
          ) : (
            <Table caption="重点督办建议" head={["编号", "建议标题", "督办领导", "状态", "主办（分办）单位", "答复期限", "面商"]}>
              {list.map((p) => (
                <tr key={p.proposalId}>
                  <Td className="whitespace-nowrap">第{p.number}号</Td>
                  <Td>
                    <Link href={`/proposals/${p.proposalId}`} className="text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    {p.coUnits.length > 0 && <div className="text-xs text-stone-500">协办：{p.coUnits.join("、")}</div>}
                  </Td>
                  <Td className="whitespace-nowrap">{p.supervisor ?? <span className="text-stone-500">未确定</span>}</Td>
                  <Td>
                    <ProposalStateBadge state={p.state} />
                  </Td>
                  {p.units.length === 0 ? (
                    <>
                      <Td className="text-stone-500">尚未交办</Td>
                      <Td className="text-stone-500">—</Td>
                      <Td className="text-stone-500">—</Td>
                    </>
                  ) : (
                    <>
                      <Td>
                        <ul className="space-y-1">
                          {p.units.map((u) => (
                            <li key={u.assignmentId} className="flex flex-wrap items-center gap-1 whitespace-nowrap">
                              {u.unitName}
                              {u.role === "parallel" && <span className="text-xs text-stone-500">（{assignmentRoleLabel[u.role]}）</span>}
                              <AssignmentStateBadge state={u.state} />
                            </li>
                          ))}
                        </ul>
                      </Td>
                      <Td>
                        <ul className="space-y-1">
                          {p.units.map((u) => (
                            <li key={u.assignmentId} className="whitespace-nowrap">
                              {u.due ? (
                                <>
                                  <DeadlineLight light={u.light} due={u.due} />
                                  {u.duty === "rehandling" && <span className="ml-1 text-xs text-stone-500">重新办理</span>}
                                </>
                              ) : u.repliedOn ? (
                                <span className="text-sm text-stone-600">{u.repliedOn} 已答复</span>
                              ) : (
                                <span className="text-stone-500">—</span>
                              )}
                            </li>
                          ))}
                        </ul>
                      </Td>
                      <Td>
                        <ul className="space-y-1">
                          {p.units.map((u) => (
                            <li key={u.assignmentId} className="whitespace-nowrap">
                              {u.metOn ? <Badge tone="success">{u.metOn} 已面商</Badge> : <Badge tone={p.state === "withdrawn" ? "neutral" : "warn"}>未面商</Badge>}
                            </li>
                          ))}
                        </ul>
                      </Td>
                    </>
                  )}
                </tr>
              ))}
            </Table>
          )}
          <p className="mt-3 text-xs text-stone-500">重点督办建议须与代表当面沟通（走访或座谈）；“面商”只计当面走访和座谈会，不含电话和网络联系。</p>
        </Card>
      </div>
    </>
  );
}
