import {
  assignmentRoleLabel,
  assignmentStateLabel,
  channelLabel,
  proposalStateLabel,
  replyRoundLabel,
} from "./labels";
import type { AssignmentRole, AssignmentState, ProposalState } from "./workflow";

/*
 * A history entry in words, for the proposal's timeline: what happened (the action's label) and to
 * what (which unit, from which state to which, which round's reply). The facts are the proposal's
 * own records, looked up by the entry's subject; an entry whose subject is not among them still
 * reads, only without the detail.
 */

export type HistoryFacts = {
  /** Each assignment of the proposal (transferred ones included): its unit's name. */
  unitOf: ReadonlyMap<number, string>;
  /** Each opinion, reply, contact, request and rating of the proposal: its assignment (and a reply's round). */
  opinions: ReadonlyMap<number, number>;
  replies: ReadonlyMap<number, { assignmentId: number; round: number }>;
  contacts: ReadonlyMap<number, number>;
  requests: ReadonlyMap<number, { assignmentId: number; kind: "adjustment" | "extension" }>;
  ratings: ReadonlyMap<number, number>;
};

export type HistoryEntryFacts = { action: string; subjectType: string; subjectId: number; before: unknown; after: unknown };

const field = (value: unknown, key: string): unknown =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const labelOf = <K extends string>(labels: Record<K, string>, value: unknown) =>
  typeof value === "string" && Object.hasOwn(labels, value) ? labels[value as K] : undefined;

/** "市经信局：待签收 → 办理中", "办理中 → 已答复待评价", "市经信局第2轮答复（重新办理）" … or null. */
export function historyDetail(h: HistoryEntryFacts, f: HistoryFacts): string | null {
  const unit = (assignmentId: number | undefined) => (assignmentId == null ? undefined : f.unitOf.get(assignmentId));
  const arrow = (from: string | undefined, to: string | undefined) => (from && to ? `${from} → ${to}` : to ?? null);
  const withUnit = (name: string | undefined, rest: string | null) => (rest == null ? name ?? null : name ? `${name}：${rest}` : rest);
  const reply = (id: number) => {
    const r = f.replies.get(id);
    return r ? `${unit(r.assignmentId) ?? ""}${replyRoundLabel(r.round)}` : null;
  };

  switch (h.action) {
    case "proposal.state":
      return arrow(labelOf(proposalStateLabel, field(h.before, "state")), labelOf(proposalStateLabel, field(h.after, "state")));
    case "proposal.assign": {
      const planned = field(h.after, "units");
      if (!Array.isArray(planned)) return null;
      const byRole = new Map<string, string[]>();
      for (const u of planned) {
        const role = labelOf<AssignmentRole>(assignmentRoleLabel, field(u, "role"));
        const name = text(field(u, "name"));
        if (role && name) byRole.set(role, [...(byRole.get(role) ?? []), name]);
      }
      return byRole.size ? [...byRole].map(([role, names]) => `${role}：${names.join("、")}`).join("；") : null;
    }
    case "assignment.receive":
    case "assignment.state": {
      const states = arrow(
        labelOf<AssignmentState>(assignmentStateLabel, field(h.before, "state")),
        labelOf<AssignmentState>(assignmentStateLabel, field(h.after, "state")),
      );
      const from = field(h.before, "round");
      const to = field(h.after, "round");
      const round = typeof to === "number" && typeof from === "number" && to > from ? `（进入第${to}轮）` : "";
      return withUnit(unit(h.subjectId), states == null ? null : states + round);
    }
    case "assignment.transfer": {
      const to = text(field(h.after, "unitName"));
      return withUnit(undefined, arrow(unit(h.subjectId), to));
    }
    case "deadline.moved": {
      const from = text(field(h.before, "due")) ?? "无";
      const to = text(field(h.after, "due")) ?? "无";
      const reason = text(field(h.after, "reason"));
      return withUnit(unit(h.subjectId), `${from} → ${to}${reason ? `（${reason}）` : ""}`);
    }
    case "contact.log": {
      const on = text(field(h.after, "contactedOn"));
      const channel = labelOf(channelLabel, field(h.after, "channel"));
      return withUnit(unit(f.contacts.get(h.subjectId)), [on, channel].filter(Boolean).join("，") || null);
    }
    case "opinion.save":
    case "opinion.submit":
    case "opinion.signOff":
    case "opinion.returnForRevision": {
      const name = unit(f.opinions.get(h.subjectId));
      return name ? `${name}的协办意见` : null;
    }
    case "reply.save":
    case "reply.submit":
    case "reply.signOff":
    case "reply.returnForRevision":
    case "reply.publish":
      return reply(h.subjectId);
    case "rating.create": {
      const replyId = f.ratings.get(h.subjectId);
      return replyId == null ? null : reply(replyId) && `对${reply(replyId)}`;
    }
    case "request.adjustment":
    case "request.extension":
    case "request.approved":
    case "request.rejected": {
      const r = f.requests.get(h.subjectId);
      if (!r) return null;
      return `${unit(r.assignmentId) ?? ""}的${r.kind === "adjustment" ? "调整申请" : "延期申请"}`;
    }
    case "attachment.upload":
    case "attachment.delete":
      return text(field(h.after, "fileName")) ?? null;
    default:
      return null;
  }
}
