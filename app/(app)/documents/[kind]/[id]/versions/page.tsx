import Link from "next/link";
import { notFound } from "next/navigation";
import { draftVersions, VERSIONS_SHOWN } from "@/db/queries/versions";
import { requirePage } from "@/lib/auth/current";
import { NotFound } from "@/lib/errors";
import { categoryLabel, formatDateTime } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import type { ReplyCategory } from "@/lib/workflow";

export const metadata = { title: "历次稿本" };

type Props = { params: Promise<{ kind: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const idParam = (v: string | string[] | undefined) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** Every saved text of a draft, readable whole, and any two compared word by word. */
export default async function VersionsPage({ params, searchParams }: Props) {
  const { kind, id } = await params;
  const sp = await searchParams;
  const actor = await requirePage("document.versions");
  if (!/^\d{1,9}$/.test(id)) notFound();
  let data;
  try {
    data = draftVersions(actor, kind, Number(id), { a: idParam(sp.a), b: idParam(sp.b) });
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  const { doc, versions, comparison } = data;
  const what = kind === "opinion" ? "协办意见" : "答复";
  const name = (v: (typeof versions)[number]) => (v.setAside ? `未采用稿（基于第${v.version}稿）` : `第${v.version}稿`);
  const options = versions.map((v) => (
    <option key={v.id} value={v.id}>
      {name(v)} · {v.savedBy} {formatDateTime(v.savedAt)}
    </option>
  ));
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${what}历次稿本`}
        subtitle={
          <span>
            {doc.sessionName}第{doc.number}号建议 · {doc.unitName} ·{" "}
            <Link href={`/proposals/${doc.proposalId}`} className="link">
              返回建议
            </Link>
          </span>
        }
      />
      {versions.length >= 2 && (
        <Card title="比对两稿">
          <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="比对两稿">
            <label className="space-y-1">
              <span className="block font-medium">原稿</span>
              <select name="a" defaultValue={comparison?.a.id} className="block min-h-10 rounded-md border border-stone-300 bg-white px-2">
                {options}
              </select>
            </label>
            <label className="space-y-1">
              <span className="block font-medium">对照稿</span>
              <select name="b" defaultValue={comparison?.b.id} className="block min-h-10 rounded-md border border-stone-300 bg-white px-2">
                {options}
              </select>
            </label>
            <Button type="submit" variant="secondary">比对</Button>
          </form>
          {comparison && (
            <div className="mt-4" data-testid="comparison">
              <p className="mb-2 text-sm text-stone-700">
                {name(comparison.a)} → {name(comparison.b)}：
                {comparison.result
                  ? comparison.result.added + comparison.result.removed === 0
                    ? "两稿内容相同。"
                    : `增加 ${comparison.result.added} 字，删除 ${comparison.result.removed} 字（绿色为增加，红色删除线为删除）。`
                  : "两稿差异过大，无法逐字比对，请分别阅读全文。"}
              </p>
              {comparison.result && (
                <div className="whitespace-pre-wrap rounded-md border border-stone-200 p-3 font-serif text-[15px] leading-8">
                  {comparison.result.parts.map((part, i) =>
                    part.kind === "added" ? (
                      <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline" title="增加">
                        {part.text}
                      </ins>
                    ) : part.kind === "removed" ? (
                      <del key={i} className="bg-red-50 text-red-800" title="删除">
                        {part.text}
                      </del>
                    ) : (
                      <span key={i}>{part.text}</span>
                    ),
                  )}
                </div>
              )}
            </div>
          )}
        </Card>
      )}
      <Card title={versions.length < VERSIONS_SHOWN ? `全部稿本（${versions.length}）` : `最近 ${VERSIONS_SHOWN} 稿`}>
        {versions.length === 0 ? (
          <EmptyState>尚无保存的稿本。</EmptyState>
        ) : (
          <ol className="space-y-3">
            {[...versions].reverse().map((v) => (
              <li key={v.id} className="rounded-md border border-stone-200" data-testid={`version-${v.setAside ? "aside-" : ""}${v.version}`}>
                <details open={v.id === versions.at(-1)?.id}>
                  <summary className="flex min-h-10 cursor-pointer flex-wrap items-center gap-x-3 px-3 py-2 text-sm">
                    <span className="font-medium">{name(v)}</span>
                    {v.setAside && <Badge tone="warn">未采用</Badge>}
                    {v.category && <span className="text-stone-600">{categoryLabel[v.category as ReplyCategory]}</span>}
                    <span className="text-stone-600">
                      {v.savedBy} {formatDateTime(v.savedAt)}
                    </span>
                  </summary>
                  <div className="whitespace-pre-wrap border-t border-stone-100 px-3 py-2 font-serif text-[15px] leading-8">{v.body}</div>
                </details>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
