import "server-only";
import { authorize } from "@/lib/authz";
import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  assignments,
  congressSessions,
  contactLogs,
  deputies,
  proposals,
  ratings,
  replies,
  units,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { LIVE_PROPOSAL_STATES, RUNNING_ASSIGNMENT_STATES, assignmentDeadlines, dayOf, isRunning, lightFrom, warningLight, type Day, type Light } from "@/lib/deadlines";
import { todayInChina } from "@/lib/clock";
import { NotFound } from "@/lib/errors";
import { clockOf, loadCalendar, settingsOf } from "@/lib/clock-rules";
import { kept } from "./kept";
import { sessionsInOrder } from "./options";
import {
  PROPOSAL_STATES,
  isReplyingRole,
  isSatisfied,
  sendsBack,
  type AssignmentRole,
  type AssignmentState,
  type ProposalState,
  type RatingLevel,
  type ReplyCategory,
} from "@/lib/workflow";

/*
 * What supervisors measure (docs/rules.md § "Supervision measures"), per unit and per session.
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
  attitudeSatisfied: (r) => isSatisfied(r.attitude),
  attitudeUnsatisfied: (r) => !isSatisfied(r.attitude),
  outcomeSatisfied: (r) => isSatisfied(r.outcome),
  outcomeUnsatisfied: (r) => !isSatisfied(r.outcome),
  unsatisfied: sendsBack,
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

  // Every fact is stored with the assignment (lib/services/stored-deadlines.ts), in the transaction
  // of the change that decides it.
  const facts: AssignmentFact[] = rows.map(({ a, unitName, number, title, isKey, proposalState }) => {
    const assignedOn = dayOf(a.assignedAt);
    const live = isRunning(a.state, proposalState);
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
      assignedOn,
      firstReplyOn: a.firstReplyOn,
      firstReplyDue: a.firstReplyDue,
      firstContactOn: a.firstContactOn,
      latestCategory: a.latestCategory,
      daysToReply: a.firstReplyOn ? daysBetween(assignedOn, a.firstReplyOn) : null,
      due: live ? a.dueOn : null,
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
  /** Commitments of the unit's sent B replies not yet done, and those of them past their day. */
  commitments: { open: number; overdue: number };
};

/** The counts behind one unit's (or all units') figures, as the two GROUP BY queries give them. */
type Counts = Record<AssignmentMeasure | "daysSum", number> &
  Record<"ratings" | "attitudeSatisfied" | "outcomeSatisfied", number> &
  Record<"commitmentsOpen" | "commitmentsOverdue", number>;

function measuresOf(c: Counts): UnitMeasures {
  return {
    assignments: c.assignments,
    lead: c.asLead,
    co: c.asCo,
    parallel: c.asParallel,
    replied: c.replied,
    onTime: rate(c.onTime, c.replied),
    contactRate: rate(c.contacted, c.replied),
    satisfaction: { attitude: rate(c.attitudeSatisfied, c.ratings), outcome: rate(c.outcomeSatisfied, c.ratings) },
    resolutionA: rate(c.A, c.replied),
    resolutionAB: rate(c.AB, c.replied),
    rehandlingCount: c.rehandled,
    overdueNow: c.overdue,
    avgDaysToReply: c.replied ? Math.round((c.daysSum / c.replied) * 10) / 10 : null,
    commitments: { open: c.commitmentsOpen, overdue: c.commitmentsOverdue },
  };
}

const quoted = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));

/**
 * Every unit's counts in one pass over the session's assignments (GROUP BY unit), from the facts
 * stored with each assignment. Each sum is the SQL form of the measure of the same name in
 * `assignmentTest` (the drill-down lists filter with those; the tests hold the two to each other).
 */
function assignmentCounts(sessionId: number, today: Day) {
  return getDb().all<Record<AssignmentMeasure | "daysSum" | "unitId", number> & { unitName: string; shortName: string }>(sql`
    select a.unit_id as unitId, u.name as unitName, u.short_name as shortName,
      count(*) as assignments,
      total(a.role = 'lead') as asLead,
      total(a.role = 'co') as asCo,
      total(a.role = 'parallel') as asParallel,
      total(a.first_reply_on is not null) as replied,
      total(a.first_reply_on <= a.first_reply_due) as onTime,
      total(a.first_reply_on > a.first_reply_due) as late,
      total(a.first_contact_on <= a.first_reply_on) as contacted,
      total(a.first_reply_on is not null and not coalesce(a.first_contact_on <= a.first_reply_on, 0)) as notContacted,
      total(a.latest_category = 'A') as A,
      total(a.latest_category in ('A', 'B')) as AB,
      total(a.round > 1) as rehandled,
      total(a.state in (${quoted(RUNNING_ASSIGNMENT_STATES)}) and p.state in (${quoted(LIVE_PROPOSAL_STATES)}) and a.due_on < ${today}) as overdue,
      total(julianday(a.first_reply_on) - julianday(date(a.assigned_at / 1000 + 8 * 3600, 'unixepoch'))) as daysSum
    from proposals p
    join assignments a on a.proposal_id = p.id
    join units u on u.id = a.unit_id
    where p.session_id = ${sessionId} and a.state <> 'transferred'
    group by a.unit_id
    order by a.unit_id`);
}

