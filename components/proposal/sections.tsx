import type { ReactNode } from "react";
import type { ProposalDetail } from "@/db/queries/proposals";
import { unitOptions } from "@/db/queries/options";
import { letterOfDoc } from "@/db/queries/letters";
import type { Actor } from "@/lib/auth/actor";
import { offersFor, type Offer } from "@/lib/access/proposal";
import {
  assignmentRoleLabel,
  categoryLabel,
  channelLabel,
  disclosureLabel,
  formatDate,
  formatDateTime,
  ratingLabel,
  roleLabel,
} from "@/lib/labels";
import { REPLY_CATEGORIES, canRequest } from "@/lib/workflow";
import { dayOf } from "@/lib/deadlines";
import { Badge } from "@/components/ui/badge";
import { Alert, Card, DescriptionList, EmptyState } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { AssignmentStateBadge, DocumentStateBadge } from "@/components/proposal/badges";
import { DocumentView } from "@/components/proposal/document-view";
import { DeadlineLight } from "@/components/proposal/deadline";
import { AdjustmentForm, DecideForm, ExtensionForm } from "@/components/proposal/request-forms";
import {
  AssignForm,
  ContactForm,
  MarkForm,
  OpinionEditor,
  RatingForm,
  ReceiveForm,
  PublishForm,
  ReplyEditor,
  SignOffForms,
  WithdrawForm,
} from "@/components/proposal/forms";

/*
 * The proposal page's sections. The page reads the proposal (db/queries/proposals.ts); what the
 * viewer sees in it and may do now is decided by lib/access/proposal.ts; these only show it.
 */

/** The proposal as registered; `folded` while the viewer's own work comes first (drafting, signing). */
export function ProposalContent({ p, actor, folded = false }: { p: ProposalDetail; actor: Actor; folded?: boolean }) {
  const text = (
    <div className="mt-4 space-y-2 border-t border-stone-100 pt-4 font-serif text-[15px] leading-8">
      {p.body.split(/\n+/).map((para, i) => (
        <p key={i} className="indent-8">
          {para}
        </p>
      ))}
    </div>
  );
  return (
    <Card title="建议内容">
      <DescriptionList
        items={[
          ["领衔代表", `${p.leadDeputy.name}（${p.leadDeputy.deputation}）`],
          ["附议代表", p.cosigners.length ? p.cosigners.map((c) => (c.mergedFromId ? `${c.name}（并案）` : c.name)).join("、") : "无"],
          ...(p.mergedInto ? ([["并案", <a key="m" href={`/proposals/${p.mergedInto.id}`} className="text-brand-700 underline">已并入第{p.mergedInto.number}号建议办理</a>]] as [string, ReactNode][]) : []),
          ...(p.mergedFrom.length
            ? ([["并案", p.mergedFrom.map((m) => `第${m.number}号`).join("、") + "并入本件办理"]] as [string, ReactNode][])
            : []),
          ...(p.raisedBefore > 0 ? ([["重复提出", `此前已提出 ${p.raisedBefore} 年`]] as [string, string][]) : []),
          ...(p.notPublicReason ? ([["不予公开", p.notPublicReason]] as [string, string][]) : []),
          ["所属领域", p.field],
          ["公开选项", disclosureLabel[p.disclosure]],
          ...(p.isKey ? ([["督办领导", p.supervisor ?? "—"]] as [string, string][]) : []),
          ...(p.withdrawReason ? ([["撤案理由", p.withdrawReason]] as [string, string][]) : []),
          ...(p.suggestedUnits && (actor.role === "gov_office" || actor.role === "congress_office")
            ? ([["建议承办单位", p.suggestedUnits]] as [string, string][])
            : []),
        ]}
      />
      {folded ? (
        <details className="mt-3 border-t border-stone-100 pt-2" data-testid="proposal-text">
          <summary className="flex min-h-10 cursor-pointer items-center text-sm font-medium text-brand-700">建议正文（点击展开）</summary>
          {text}
        </details>
      ) : (
        text
      )}
    </Card>
  );
}

