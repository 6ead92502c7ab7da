import { describe, expect, it } from "vitest";
import { maySeeDocument, maySeeHistory, maySeeProposal, maySeeRating, maySeeRequest, mineOf, offersFor, type DocumentFact, type ProposalFacts, type Viewer } from "@/lib/access/proposal";
import { navigationFor } from "@/lib/navigation";
import type { AssignmentState, DocumentState, ProposalState, Role } from "@/lib/workflow";

/*
 * Access on No. 155, as docs/rules.md § "Visibility" and § "States and events" say, for every
 * viewer and every state of its two documents: the co-handling opinion of 市商务局 (co) to 市经信局
 * (lead), and 市经信局's reply to the deputies 胡国锋 (lead), 陈海波 and 孙丽娟. Every expected value
 * below is written by hand from those sections, not computed from the module under test.
 */

const JXJ = 1; // 市经信局, lead
const SWJ = 2; // 市商务局, co
const OTHER_UNIT = 3; // 市教育局, not on No. 155
const HU = 10; // 胡国锋, lead deputy
const CHEN = 11; // 陈海波, co-signer
const STRANGER = 99; // a deputy not on No. 155

const viewers: Record<string, Viewer> = {
  congress: { id: 1, role: "congress_office", unitId: null, deputyId: null },
  gov: { id: 2, role: "gov_office", unitId: null, deputyId: null },
  jxjStaff: { id: 3, role: "unit_staff", unitId: JXJ, deputyId: null },
  jxjLeader: { id: 4, role: "unit_leader", unitId: JXJ, deputyId: null },
  swjStaff: { id: 5, role: "unit_staff", unitId: SWJ, deputyId: null },
  swjLeader: { id: 6, role: "unit_leader", unitId: SWJ, deputyId: null },
  otherStaff: { id: 7, role: "unit_staff", unitId: OTHER_UNIT, deputyId: null },
  hu: { id: 8, role: "deputy", unitId: null, deputyId: HU },
  chen: { id: 9, role: "deputy", unitId: null, deputyId: CHEN },
  stranger: { id: 10, role: "deputy", unitId: null, deputyId: STRANGER },
  sysadmin: { id: 11, role: "system_admin", unitId: null, deputyId: null },
  secadmin: { id: 12, role: "security_admin", unitId: null, deputyId: null },
  auditor: { id: 13, role: "audit_admin", unitId: null, deputyId: null },
};
type Who = keyof typeof viewers;
const everyone = Object.keys(viewers) as Who[];

const LEAD_ASSIGNMENT = 100;
const CO_ASSIGNMENT = 101;

/** No. 155 with its opinion and reply in the given states (absent: not written yet). */
function no155({ opinion, reply, lead, co, proposal }: { opinion?: DocumentState; reply?: DocumentState; lead: AssignmentState; co: AssignmentState; proposal: ProposalState }): ProposalFacts {
  const documents: DocumentFact[] = [];
  if (opinion) documents.push({ id: 500, kind: "opinion", assignmentId: CO_ASSIGNMENT, state: opinion, round: 1 });
  if (reply) documents.push({ id: 600, kind: "reply", assignmentId: LEAD_ASSIGNMENT, state: reply, round: 1 });
  return {
    state: proposal,
    deputyIds: [HU, CHEN, 12],
    assignments: [
      { id: LEAD_ASSIGNMENT, unitId: JXJ, role: "lead", state: lead, round: 1 },
      { id: CO_ASSIGNMENT, unitId: SWJ, role: "co", state: co, round: 1 },
    ],
    documents,
    requests: [],
    ratedByViewer: [],
    // After the adjustment window, with the reply day already at the furthest extension: no request forms.
    today: "2026-05-20",
    clock: { returnWindowEnd: "2026-03-16", due: "2026-09-02", extensionLimit: "2026-09-02" },
  };
}

const seesProposal: Record<Who, boolean> = {
  congress: true, gov: true, jxjStaff: true, jxjLeader: true, swjStaff: true, swjLeader: true, otherStaff: false,
  hu: true, chen: true, stranger: false, sysadmin: false, secadmin: false, auditor: false,
};