/** Ratings per unit: per assignment and deputy, only the rating of the latest round that deputy rated. */
function ratingCounts(sessionId: number) {
  return getDb().all<{ unitId: number; ratings: number; attitudeSatisfied: number; outcomeSatisfied: number }>(sql`
    select a.unit_id as unitId,
      count(*) as ratings,
      total(r.attitude <> 'unsatisfied') as attitudeSatisfied,
      total(r.outcome <> 'unsatisfied') as outcomeSatisfied
    from proposals p
    join assignments a on a.proposal_id = p.id
    join replies rp on rp.assignment_id = a.id
    join ratings r on r.reply_id = rp.id
    where p.session_id = ${sessionId} and a.state <> 'transferred' and a.role <> 'co' and rp.state = 'sent'
      -- In round 1 there is one reply, rated once per deputy: only later rounds need the latest.
      and (a.round = 1 or not exists (
        select 1 from replies rp2 join ratings r2 on r2.reply_id = rp2.id
        where rp2.assignment_id = a.id and rp2.state = 'sent' and r2.deputy_id = r.deputy_id
          and (rp2.round > rp.round or (rp2.round = rp.round and r2.id > r.id))))
    group by a.unit_id`);
}

/**
 * Open commitments of sent replies per unit, and those past their day (docs/rules.md § "Commitments").
 * Read along the (state, due_on) index: the work grows with the open commitments, never with the
 * proposals; CROSS JOIN keeps SQLite from starting at the session's proposals instead.
 */
function commitmentCounts(sessionId: number, today: Day) {
  return getDb().all<{ unitId: number; commitmentsOpen: number; commitmentsOverdue: number }>(sql`
    select c.unit_id as unitId, count(*) as commitmentsOpen, total(c.due_on < ${today}) as commitmentsOverdue
    from commitments c
    cross join replies rp on rp.id = c.reply_id
    cross join proposals p on p.id = c.proposal_id
    where c.state = 'open' and rp.state = 'sent' and p.session_id = ${sessionId}
    group by c.unit_id`);
}

/** Sessions to choose from, newest first (the default). */
export function supervisionSessions(actor: Actor) {
  requireSupervisor(actor);
  return sessionsInOrder();
}

type Report = ReturnType<typeof computeReport>;

/** Kept while nothing it counts has changed (db/queries/kept.ts): the day is part of the key, for the lights. */
export function supervisionReport(actor: Actor, { sessionId, today }: { sessionId: number; today: Day }): Report {
  requireSupervisor(actor);
  return kept(`supervision|${sessionId}|${today}`, () => computeReport(sessionId, today));
}

function computeReport(sessionId: number, today: Day) {
  const session = loadSession(sessionId);
  const counted = getDb()
    .select({ state: proposals.state, n: count() })
    .from(proposals)
    .where(eq(proposals.sessionId, sessionId))
    .groupBy(proposals.state)
    .all();
  const stateCounts = Object.fromEntries(PROPOSAL_STATES.map((s) => [s, counted.find((c) => c.state === s)?.n ?? 0])) as Record<ProposalState, number>;

  const rated = new Map(ratingCounts(sessionId).map((r) => [r.unitId, r]));
  const noRatings = { ratings: 0, attitudeSatisfied: 0, outcomeSatisfied: 0 };
  const promised = new Map(commitmentCounts(sessionId, today).map((r) => [r.unitId, r]));
  const noCommitments = { commitmentsOpen: 0, commitmentsOverdue: 0 };
  const perUnit = assignmentCounts(sessionId, today).map(({ unitId, unitName, shortName, ...c }) => ({
    unitId,
    unitName,
    shortName,
    counts: { ...c, ...noRatings, ...rated.get(unitId), ...noCommitments, ...promised.get(unitId), unitId: undefined } as Counts,
  }));
  const total = {} as Counts;
  for (const u of perUnit) for (const [k, v] of Object.entries(u.counts)) if (typeof v === "number") total[k as keyof Counts] = (total[k as keyof Counts] ?? 0) + v;
  for (const k of [...ASSIGNMENT_MEASURES, "daysSum", ...Object.keys(noRatings), ...Object.keys(noCommitments)] as (keyof Counts)[]) total[k] ??= 0;

  return {
    session: { id: session.id, name: session.name },
    today,
    stateCounts,
    proposalCount: Object.values(stateCounts).reduce((s, n) => s + n, 0),
    units: perUnit.map(({ counts, ...u }) => ({ ...u, ...measuresOf(counts) })),
    total: measuresOf(total),
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
export function keyProposals(actor: Actor, { sessionId, today = todayInChina() }: { sessionId: number; today?: Day }) {
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
    // Key proposals require a face-to-face meeting with the deputy (docs/rules.md § "States and events", before a reply goes).
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
