import "server-only";
import { authorize } from "@/lib/authz";
import { isRunning } from "@/lib/deadlines";
import { and, asc, count, eq, inArray, min, ne } from "drizzle-orm";
import { getDb } from "@/db";
import {
  assignments,
  congressSessions,
  contactLogs,
  deputies,
  proposals,
  ratings,
  replies,
  requests,
  units,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assignmentDeadlines, dayOf, dutyDeadline, lightFrom, warningLight, type Day, type Light } from "@/lib/deadlines";
import { now } from "@/lib/clock";
import { NotFound } from "@/lib/errors";
import { clockOf, loadCalendar, settingsOf } from "@/lib/services/clock-rules";
import { sessionsInOrder } from "./options";
import {
  PROPOSAL_STATES,
  isReplyingRole,
  type AssignmentRole,
  type AssignmentState,
  type ProposalState,
  type RatingLevel,
  type ReplyCategory,
} from "@/lib/workflow";

/*
 * What supervisors measure (DOMAIN.md "What supervisors measure"), per unit and per session.
 * Every figure is the number of facts that satisfy one named predicate (a "measure"), and the
 * drill-down list returns exactly those facts, so a figure and the list behind it cannot disagree.
 *
 * Only current assignments count: one handed to another unit ("transferred") belongs to history,
 * and its successor carries the original assignment time (the clock never restarts).
 */

/** Units are ranked against each other here: only the two offices that supervise may look. */
function requireSupervisor(actor: Actor) {
  authorize(actor, "supervision.view");
}

// ---- Measures ----

/** Measures counted over a unit's assignments. */
export const ASSIGNMENT_MEASURES = [
  "assignments", // every current assignment (any role)
  "asLead",
  "asCo",
  "asParallel",
  "replied", // lead/parallel whose round-1 reply has been sent
  "onTime",
  "late",
  "contacted", // deputy contacted on or before the day the round-1 reply went
  "notContacted",
  "A", // latest sent reply in category A
  "AB",
  "rehandled", // round > 1
  "overdue", // running, red light today
] as const;
/** Measures counted over deputies' ratings (the latest round each deputy rated, per assignment). */
export const RATING_MEASURES = [
  "ratings",
  "attitudeSatisfied",
  "attitudeUnsatisfied",
  "outcomeSatisfied",
  "outcomeUnsatisfied",
  "unsatisfied", // 不满意 on either count
] as const;
export const SUPERVISION_MEASURES = [...ASSIGNMENT_MEASURES, ...RATING_MEASURES] as const;
export type SupervisionMeasure = (typeof SUPERVISION_MEASURES)[number];
type AssignmentMeasure = (typeof ASSIGNMENT_MEASURES)[number];
type RatingMeasure = (typeof RATING_MEASURES)[number];

export const isSupervisionMeasure = (v: string): v is SupervisionMeasure => (SUPERVISION_MEASURES as readonly string[]).includes(v);
const isRatingMeasure = (m: SupervisionMeasure): m is RatingMeasure => (RATING_MEASURES as readonly string[]).includes(m);

/** Which measures make up each rate: the page links the numerator, the denominator and the rest. */
export const RATE_PARTS = {
  onTime: { numerator: "onTime", denominator: "replied", rest: "late" },
  contactRate: { numerator: "contacted", denominator: "replied", rest: "notContacted" },
  satisfactionAttitude: { numerator: "attitudeSatisfied", denominator: "ratings", rest: "attitudeUnsatisfied" },
  satisfactionOutcome: { numerator: "outcomeSatisfied", denominator: "ratings", rest: "outcomeUnsatisfied" },
  // "Replying assignments with at least one sent reply" are exactly those whose round-1 reply
  // went: a later round only opens after a sent reply was rated.
  resolutionA: { numerator: "A", denominator: "replied", rest: null },
  resolutionAB: { numerator: "AB", denominator: "replied", rest: null },
} as const satisfies Record<string, { numerator: SupervisionMeasure; denominator: SupervisionMeasure; rest: SupervisionMeasure | null }>;

export type Rate = { numerator: number; denominator: number; rate: number | null };
const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });

