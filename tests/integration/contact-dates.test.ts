import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { and, eq } from "drizzle-orm";
import { openDb, useDb, type Db } from "@/db";
import * as t from "@/db/schema";
import { setNow } from "@/lib/clock";
import { ensureCalendar } from "@/lib/clock-rules";
import { Invalid } from "@/lib/errors";
import { assignProposal, registerProposal } from "@/lib/services/proposals";
import { logContact, receiveAssignment } from "@/lib/services/assignments";
import { saveReplyDraft, signOffReply, submitReply } from "@/lib/services/documents";
import { supervisionList } from "@/db/queries/supervision";
import { ContactForm } from "@/components/proposal/forms";
import { smallWorld, snapshotDb } from "../fixtures";

/*
 * A contact with the deputy is dated between the assignment day and today, China time
 * (docs/rules.md § "States and events", contacts): anything else is refused with the field's message and
 * stores nothing, so a mistyped day can never count towards 面商率.
 */

let db: Db;
let w: ReturnType<typeof smallWorld>;
let proposalId: number;

const at = (iso: string) => setNow(new Date(iso));
const lead = () => db.select().from(t.assignments).where(and(eq(t.assignments.proposalId, proposalId), eq(t.assignments.unitId, w.unit.jxj))).get()!;
const contact = (contactedOn: string) =>
  logContact(w.staff.jxj, { assignmentId: lead().id, contactedOn, channel: "phone", people: "胡国锋代表", summary: "电话联系。" });
const MESSAGE = "联系日期应在交办日（2026-03-12）至今天之间";

function refused(contactedOn: string) {
  const before = snapshotDb(db);
  let error: unknown;
  try {
    contact(contactedOn);
  } catch (e) {
    error = e;
  }
  expect(error, contactedOn).toBeInstanceOf(Invalid);
  expect((error as Invalid).fieldErrors).toEqual({ contactedOn: [MESSAGE] });
  expect(snapshotDb(db)).toEqual(before);
}

beforeEach(() => {
  at("2026-03-12T10:00:00+08:00");
  db = openDb(":memory:");
  useDb(db);
  ensureCalendar(db);
  w = smallWorld(db);
  proposalId = registerProposal(w.congress, {
    sessionId: w.session.id,
    number: 155,
    title: "关于古塘街道工业区块改造提升的建议",
    body: "建议统筹推进改造提升。",
    field: "工业交通",
    leadDeputyId: w.deputy.hu,
    cosignerIds: [],
    disclosure: "full",
  }).id;
  assignProposal(w.gov, { proposalId, mode: "lead", leadUnitId: w.unit.jxj, coUnitIds: [] });
  at("2026-03-20T10:00:00+08:00");
  receiveAssignment(w.staff.jxj, { assignmentId: lead().id });
});
afterEach(() => setNow(null));

describe("contact dates", () => {
  it("a day before the assignment or after today is refused, naming the assignment day", () => {
    refused("2026-03-11");
    refused("2025-12-31");
    refused("2026-03-21");
    expect(lead().firstContactOn).toBeNull();
  });

  it("the assignment day and today are both accepted", () => {
    contact("2026-03-12");
    contact("2026-03-20");
    expect(db.select().from(t.contactLogs).all().map((c) => c.contactedOn)).toEqual(["2026-03-12", "2026-03-20"]);
    expect(lead().firstContactOn).toBe("2026-03-12");
  });

  it("today is China's: at half past midnight in Beijing the new day is already today", () => {
    at("2026-03-21T00:30:00+08:00"); // still 20 March in UTC
    contact("2026-03-21");
    at("2026-03-21T23:30:00+08:00");
    refused("2026-03-22");
  });

  it("a refused date does not count as a contact in 面商率", () => {
    refused("2026-03-01");
    at("2026-04-20T10:00:00+08:00");
    const draft = saveReplyDraft(w.staff.jxj, {
      assignmentId: lead().id,
      body: "答复如下。",
      category: "A",
      contactPerson: "邹佳敏",
      contactPhone: "0574-63023456",
      cc: "",
      outstandingReason: "",
    });
    submitReply(w.staff.jxj, draft);
    signOffReply(w.leader.jxj, draft);
    const list = (measure: "contacted" | "notContacted") => supervisionList(w.gov, { sessionId: w.session.id, measure, today: "2026-04-20" }).rows.length;
    expect(list("contacted")).toBe(0);
    expect(list("notContacted")).toBe(1);
  });

  it("the form's date field offers only the days from the assignment to today", () => {
    const form = renderToStaticMarkup(createElement(ContactForm, { assignmentId: 1, assignedOn: "2026-03-12", today: "2026-03-20" }));
    const input = /<input[^>]*name="contactedOn"[^>]*>/.exec(form)![0];
    expect(input).toContain('type="date"');
    expect(input).toContain('min="2026-03-12"');
    expect(input).toContain('max="2026-03-20"');
  });
});
