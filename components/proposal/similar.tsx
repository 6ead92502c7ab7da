import Link from "next/link";
import type { similarProposals } from "@/db/queries/similar";
import { categoryLabel } from "@/lib/labels";
import { Card } from "@/components/ui/card";
import { ProposalStateBadge } from "@/components/proposal/badges";

/** 相似建议: for screening (并案, 重复提出), the proposals most like this one, with what they share. */
export function SimilarCard({ similar }: { similar: ReturnType<typeof similarProposals> }) {
  if (!similar.length) return null;
  return (
    <Card title="相似建议（供甄别并案、重复提出参考）">
      <ol className="space-y-3 text-sm" data-testid="similar">
        {similar.map((s) => (
          <li key={s.id}>
            <Link href={`/proposals/${s.id}`} className="link">{s.title}</Link>
            <span className="ml-2 text-stone-500">{s.sessionName}第{s.number}号</span>
            <span className="ml-2"><ProposalStateBadge state={s.state} /></span>
            {s.shared.length > 0 && <div className="text-stone-600">共同词语：{s.shared.join("、")}</div>}
            {s.replies.length > 0 && (
              <div className="text-stone-600">
                已答复：{s.replies.map((r) => `${r.unit}${r.round > 1 ? `（第${r.round}轮）` : ""} ${categoryLabel[r.category].slice(0, 2)}`).join("；")}
              </div>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