const satisfied = (l: RatingLevel) => l !== "unsatisfied";
const daysBetween = (from: Day, to: Day) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** One current assignment with everything its figures are decided by. */
export type AssignmentFact = {
  assignmentId: number;
  unitId: number;
  unitName: string;
  proposalId: number;
  number: number;
  title: string;
  isKey: boolean;
  proposalState: ProposalState;
  role: AssignmentRole;
  state: AssignmentState;
  round: number;
  assignedOn: Day;
  /** The day the round-1 reply was sent (lead/parallel only). */
  firstReplyOn: Day | null;
  /** The reply due day that applied to the round-1 reply: month rule or batch date, or its extension. */
  firstReplyDue: Day | null;
  firstContactOn: Day | null;
  latestCategory: ReplyCategory | null;
  daysToReply: number | null;
  /** The current duty's due day and light (running assignments of live proposals only). */
  due: Day | null;
  light: Light;
};

export type RatingFact = {
  ratingId: number;
  assignmentId: number;
  unitId: number;
  unitName: string;
  proposalId: number;
  number: number;
  title: string;
  isKey: boolean;
  proposalState: ProposalState;
  role: AssignmentRole;
  state: AssignmentState;
  deputyName: string;
  round: number;
  attitude: RatingLevel;
  outcome: RatingLevel;
};

const assignmentTest: Record<AssignmentMeasure, (f: AssignmentFact) => boolean> = {
  assignments: () => true,
  asLead: (f) => f.role === "lead",
  asCo: (f) => f.role === "co",
  asParallel: (f) => f.role === "parallel",
  replied: (f) => f.firstReplyOn != null,
  onTime: (f) => f.firstReplyOn != null && f.firstReplyDue != null && f.firstReplyOn <= f.firstReplyDue,
  late: (f) => f.firstReplyOn != null && f.firstReplyDue != null && f.firstReplyOn > f.firstReplyDue,
  contacted: (f) => f.firstReplyOn != null && f.firstContactOn != null && f.firstContactOn <= f.firstReplyOn,
  notContacted: (f) => f.firstReplyOn != null && !(f.firstContactOn != null && f.firstContactOn <= f.firstReplyOn),
  A: (f) => f.latestCategory === "A",
  AB: (f) => f.latestCategory === "A" || f.latestCategory === "B",
  rehandled: (f) => f.round > 1,
  overdue: (f) => f.light === "red",
};

const ratingTest: Record<RatingMeasure, (r: RatingFact) => boolean> = {
  ratings: () => true,
  attitudeSatisfied: (r) => satisfied(r.attitude),
  attitudeUnsatisfied: (r) => !satisfied(r.attitude),
  outcomeSatisfied: (r) => satisfied(r.outcome),
  outcomeUnsatisfied: (r) => !satisfied(r.outcome),
  unsatisfied: (r) => !satisfied(r.attitude) || !satisfied(r.outcome),
};

// ---- Loading the facts of one session ----

function loadSession(sessionId: number) {
  const session = getDb().select().from(congressSessions).where(eq(congressSessions.id, sessionId)).get();
  if (!session) throw new NotFound("未找到该届次。");
  return session;
}

