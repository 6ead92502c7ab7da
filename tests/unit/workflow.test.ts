import { describe, expect, it } from "vitest";
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATES,
  DOCUMENT_STATES,
  PROPOSAL_STATES,
  ROLES,
  assignmentEvents,
  assignmentStateAfterRating,
  assignmentStateAfterSending,
  canAssignment,
  canCommitment,
  canDocument,
  canProposal,
  canRate,
  canReportCommitment,
  canRequest,
  commitmentStatus,
  requestEvents,
  documentEvents,
  documentKindFor,
  isReplyingRole,
  isSatisfied,
  proposalEvents,
  proposalStateFromReplyingUnits,
  replyNeedsOutstandingReason,
  type AssignmentRole,
  type AssignmentState,
  type Decision,
  type ProposalState,
  type RatingLevel,
  type Role,
} from "@/lib/workflow";

/*
 * The handling rules, typed out by hand from docs/rules.md ("Roles", "States and events").
 * Nothing below is read from the table in lib/workflow.ts: every allowed (event, state, role)
 * is listed with the state it leads to, and every combination not listed must be refused.
 * Any change to the table (a state, a role, a target) makes a case here fail.
 */

// The vocabularies themselves are part of the rules: a new state or role must be thought through here.
const roles = ["system_admin", "security_admin", "audit_admin", "congress_office", "gov_office", "unit_staff", "unit_leader", "deputy"] as const;
const proposalStates = ["registered", "handling", "replied", "rehandling", "closed", "withdrawn"] as const;
const assignmentStates = ["assigned", "received", "opinion_sent", "replied", "rehandling", "closed", "transferred"] as const;
const documentStates = ["draft", "pending", "returned", "sent"] as const;

type Allowed<E extends string, S extends string> = readonly [event: E, state: S, role: Role, to: S][];

/** Lifecycle 1–2: the congress office screens and withdraws (on the deputy's written request); the government office assigns. */
const ALLOWED_PROPOSAL: Allowed<"assign" | "mark" | "withdraw", ProposalState> = [
  // 交办 by 政府办公室督查室, once, from registered; the proposal is then being handled.
  ["assign", "registered", "gov_office", "handling"],
  // 甄别 / 重点督办 by 代表工委 while the proposal is open; the state does not move.
  ["mark", "registered", "congress_office", "registered"],
  ["mark", "handling", "congress_office", "handling"],
  ["mark", "replied", "congress_office", "replied"],
  ["mark", "rehandling", "congress_office", "rehandling"],
  // 撤案: recorded by 代表工委 from the deputy's written request, before the reply has gone.
  ["withdraw", "registered", "congress_office", "withdrawn"],
  ["withdraw", "handling", "congress_office", "withdrawn"],
];

/** Lifecycle 2, 4, 5, 6, 8: a unit signs for receipt, contacts the deputy, drafts its document. */
const ALLOWED_ASSIGNMENT: Allowed<"receive" | "logContact" | "draftOpinion" | "draftReply", AssignmentState> = [
  // 签收 by the unit (its staff or a leader).
  ["receive", "assigned", "unit_staff", "received"],
  ["receive", "assigned", "unit_leader", "received"],
  // 面商/沟通 logged by 承办人 while handling, after replying (follow-up) and during re-handling.
  ["logContact", "received", "unit_staff", "received"],
  ["logContact", "replied", "unit_staff", "replied"],
  ["logContact", "rehandling", "unit_staff", "rehandling"],
  // 承办人 drafts: a co-unit its opinion while handling; the lead or a parallel unit its reply, also in re-handling.
  ["draftOpinion", "received", "unit_staff", "received"],
  ["draftReply", "received", "unit_staff", "received"],
  ["draftReply", "rehandling", "unit_staff", "rehandling"],
];

/** A unit's internal path: staff draft and submit, a leader signs off (it leaves) or returns it. */
const ALLOWED_DOCUMENT: Allowed<"save" | "submit" | "signOff" | "returnForRevision", (typeof documentStates)[number]> = [
  ["save", "draft", "unit_staff", "draft"],
  ["save", "returned", "unit_staff", "returned"],
  ["submit", "draft", "unit_staff", "pending"],
  ["submit", "returned", "unit_staff", "pending"],
  ["signOff", "pending", "unit_leader", "sent"],
  ["returnForRevision", "pending", "unit_leader", "returned"],
];

