import Link from "next/link";
import { publicList, publicSessions, recentlyPublished, PUBLIC_PAGE_SIZE } from "@/db/queries/public";
import { todayInChina } from "@/lib/clock";
import { pageParam } from "@/lib/page-param";
import { PublicProposalCard } from "@/components/public/proposal-card";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/card";

export const metadata = { title: "建议办理结果公开", description: "按届次浏览人大代表建议及其答复。" };

type Search = Record<string, string | string[] | undefined>;

/** The portal's front page: the sessions, one session's proposals, and the newest published replies. */
export default async function PublicHome({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const today = todayInChina();
  const sessions = publicSessions();
  const sessionId = typeof sp.session === "string" && /^\d{1,9}$/.test(sp.session) ? Number(sp.session) : sessions[0]?.id;
  const session = sessions.find((s) => s.id === sessionId);
  const page = pageParam(sp.page);
  const list = session ? publicList(session.id, page, today) : { rows: [], total: 0 };
  const recent = recentlyPublished(today, 5);
  return (
    <div className="space-y-6">
      <h1 className="sr-only">人大代表建议办理结果公开</h1>
      <nav aria-label="届次" className="flex flex-wrap gap-2">
        {sessions.map((s) => (
          <Link
            key={s.id}
            href={`/public?session=${s.id}`}
            aria-current={s.id === session?.id ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-full border px-4 text-sm ${s.id === session?.id ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-stone-100"}`}
          >
            {s.name}（{s.proposals}件）
          </Link>
        ))}
      </nav>
      {recent.length > 0 && (
        <section aria-labelledby="recent">
          <h2 id="recent" className="mb-2 text-lg font-semibold">新公开的答复</h2>
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {recent.map((r) => (
              <li key={r.replyId}>
                <Link href={`/public/${r.sessionId}/${r.number}`} className="block px-4 py-3 hover:bg-stone-50">
                  <span className="block text-base text-brand-800">{r.title}</span>
                  <span className="text-sm text-stone-500">{r.sessionName}第{r.number}号 · {r.unit} · {r.publishOn} 公开</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="list">
        <h2 id="list" className="mb-2 text-lg font-semibold">{session ? `${session.name}建议` : "建议"}</h2>
        {list.rows.length === 0 ? (
          <EmptyState>本届次暂无公开的建议。</EmptyState>
        ) : (
          <ul className="space-y-3">{list.rows.map((r) => <PublicProposalCard key={r.id} row={r} />)}</ul>
        )}
        <Pagination page={page} pageSize={PUBLIC_PAGE_SIZE} total={list.total} href={(p) => `/public?session=${session?.id ?? ""}&page=${p}`} />
      </section>
    </div>
  );
}
