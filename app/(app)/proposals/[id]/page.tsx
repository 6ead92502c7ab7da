import { may } from "@/lib/authz";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getProposalDetail } from "@/db/queries/proposals";
import { requirePage } from "@/lib/auth/current";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { screeningLabel } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { ProposalStateBadge } from "@/components/proposal/badges";
import { AttachmentsCard } from "@/components/proposal/attachments";
import { SimilarCard } from "@/components/proposal/similar";
import { CommitmentsSection } from "@/components/proposal/commitments";
import { NowPanel } from "@/components/proposal/now-panel";
import { similarProposals } from "@/db/queries/similar";
import {
  actionsFor,
  ContactsSection,
  OpinionsSection,
  ProposalContent,
  RatingsSection,
  RepliesSection,
  RequestsSection,
  TimelineSection,
  UnitsSection,
} from "@/components/proposal/sections";

type Props = { params: Promise<{ id: string }> };

async function load(id: string, actor: Actor) {
  if (!/^\d{1,9}$/.test(id)) notFound();
  try {
    return getProposalDetail(actor, Number(id));
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `建议详情 ${id}` };
}

export default async function ProposalPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePage("proposal.view");
  const p = await load(id, actor);
  const actions = actionsFor(p, actor);
  // The document awaiting this leader's signature is shown once, in the sign-off panel.
  const opinions = p.opinions.filter((o) => !(actions.signing?.kind === "opinion" && actions.signing.id === o.id));
  const replies = p.replies.filter((r) => !(actions.signing?.kind === "reply" && actions.signing.id === r.id));

  return (
    <div className="space-y-4">
      <PageHeader
        title={p.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="proposal-code">
              {p.sessionName}第{p.number}号建议
            </span>
            <ProposalStateBadge state={p.state} />
            {p.isKey && <Badge tone="brand">重点督办</Badge>}
            {p.screening !== "normal" && <Badge>{screeningLabel[p.screening]}</Badge>}
          </span>
        }
      />

      <NowPanel
        p={p}
        actor={actor}
        targets={{
          draft: actions.drafting.length > 0,
          sign: !!actions.signing,
          receive: actions.receiving,
          rate: actions.rating.length > 0 ? "#rating" : undefined,
        }}
      />

      {actions.now.length > 0 && (
        <div className="space-y-4" data-testid="actions" id="actions">
          {actions.now}
        </div>
      )}

      {/* A unit's own draft comes before the proposal it answers, which folds (the opinions stay below). */}
      {actions.drafting}

      <ProposalContent p={p} actor={actor} folded={actions.drafting.length > 0 || !!actions.signing} />
      {may(actor, "proposal.mark") && p.state !== "withdrawn" && <SimilarCard similar={similarProposals(actor, p.id)} />}
      {/* A deputy reads the proposal and the reply before he is asked to rate it. */}
      {actor.role === "deputy" && <RepliesSection p={p} replies={replies} canPublish={false} />}
      {actor.role === "deputy" && <CommitmentsSection proposalId={p.id} actor={actor} />}
      {actions.rating.length > 0 && (
        <div className="space-y-4" id="rating">
          {actions.rating}
        </div>
      )}
      <UnitsSection p={p} />
      <RequestsSection p={p} actor={actor} />
      <OpinionsSection p={p} opinions={opinions} />
      {actor.role !== "deputy" && <RepliesSection p={p} replies={replies} canPublish={may(actor, "reply.publish")} />}
      {actor.role !== "deputy" && <CommitmentsSection proposalId={p.id} actor={actor} />}
      <AttachmentsCard actor={actor} proposalId={p.id} />

      {actions.work.length > 0 && (
        <div className="space-y-4" data-testid="work">
          {actions.work}
        </div>
      )}

      <ContactsSection p={p} />
      <RatingsSection p={p} />
      <TimelineSection p={p} />
    </div>
  );
}
