import Link from "next/link";
import { myNotifications, NOTIFICATIONS_PAGE } from "@/db/queries/notifications";
import { requirePage } from "@/lib/auth/current";
import { pageParam } from "@/lib/page-param";
import { formatDateTime, proposalRef } from "@/lib/labels";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { MarkAllReadForm } from "@/components/mark-read-form";

export const metadata = { title: "消息提醒" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const actor = await requirePage("notification.view");
  const page = pageParam((await searchParams).page);
  const { rows, total } = myNotifications(actor, page);
  const unread = rows.some((r) => !r.readAt);
  return (
    <>
      <PageHeader title="消息提醒" subtitle="交办、待签发、退回、协办意见送达、代表评价、临近期限和逾期提醒" actions={unread ? <MarkAllReadForm /> : undefined} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState>暂无消息。</EmptyState>
        ) : (
          <ul className="divide-y divide-stone-100" data-testid="notifications">
            {rows.map((n) => {
              const ref = n.proposalNumber != null && n.proposalTitle != null ? proposalRef(n.proposalNumber, n.proposalTitle) : null;
              return (
                <li key={n.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-3 text-sm" data-kind={n.kind} data-unread={!n.readAt}>
                  {!n.readAt && <span className="mt-1.5 inline-block h-2 w-2 rounded-full bg-brand-600" role="img" aria-label="未读" />}
                  <div className="min-w-0 flex-1">
                    {n.proposalId ? (
                      <Link href={`/proposals/${n.proposalId}`} className={`hover:underline ${n.readAt ? "text-stone-700" : "font-medium text-stone-900"}`}>
                        {n.message}
                      </Link>
                    ) : (
                      n.message
                    )}
                    {/* Messages written before they named the title: the proposal is named here. */}
                    {ref && !n.message.includes(ref) && <span className="block text-xs text-stone-500" data-testid="notification-proposal">{ref}</span>}
                  </div>
                  <time className="text-xs text-stone-500">{formatDateTime(n.createdAt)}</time>
                </li>
              );
            })}
          </ul>
        )}
        <Pagination page={page} pageSize={NOTIFICATIONS_PAGE} total={total} href={(p) => `/notifications?page=${p}`} />
      </Card>
    </>
  );
}