export function UnitsSection({ p }: { p: ProposalDetail }) {
  return (
    <Card title="承办单位">
      {p.assignments.length === 0 ? (
        <EmptyState>尚未交办。</EmptyState>
      ) : (
        <Table head={["单位", "类型", "办理状态", "交办时间", "签收时间", "办理期限"]} caption="承办单位">
          {p.assignments.map((a) => (
            <tr key={a.id} data-testid={`assignment-${a.unitName}`}>
              <Td className="font-medium">{a.unitName}</Td>
              <Td>{assignmentRoleLabel[a.role]}</Td>
              <Td>
                <AssignmentStateBadge state={a.state} />
                {a.round > 1 && <span className="ml-1 text-xs text-stone-500">第{a.round}轮</span>}
              </Td>
              <Td>{formatDate(a.assignedAt)}</Td>
              <Td>{formatDate(a.receivedAt)}</Td>
              <Td>
                <DeadlineLight light={a.deadline.light} due={a.deadline.due} />
                {a.deadline.light !== "none" &&
                  a.deadline.explanation.map((line) => (
                    <div key={line} className="text-xs text-stone-500">{line}</div>
                  ))}
                {a.deadline.light !== "none" && (a.state === "assigned" || a.state === "received") && p.today <= a.deadline.returnWindowEnd && (
                  <div className="text-xs text-stone-500">申请调整期限：{a.deadline.returnWindowExplanation}</div>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

export function RequestsSection({ p, actor }: { p: ProposalDetail; actor: Actor }) {
  if (p.requests.length === 0) return null;
  return (
    <Card title="调整和延期申请">
      <ul className="space-y-3 text-sm">
        {p.requests.map((r) => (
          <li key={r.id} className="rounded-md border border-stone-200 p-3" data-testid={`request-${r.id}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.unitName}</span>
              <span>{r.kind === "adjustment" ? "申请调整承办单位" : `申请延期至 ${r.requestedDue}`}</span>
              <Badge tone={r.state === "pending" ? "warn" : r.state === "approved" ? "success" : "neutral"}>
                {r.state === "pending" ? "待审核" : r.state === "approved" ? "已同意" : "不同意"}
              </Badge>
              <span className="text-stone-500">{r.by} {formatDateTime(r.createdAt)}</span>
            </div>
            <p className="mt-1">理由：{r.reason}</p>
            {r.decisionReason && <p className="mt-1 text-stone-600">审核意见：{r.decisionReason}</p>}
            {r.state === "pending" && canRequest("decideRequest", p.assignments.find((a) => a.id === r.assignmentId)?.state ?? "closed", actor.role).ok && (
              <div className="mt-3 border-t border-stone-100 pt-3">
                <DecideForm requestId={r.id} kind={r.kind} units={unitsNotOn(p)} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function OpinionsSection({ p, opinions }: { p: ProposalDetail; opinions: ProposalDetail["opinions"] }) {
  // The lead unit sees the section while its co-units' opinions are awaited.
  if (opinions.length === 0 && !(p.mine?.role === "lead" && p.assignments.some((a) => a.role === "co"))) return null;
  return (
    <Card title="协办意见">
      {opinions.length === 0 && <EmptyState>协办单位尚未送达协办意见。</EmptyState>}
      <div className="space-y-4">
        {opinions.map((o) => (
          <div key={o.id} data-testid={`opinion-${o.unitName}`}>
            <div className="mb-2 flex items-center gap-2 text-sm">
              <span className="font-medium">{o.unitName}</span>
              <DocumentStateBadge state={o.state} />
              {o.sentAt && <span className="text-stone-500">送达于 {formatDateTime(o.sentAt)}</span>}
              <DocumentLinks kind="opinion" id={o.id} />
            </div>
            {o.state === "returned" && o.returnComment && <Alert tone="warn">退回意见：{o.returnComment}</Alert>}
            <DocumentView letter={letterOfDoc(p, "opinion", o)} draft={o.state !== "sent"} />
          </div>
        ))}
      </div>
    </Card>
  );
}

/** Where a sent reply stands on the public portal (docs/rules.md § "Publication"). */
function publicationNote(p: ProposalDetail, publishOn: string) {
  if (p.disclosure === "none" || p.notPublicReason) return `不公开${p.notPublicReason ? `（${p.notPublicReason}）` : "（代表选择不公开）"}`;
  const what = p.disclosure === "title_only" ? "仅公开标题" : "公开";
  return publishOn <= p.today ? `已于 ${publishOn} ${what}` : `将于 ${publishOn} ${what}（发文后${p.settings.publicationWorkdays}个工作日）`;
}

export function RepliesSection({ p, replies, canPublish = false }: { p: ProposalDetail; replies: ProposalDetail["replies"]; canPublish?: boolean }) {
  if (replies.length === 0) return null;
  return (
    <Card title="答复">
      <div className="space-y-4">
        {replies.map((r) => (
          <div key={r.id} data-testid={`reply-round-${r.round}`}>
            <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{r.unitName}</span>
              <span>第{r.round}轮答复</span>
              <DocumentStateBadge state={r.state} />
              <span className="text-stone-600">{categoryLabel[r.category]}</span>
              {r.sentAt && <span className="text-stone-500">送达于 {formatDateTime(r.sentAt)}</span>}
              <DocumentLinks kind="reply" id={r.id} />
              {r.publishOn && (
                <span className="text-stone-500" data-testid="publication">
                  {publicationNote(p, r.publishOn)}
                </span>
              )}
            </div>
            {canPublish && r.publishOn && r.publishOn > p.today && p.disclosure !== "none" && !p.notPublicReason && <PublishForm replyId={r.id} />}
            {r.state === "returned" && r.returnComment && <Alert tone="warn">退回意见：{r.returnComment}</Alert>}
            {r.outstandingReason && (
              <p className="mb-2 text-sm text-amber-800" data-testid="outstanding-reason">
                未收齐协办意见先行答复的理由：{r.outstandingReason}
              </p>
            )}
            <DocumentView letter={letterOfDoc(p, "reply", r)} draft={r.state !== "sent"} />
          </div>
        ))}
      </div>
    </Card>
  );
}

export function ContactsSection({ p }: { p: ProposalDetail }) {
  return (
    <Card title="联系代表记录">
      {p.contacts.length === 0 ? (
        <EmptyState>暂无联系记录。</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm">
          {p.contacts.map((c) => (
            <li key={c.id} className="py-2">
              <div className="flex flex-wrap gap-x-3 text-stone-600">
                <span>{c.contactedOn}</span>
                <span>{channelLabel[c.channel]}</span>
                <span>{c.unitName}</span>
                <span>参加人员：{c.people}</span>
              </div>
              <p className="mt-1">{c.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function RatingsSection({ p }: { p: ProposalDetail }) {
  if (p.ratings.length === 0 && p.state !== "replied" && p.state !== "closed") return null;
  return (
    <Card title="代表评价">
      {p.ratings.length === 0 ? (
        <EmptyState>暂无评价。</EmptyState>
      ) : (
        <Table head={["代表", "轮次", "办理态度", "办理结果", "答复前是否联系", "意见", "时间"]} caption="代表评价">
          {p.ratings.map((r) => {
            const round = p.replies.find((x) => x.id === r.replyId)?.round;
            return (
              <tr key={r.id}>
                <Td>{r.deputyName}</Td>
                <Td>{round ? `第${round}轮` : "—"}</Td>
                <Td>{ratingLabel[r.attitude]}</Td>
                <Td>{ratingLabel[r.outcome]}</Td>
                <Td>{r.wasContacted ? "是" : "否"}</Td>
                <Td>{r.comment || "—"}</Td>
                <Td>{formatDate(r.createdAt)}</Td>
              </tr>
            );
          })}
        </Table>
      )}
    </Card>
  );
}

export function TimelineSection({ p }: { p: ProposalDetail }) {
  return (
    <Card title="办理记录">
      <ol className="space-y-2 text-sm" data-testid="timeline">
        {p.timeline.map((h) => (
          <li key={h.id} className="flex flex-wrap gap-x-3">
            <time className="w-36 shrink-0 text-stone-500">{formatDateTime(h.at)}</time>
            <span className="font-medium">{h.label}</span>
            {h.detail && <span data-testid="timeline-detail">{h.detail}</span>}
            <span className="text-stone-600">
              {h.actorUnit ?? (h.actorRole ? roleLabel[h.actorRole] : "系统")} {h.actorName ?? ""}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** The units a proposal could be handed to: every active unit not already on it. */
function unitsNotOn(p: ProposalDetail) {
  return unitOptions().filter((u) => !p.assignments.some((a) => String(a.unitId) === u.value));
}

/** The unit's own drafts: every saved text, and a comparison of any two. */
function VersionsLink({ kind, id }: { kind: "opinion" | "reply"; id: number }) {
  return (
    <a href={`/documents/${kind}/${id}/versions`} className="link">
      历次稿本
    </a>
  );
}

function DocumentLinks({ kind, id }: { kind: "opinion" | "reply"; id: number }) {
  return (
    <span className="ml-auto flex gap-3 text-sm">
      <a href={`/documents/${kind}/${id}/print`} className="text-brand-700 hover:underline">打印预览</a>
      <a href={`/api/documents/${kind}/${id}/docx`} className="text-brand-700 hover:underline">下载 Word</a>
    </span>
  );
}

/**
 * Exactly the actions this viewer may take now, as lib/access/proposal.ts offers them (the
 * services refuse everything else anyway): quick decisions at the top, drafting and contact logs
 * below the documents they draw on.
 */
export function actionsFor(p: ProposalDetail, actor: Actor) {
  const panels: React.ReactNode[] = [];
  const drafting: React.ReactNode[] = [];
  const work: React.ReactNode[] = [];
  const rating: React.ReactNode[] = [];
  let signing: { kind: "opinion" | "reply"; id: number } | undefined;
  const mine = p.mine;
  const documents = [
    ...p.opinions.map((o) => ({ id: o.id, kind: "opinion" as const, assignmentId: o.assignmentId, state: o.state, round: 1 })),
    ...p.replies.map((r) => ({ id: r.id, kind: "reply" as const, assignmentId: r.assignmentId, state: r.state, round: r.round })),
  ];
  const offers = offersFor(actor, {
    state: p.state,
    deputyIds: p.deputyIds,
    assignments: p.assignments,
    documents,
    requests: p.requests,
    ratedByViewer: p.allRatingsOfDeputy,
    today: p.today,
    clock: mine && { returnWindowEnd: mine.deadline.returnWindowEnd, due: mine.deadline.due, extensionLimit: mine.deadline.extensionLimit },
  });
  const offered = (action: Offer["action"]) => offers.some((o) => o.action === action);
  const docOf = (kind: "opinion" | "reply", id: number | null) =>
    id == null ? undefined : kind === "opinion" ? p.opinions.find((o) => o.id === id) : p.replies.find((r) => r.id === id);

  if (offered("assign"))
    panels.push(
      <Card key="assign" title="交办">
        <AssignForm proposalId={p.id} units={unitOptions()} />
      </Card>,
    );
  if (offered("mark"))
    panels.push(
      <Card key="mark" title="甄别与重点督办">
        <MarkForm p={p} />
      </Card>,
    );
  if (offered("withdraw"))
    panels.push(
      <Card key="withdraw" title="撤案">
        <WithdrawForm proposalId={p.id} />
      </Card>,
    );

  if (mine) {
    if (offered("receive"))
      panels.push(
        <Card key="receive" title="签收" id="receive">
          <p className="mb-3 text-sm text-stone-600">
            本单位为该建议的{assignmentRoleLabel[mine.role]}单位，{formatDate(mine.assignedAt)}交办，办理时限自交办之日起计算。
          </p>
          <ReceiveForm assignmentId={mine.id} />
        </Card>,
      );
    for (const o of offers) {
      if (o.action !== "draft") continue;
      const doc = docOf(o.kind, o.documentId);
      const outstanding = p.assignments.filter((a) => a.role === "co" && a.state !== "opinion_sent").map((a) => a.unitName);
      const title = o.kind === "opinion" ? "起草协办意见" : o.round > 1 ? `起草第${o.round}轮答复（重新办理）` : "起草答复";
      drafting.push(
        <Card key="draft" title={title} id="draft">
          {doc && (
            <p className="mb-2 flex flex-wrap gap-x-3 text-xs text-stone-600">
              <span>第{doc.version}稿 · 最后保存 {formatDateTime(doc.updatedAt)}</span>
              <VersionsLink kind={o.kind} id={doc.id} />
            </p>
          )}
          {o.kind === "opinion" ? (
            <OpinionEditor assignmentId={mine.id} doc={doc} defaults={{ contactPerson: actor.displayName }} />
          ) : (
            <ReplyEditor
              assignmentId={mine.id}
              doc={doc as (typeof p.replies)[number] | undefined}
              defaults={{ contactPerson: actor.displayName }}
              categories={REPLY_CATEGORIES.map((c) => ({ value: c, label: categoryLabel[c] }))}
              outstanding={outstanding}
            />
          )}
        </Card>,
      );
    }
    for (const o of offers) {
      if (o.action !== "signOff") continue;
      const doc = docOf(o.kind, o.documentId)!;
      signing = { kind: o.kind, id: doc.id };
      panels.push(
        <Card key="sign" title={o.kind === "opinion" ? "签发协办意见" : "签发答复"} id="sign">
          <p className="mb-3 text-sm text-stone-600">
            承办人{doc.submittedAt ? `于${formatDateTime(doc.submittedAt)}` : ""}送签第{doc.version}稿，请审阅后签发或退回。
            <span className="ml-2"><VersionsLink kind={o.kind} id={doc.id} /></span>
          </p>
          <div className="mb-4" data-testid="signing-document">
            <DocumentView letter={letterOfDoc(p, o.kind, { ...doc, unitName: mine.unitName })} draft />
          </div>
          <SignOffForms kind={o.kind} documentId={doc.id} version={doc.version} />
        </Card>,
      );
    }
    const waiting = documents.find((d) => d.assignmentId === mine.id && d.state === "pending" && (d.kind === "opinion" || d.round === mine.round));
    if (waiting && actor.role === "unit_staff")
      panels.push(
        <Alert key="waiting" tone="info">
          第{docOf(waiting.kind, waiting.id)!.version}稿已送领导签发，等待签发。 <VersionsLink kind={waiting.kind} id={waiting.id} />
        </Alert>,
      );
    const d = mine.deadline;
    if (offered("requestAdjustment") || offered("requestExtension"))
      work.push(
        <Card key="requests" title="申请调整或延期">
          <div className="grid gap-6 md:grid-cols-2">
            {offered("requestExtension") && <ExtensionForm assignmentId={mine.id} due={d.due} limit={d.extensionLimit} />}
            {offered("requestAdjustment") && <AdjustmentForm assignmentId={mine.id} windowEnd={d.returnWindowEnd} units={unitsNotOn(p)} />}
          </div>
        </Card>,
      );
    if (offered("logContact"))
      work.push(
        <Card key="contact" title="记录联系代表">
          <ContactForm assignmentId={mine.id} assignedOn={dayOf(mine.assignedAt)} today={p.today} />
        </Card>,
      );
  }

  for (const o of offers) {
    if (o.action !== "rate") continue;
    const r = p.replies.find((x) => x.id === o.replyId)!;
    rating.push(
      <Card key={`rate-${r.id}`} title={`请评价${r.unitName}的答复`} id={`rate-${r.id}`}>
        <RatingForm replyId={r.id} unitName={r.unitName} />
      </Card>,
    );
  }

  return { now: panels, drafting, work, rating, signing, receiving: !!mine && offered("receive") };
}
