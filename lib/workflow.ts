/**
 * The handling rules of a deputy proposal (docs/rules.md § "States and events") as data:
 * every event names the states it may happen in, the state it leads to, and who may cause it.
 * Services look up an event here before they write; scope (this unit, this deputy) is checked
 * by the services themselves. Derived states (a proposal is "replied" once every replying unit
 * has replied) are the plain functions at the end.
 */

export const ROLES = [
  // 三员分立 (separation of duties): users/units/settings, roles/lockouts/policies, the audit log.
  "system_admin",
  "security_admin",
  "audit_admin",
  "congress_office",
  "gov_office",
  "unit_staff",
  "unit_leader",
  "deputy",
] as const;
export type Role = (typeof ROLES)[number];
export const ADMIN_ROLES = ["system_admin", "security_admin", "audit_admin"] as const satisfies readonly Role[];
export const isAdminRole = (role: Role) => (ADMIN_ROLES as readonly Role[]).includes(role);

export const UNIT_KINDS = ["department", "town", "other"] as const;
export const DISCLOSURES = ["full", "title_only", "none"] as const;
export const SCREENING_OUTCOMES = ["normal", "reference", "merged", "withdrawn"] as const;
export const CONTACT_CHANNELS = ["in_person", "meeting", "phone", "online"] as const;
export const RATING_LEVELS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const REPLY_CATEGORIES = ["A", "B", "C", "D"] as const;
export type ReplyCategory = (typeof REPLY_CATEGORIES)[number];
export const FIELDS = ["工业交通", "财政商贸", "城建环保", "社会事业", "农业农村", "政治法律", "综合"] as const;

