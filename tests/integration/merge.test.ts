import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openDb, useDb, type Db } from "@/db";
import { setNow } from "@/lib/clock";
import { Invalid } from "@/lib/errors";
import { getProposalDetail, listProposals } from "@/db/queries/proposals";
import { assignProposal, markProposal, registerProposal } from "@/lib/services/proposals";
import { receiveAssignment } from "@/lib/services/assignments";
import { saveReplyDraft, signOffReply, submitReply } from "@/lib/services/documents";
import { rateReply } from "@/lib/services/ratings";
import { markToken } from "@/lib/workflow";
import { smallWorld } from "../fixtures";

/*
 * 并案 (docs/rules.md § "States and events", screening): a proposal merged into another points at
 * it; its deputies join that one as co-signers, see its handling and rate its one reply; it is not
 * assigned itself, and un-merging takes them off again. 重复提出 and a reason not to publish are
 * recorded with the same marks.
 */
let db: Db;
let w: ReturnType<typeof smallWorld>;
beforeEach(() => {
  setNow(new Date("2026-03-02T09:00:00+08:00"));
  db = openDb(":memory:");
  useDb(db);
  w = smallWorld(db);
});
afterAll(() => setNow(null));

let n = 100;
const raise = (lead: number, cosignerIds: number[], title: string) =>
  registerProposal(w.congress, { sessionId: w.session.id, number: ++n, title, body: `${title}。正文。`, field: "综合", leadDeputyId: lead, cosignerIds, disclosure: "full", suggestedUnits: "" }).id;
const numberOf = (id: number) => (db.$client.prepare("select number from proposals where id = ?").get(id) as { number: number }).number;
const marks = (id: number) => markToken(db.$client.prepare("select screening, is_key isKey, supervisor, merged_into_id mergedIntoId, raised_before raisedBefore, not_public_reason notPublicReason from proposals where id = ?").get(id) as never);
const mine = (deputy: keyof typeof w.dep) => listProposals(w.dep[deputy], {}).rows.map((r) => r.id);

describe("并案", () => {
  it("the merged proposal's deputies join the main one, see it and rate its reply; it is not assigned itself", () => {
    const main = raise(w.deputy.hu, [w.deputy.chen], "关于古塘街道工业区块改造提升的建议");
    const merged = raise(w.deputy.ye, [w.deputy.sun, w.deputy.chen], "关于推动古塘老工业区块改造的建议");
    expect(mine("ye")).toEqual([merged]);
    markProposal(w.congress, { proposalId: merged, screening: "merged", mergedInto: String(numberOf(main)), raisedBefore: "2", isKey: "", basedOn: marks(merged) });

    const row = db.$client.prepare("select merged_into_id, raised_before from proposals where id = ?").get(merged);
    expect(row).toEqual({ merged_into_id: main, raised_before: 2 });
    const detail = getProposalDetail(w.congress, main);
    // 陈海波 was already on it; 叶晓燕 and 孙丽娟 join, marked as from the merged proposal.
    expect(detail.cosigners.map((c) => [c.name, c.mergedFromId])).toEqual([
      ["陈海波", null],
      ["叶晓燕", merged],
      ["孙丽娟", merged],
    ]);
    expect(detail.mergedFrom.map((m) => m.number)).toEqual([numberOf(merged)]);
    expect(getProposalDetail(w.congress, merged).mergedInto?.number).toBe(numberOf(main));
    expect(mine("ye").sort()).toEqual([main, merged].sort());

    // The main one is assigned and answered; the merged one cannot be assigned.
    expect(() => assignProposal(w.gov, { proposalId: merged, mode: "lead", leadUnitId: w.unit.jxj, coUnitIds: [] })).toThrow(new Invalid(`本件已并入第${numberOf(main)}号建议办理，无需单独交办。`));
    expect(listProposals(w.gov, { state: "registered", unmerged: true }).rows.map((r) => r.id)).toEqual([main]);
    assignProposal(w.gov, { proposalId: main, mode: "lead", leadUnitId: w.unit.jxj, coUnitIds: [] });
    const assignmentId = (db.$client.prepare("select id from assignments where proposal_id = ?").get(main) as { id: number }).id;
    receiveAssignment(w.staff.jxj, { assignmentId });
    const draft = saveReplyDraft(w.staff.jxj, { assignmentId, body: "已将古塘区块列入改造计划。", category: "A", contactPerson: "邹佳敏", contactPhone: "0574-63023456", cc: "", outstandingReason: "" });
    submitReply(w.staff.jxj, draft);
    signOffReply(w.leader.jxj, draft);
    // 叶晓燕, who raised the merged one, rates the one reply; so do the main one's deputies.
    for (const d of ["ye", "hu", "sun"] as const) rateReply(w.dep[d], { replyId: draft.documentId, attitude: "satisfied", outcome: "satisfied", comment: "", wasContacted: "yes" });
    expect((db.$client.prepare("select count(*) n from ratings where reply_id = ?").get(draft.documentId) as { n: number }).n).toBe(3);
  });

  it("un-merging takes the joined deputies off; a chain or a merge into itself is refused", () => {
    const main = raise(w.deputy.hu, [], "关于增设路灯的建议");
    const merged = raise(w.deputy.ye, [], "关于道路照明的建议");
    const third = raise(w.deputy.sun, [], "关于夜间照明的建议");
    markProposal(w.congress, { proposalId: merged, screening: "merged", mergedInto: String(numberOf(main)), isKey: "", basedOn: marks(merged) });
    const refusals = [
      () => markProposal(w.congress, { proposalId: third, screening: "merged", mergedInto: String(numberOf(merged)), isKey: "" }),
      () => markProposal(w.congress, { proposalId: main, screening: "merged", mergedInto: String(numberOf(third)), isKey: "" }),
      () => markProposal(w.congress, { proposalId: third, screening: "merged", mergedInto: String(numberOf(third)), isKey: "" }),
      () => markProposal(w.congress, { proposalId: third, screening: "merged", mergedInto: "", isKey: "" }),
      () => markProposal(w.congress, { proposalId: third, screening: "merged", mergedInto: "9999", isKey: "" }),
    ];
    for (const r of refusals) expect(r).toThrow(Invalid);
    expect(mine("ye").sort()).toEqual([main, merged].sort());
    markProposal(w.congress, { proposalId: merged, screening: "normal", isKey: "", notPublicReason: "涉及个人隐私", basedOn: marks(merged) });
    expect(mine("ye")).toEqual([merged]);
    expect(getProposalDetail(w.congress, main).cosigners).toEqual([]);
    expect(db.$client.prepare("select merged_into_id, not_public_reason from proposals where id = ?").get(merged)).toEqual({ merged_into_id: null, not_public_reason: "涉及个人隐私" });
  });
});