/**
 * Lifecycle 3 and 6: a unit asks for an adjustment (while it has not yet delivered anything) or an
 * extension (while something is due, re-handling included); only the government office decides.
 */
const ALLOWED_REQUEST: Allowed<"requestAdjustment" | "requestExtension" | "decideRequest", AssignmentState> = [
  ["requestAdjustment", "assigned", "unit_staff", "assigned"],
  ["requestAdjustment", "assigned", "unit_leader", "assigned"],
  ["requestAdjustment", "received", "unit_staff", "received"],
  ["requestAdjustment", "received", "unit_leader", "received"],
  ["requestExtension", "assigned", "unit_staff", "assigned"],
  ["requestExtension", "assigned", "unit_leader", "assigned"],
  ["requestExtension", "received", "unit_staff", "received"],
  ["requestExtension", "received", "unit_leader", "received"],
  ["requestExtension", "rehandling", "unit_staff", "rehandling"],
  ["requestExtension", "rehandling", "unit_leader", "rehandling"],
  ["decideRequest", "assigned", "gov_office", "assigned"],
  ["decideRequest", "received", "gov_office", "received"],
  ["decideRequest", "rehandling", "gov_office", "rehandling"],
];

/** Lifecycle 7: only a deputy rates, and only a reply that has been sent (the unit is "replied"). */
const ALLOWED_RATE: Allowed<"rate", AssignmentState> = [["rate", "replied", "deputy", "replied"]];

type Case<S extends string> = {
  name: string;
  event: string;
  state: S;
  role: Role;
  expected: Decision<S>;
};

/** Every event × every state × every role; refused as "role" when the role never causes the event, else as "state". */
function everyCombination<E extends string, S extends string>(
  events: readonly E[],
  states: readonly S[],
  allowed: Allowed<E, S>,
): Case<S>[] {
  const cases: Case<S>[] = [];
  for (const event of events)
    for (const state of states)
      for (const role of roles) {
        const hit = allowed.find(([e, s, r]) => e === event && s === state && r === role);
        const roleMayCause = allowed.some(([e, , r]) => e === event && r === role);
        const expected: Decision<S> = hit
          ? { ok: true, to: hit[3] }
          : { ok: false, reason: roleMayCause ? "state" : "role" };
        const outcome = expected.ok ? `allowed → ${expected.to}` : `refused (${expected.reason})`;
        cases.push({ name: `${event} · ${state} · ${role}: ${outcome}`, event, state, role, expected });
      }
  return cases;
}

const proposalCases = everyCombination(["assign", "mark", "withdraw"], proposalStates, ALLOWED_PROPOSAL);
const assignmentCases = everyCombination(
  ["receive", "logContact", "draftOpinion", "draftReply"],
  assignmentStates,
  ALLOWED_ASSIGNMENT,
);
const documentCases = everyCombination(
  ["save", "submit", "signOff", "returnForRevision"],
  documentStates,
  ALLOWED_DOCUMENT,
);
const rateCases = everyCombination(["rate"], assignmentStates, ALLOWED_RATE);
const requestCases = everyCombination(["requestAdjustment", "requestExtension", "decideRequest"], assignmentStates, ALLOWED_REQUEST);
const total = proposalCases.length + assignmentCases.length + documentCases.length + rateCases.length + requestCases.length;

describe("the workflow vocabulary", () => {
  it("has the roles and states docs/rules.md names, in order", () => {
    expect([...ROLES]).toEqual([...roles]);
    expect([...PROPOSAL_STATES]).toEqual([...proposalStates]);
    expect([...ASSIGNMENT_STATES]).toEqual([...assignmentStates]);
    expect([...DOCUMENT_STATES]).toEqual([...documentStates]);
    expect([...ASSIGNMENT_ROLES]).toEqual(["lead", "co", "parallel"]);
  });

  it("has exactly the events listed here (a new event needs its own cases)", () => {
    expect(Object.keys(proposalEvents).sort()).toEqual(["assign", "mark", "withdraw"]);
    expect(Object.keys(assignmentEvents).sort()).toEqual(["draftOpinion", "draftReply", "logContact", "receive"]);
    expect(Object.keys(documentEvents).sort()).toEqual(["returnForRevision", "save", "signOff", "submit"]);
    expect(Object.keys(requestEvents).sort()).toEqual(["decideRequest", "requestAdjustment", "requestExtension"]);
  });

  it(`covers every event × state × role: ${total} combinations (144 proposal + 224 assignment + 128 document + 56 rating + 168 request)`, () => {
    expect([proposalCases.length, assignmentCases.length, documentCases.length, rateCases.length, requestCases.length]).toEqual([
      3 * 6 * 8,
      4 * 7 * 8,
      4 * 4 * 8,
      1 * 7 * 8,
      3 * 7 * 8,
    ]);
    expect(total).toBe(720);
    // Sanity of the hand-written lists: exactly the listed triples are allowed.
    const allowedCount = [...proposalCases, ...assignmentCases, ...documentCases, ...rateCases, ...requestCases].filter(
      (c) => c.expected.ok,
    ).length;
    expect(allowedCount).toBe(
      ALLOWED_PROPOSAL.length + ALLOWED_ASSIGNMENT.length + ALLOWED_DOCUMENT.length + ALLOWED_RATE.length + ALLOWED_REQUEST.length,
    );
  });
});