/** 主办 (lead, the only unit that replies), 协办 (co, sends an opinion to the lead), 分办 (parallel, each replies for its part). */
export const ASSIGNMENT_ROLES = ["lead", "co", "parallel"] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const PROPOSAL_STATES = [
  "registered", // 已登记，待交办
  "handling", // 办理中
  "replied", // 已答复，待代表评价
  "rehandling", // 代表不满意，重新办理
  "closed", // 已办结
  "withdrawn", // 已撤案
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const ASSIGNMENT_STATES = [
  "assigned", // 已交办，待签收 (the clock is already running)
  "received", // 已签收，办理中
  "opinion_sent", // 协办意见已送主办单位
  "replied", // 已答复，待评价
  "rehandling", // 重新办理
  "closed", // 已办结
  "transferred", // 经批准调整给其他单位（保留记录，时限不重新计算）
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** A co-handling opinion or a reply, inside its unit until a leader signs it off. */
export const DOCUMENT_STATES = ["draft", "pending", "returned", "sent"] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

type Rule<S extends string> = {
  from: readonly S[];
  /** `null`: the event leaves the state as it is (an edit, a log entry). */
  to: S | null;
  by: readonly Role[];
};

/** Events on a proposal as a whole. */
export const proposalEvents = {
  /** 交办: the government office assigns a lead unit and co-units, or parallel units. */
  assign: { from: ["registered"], to: "handling", by: ["gov_office"] },
  /** 重点督办, 参阅件, 并案: the congress office's screening. */
  mark: { from: ["registered", "handling", "replied", "rehandling"], to: null, by: ["congress_office"] },
  /** 撤案, only at the deputy's written request, before the reply has gone. */
  withdraw: { from: ["registered", "handling"], to: "withdrawn", by: ["congress_office"] },
} as const satisfies Record<string, Rule<ProposalState>>;

/** Events on one unit's assignment. */
export const assignmentEvents = {
  /** 签收 by the unit's staff or leader. */
  receive: { from: ["assigned"], to: "received", by: ["unit_staff", "unit_leader"] },
  /** 面商/沟通: contact with the deputy, logged by the staff while the unit still handles it. */
  logContact: { from: ["received", "replied", "rehandling"], to: null, by: ["unit_staff"] },
  /** A co-unit starts or edits its opinion; the lead or a parallel unit its reply. */
  draftOpinion: { from: ["received"], to: null, by: ["unit_staff"] },
  draftReply: { from: ["received", "rehandling"], to: null, by: ["unit_staff"] },
} as const satisfies Record<string, Rule<AssignmentState>>;

/** Events on a document (opinion or reply) inside the unit that writes it. */
export const documentEvents = {
  save: { from: ["draft", "returned"], to: null, by: ["unit_staff"] },
  submit: { from: ["draft", "returned"], to: "pending", by: ["unit_staff"] },
  /** 签发: the leader signs it off, and it leaves the unit at once. */
  signOff: { from: ["pending"], to: "sent", by: ["unit_leader"] },
  returnForRevision: { from: ["pending"], to: "returned", by: ["unit_leader"] },
} as const satisfies Record<string, Rule<DocumentState>>;

/**
 * Requests that move the clock (docs/rules.md § "Deadlines", requests): a unit asks, the government office decides.
 * Adjustment only within its window (checked against the calendar by the service).
 */
export const requestEvents = {
  requestAdjustment: { from: ["assigned", "received"], to: null, by: ["unit_staff", "unit_leader"] },
  requestExtension: { from: ["assigned", "received", "rehandling"], to: null, by: ["unit_staff", "unit_leader"] },
  decideRequest: { from: ["assigned", "received", "rehandling"], to: null, by: ["gov_office"] },
} as const satisfies Record<string, Rule<AssignmentState>>;

export const REQUEST_KINDS = ["adjustment", "extension"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATES = ["pending", "approved", "rejected"] as const;

/** A B-category reply's commitment is open until the unit reports it done; open past its day, it is overdue. */
export const COMMITMENT_STATES = ["open", "done"] as const;
export const COMMITMENT_REPORT_KINDS = ["progress", "done"] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];
export type CommitmentReportKind = (typeof COMMITMENT_REPORT_KINDS)[number];

/**
 * Commitments (承诺事项, docs/rules.md § "Commitments"). The unit's staff add them to their own
 * B-category reply while it is drafted, or once it is sent (not while it awaits the leader's
 * signature), and remove them only while it is still a draft; the unit's staff or leader report
 * on an open commitment of a sent reply until it is done.
 */
export const commitmentEvents = {
  add: { from: ["draft", "returned", "sent"], to: null, by: ["unit_staff"] },
  remove: { from: ["draft", "returned"], to: null, by: ["unit_staff"] },
} as const satisfies Record<string, Rule<DocumentState>>;
export const commitmentReportEvents = {
  progress: { from: ["open"], to: null, by: ["unit_staff", "unit_leader"] },
  done: { from: ["open"], to: "done", by: ["unit_staff", "unit_leader"] },
} as const satisfies Record<CommitmentReportKind, Rule<CommitmentState>>;
/** Only a B reply (正在解决或列入计划逐步解决) promises anything to follow up. */
export const COMMITMENT_CATEGORY: ReplyCategory = "B";
/** How far ahead a commitment's day may lie, counted from the assignment: beyond it, a date is a typing error. */
export const COMMITMENT_HORIZON_YEARS = 3;
/** What one reply may promise, and how many reports one commitment may gather: the proposal page shows them all. */
export const MAX_COMMITMENTS_PER_REPLY = 20;
export const MAX_REPORTS_PER_COMMITMENT = 100;
/** What a commitment shows: done, open, or open past its day (overdue, counted from the day after). */
export type CommitmentStatus = "open" | "done" | "overdue";
export const commitmentStatus = (c: { state: CommitmentState; dueOn: string }, today: string): CommitmentStatus =>
  c.state === "done" ? "done" : c.dueOn < today ? "overdue" : "open";

/** Events on a sent reply: only a deputy named on the proposal rates it, and only for themself. */
export const replyEvents = {
  rate: { from: ["replied"], to: null, by: ["deputy"] },
} as const satisfies Record<string, Rule<AssignmentState>>;

/** The screening marks as one token, for a form to say which marks it was based on (a save over newer marks is refused). */
export const markToken = (p: { screening: string; isKey: boolean; supervisor: string | null; mergedIntoId: number | null; raisedBefore: number; notPublicReason: string | null }) =>
  JSON.stringify([p.screening, p.isKey ? 1 : 0, p.supervisor ?? "", p.mergedIntoId, p.raisedBefore, p.notPublicReason ?? ""]);

export type ProposalEvent = keyof typeof proposalEvents;
export type AssignmentEvent = keyof typeof assignmentEvents;
export type DocumentEvent = keyof typeof documentEvents;
export type RequestEvent = keyof typeof requestEvents;

export type Decision<S> =
  | { ok: true; to: S }
  | { ok: false; reason: "role" | "state" };

function decide<S extends string>(rule: Rule<S>, state: S, role: Role): Decision<S> {
  if (!rule.by.includes(role)) return { ok: false, reason: "role" };
  if (!rule.from.includes(state)) return { ok: false, reason: "state" };
  return { ok: true, to: rule.to ?? state };
}

export const canProposal = (event: ProposalEvent, state: ProposalState, role: Role) =>
  decide<ProposalState>(proposalEvents[event], state, role);
export const canAssignment = (event: AssignmentEvent, state: AssignmentState, role: Role) =>
  decide<AssignmentState>(assignmentEvents[event], state, role);
export const canDocument = (event: DocumentEvent, state: DocumentState, role: Role) =>
  decide<DocumentState>(documentEvents[event], state, role);
export const canRequest = (event: RequestEvent, state: AssignmentState, role: Role) =>
  decide<AssignmentState>(requestEvents[event], state, role);
export const canRate = (state: AssignmentState, role: Role) =>
  decide<AssignmentState>(replyEvents.rate, state, role);
export const canCommitment = (event: keyof typeof commitmentEvents, replyState: DocumentState, role: Role) =>
  decide<DocumentState>(commitmentEvents[event], replyState, role);
export const canReportCommitment = (kind: CommitmentReportKind, state: CommitmentState, role: Role) =>
  decide<CommitmentState>(commitmentReportEvents[kind], state, role);

// ---- The rules that follow from others' actions ----

/** Which document a unit writes in its role: co-units an opinion to the lead, the others a reply. */
export function documentKindFor(role: AssignmentRole): "opinion" | "reply" {
  return role === "co" ? "opinion" : "reply";
}

/** The assignment state once the unit's document has been signed off and sent. */
export function assignmentStateAfterSending(role: AssignmentRole): AssignmentState {
  return role === "co" ? "opinion_sent" : "replied";
}

/**
 * The lead may not send its reply while a co-unit's opinion is outstanding, unless it records why.
 * Returns true when a reason is required.
 */
export function replyNeedsOutstandingReason(coAssignmentStates: readonly AssignmentState[]): boolean {
  return coAssignmentStates.some((s) => s !== "opinion_sent");
}

export const isSatisfied = (level: RatingLevel) => level !== "unsatisfied";
/** A rating sends the reply back (re-handling) when either its attitude or its outcome is 不满意. */
export const sendsBack = (r: { attitude: RatingLevel; outcome: RatingLevel }) => !isSatisfied(r.attitude) || !isSatisfied(r.outcome);

/**
 * After a deputy rates a reply: any 不满意 sends the unit into re-handling (a new round);
 * once every deputy on the proposal has rated satisfied or basically satisfied, the unit's part is closed.
 */
export function assignmentStateAfterRating(
  ratings: readonly { attitude: RatingLevel; outcome: RatingLevel }[],
  deputyCount: number,
): AssignmentState {
  if (ratings.some(sendsBack)) return "rehandling";
  return ratings.length >= deputyCount ? "closed" : "replied";
}

/** A proposal's state follows the units that reply to the deputies (lead or parallel). */
export function proposalStateFromReplyingUnits(states: readonly AssignmentState[]): ProposalState {
  if (states.length === 0) return "registered";
  if (states.every((s) => s === "closed")) return "closed";
  if (states.some((s) => s === "rehandling")) return "rehandling";
  if (states.every((s) => s === "replied" || s === "closed")) return "replied";
  return "handling";
}

export const isReplyingRole = (role: AssignmentRole) => role !== "co";

/** An assignment that was handed to another unit no longer counts for the proposal. */
export const isCurrent = (state: AssignmentState) => state !== "transferred";

/** 撤案 only before any reply has gone to the deputy (with parallel units, before the first). */
export function withdrawalStillPossible(assignments: readonly { role: AssignmentRole; state: AssignmentState }[]): boolean {
  return !assignments.some((a) => isReplyingRole(a.role) && (a.state === "replied" || a.state === "rehandling" || a.state === "closed"));
}
