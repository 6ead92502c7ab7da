import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { publicProposal } from "@/db/queries/public";
import { todayInChina } from "@/lib/clock";
import { categoryLabel, disclosureLabel } from "@/lib/labels";
import { formatDate } from "@/lib/labels";
import { ProposalStateBadge } from "@/components/proposal/badges";

type Params = Promise<{ session: string; number: string }>;

function load(p: { session: string; number: string }) {
  if (!/^\d{1,9}$/.test(p.session) || !/^\d{1,5}$/.test(p.number)) return null;
  return publicProposal(Number(p.session), Number(p.number), todayInChina());
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = load(await params);
  if (!p) return { title: "未找到" };
  const replied = p.replies.length ? `，${p.replies.map((r) => r.unit).join("、")}已答复` : "";
  return { title: `${p.title}（${p.sessionName}第${p.number}号）`, description: `${p.deputies.join("、")}提出${replied}。` };
}

/** One proposal as the public sees it: what the deputy chose to disclose, and its published replies in full. */
export default async function PublicProposalPage({ params }: { params: Params }) {
  const p = load(await params);
  if (!p) notFound();
  return (
    <article className="space-y-5">
      <nav className="text-sm"><Link href={`/public?session=${p.sessionId}`} className="text-brand-700 underline">← {p.sessionName}建议</Link></nav>
      <header>
        <p className="text-sm text-stone-600">{p.sessionName}第{p.number}号建议 · {p.field}</p>
        <h1 className="mt-1 text-xl font-semibold leading-snug sm:text-2xl">{p.title}</h1>
        <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-y-1 text-sm">
          <dt className="text-stone-500">提出代表</dt><dd>{p.deputies.join("、")}</dd>
          <dt className="text-stone-500">承办单位</dt><dd>{p.units.join("、") || "尚未交办"}</dd>
          <dt className="text-stone-500">办理状态</dt><dd><ProposalStateBadge state={p.state} /></dd>
          {p.category && (<><dt className="text-stone-500">答复类别</dt><dd>{categoryLabel[p.category]}</dd></>)}
          {p.raisedBefore > 0 && (<><dt className="text-stone-500">往年提出</dt><dd>此前已提出 {p.raisedBefore} 年</dd></>)}
        </dl>
      </header>
      {p.body == null ? (
        <p className="rounded-md bg-stone-100 p-3 text-sm text-stone-700">代表选择“{disclosureLabel.title_only}”，建议内容和答复不予公开。</p>
      ) : (
        <>
          <section aria-labelledby="body">
            <h2 id="body" className="mb-2 text-lg font-semibold">建议内容</h2>
            <div className="whitespace-pre-wrap break-words text-base leading-8">{p.body}</div>
          </section>
          <section aria-labelledby="replies" className="space-y-4">
            <h2 id="replies" className="text-lg font-semibold">答复</h2>
            {p.replies.length === 0 && <p className="text-sm text-stone-600">答复尚未公开。答复自发文之日起按规定期限公开。</p>}
            {p.replies.map((r) => (
              <section key={r.id} aria-label={`${r.unit}${r.round > 1 ? `第${r.round}次` : ""}的答复`} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="text-sm text-stone-600">
                  {r.unit}{r.round > 1 ? `（第${r.round}次答复）` : ""} · {r.docNumber} · {r.sentAt ? formatDate(r.sentAt) : ""} 答复 · {categoryLabel[r.category]}
                </p>
                <div className="mt-2 whitespace-pre-wrap break-words text-base leading-8">{r.body}</div>
              </section>
            ))}
          </section>
        </>
      )}
    </article>
  );
}