function factsOf(sessionId: number, today: Day) {
  const db = getDb();
  const session = loadSession(sessionId);
  const settings = settingsOf(session);
  const cal = loadCalendar(db);
  const inSession = and(eq(proposals.sessionId, sessionId), ne(assignments.state, "transferred"));

  const rows = db
    .select({
      a: assignments,
      unitName: units.name,
      number: proposals.number,
      title: proposals.title,
      isKey: proposals.isKey,
      proposalState: proposals.state,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(inSession)
    .orderBy(asc(proposals.number), asc(assignments.id))
    .all();

  const sent = db
    .select({ assignmentId: replies.assignmentId, round: replies.round, category: replies.category, sentAt: replies.sentAt })
    .from(replies)
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(and(inSession, eq(replies.state, "sent")))
    .all()
    .sort((a, b) => a.round - b.round); // the session's rows are all read anyway: sorted here, not in a temporary B-tree
  const firstSent = new Map<number, Date>();
  const latestCategory = new Map<number, ReplyCategory>();
  for (const r of sent) {
    if (r.round === 1 && r.sentAt) firstSent.set(r.assignmentId, r.sentAt);
    latestCategory.set(r.assignmentId, r.category); // ordered by round: the last one wins
  }

  const firstContact = new Map(
    db
      .select({ assignmentId: contactLogs.assignmentId, first: min(contactLogs.contactedOn) })
      .from(contactLogs)
      .innerJoin(assignments, eq(assignments.id, contactLogs.assignmentId))
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .where(inSession)
      .groupBy(contactLogs.assignmentId)
      .all()
      .map((c) => [c.assignmentId, c.first]),
  );

  // A re-handling round clears the assignment's extension (lib/services/common.ts), so the
  // extension that applied to the first reply is read from the approved requests themselves.
  const extensions = db
    .select({ id: requests.id, assignmentId: requests.assignmentId, due: requests.requestedDue, decidedAt: requests.decidedAt })
    .from(requests)
    .innerJoin(assignments, eq(assignments.id, requests.assignmentId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(and(inSession, eq(requests.kind, "extension"), eq(requests.state, "approved")))
    .all()
    .sort((a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0) || a.id - b.id);
  const extensionsOf = new Map<number, typeof extensions>();
  for (const e of extensions) extensionsOf.set(e.assignmentId, [...(extensionsOf.get(e.assignmentId) ?? []), e]);
  const extensionBefore = (assignmentId: number, at: Date) =>
    (extensionsOf.get(assignmentId) ?? []).filter((e) => e.due && e.decidedAt && e.decidedAt <= at).at(-1)?.due ?? null;

  const facts: AssignmentFact[] = rows.map(({ a, unitName, number, title, isKey, proposalState }) => {
    const clock = clockOf(a);
    const sentAt = isReplyingRole(a.role) ? firstSent.get(a.id) : undefined;
    const firstReplyOn = sentAt ? dayOf(sentAt) : null;
    const firstReplyDue = sentAt
      ? dutyDeadline(
          { ...clock, role: a.role, state: "received", rehandlingFrom: null, extendedTo: extensionBefore(a.id, sentAt) ?? (a.round === 1 ? a.extendedTo : null) },
          settings,
          cal,
        ).due
      : null;
    const live = isRunning(a.state, proposalState);
    // The current duty's due day and light, as stored with the assignment (lib/services/stored-deadlines.ts).
    const due = live ? a.dueOn : null;
    return {
      assignmentId: a.id,
      unitId: a.unitId,
      unitName,
      proposalId: a.proposalId,
      number,
      title,
      isKey,
      proposalState,
      role: a.role,
      state: a.state,
      round: a.round,
      assignedOn: clock.assignedOn,
      firstReplyOn,
      firstReplyDue,
      firstContactOn: firstContact.get(a.id) ?? null,
      latestCategory: isReplyingRole(a.role) ? (latestCategory.get(a.id) ?? null) : null,
      daysToReply: firstReplyOn ? daysBetween(clock.assignedOn, firstReplyOn) : null,
      due,
      light: live ? lightFrom(a.dueOn, a.yellowOn, today) : "none",
    };
  });

  // Per (assignment, deputy): only the rating of the latest round that deputy rated.
  const byAssignment = new Map(facts.map((f) => [f.assignmentId, f]));
  const latest = new Map<string, RatingFact>();
  const rated = db
    .select({
      ratingId: ratings.id,
      assignmentId: replies.assignmentId,
      deputyId: ratings.deputyId,
      deputyName: deputies.name,
      round: replies.round,
      attitude: ratings.attitude,
      outcome: ratings.outcome,
    })
    .from(ratings)
    .innerJoin(replies, eq(replies.id, ratings.replyId))
    .innerJoin(deputies, eq(deputies.id, ratings.deputyId))
    .innerJoin(assignments, eq(assignments.id, replies.assignmentId))
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .where(and(inSession, eq(replies.state, "sent")))
    .all()
    .sort((a, b) => a.round - b.round || a.ratingId - b.ratingId);
  for (const r of rated) {
    const f = byAssignment.get(r.assignmentId);
    if (!f || !isReplyingRole(f.role)) continue;
    latest.set(`${r.assignmentId}:${r.deputyId}`, {
      ratingId: r.ratingId,
      assignmentId: f.assignmentId,
      unitId: f.unitId,
      unitName: f.unitName,
      proposalId: f.proposalId,
      number: f.number,
      title: f.title,
      isKey: f.isKey,
      proposalState: f.proposalState,
      role: f.role,
      state: f.state,
      deputyName: r.deputyName,
      round: r.round,
      attitude: r.attitude,
      outcome: r.outcome,
    });
  }
  const ratingFacts = [...latest.values()].sort((x, y) => x.number - y.number || x.assignmentId - y.assignmentId || x.ratingId - y.ratingId);

  return { session, facts, ratingFacts };
}

// ---- The report ----

export type UnitMeasures = {
  assignments: number;
  lead: number;
  co: number;
  parallel: number;
  replied: number;
  onTime: Rate;
  contactRate: Rate;
  satisfaction: { attitude: Rate; outcome: Rate };
  resolutionA: Rate;
  resolutionAB: Rate;
  rehandlingCount: number;
  overdueNow: number;
  /** Calendar days from assignment to the round-1 reply, averaged, one decimal; null if none replied. */
  avgDaysToReply: number | null;
};

function measure(facts: AssignmentFact[], ratingFacts: RatingFact[]): UnitMeasures {
  const n = (m: AssignmentMeasure) => facts.filter(assignmentTest[m]).length;
  const r = (m: RatingMeasure) => ratingFacts.filter(ratingTest[m]).length;
  const replied = facts.filter(assignmentTest.replied);
  const days = replied.map((f) => f.daysToReply!);
  return {
    assignments: facts.length,
    lead: n("asLead"),
    co: n("asCo"),
    parallel: n("asParallel"),
    replied: replied.length,
    onTime: rate(n("onTime"), replied.length),
    contactRate: rate(n("contacted"), replied.length),
    satisfaction: { attitude: rate(r("attitudeSatisfied"), r("ratings")), outcome: rate(r("outcomeSatisfied"), r("ratings")) },
    resolutionA: rate(n("A"), replied.length),
    resolutionAB: rate(n("AB"), replied.length),
    rehandlingCount: n("rehandled"),
    overdueNow: n("overdue"),
    avgDaysToReply: days.length ? Math.round((days.reduce((s, d) => s + d, 0) / days.length) * 10) / 10 : null,
  };
}

/** Sessions to choose from, newest first (the default). */
export function supervisionSessions(actor: Actor) {
  requireSupervisor(actor);
  return sessionsInOrder();
}

export function supervisionReport(actor: Actor, { sessionId, today }: { sessionId: number; today: Day }) {
  requireSupervisor(actor);
  const { session, facts, ratingFacts } = factsOf(sessionId, today);
  const counted = getDb()
    .select({ state: proposals.state, n: count() })
    .from(proposals)
    .where(eq(proposals.sessionId, sessionId))
    .groupBy(proposals.state)
    .all();
  const stateCounts = Object.fromEntries(PROPOSAL_STATES.map((s) => [s, counted.find((c) => c.state === s)?.n ?? 0])) as Record<ProposalState, number>;

  const unitIds = [...new Set(facts.map((f) => f.unitId))];
  const unitRows = unitIds.length
    ? getDb().select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(inArray(units.id, unitIds)).orderBy(asc(units.id)).all()
    : [];
  const perUnit = unitRows.map((u) => ({
    unitId: u.id,
    unitName: u.name,
    shortName: u.shortName,
    ...measure(
      facts.filter((f) => f.unitId === u.id),
      ratingFacts.filter((r) => r.unitId === u.id),
    ),
  }));

  return {
    session: { id: session.id, name: session.name },
    today,
    stateCounts,
    proposalCount: Object.values(stateCounts).reduce((s, n) => s + n, 0),
    units: perUnit,
    total: measure(facts, ratingFacts),
  };
}

export type SupervisionReport = ReturnType<typeof supervisionReport>;
export type UnitReport = SupervisionReport["units"][number];

// ---- The drill-down ----

export type SupervisionListRow = Omit<AssignmentFact, "assignmentId" | "unitId"> & {
  /** Unique within the list: an assignment, or a rating. */
  key: string;
  rating: { deputyName: string; round: number; attitude: RatingLevel; outcome: RatingLevel } | null;
};

/** The assignments (or ratings) behind one figure: of one unit, or of all units when `unitId` is absent. */
export function supervisionList(
  actor: Actor,
  { sessionId, unitId, measure: m, today }: { sessionId: number; unitId?: number | null; measure: SupervisionMeasure; today: Day },
) {
  requireSupervisor(actor);
  if (!isSupervisionMeasure(m)) throw new NotFound("未找到该统计项。");
  const unit = unitId != null ? getDb().select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId)).get() : null;
  if (unitId != null && !unit) throw new NotFound("未找到该承办单位。");
  const { session, facts, ratingFacts } = factsOf(sessionId, today);
  const mine = <T extends { unitId: number }>(xs: T[]) => (unit ? xs.filter((x) => x.unitId === unit.id) : xs);
  const factOf = new Map(facts.map((f) => [f.assignmentId, f]));

  const rows: SupervisionListRow[] = isRatingMeasure(m)
    ? mine(ratingFacts)
        .filter(ratingTest[m])
        .map((r) => {
          const f = factOf.get(r.assignmentId)!;
          return { ...row(f), key: `r${r.ratingId}`, rating: { deputyName: r.deputyName, round: r.round, attitude: r.attitude, outcome: r.outcome } };
        })
    : mine(facts)
        .filter(assignmentTest[m as AssignmentMeasure])
        .map(row);
  return { session: { id: session.id, name: session.name }, unit, measure: m, today, rows };
}

function row(f: AssignmentFact): SupervisionListRow {
  return {
    key: `a${f.assignmentId}`,
    proposalId: f.proposalId,
    number: f.number,
    title: f.title,
    isKey: f.isKey,
    proposalState: f.proposalState,
    unitName: f.unitName,
    role: f.role,
    state: f.state,
    round: f.round,
    assignedOn: f.assignedOn,
    firstReplyOn: f.firstReplyOn,
    firstReplyDue: f.firstReplyDue,
    firstContactOn: f.firstContactOn,
    latestCategory: f.latestCategory,
    daysToReply: f.daysToReply,
    due: f.due,
    light: f.light,
    rating: null,
  };
}

// ---- Key proposals ----

/** 重点督办建议: each with its supervising leader and, per replying unit, the due day and light. */
export function keyProposals(actor: Actor, { sessionId, today = dayOf(now()) }: { sessionId: number; today?: Day }) {
  requireSupervisor(actor);
  const db = getDb();
  const session = loadSession(sessionId);
  const settings = settingsOf(session);
  const cal = loadCalendar(db);
  const list = db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, supervisor: proposals.supervisor, state: proposals.state })
    .from(proposals)
    .where(and(eq(proposals.sessionId, sessionId), eq(proposals.isKey, true)))
    .orderBy(asc(proposals.number))
    .all();
  const ids = list.map((p) => p.id);
  const assigned = ids.length
    ? db
        .select({ a: assignments, unitName: units.name })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(and(inArray(assignments.proposalId, ids), ne(assignments.state, "transferred")))
        .orderBy(asc(assignments.id))
        .all()
    : [];
  const assignmentIds = assigned.map((r) => r.a.id);
  const lastSent = new Map<number, Day>();
  const metOn = new Map<number, Day>();
  if (assignmentIds.length) {
    for (const r of db
      .select({ assignmentId: replies.assignmentId, sentAt: replies.sentAt })
      .from(replies)
      .where(and(inArray(replies.assignmentId, assignmentIds), eq(replies.state, "sent")))
      .orderBy(asc(replies.round))
      .all())
      if (r.sentAt) lastSent.set(r.assignmentId, dayOf(r.sentAt));
    // Key proposals require a face-to-face meeting with the deputy (DOMAIN.md "Lifecycle" 4).
    for (const c of db
      .select({ assignmentId: contactLogs.assignmentId, on: contactLogs.contactedOn })
      .from(contactLogs)
      .where(and(inArray(contactLogs.assignmentId, assignmentIds), inArray(contactLogs.channel, ["in_person", "meeting"])))
      .orderBy(asc(contactLogs.contactedOn))
      .all())
      if (!metOn.has(c.assignmentId)) metOn.set(c.assignmentId, c.on);
  }

  return list.map((p) => {
    const mine = assigned.filter((r) => r.a.proposalId === p.id);
    const replying = mine
      .filter((r) => isReplyingRole(r.a.role))
      .map(({ a, unitName }) => {
        const live = isRunning(a.state, p.state);
        const d = assignmentDeadlines(clockOf(a), settings, cal);
        const due = live ? d.due : null;
        return {
          assignmentId: a.id,
          unitName,
          role: a.role,
          state: a.state,
          round: a.round,
          duty: live ? d.duty : null,
          due,
          light: live ? warningLight(due, today, settings, cal) : ("none" as Light),
          repliedOn: lastSent.get(a.id) ?? null,
          metOn: metOn.get(a.id) ?? null,
        };
      });
    return {
      proposalId: p.id,
      number: p.number,
      title: p.title,
      supervisor: p.supervisor,
      state: p.state,
      units: replying,
      coUnits: mine.filter((r) => r.a.role === "co").map((r) => r.unitName),
    };
  });
}

export type KeyProposal = ReturnType<typeof keyProposals>[number];
