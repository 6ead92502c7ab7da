import Link from "next/link";
import type { PublicRow } from "@/db/queries/public";
import { categoryLabel } from "@/lib/labels";
import { ProposalStateBadge } from "@/components/proposal/badges";
import { Highlight, Marked } from "@/components/ui/highlight";

/**
 * One proposal in a public list: a card that reads on a phone, the whole card a large target. Its
 * title is a heading one level below the list's own (`level`: 2 under the page's title, 3 under a section's).
 */
export function PublicProposalCard({ row, q, level = 3 }: { row: PublicRow; q?: string; level?: 2 | 3 }) {
  const Title = level === 2 ? "h2" : "h3";
  return (
    <li className="rounded-lg border border-stone-200 bg-white">
      <Link href={`/public/${row.sessionId}/${row.number}`} className="block p-4 hover:bg-stone-50">
        <div className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
          <span>{row.sessionName}第{row.number}号</span>
          <ProposalStateBadge state={row.state} />
          {row.category && <span>{categoryLabel[row.category].slice(0, 2)}</span>}
        </div>
        <Title className="mt-1 text-base font-semibold leading-snug text-brand-800"><Highlight text={row.title} q={q} /></Title>
        <p className="mt-1 text-sm text-stone-600">
          {row.deputies.join("、")}
          {row.units.length > 0 && <span className="text-stone-500"> · 承办：{row.units.join("、")}</span>}
        </p>
        {row.passage && (
          <p className="mt-2 text-sm text-stone-700">
            <span className="text-stone-500">{row.passage.source}：</span>
            <Marked parts={row.passage.parts} />
          </p>
        )}
      </Link>
    </li>
  );
}