describe(`proposal events (${proposalCases.length} cases)`, () => {
  it.each(proposalCases)("$name", ({ event, state, role, expected }) => {
    expect(canProposal(event as keyof typeof proposalEvents, state, role)).toEqual(expected);
  });
});

describe(`assignment events (${assignmentCases.length} cases)`, () => {
  it.each(assignmentCases)("$name", ({ event, state, role, expected }) => {
    expect(canAssignment(event as keyof typeof assignmentEvents, state, role)).toEqual(expected);
  });
});

describe(`document events (${documentCases.length} cases)`, () => {
  it.each(documentCases)("$name", ({ event, state, role, expected }) => {
    expect(canDocument(event as keyof typeof documentEvents, state, role)).toEqual(expected);
  });
});

describe(`requests that move the clock (${requestCases.length} cases)`, () => {
  it.each(requestCases)("$name", ({ event, state, role, expected }) => {
    expect(canRequest(event as "requestAdjustment" | "requestExtension" | "decideRequest", state, role)).toEqual(expected);
  });
});

describe(`rating a reply (${rateCases.length} cases)`, () => {
  it.each(rateCases)("$name", ({ state, role, expected }) => {
    expect(canRate(state, role)).toEqual(expected);
  });
});

// ---- The derived rules ----

const S = "satisfied" as const;
const B = "basically_satisfied" as const;
const U = "unsatisfied" as const;
const r = (attitude: RatingLevel, outcome: RatingLevel) => ({ attitude, outcome });

describe("assignmentStateAfterRating: any 不满意 → re-handling; all deputies satisfied → closed", () => {
  it.each<[string, { attitude: RatingLevel; outcome: RatingLevel }[], number, AssignmentState]>([
    ["no rating yet, one deputy", [], 1, "replied"],
    ["no rating yet, three deputies", [], 3, "replied"],
    ["the only deputy satisfied on both", [r(S, S)], 1, "closed"],
    ["the only deputy basically satisfied on both", [r(B, B)], 1, "closed"],
    ["the only deputy: satisfied attitude, basically satisfied outcome", [r(S, B)], 1, "closed"],
    ["one of three rated, satisfied", [r(S, S)], 3, "replied"],
    ["two of three rated, satisfied", [r(S, S), r(B, S)], 3, "replied"],
    ["three of three rated, satisfied", [r(S, S), r(B, S), r(S, B)], 3, "closed"],
    ["the only deputy unsatisfied with the outcome", [r(S, U)], 1, "rehandling"],
    ["the only deputy unsatisfied with the attitude", [r(U, S)], 1, "rehandling"],
    ["unsatisfied on both", [r(U, U)], 1, "rehandling"],
    ["first of three unsatisfied: re-handling at once", [r(B, U)], 3, "rehandling"],
    ["all three rated, the last unsatisfied", [r(S, S), r(S, S), r(S, U)], 3, "rehandling"],
    ["more ratings than deputies (defensive), all satisfied", [r(S, S), r(S, S)], 1, "closed"],
  ])("%s → %s", (_name, ratings, deputyCount, expected) => {
    expect(assignmentStateAfterRating(ratings, deputyCount)).toBe(expected);
  });
});

describe("isSatisfied: 满意 and 基本满意 count as satisfied", () => {
  it.each<[RatingLevel, boolean]>([
    ["satisfied", true],
    ["basically_satisfied", true],
    ["unsatisfied", false],
  ])("%s → %s", (level, expected) => expect(isSatisfied(level)).toBe(expected));
});

