import type { Metadata } from "next";
import { publicSearch, PUBLIC_PAGE_SIZE } from "@/db/queries/public";
import { todayInChina } from "@/lib/clock";
import { pageParam } from "@/lib/page-param";
import { PublicProposalCard } from "@/components/public/proposal-card";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/card";

type Search = Record<string, string | string[] | undefined>;
const queryOf = (sp: Search) => (typeof sp.q === "string" ? sp.q.trim().slice(0, 50) : "");

export async function generateMetadata({ searchParams }: { searchParams: Promise<Search> }): Promise<Metadata> {
  const q = queryOf(await searchParams);
  return { title: q ? `检索：${q}` : "检索", description: "检索已公开的人大代表建议和答复。", robots: { index: false } };
}

/** The public search: what is published, best first, the words marked. */
export default async function PublicSearchPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = queryOf(sp);
  const page = pageParam(sp.page);
  const { rows, total } = q ? publicSearch(q, page, todayInChina()) : { rows: [], total: 0 };
  return (
    <section aria-labelledby="results">
      <h1 id="results" className="mb-3 text-xl font-semibold">{q ? `“${q}”的检索结果` : "检索建议和答复"}</h1>
      {!q ? (
        <EmptyState>请在上方输入关键词，如建议标题、内容、代表姓名、承办单位或答复中的词语。</EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState>没有找到含“{q}”的公开建议或答复。请换一个词再试。</EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-stone-600">找到 {total} 件，按相关程度排列。</p>
          <ul className="space-y-3">{rows.map((r) => <PublicProposalCard key={r.id} row={r} q={q} level={2} />)}</ul>
          <Pagination page={page} pageSize={PUBLIC_PAGE_SIZE} total={total} href={(p) => `/public/search?q=${encodeURIComponent(q)}&page=${p}`} />
        </>
      )}
    </section>
  );
}
