import { dayOf } from "../deadlines";
import { and, eq } from "drizzle-orm";
import { assignments, contactLogs } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { assignmentStateLabel } from "../labels";
import { Invalid } from "../errors";
import { AssignmentActionInput, LogContactInput, contactDateProblem, parse } from "../validation";
import { todayInChina } from "../clock";
import { canAssignment } from "../workflow";
import { getDb, loadOwnAssignment, now, record, refuse, authorize } from "./common";
import { noteContact, refreshDeadlines } from "./stored-deadlines";

/** 签收: the unit acknowledges the assignment (the clock has been running since assignment). */
export function receiveAssignment(actor: Actor, raw: unknown) {
  authorize(actor, "assignment.receive");
  const input = parse(AssignmentActionInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const { assignment } = loadOwnAssignment(tx, actor, input.assignmentId);
    const decision = canAssignment("receive", assignment.state, actor.role);
    if (!decision.ok) refuse(decision.reason, assignmentStateLabel[assignment.state]);
    const changed = tx
      .update(assignments)
      .set({ state: decision.to, receivedAt: at })
      .where(and(eq(assignments.id, assignment.id), eq(assignments.state, assignment.state)))
      .run();
    if (changed.changes !== 1) refuse("state");
    refreshDeadlines(tx, { assignmentIds: [assignment.id] });
    record(tx, actor, at, {
      action: "assignment.receive",
      subjectType: "assignment",
      subjectId: assignment.id,
      proposalId: assignment.proposalId,
      before: { state: assignment.state },
      after: { state: decision.to },
    });
  });
}

/** 面商/沟通: the staff logs a contact with the deputy (date, channel, people, what was said). */
export function logContact(actor: Actor, raw: unknown) {
  authorize(actor, "assignment.logContact");
  const input = parse(LogContactInput, raw);
  const at = now();
  return getDb().transaction((tx) => {
    const { assignment } = loadOwnAssignment(tx, actor, input.assignmentId);
    const decision = canAssignment("logContact", assignment.state, actor.role);
    if (!decision.ok) refuse(decision.reason, assignmentStateLabel[assignment.state]);
    const dateProblem = contactDateProblem(input.contactedOn, dayOf(assignment.assignedAt), todayInChina());
    if (dateProblem) throw new Invalid(`${dateProblem}。`, { contactedOn: [dateProblem] });
    const row = tx
      .insert(contactLogs)
      .values({
        assignmentId: assignment.id,
        contactedOn: input.contactedOn,
        channel: input.channel,
        people: input.people,
        summary: input.summary,
        createdById: actor.id,
        createdAt: at,
      })
      .returning({ id: contactLogs.id })
      .get();
    noteContact(tx, assignment.id, input.contactedOn);
    record(tx, actor, at, {
      action: "contact.log",
      subjectType: "contact",
      subjectId: row.id,
      proposalId: assignment.proposalId,
      after: { contactedOn: input.contactedOn, channel: input.channel },
    });
    return row;
  });
}