describe("proposalStateFromReplyingUnits: the proposal follows the units that reply", () => {
  it.each<[AssignmentState[], ProposalState]>([
    [[], "registered"],
    [["assigned"], "handling"],
    [["received"], "handling"],
    [["replied"], "replied"],
    [["rehandling"], "rehandling"],
    [["closed"], "closed"],
    // Parallel units (分办): replied only when every one has replied …
    [["replied", "received"], "handling"],
    [["replied", "assigned"], "handling"],
    [["replied", "replied"], "replied"],
    [["closed", "replied"], "replied"],
    [["closed", "received"], "handling"],
    // … re-handling while any one is, closed when all are.
    [["rehandling", "replied"], "rehandling"],
    [["rehandling", "closed"], "rehandling"],
    [["rehandling", "received"], "rehandling"],
    [["closed", "closed"], "closed"],
    [["closed", "closed", "closed"], "closed"],
  ])("%j → %s", (states, expected) => {
    expect(proposalStateFromReplyingUnits(states)).toBe(expected);
  });
});

describe("replyNeedsOutstandingReason: a reason is required while any co-unit's opinion is outstanding", () => {
  it.each<[AssignmentState[], boolean]>([
    [[], false],
    [["opinion_sent"], false],
    [["opinion_sent", "opinion_sent"], false],
    [["assigned"], true],
    [["received"], true],
    [["opinion_sent", "received"], true],
    [["opinion_sent", "assigned"], true],
  ])("co-units %j → %s", (states, expected) => {
    expect(replyNeedsOutstandingReason(states)).toBe(expected);
  });
});

describe("documentKindFor / assignmentStateAfterSending / isReplyingRole: co-units write opinions, the others reply", () => {
  it.each<[AssignmentRole, "opinion" | "reply", AssignmentState, boolean]>([
    ["lead", "reply", "replied", true],
    ["co", "opinion", "opinion_sent", false],
    ["parallel", "reply", "replied", true],
  ])("%s → writes a %s, then is %s (replies to the deputy: %s)", (role, kind, after, replying) => {
    expect(documentKindFor(role)).toBe(kind);
    expect(assignmentStateAfterSending(role)).toBe(after);
    expect(isReplyingRole(role)).toBe(replying);
  });
});

describe("commitments (承诺事项): who adds, removes and reports, and when one is overdue", () => {
  // Hand-typed: [reply state, role] → may add / may remove.
  it.each([
    ["draft", "unit_staff", true, true],
    ["returned", "unit_staff", true, true],
    ["pending", "unit_staff", false, false],
    ["sent", "unit_staff", true, false],
    ["draft", "unit_leader", false, false],
    ["sent", "unit_leader", false, false],
    ["sent", "deputy", false, false],
    ["sent", "gov_office", false, false],
    ["sent", "congress_office", false, false],
  ] as const)("reply %s, %s: add %s, remove %s", (state, role, add, remove) => {
    expect(canCommitment("add", state, role).ok).toBe(add);
    expect(canCommitment("remove", state, role).ok).toBe(remove);
  });

  it.each([
    ["progress", "open", "unit_staff", { ok: true, to: "open" }],
    ["done", "open", "unit_leader", { ok: true, to: "done" }],
    ["progress", "done", "unit_staff", { ok: false, reason: "state" }],
    ["done", "done", "unit_leader", { ok: false, reason: "state" }],
    ["progress", "open", "deputy", { ok: false, reason: "role" }],
    ["done", "open", "gov_office", { ok: false, reason: "role" }],
  ] as const)("report %s on a commitment %s by %s", (kind, state, role, expected) => {
    expect(canReportCommitment(kind, state, role)).toEqual(expected);
  });

  it.each([
    [{ state: "open", dueOn: "2026-06-30" }, "2026-06-29", "open"],
    [{ state: "open", dueOn: "2026-06-30" }, "2026-06-30", "open"],
    [{ state: "open", dueOn: "2026-06-30" }, "2026-07-01", "overdue"],
    [{ state: "done", dueOn: "2026-06-30" }, "2026-12-31", "done"],
  ] as const)("%o on %s is %s", (c, today, status) => {
    expect(commitmentStatus(c, today)).toBe(status);
  });
});
