import { Badge, type Tone } from "@/components/ui/badge";
import { assignmentStateLabel, documentStateLabel, proposalStateLabel } from "@/lib/labels";
import type { AssignmentState, DocumentState, ProposalState } from "@/lib/workflow";

const proposalTone: Record<ProposalState, Tone> = {
  registered: "neutral",
  handling: "info",
  replied: "warn",
  rehandling: "danger",
  closed: "success",
  withdrawn: "neutral",
};
const assignmentTone: Record<AssignmentState, Tone> = {
  assigned: "warn",
  received: "info",
  opinion_sent: "success",
  replied: "warn",
  rehandling: "danger",
  closed: "success",
  transferred: "neutral",
};
const documentTone: Record<DocumentState, Tone> = { draft: "neutral", pending: "warn", returned: "danger", sent: "success" };

export const ProposalStateBadge = ({ state }: { state: ProposalState }) => <Badge tone={proposalTone[state]}>{proposalStateLabel[state]}</Badge>;
export const AssignmentStateBadge = ({ state }: { state: AssignmentState }) => <Badge tone={assignmentTone[state]}>{assignmentStateLabel[state]}</Badge>;
export const DocumentStateBadge = ({ state }: { state: DocumentState }) => <Badge tone={documentTone[state]}>{documentStateLabel[state]}</Badge>;
