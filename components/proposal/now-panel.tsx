import type { ProposalDetail } from "@/db/queries/proposals";
import { nextStep } from "@/db/queries/workbench";
import type { Actor } from "@/lib/auth/actor";
import { calendarDaysBetween } from "@/lib/deadlines";
import { assignmentRoleLabel, categoryLabel } from "@/lib/labels";
import { Alert } from "@/components/ui/card";
import { AssignmentStateBadge, ProposalStateBadge } from "@/components/proposal/badges";
import { DeadlineLight } from "@/components/proposal/deadline";

/*
 * The first thing on a proposal's page: what it means for this viewer now — the state, the
 * deadline with its light, and the next step with a way to it. A unit sees its own duty; a
 * deputy, where his proposal stands and what awaits him; an office, who is late.
 */

type Assignment = ProposalDetail["assignments"][number];

/** Calendar days from today to the due day, in words. */
function remaining(today: string, due: string) {
  const days = calendarDaysBetween(today, due);
  if (days > 0) return `还有 ${days} 天`;
  if (days === 0) return "今天到期";
  return `已逾期 ${-days} 天`;
}

function Line({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex min-w-0 items-baseline gap-3 py-1" data-testid={testId}>
      <dt className="w-16 shrink-0 text-stone-600">{term}</dt>
      <dd className="min-w-0 flex-1">{children}</dd>
    </div>
  );
}

function Due({ a, today }: { a: Assignment; today: string }) {
  if (a.deadline.light === "none" || !a.deadline.due) return <span className="text-stone-600">—</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-2">
      <DeadlineLight light={a.deadline.light} due={a.deadline.due} />
      <span className="whitespace-nowrap text-stone-700">{remaining(today, a.deadline.due)}</span>
    </span>
  );
}

function Next({ text, href }: { text: string; href?: string }) {
  return href ? (
    <a href={href} className="inline-flex min-h-10 items-center font-medium text-brand-700 underline-offset-2 hover:underline">
      {text} ›
    </a>
  ) : (
    <span className="font-medium">{text}</span>
  );
}

export type NowTargets = { draft?: boolean; sign?: boolean; rate?: string; receive?: boolean };

export function NowPanel({ p, actor, targets }: { p: ProposalDetail; actor: Actor; targets: NowTargets }) {
  const mine = p.mine;
  let body: React.ReactNode;
  if (mine) {
    const doc =
      mine.role === "co"
        ? p.opinions.find((o) => o.assignmentId === mine.id)
        : p.replies.find((r) => r.assignmentId === mine.id && r.round === mine.round);
    const next = nextStep(mine.role, mine.state, doc?.state ?? null, actor.role, mine.round);
    const href = targets.sign ? "#sign" : targets.draft ? "#draft" : targets.receive ? "#receive" : undefined;
    body = (
      <>
        <Line term="本单位" testId="now-state">
          <span className="flex flex-wrap items-center gap-2">
            <span className="whitespace-nowrap">{mine.unitName}（{assignmentRoleLabel[mine.role]}）</span>
            <AssignmentStateBadge state={mine.state} />
            {mine.round > 1 && <span className="text-stone-600">第{mine.round}轮</span>}
          </span>
        </Line>
        <Line term="办理期限" testId="now-deadline">
          <Due a={mine} today={p.today} />
        </Line>
        <Line term="下一步" testId="now-next">
          <Next text={next} href={href} />
        </Line>
        {doc?.state === "returned" && doc.returnComment && (
          <div className="mt-2">
            <Alert tone="warn">领导退回意见：{doc.returnComment}</Alert>
          </div>
        )}
      </>
    );
  } else if (actor.role === "deputy") {
    const sent = p.replies.filter((r) => r.state === "sent");
    const running = p.assignments.filter((a) => a.deadline.light !== "none" && a.deadline.due);
    const latestDue = running.map((a) => a.deadline.due!).sort().at(-1);
    const next = targets.rate
      ? "请对答复作出评价"
      : p.state === "closed"
        ? "已办结"
        : sent.length
          ? "答复已送达，承办单位继续办理中"
          : p.assignments.length
            ? "承办单位正在办理"
            : "等待交办";
    body = (
      <>
        <Line term="办理状态" testId="now-state">
          <ProposalStateBadge state={p.state} />
        </Line>
        <Line term="答复期限" testId="now-deadline">
          {latestDue ? (
            <span className="whitespace-nowrap">
              {latestDue} 前（{remaining(p.today, latestDue)}）
            </span>
          ) : sent.length ? (
            <span>已答复</span>
          ) : (
            <span>—</span>
          )}
        </Line>
        {sent.length > 0 && (
          <Line term="答复">
            {sent.map((r) => (
              <div key={r.id}>
                {r.unitName}：{categoryLabel[r.category]}
              </div>
            ))}
          </Line>
        )}
        <Line term="下一步" testId="now-next">
          <Next text={next} href={targets.rate} />
        </Line>
      </>
    );
  } else {
    // The offices: who is late, who is close, what waits for them.
    const late = p.assignments.filter((a) => a.deadline.light === "red");
    const close = p.assignments.filter((a) => a.deadline.light === "yellow");
    const next =
      p.state === "registered"
        ? actor.role === "gov_office"
          ? "交办承办单位"
          : "甄别，待政府督查室交办"
        : p.requests.some((r) => r.state === "pending")
          ? actor.role === "gov_office"
            ? "审核调整或延期申请"
            : "调整或延期申请待政府督查室审核"
          : late.length
            ? "督促逾期单位办理"
            : "跟踪办理进度";
    const dueAll = p.assignments.map((a) => a.deadline.due).filter((d): d is string => !!d && p.state !== "closed").sort();
    body = (
      <>
        <Line term="办理状态" testId="now-state">
          <ProposalStateBadge state={p.state} />
        </Line>
        <Line term="办理期限" testId="now-deadline">
          {late.length + close.length === 0 ? (
            <span>{dueAll.length ? `最近期限 ${dueAll[0]}，无逾期` : "—"}</span>
          ) : (
            <ul>
              {[...late, ...close].map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-x-2">
                  <span className="whitespace-nowrap">{a.unitName}</span>
                  <Due a={a} today={p.today} />
                </li>
              ))}
            </ul>
          )}
        </Line>
        <Line term="下一步" testId="now-next">
          <Next text={next} href={p.state === "registered" ? "#actions" : undefined} />
        </Line>
      </>
    );
  }
  return (
    <section aria-label="当前办理情况" data-testid="now" className="rounded-lg border border-brand-100 bg-brand-50/60 px-4 py-2 text-sm">
      <dl>{body}</dl>
    </section>
  );
}