const sees = (who: Who, facts: ProposalFacts, doc: DocumentFact) =>
  maySeeProposal(viewers[who], facts) && maySeeDocument(viewers[who], mineOf(viewers[who], facts.assignments), doc);
const offered = (who: Who, facts: ProposalFacts) => offersFor(viewers[who], facts).map((o) => o.action);

describe("the co-handling opinion of 市商务局, in each of its states", () => {
  // Drafts stay inside the unit; once sent, the lead unit and the offices see it, deputies never.
  const visible: Record<DocumentState, Who[]> = {
    draft: ["swjStaff", "swjLeader"],
    pending: ["swjStaff", "swjLeader"],
    returned: ["swjStaff", "swjLeader"],
    sent: ["congress", "gov", "jxjStaff", "jxjLeader", "swjStaff", "swjLeader"],
  };
  // Only staff draft (draft, returned); only the leader signs off (pending); contact logs while received.
  const offers: Record<DocumentState, Partial<Record<Who, string[]>>> = {
    draft: { swjStaff: ["draft", "logContact"] },
    pending: { swjStaff: ["logContact"], swjLeader: ["signOff"] },
    returned: { swjStaff: ["draft", "logContact"] },
    sent: {},
  };
  const states: DocumentState[] = ["draft", "pending", "returned", "sent"];

  it.each(states)("%s: who sees it", (state) => {
    const facts = no155({ opinion: state, lead: "received", co: state === "sent" ? "opinion_sent" : "received", proposal: "handling" });
    const opinion = facts.documents[0];
    expect(everyone.filter((w) => sees(w, facts, opinion))).toEqual(visible[state]);
  });

  it.each(states)("%s: what each viewer may do", (state) => {
    const facts = no155({ opinion: state, lead: "received", co: state === "sent" ? "opinion_sent" : "received", proposal: "handling" });
    for (const who of everyone) {
      // The lead unit drafts its reply meanwhile; the congress office may screen and withdraw a handling proposal.
      const expected =
        who === "congress" ? ["mark", "withdraw"] : who === "jxjStaff" ? ["draft", "logContact"] : (offers[state][who] ?? []);
      expect(offered(who, facts), `${who}, opinion ${state}`).toEqual(expected);
    }
  });
});

describe("市经信局's reply, in each of its states (the opinion already sent)", () => {
  // Inside the lead unit until sent; then everyone who sees the proposal, deputies included.
  const visible: Record<DocumentState, Who[]> = {
    draft: ["jxjStaff", "jxjLeader"],
    pending: ["jxjStaff", "jxjLeader"],
    returned: ["jxjStaff", "jxjLeader"],
    sent: ["congress", "gov", "jxjStaff", "jxjLeader", "swjStaff", "swjLeader", "hu", "chen"],
  };
  const offers: Record<DocumentState, Partial<Record<Who, string[]>>> = {
    draft: { congress: ["mark", "withdraw"], jxjStaff: ["draft", "logContact"] },
    pending: { congress: ["mark", "withdraw"], jxjStaff: ["logContact"], jxjLeader: ["signOff"] },
    returned: { congress: ["mark", "withdraw"], jxjStaff: ["draft", "logContact"] },
    // Replied: no more withdrawal; the staff may still log contacts; each deputy on it rates.
    sent: { congress: ["mark"], jxjStaff: ["logContact"], hu: ["rate"], chen: ["rate"] },
  };
  const states: DocumentState[] = ["draft", "pending", "returned", "sent"];
  const factsFor = (state: DocumentState) =>
    no155({ opinion: "sent", reply: state, lead: state === "sent" ? "replied" : "received", co: "opinion_sent", proposal: state === "sent" ? "replied" : "handling" });

  it.each(states)("%s: who sees it", (state) => {
    const facts = factsFor(state);
    const reply = facts.documents[1];
    expect(everyone.filter((w) => sees(w, facts, reply))).toEqual(visible[state]);
  });

  it.each(states)("%s: what each viewer may do", (state) => {
    const facts = factsFor(state);
    for (const who of everyone) expect(offered(who, facts), `${who}, reply ${state}`).toEqual(offers[state][who] ?? []);
  });

  it("a deputy who has rated is not asked again; a deputy not on the proposal never", () => {
    const facts = { ...factsFor("sent"), ratedByViewer: [600] };
    expect(offered("hu", facts)).toEqual([]);
    expect(offered("stranger", factsFor("sent"))).toEqual([]);
  });
});

