import { proposalCommitments, type CommitmentView } from "@/db/queries/commitments";
import type { Actor } from "@/lib/auth/actor";
import { calendarDaysBetween, commitmentDueRange } from "@/lib/deadlines";
import { commitmentReportLabel, commitmentStatusLabel, replyRoundLabel } from "@/lib/labels";
import type { CommitmentStatus } from "@/lib/workflow";
import { Badge, type Tone } from "@/components/ui/badge";
import { Alert, Card } from "@/components/ui/card";
import { DocumentStateBadge } from "@/components/proposal/badges";
import { AddCommitmentForm, RemoveCommitmentForm, ReportCommitmentForm } from "@/components/proposal/commitment-forms";

/*
 * 承诺事项: what a B-category reply promised, followed until each is done (docs/rules.md
 * § "Commitments"). Everyone who sees a reply sees its commitments and their reports; the replying
 * unit gets the forms its role allows now (db/queries/commitments.ts decides, the services check).
 */

const tone: Record<CommitmentStatus, Tone> = { open: "info", done: "success", overdue: "danger" };

export function CommitmentsSection({ proposalId, actor }: { proposalId: number; actor: Actor }) {
  const { groups, today } = proposalCommitments(actor, proposalId);
  if (groups.length === 0) return null;
  return (
    <Card title="承诺事项">
      <div className="space-y-6">
        {groups.map((g) => (
          <div key={g.replyId} data-testid={`commitments-of-reply-${g.replyId}`}>
            <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{g.unitName}</span>
              <span>{replyRoundLabel(g.round)}（B类）</span>
              {g.replyState !== "sent" && (
                <>
                  <DocumentStateBadge state={g.replyState} />
                  <span className="text-stone-500">答复签发后，承诺事项随答复送达代表</span>
                </>
              )}
            </div>
            {g.prompt && (
              <div className="mb-3">
                <Alert tone="warn">答复类别为B类，请登记承诺事项：逐项写明承诺办理的事项和完成时限；答复签发后按时报告进展，完成时报告完成情况和佐证材料。</Alert>
              </div>
            )}
            {g.commitments.length === 0 && !g.prompt && <p className="text-sm text-stone-500">尚未登记承诺事项。</p>}
            {g.commitments.length > 0 && (
              <ol className="space-y-3">
                {g.commitments.map((c) => (
                  <CommitmentItem key={c.id} c={c} today={today} />
                ))}
              </ol>
            )}
            {g.canAdd && (
              <div className="mt-4 border-t border-stone-100 pt-3">
                <h3 className="mb-2 text-sm font-medium text-stone-800">新增承诺事项</h3>
                <AddCommitmentForm replyId={g.replyId} {...commitmentDueRange(g.assignedOn)} />
              </div>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}

function CommitmentItem({ c, today }: { c: CommitmentView; today: string }) {
  return (
    <li className="rounded-md border border-stone-200 p-3" data-testid={`commitment-${c.id}`} data-status={c.status}>
      <div className="flex flex-wrap items-start gap-2">
        <Badge tone={tone[c.status]}>{commitmentStatusLabel[c.status]}</Badge>
        <p className="min-w-0 flex-1 break-words font-medium text-stone-900">{c.content}</p>
        {c.canRemove && <RemoveCommitmentForm commitmentId={c.id} />}
      </div>
      <p className="mt-1 text-sm text-stone-600">
        承诺完成时限：<span className="tabular-nums">{c.dueOn}</span>
        {c.status === "overdue" && <span className="text-red-700">，已逾期{calendarDaysBetween(c.dueOn, today)}天</span>}
        {c.status === "done" && <span>，已于{c.doneOn}报告完成</span>}
      </p>
      {c.reports.length > 0 && (
        <ol className="mt-2 space-y-2 border-l-2 border-stone-200 pl-3 text-sm">
          {c.reports.map((r) => (
            <li key={r.id} data-kind={r.kind}>
              <div className="text-xs text-stone-500">
                <span className="tabular-nums">{r.reportedOn}</span> {commitmentReportLabel[r.kind]} · {r.reportedBy}
              </div>
              <p className="whitespace-pre-wrap break-words">{r.body}</p>
              {r.evidence && <p className="whitespace-pre-wrap break-words text-stone-600">佐证材料：{r.evidence}</p>}
            </li>
          ))}
        </ol>
      )}
      {c.canReport && (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-brand-700">报告进展或完成情况</summary>
          <div className="mt-2">
            <ReportCommitmentForm commitmentId={c.id} />
          </div>
        </details>
      )}
    </li>
  );
}