describe("the proposal itself, ratings, requests and history entries", () => {
  it("who sees No. 155 at all", () => {
    const facts = no155({ lead: "assigned", co: "assigned", proposal: "handling" });
    for (const who of everyone) expect(maySeeProposal(viewers[who], facts), who).toBe(seesProposal[who]);
  });

  it("registered: only the government office assigns, the congress office screens and may withdraw", () => {
    const facts = { ...no155({ lead: "assigned", co: "assigned", proposal: "registered" }), assignments: [] };
    expect(offered("gov", facts)).toEqual(["assign"]);
    expect(offered("congress", facts)).toEqual(["mark", "withdraw"]);
  });

  it("newly assigned: staff and leader may receive; within the window and before the limit, the requests", () => {
    const facts = { ...no155({ lead: "assigned", co: "assigned", proposal: "handling" }), today: "2026-03-10", clock: { returnWindowEnd: "2026-03-16", due: "2026-06-02", extensionLimit: "2026-09-02" } };
    expect(offered("jxjStaff", facts)).toEqual(["receive", "requestExtension", "requestAdjustment"]);
    expect(offered("jxjLeader", facts)).toEqual(["receive", "requestExtension", "requestAdjustment"]);
    // One request at a time.
    expect(offered("jxjStaff", { ...facts, requests: [{ assignmentId: LEAD_ASSIGNMENT, state: "pending" }] })).toEqual(["receive"]);
  });

  it("a rating is its deputy's; a request its unit's and the offices'; a draft's history its unit's", () => {
    expect(maySeeRating(viewers.hu, { deputyId: HU })).toBe(true);
    expect(maySeeRating(viewers.chen, { deputyId: HU })).toBe(false);
    expect(maySeeRating(viewers.jxjStaff, { deputyId: HU })).toBe(true);
    const mineJxj = { unitId: JXJ };
    expect(maySeeRequest(viewers.jxjStaff, mineJxj, { unitId: JXJ })).toBe(true);
    expect(maySeeRequest(viewers.swjStaff, { unitId: SWJ }, { unitId: JXJ })).toBe(false);
    expect(maySeeRequest(viewers.gov, undefined, { unitId: JXJ })).toBe(true);
    expect(maySeeRequest(viewers.hu, undefined, { unitId: JXJ })).toBe(false);
    const draftSaved = { unitId: SWJ, action: "opinion.save", actorId: 5 };
    expect(maySeeHistory(viewers.swjLeader, { unitId: SWJ }, draftSaved)).toBe(true);
    expect(maySeeHistory(viewers.jxjStaff, mineJxj, draftSaved)).toBe(false);
    expect(maySeeHistory(viewers.congress, undefined, draftSaved)).toBe(false);
    const rated = { unitId: null, action: "rating.create", actorId: viewers.hu.id };
    expect(maySeeHistory(viewers.hu, undefined, rated)).toBe(true);
    expect(maySeeHistory(viewers.chen, undefined, rated)).toBe(false);
    expect(maySeeHistory(viewers.jxjStaff, mineJxj, rated)).toBe(true);
  });
});

describe("the main navigation, from the matrix", () => {
  it.each<[Role, string[]]>([
    ["congress_office", ["工作台", "建议总览", "督办统计", "登记建议", "导入建议"]],
    ["gov_office", ["工作台", "建议总览", "督办统计"]],
    ["unit_staff", ["工作台", "本单位建议"]],
    ["unit_leader", ["工作台", "本单位建议"]],
    ["deputy", ["我的建议"]],
    ["system_admin", ["系统管理", "工作日历"]],
    ["security_admin", ["安全管理"]],
    ["audit_admin", ["安全审计"]],
  ])("%s", (role, labels) => {
    expect(navigationFor(role).map((n) => n.label)).toEqual(labels);
  });
});
